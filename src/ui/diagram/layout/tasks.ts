/**
 * tasks: the left band, each task's address space, one task under another: a heading (name,
 * fault counters), then its map entries top to bottom by address, a hole between two entries
 * that do not touch. An entry is at least tall enough for its lines (range, protections) and
 * grows with its pages up to entryMaxH; a small entry gets one clickable rectangle per page.
 *
 *   task A                 ← heading (taskHead)
 *   faults 3 · COW 1
 *   ┌──────────────────┐
 *   │0x1000–0x4000     │   ← entry: range, protections, COW
 *   │rw-/rwx copy   COW│
 *   └──────────────────┘
 *   ┊ hole 0x2000      ┊   ← gap
 *
 * A task's place depends only on the tasks before it.
 */
import type { MachineSnapshot } from '../../../kernel/snapshot';
import { hex, inheritName, protString } from '../format';
import { keyed, ref } from '../element_ref';
import { textWidth, type Geometry } from './geometry';
import { entryLabel, taskLabel } from './labels';
import type { EntryLayout, EntryPage, GapLayout, TaskLayout, TextItem } from './types';

/** Entries of at most this many pages get one clickable rectangle per page. */
export const MAX_PAGE_RECTS = 24;

export function layoutTasks(snap: MachineSnapshot, geo: Geometry): TaskLayout[] {
  const { fs, u, g, text, lineY, headingSize } = geo;
  const ps = snap.pageSize;
  const tasks: TaskLayout[] = [];
  /** Text runs from 10 px in (the page ticks are on the edges) to 8 px before the right edge. */
  const inner = g.taskW - 18 * u;
  let ty = g.margin;
  for (const t of snap.tasks) {
    const x = g.margin;
    const tt: TextItem[] = [
      text(x, ty + 16 * u, t.alive ? `task ${t.name}` : `task ${t.name} (dead)`, 'task', { bold: true, size: headingSize, tone: t.alive ? 'normal' : 'dim' }),
      text(x, ty + 36 * u, `faults ${t.faults} · COW ${t.cowFaults}`, 'task', { tone: 'dim' }),
    ];
    const entries: EntryLayout[] = [];
    const gaps: GapLayout[] = [];
    let y = ty + g.taskHead;
    if (t.entries.length === 0) {
      tt.push(text(x, lineY(y, 0), 'no map entries', 'task', { tone: 'dim' }));
      y += g.line + 6 * u;
    }
    t.entries.forEach((e, i) => {
      const prev = t.entries[i - 1];
      if (prev !== undefined) {
        if (e.start > prev.end) {
          const size = e.start - prev.end;
          gaps.push({
            x, y, w: g.taskW, h: g.gapH, size, label: `hole of ${hex(size)} bytes between ${hex(prev.end)} and ${hex(e.start)}`,
            texts: [text(x + g.taskW / 2, y + g.gapH / 2 + fs * 0.35, `hole ${hex(size)}`, 'gap', { anchor: 'middle', tone: 'dim' })],
          });
          y += g.gapH;
        } else y += g.entrySep;
      }
      const pageCount = Math.max(1, Math.round((e.end - e.start) / ps));
      const range = `${hex(e.start)}–${hex(e.end)}`;
      const rangeLines = textWidth(range, fs) <= inner ? [range] : [`${hex(e.start)}–`, hex(e.end)];
      const nLines = rangeLines.length + 1;
      const h = Math.max(nLines * g.line + g.entryPad, Math.min(g.entryMaxH, pageCount * g.pageH));
      const pages: EntryPage[] = [];
      if (pageCount <= MAX_PAGE_RECTS) for (let p = 0; p < pageCount; p++) pages.push({ x, y: y + (p * h) / pageCount, w: g.taskW, h: h / pageCount, address: e.start + p * ps });
      const top = y + 2 * u;
      const et: TextItem[] = rangeLines.map((r, k) => text(x + 10 * u, lineY(top, k), r, 'entry', { bold: true }));
      et.push(text(x + 10 * u, lineY(top, nLines - 1), `${protString(e.protection)}/${protString(e.maxProtection)} ${inheritName(e.inheritance)}`, 'entry'));
      if (e.needsCopy) et.push(text(x + g.taskW - 8 * u, lineY(top, nLines - 1), 'COW', 'entry', { anchor: 'end', bold: true, tone: 'warn' }));
      entries.push({ ...keyed(ref.entry(e.id)), taskId: t.id, taskName: t.name, entry: e, pageCount, pages, x, y, w: g.taskW, h, texts: et, label: entryLabel(t, e) });
      y += h;
    });
    tasks.push({ ...keyed(ref.task(t.id)), task: t, entries, gaps, texts: tt, x, y: ty, w: g.taskW, h: y - ty, label: taskLabel(t) });
    ty = y + g.taskVGap;
  }
  return tasks;
}
