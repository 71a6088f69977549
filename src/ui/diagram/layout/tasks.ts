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
 * A task's place depends only on the tasks before it. A crowded machine (bound.ts) draws its tasks
 * a window at a time (TASK_WINDOW; fewer in presentation mode) and a task's entries too (ENTRY_WINDOW), a summary box standing for
 * what each window leaves out before and after it (activating one moves its window by a page).
 */
import type { MachineSnapshot } from '../../../kernel/snapshot';
import { hex, inheritName, protString } from '../format';
import { keyed, ref } from '../element_ref';
import { textWidth, type Geometry } from './geometry';
import { entryLabel, taskLabel } from './labels';
import { NO_WINDOWS, NORMAL_WINDOWS, TASKS_WINDOW, entriesWindow, windowRange, type WindowSizes, type Windows } from './bound';
import { count, headLines, rangeLines, summaryBox } from './summary';
import type { EntryLayout, EntryPage, GapLayout, SummaryLayout, TaskLayout, TextItem } from './types';

/** Entries of at most this many pages get one clickable rectangle per page. */
export const MAX_PAGE_RECTS = 24;

export interface TasksBand {
  tasks: TaskLayout[];
  /** What the windows of a crowded machine leave out (bound.ts); empty otherwise. */
  summaries: SummaryLayout[];
}

export function layoutTasks(snap: MachineSnapshot, geo: Geometry, windows: Windows = NO_WINDOWS, sizes: WindowSizes = NORMAL_WINDOWS): TasksBand {
  const taskWindow = sizes.tasks;
  const entryWindow = sizes.entries;
  const { fs, u, g, text, lineY, headingSize } = geo;
  const ps = snap.pageSize;
  const tasks: TaskLayout[] = [];
  const summaries: SummaryLayout[] = [];
  /** Text runs from 10 px in (the page ticks are on the edges) to 8 px before the right edge. */
  const inner = g.taskW - 18 * u;
  const x = g.margin;
  let ty = g.margin;
  const tw = windowRange(snap.tasks.length, taskWindow, windows.get(TASKS_WINDOW));
  const namesOf = (from: number, to: number) => (to - from === 1 ? snap.tasks[from].name : `${snap.tasks[from].name} … ${snap.tasks[to - 1].name}`);
  if (tw.start > 0) {
    const n = tw.start;
    const s = summaryBox(geo, { x, y: ty, w: g.taskW }, {
      key: 'tasks-before', window: TASKS_WINDOW, to: Math.max(0, tw.start - taskWindow), count: n,
      label: `${count(n)} earlier tasks not drawn (${namesOf(0, n)}): show the previous ${Math.min(n, taskWindow)}`,
    }, [...headLines(`▲ ${count(n)} earlier`, 'tasks', inner, fs), namesOf(0, n)]);
    summaries.push(s);
    ty += s.h + g.taskVGap;
  }
  for (const t of snap.tasks.slice(tw.start, tw.end)) {
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
    const ew = windowRange(t.entries.length, entryWindow, windows.get(entriesWindow(t.id)));
    const windowed = ew.end - ew.start < t.entries.length;
    const entriesSummary = (key: string, from: number, to: number, target: number, arrow: string, which: string) => {
      const n = to - from;
      const a = hex(t.entries[from].start);
      const b = hex(t.entries[to - 1].end);
      const s = summaryBox(geo, { x, y, w: g.taskW }, {
        key: `entries-${t.id}-${key}`, window: entriesWindow(t.id), to: target, count: n,
        label: `${count(n)} ${which} map entries of task ${t.name} not drawn (${a} to ${b}): show the ${key === 'before' ? 'previous' : 'next'} ${Math.min(n, entryWindow)}`,
      }, [...headLines(`${arrow} ${count(n)} ${which}`, 'entries', inner, fs), ...rangeLines(a, b, inner, fs)]);
      summaries.push(s);
      y += s.h + g.entrySep;
    };
    if (ew.start > 0) entriesSummary('before', 0, ew.start, Math.max(0, ew.start - entryWindow), '▲', 'earlier');
    t.entries.slice(ew.start, ew.end).forEach((e, k) => {
      const i = ew.start + k;
      const prev = k === 0 ? undefined : t.entries[i - 1];
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
      // a windowed task's entries are clicked as a whole (the page from where): one element each
      if (pageCount <= MAX_PAGE_RECTS && !windowed) for (let p = 0; p < pageCount; p++) pages.push({ x, y: y + (p * h) / pageCount, w: g.taskW, h: h / pageCount, address: e.start + p * ps });
      const top = y + 2 * u;
      const et: TextItem[] = rangeLines.map((r, k) => text(x + 10 * u, lineY(top, k), r, 'entry', { bold: true }));
      et.push(text(x + 10 * u, lineY(top, nLines - 1), `${protString(e.protection)}/${protString(e.maxProtection)} ${inheritName(e.inheritance)}`, 'entry'));
      if (e.needsCopy) et.push(text(x + g.taskW - 8 * u, lineY(top, nLines - 1), 'COW', 'entry', { anchor: 'end', bold: true, tone: 'warn' }));
      entries.push({ ...keyed(ref.entry(e.id)), taskId: t.id, taskName: t.name, entry: e, pageCount, pages, x, y, w: g.taskW, h, texts: et, label: entryLabel(t, e) });
      y += h;
    });
    if (ew.end < t.entries.length) {
      y += g.entrySep;
      entriesSummary('after', ew.end, t.entries.length, ew.end, '▼', 'more');
    }
    tasks.push({ ...keyed(ref.task(t.id)), task: t, entries, gaps, texts: tt, x, y: ty, w: g.taskW, h: y - ty, label: taskLabel(t) });
    ty = y + g.taskVGap;
  }
  if (tw.end < snap.tasks.length) {
    const n = snap.tasks.length - tw.end;
    summaries.push(summaryBox(geo, { x, y: ty, w: g.taskW }, {
      key: 'tasks-after', window: TASKS_WINDOW, to: tw.end, count: n,
      label: `${count(n)} more tasks not drawn (${namesOf(tw.end, snap.tasks.length)}): show the next ${Math.min(n, taskWindow)}`,
    }, [...headLines(`▼ ${count(n)} more`, 'tasks', inner, fs), namesOf(tw.end, snap.tasks.length)]));
  }
  return { tasks, summaries };
}
