/**
 * links (presentation): the arrows between the bands, by kind: a map entry to its object (map), an
 * object to the one it shadows (shadow) and to its copy object (copy), to its file (pager) and to
 * the default pager when it has pages in swap (swap), a resident page to its frame (frame); a task
 * left of other tasks (two columns of tasks) sends its arrows through a lane over them. The
 * boxes are drawn over them, so an arrow passing behind a box is hidden there, never on top.
 */
import { keyed, ref, refKey, type ElementRef } from '../../element_ref';
import type { FrameLayout, LinkLayout, ObjectLayout, PagerLayout, TaskLayout } from '../types';
import type { StageMeasures } from './measure';

const ends = (a: { ref: ElementRef; key: string }, b: { ref: ElementRef; key: string }) => ({ from: a.key, to: b.key, fromRef: a.ref, toRef: b.ref });

/** A horizontal S curve from (x1, y1) to (x2, y2). */
function curve(x1: number, y1: number, x2: number, y2: number): string {
  const k = Math.max(20, Math.abs(x2 - x1) * 0.5);
  return `M${x1},${y1}C${x1 + k},${y1} ${x2 - k},${y2} ${x2},${y2}`;
}

/** From a point to the top middle of a box below (a frame of a flow under the top band). */
function down(x1: number, y1: number, b: { x: number; y: number; w: number }): string {
  const [x2, y2] = [b.x + b.w / 2, b.y];
  const bend = Math.max(30, (y2 - y1) / 2);
  return `M${x1},${y1}C${x1 + 60},${y1} ${x2},${y2 - bend} ${x2},${y2}`;
}

/** Where the arrows of tasks left of other tasks run: a lane at y over the tasks from x `from` to `to`. */
export interface TaskLane {
  y: number;
  from: number;
  to: number;
}

export function stageLinks(
  m: StageMeasures, tasks: TaskLayout[], objects: ObjectLayout[], pagers: PagerLayout[], frames: FrameLayout[], framesBelow: boolean, lane: TaskLane | null = null,
): LinkLayout[] {
  const { line } = m;
  const links: LinkLayout[] = [];
  const objById = new Map(objects.map((o) => [o.object.id, o]));
  const pagerByKey = new Map(pagers.map((p) => [p.key, p]));
  const frameByIndex = new Map(frames.map((f) => [f.index, f]));
  const head = (o: ObjectLayout) => o.y + line * 0.6;
  for (const t of tasks) {
    for (const e of t.entries) {
      const o = objById.get(e.entry.object);
      if (o === undefined) continue;
      const [x1, y1] = [e.x + e.w, e.y + line * 0.6];
      // from a task left of others: up into the lane over them, along it, then down to the object
      const d = lane !== null && x1 < lane.to - 1
        ? `M${x1},${y1}C${x1 + m.ch},${y1} ${x1},${lane.y} ${x1 + m.ch},${lane.y}H${lane.to}${curve(lane.to, lane.y, o.x, head(o)).replace(/^M[^C]*/, '')}`
        : curve(x1, y1, o.x, head(o));
      links.push({ key: `map:${e.entry.id}`, kind: 'map', ...ends(e, o), d });
    }
  }
  for (const o of objects) {
    const s = objById.get(o.object.shadow);
    if (s !== undefined) links.push({ key: `shadow:${o.object.id}`, kind: 'shadow', ...ends(o, s), d: curve(o.x + o.w, head(o), s.x, head(s) + line * 0.3) });
    const c = objById.get(o.object.copy);
    if (c !== undefined) {
      const [x1, y1, x2, y2] = [o.x + o.w * 0.2, o.y, c.x + c.w * 0.8, c.y];
      const top = Math.max(2, Math.min(y1, y2) - line * 0.6);
      links.push({ key: `copy:${o.object.id}`, kind: 'copy', ...ends(o, c), d: `M${x1},${y1}C${x1},${top} ${x2},${top} ${x2},${y2}` });
    }
    const p = o.object.pager !== null ? pagerByKey.get(refKey(ref.pager(o.object.pager))) : undefined;
    if (p !== undefined) links.push({ key: `pager:${o.object.id}`, kind: 'pager', ...ends(o, p), d: curve(o.x + o.w, head(o) + line * 0.2, p.x, p.y + p.h / 2) });
    const swap = pagerByKey.get(refKey(ref.pager(null)));
    if (o.object.swapped.length > 0 && swap !== undefined) {
      links.push({ key: `swap:${o.object.id}`, kind: 'swap', ...ends(o, swap), d: curve(o.x + o.w, o.y + o.h - line * 0.5, swap.x, swap.y + swap.h / 2) });
    }
    for (const cell of o.cells) {
      const f = cell.frame === null ? undefined : frameByIndex.get(cell.frame);
      if (f === undefined) continue;
      const [x1, y1] = [cell.x + cell.w, cell.y + cell.h / 2];
      links.push({ key: `frame:${cell.key}`, kind: 'frame', ...ends(cell, keyed(ref.frame(f.index))), d: framesBelow ? down(x1, y1, f) : curve(x1, y1, f.x, f.y + f.h / 2) });
    }
  }
  return links;
}
