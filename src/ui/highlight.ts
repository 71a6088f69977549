/**
 * Which drawn elements a kernel event touches, so the diagram can light them up while the
 * narration explains the event. Pure: one event in, ids out.
 */
import type { KernelEvent } from '../kernel/events';

export interface Highlight {
  tasks: number[];
  objects: number[];
  frames: number[];
  entries: number[];
}

export const NO_HIGHLIGHT: Highlight = { tasks: [], objects: [], frames: [], entries: [] };

export function highlightOf(e: KernelEvent): Highlight {
  const h: Highlight = { tasks: [], objects: [], frames: [], entries: [] };
  const r = e as unknown as Record<string, unknown>;
  const num = (k: string) => (typeof r[k] === 'number' && (r[k] as number) > 0 ? (r[k] as number) : null);
  const push = (list: number[], v: number | null) => {
    if (v !== null && !list.includes(v)) list.push(v);
  };
  push(h.tasks, num('task'));
  push(h.entries, num('entry'));
  push(h.entries, num('newEntry'));
  push(h.entries, num('kept'));
  for (const k of ['object', 'shadow', 'copy', 'source', 'from', 'to', 'absorbed', 'bypassed']) push(h.objects, num(k));
  for (const k of ['frame', 'fromFrame']) {
    const v = r[k];
    if (typeof v === 'number' && v >= 0) push(h.frames, v);
  }
  return h;
}

/** The union of the highlights of several events. */
export function mergeHighlights(events: readonly KernelEvent[]): Highlight {
  const out: Highlight = { tasks: [], objects: [], frames: [], entries: [] };
  for (const e of events) {
    const h = highlightOf(e);
    for (const k of ['tasks', 'objects', 'frames', 'entries'] as const) for (const v of h[k]) if (!out[k].includes(v)) out[k].push(v);
  }
  return out;
}
