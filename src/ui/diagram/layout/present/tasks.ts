/**
 * tasks (presentation): each task's address space, one task under another in the left column:
 * each map entry as a box, the first headed by the task's name, with a line of its protection and
 * copy state, then one line per page with what the task's pmap maps it to ("0x1000→f3 r--": the hardware page table's frame and
 * protection, so a copy-on-write page the pmap write-protects reads r-- under an rw- entry) or
 * "0x2000 —" when the pmap has nothing there.
 *
 *   ┌───────────────┐
 *   │task P  rw- COW│   ← the task's name heads its first entry
 *   │0x1000→f3 r--  │   ← one line per page (MAX_PAGE_LINES, then "+N pages")
 *   │0x2000 —       │
 *   └───────────────┘
 */
import type { MachineSnapshot } from '../../../../kernel/snapshot';
import { hex, protString } from '../../format';
import { keyed, ref } from '../../element_ref';
import { entryLabel, taskLabel } from '../labels';
import type { EntryLayout, EntryPage, TaskLayout, TextItem } from '../types';
import { BUDGET, type StageMeasures } from './measure';
import { pmapOf } from './extras';

/** An entry lists at most this many pages, then a count of the rest. */
export const MAX_PAGE_LINES = 8;

/** The entry's first line: its protection and how it is shared or copied. */
function entryHead(e: MachineSnapshot['tasks'][number]['entries'][number]): string {
  const flags = [e.needsCopy ? 'COW' : '', e.shared ? 'shared' : '', e.object === 0 ? 'zero' : ''].filter((f) => f !== '');
  return [protString(e.protection), ...flags].join(' ');
}

export function stageTasks(snap: MachineSnapshot, m: StageMeasures, x: number, top: number): TaskLayout[] {
  const { line, pad, fs } = m;
  const ps = snap.pageSize;
  const w = m.boxW(BUDGET.task);
  const tasks: TaskLayout[] = [];
  let ty = top;
  for (const t of snap.tasks) {
    const pmap = pmapOf(t);
    const name = t.alive ? `task ${t.name}` : `task ${t.name} ✕`;
    const texts: TextItem[] = [];
    let y = ty;
    const entries: EntryLayout[] = [];
    if (t.entries.length === 0) {
      texts.push(m.text(x, y, `${name} empty`, 'task', BUDGET.task, { bold: true, tone: 'dim' }));
      y += line;
    }
    t.entries.forEach((e, i) => {
      const pageCount = Math.max(1, Math.round((e.end - e.start) / ps));
      const shown = pageCount <= MAX_PAGE_LINES ? pageCount : MAX_PAGE_LINES - 1;
      // the task's name heads its first entry's box: "task P rw- COW" (the flags on a line of their own when too long)
      const head = entryHead(e);
      const beside = i === 0 && [...name].length + 1 + [...head].length <= BUDGET.task;
      const headLines = i === 0 && !beside ? 2 : 1;
      const lines = headLines + shown + (shown < pageCount ? 1 : 0);
      const h = lines * line + pad;
      const inner = y + pad * 0.5 + (headLines - 1) * line;
      const et: TextItem[] = [];
      if (i === 0) {
        et.push(m.text(x + pad, y + pad * 0.5, name, 'task', BUDGET.task, { bold: true }));
        et.push(beside ? { ...m.text(x + w - pad, inner, head, 'entry', BUDGET.task), anchor: 'end' } : m.text(x + pad, inner, head, 'entry', BUDGET.task));
      } else et.push(m.text(x + pad, inner, head, 'entry', BUDGET.task));
      const pages: EntryPage[] = [];
      for (let p = 0; p < shown; p++) {
        const address = e.start + p * ps;
        const mapped = pmap.get(address / ps);
        const t2 = mapped === undefined ? `${hex(address)} —` : `${hex(address)}→f${mapped.frame} ${protString(mapped.prot)}`;
        const lineTop = inner + (1 + p) * line;
        et.push(m.text(x + pad, lineTop, t2, 'entry', BUDGET.task, { tone: mapped === undefined ? 'dim' : 'normal' }));
        pages.push({ x, y: lineTop, w, h: line, address });
      }
      if (shown < pageCount) {
        const rest = [...pmap.keys()].filter((v) => v * ps >= e.start + shown * ps && v * ps < e.end).length;
        et.push(m.text(x + pad, inner + (1 + shown) * line, `+${pageCount - shown} (${rest} mapped)`, 'entry', BUDGET.task, { tone: 'dim' }));
      }
      entries.push({ ...keyed(ref.entry(e.id)), taskId: t.id, taskName: t.name, entry: e, pageCount, pages, x, y, w, h, texts: et, label: m.label(() => entryLabel(t, e)) });
      y += h + 0.2 * fs;
    });
    tasks.push({ ...keyed(ref.task(t.id)), task: t, entries, gaps: [], texts, x, y: ty, w, h: y - ty, label: m.label(() => taskLabel(t)) });
    ty = y + 0.3 * fs;
  }
  return tasks;
}
