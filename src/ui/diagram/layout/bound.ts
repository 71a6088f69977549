/**
 * bound: what keeps the diagram's cost bounded whatever the machine (issue 15). Past a named
 * threshold the tasks, a task's map entries and the VM objects are drawn a window at a time, and
 * what is left out is drawn as a summary ("… 1,968 more entries (0x…–0x…)") that, clicked or
 * activated with Enter/Space, moves its window (a page at a time: the picture never draws more
 * than one window of each). The windows' positions are the diagram's own state (MachineDiagram)
 * passed in LayoutOptions.windows; a machine under every threshold (every built-in lesson) has no
 * window and is drawn exactly as before. Pure: no React, no DOM.
 *
 *   task A                       task window: TASK_WINDOW tasks, then "… 25 more tasks (F15 … F39)"
 *   ┌ 0x1000–0x2000 ┐            entry window: ENTRY_WINDOW entries of a task
 *   ...
 *   ┊ … 1,968 more entries ┊     ← summary: click / Enter shows the next window
 *
 * With every window at most its size, the whole picture draws at most MAX_DIAGRAM_ELEMENTS SVG
 * elements (diagramElementCount estimates what DiagramPicture draws; the tests and the e2e check it).
 */
import type { MachineSnapshot, ObjectSnapshot } from '../../../kernel/snapshot';
import type { DiagramLayout } from './types';

/** More tasks than this: they are drawn TASK_WINDOW at a time. */
export const TASK_WINDOW = 8;
/** A task with more map entries than this draws them ENTRY_WINDOW at a time (and no per-page click targets: one per entry). */
export const ENTRY_WINDOW = 16;
/** More VM objects than this: they are drawn OBJECT_WINDOW at a time, those the drawn entries map first. */
export const OBJECT_WINDOW = 32;
/** More files (pagers) than this: only the first PAGER_WINDOW are drawn, the rest counted. */
export const PAGER_WINDOW = 16;
/** How many of each a window holds. */
export interface WindowSizes {
  tasks: number;
  entries: number;
  objects: number;
}
export const NORMAL_WINDOWS: WindowSizes = { tasks: TASK_WINDOW, entries: ENTRY_WINDOW, objects: OBJECT_WINDOW };
/**
 * A crowded machine in presentation mode: smaller windows, so that the picture scaled to fit the
 * screen stays readable from the back of the room (the summaries show the rest).
 */
export const PRESENTATION_WINDOWS: WindowSizes = { tasks: 2, entries: 6, objects: 8 };

/** The most SVG elements the picture may draw, whatever the machine (what the windows above guarantee). */
export const MAX_DIAGRAM_ELEMENTS = 10_000;

/** The windows' positions: window name → index of its first item drawn (absent: 0). */
export type Windows = ReadonlyMap<string, number>;
export const NO_WINDOWS: Windows = new Map();

/** Window names. */
export const TASKS_WINDOW = 'tasks';
export const OBJECTS_WINDOW = 'objects';
export const entriesWindow = (taskId: number): string => `entries:${taskId}`;

/** The items [start, end) of a window of `size` over `count` items starting at the asked `at` (clamped: a window is always full when it can be). */
export function windowRange(count: number, size: number, at: number | undefined): { start: number; end: number } {
  if (count <= size) return { start: 0, end: count };
  const start = Math.max(0, Math.min(count - size, Math.floor(at ?? 0)));
  return { start, end: start + size };
}

/** True when a machine needs a window somewhere (presentation mode then keeps the normal, bounded layout). */
export function isCrowded(snap: MachineSnapshot): boolean {
  return (
    snap.tasks.length > TASK_WINDOW ||
    snap.objects.length > OBJECT_WINDOW ||
    snap.pagers.length > PAGER_WINDOW + 1 ||
    snap.tasks.some((t) => t.entries.length > ENTRY_WINDOW)
  );
}

/**
 * The objects drawn: all of them up to `size` (OBJECT_WINDOW); past it, a window over the objects in this
 * order: those the drawn entries map and the chains under them first, then the others, by id
 * within each. Returns them in id order, with how many come before and after the window.
 */
export function objectsInWindow(
  objects: readonly ObjectSnapshot[],
  mapped: Iterable<number>,
  at: number | undefined,
  size = OBJECT_WINDOW,
): { drawn: ObjectSnapshot[]; before: number; after: number; total: number } {
  if (objects.length <= size) return { drawn: [...objects], before: 0, after: 0, total: objects.length };
  const byId = new Map(objects.map((o) => [o.id, o]));
  const first = new Set<number>();
  for (const id of mapped) {
    // the object and the chain under it (a cycle cannot loop: each id is taken once)
    for (let o = byId.get(id); o !== undefined && !first.has(o.id); o = byId.get(o.shadow)) first.add(o.id);
  }
  const order = [...objects.filter((o) => first.has(o.id)), ...objects.filter((o) => !first.has(o.id))];
  const { start, end } = windowRange(order.length, size, at);
  const drawn = order.slice(start, end).sort((a, b) => a.id - b.id);
  return { drawn, before: start, after: order.length - end, total: order.length };
}

/**
 * How many SVG elements DiagramPicture draws for a layout (an estimate from above: a group and its
 * box per element, one per label, the links, a compact grid's few paths), for the budget's tests.
 */
export function diagramElementCount(l: DiagramLayout): number {
  const texts = (t: { texts: unknown[] }) => t.texts.length;
  const GRID = 8;
  let n = l.links.length + l.texts.length;
  for (const t of l.tasks) {
    n += 2 + texts(t);
    for (const gp of t.gaps) n += 2 + texts(gp);
    for (const e of t.entries) n += 2 + texts(e) + 3 * e.pages.length;
  }
  for (const o of l.objects) {
    n += 2 + texts(o) + (o.grid !== null ? GRID : 0);
    for (const c of o.cells) n += 2 + texts(c);
  }
  for (const p of l.pagers) n += 2 + texts(p);
  for (const f of l.frames) n += 3 + texts(f);
  n += 1 + l.framesBox.texts.length + 2 * l.framesBox.legend.length + (l.framesGrid !== null ? GRID : 0);
  n += 1 + l.tlb.texts.length + 2 * l.tlb.legend.length + (l.tlb.grid !== null ? GRID : 0);
  for (const c of l.tlb.cells) n += 2 + texts(c);
  for (const s of l.summaries ?? []) n += 2 + texts(s);
  return n;
}
