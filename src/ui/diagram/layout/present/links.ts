/**
 * links (presentation): the arrows between the bands, by kind: a map entry to its object (map), an
 * object to the one it shadows (shadow) and to its copy object (copy), to its file (pager) and to
 * the default pager when it has pages in swap (swap), a resident page to its frame (frame); a task
 * left of other tasks (two columns of tasks) sends its arrows through a lane over them, and an
 * arrow to an object behind other columns runs in a lane over the objects. The
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

/** Where the arrows to objects behind other columns run: a lane at y over the objects, from x `from`; `gap` between columns. */
export interface ObjectLane {
  y: number;
  from: number;
  gap: number;
}

/** How the arrows are routed: frames under the top band (arrows go down to them), the lanes. */
export interface Routes {
  framesBelow: boolean;
  tasks: TaskLane | null;
  objects: ObjectLane | null;
}

export function stageLinks(
  m: StageMeasures,
  { tasks, objects, pagers, frames }: { tasks: TaskLayout[]; objects: ObjectLayout[]; pagers: PagerLayout[]; frames: FrameLayout[] },
  { framesBelow, tasks: lane, objects: objLane }: Routes,
): LinkLayout[] {
  const { line } = m;
  const links: LinkLayout[] = [];
  const objById = new Map(objects.map((o) => [o.object.id, o]));
  const pagerByKey = new Map(pagers.map((p) => [p.key, p]));
  const frameByIndex = new Map(frames.map((f) => [f.index, f]));
  const head = (o: ObjectLayout) => o.y + line * 0.6;
  const firstColumn = Math.min(...objects.map((o) => o.x));
  /** Entry → object: over the tasks to its right through their lane, over the columns in front of the object through theirs. */
  const mapPath = (x1: number, y1: number, o: ObjectLayout) => {
    let d = `M${x1},${y1}`;
    let [x, y] = [x1, y1];
    if (lane !== null && x1 < lane.to - 1) {
      d += `C${x + m.ch},${y} ${x},${lane.y} ${x + m.ch},${lane.y}H${lane.to}`;
      [x, y] = [lane.to, lane.y];
    }
    const [x2, y2] = [o.x, head(o)];
    if (objLane !== null && x2 > firstColumn + 1) {
      const xb = x2 - objLane.gap * 0.6;
      const k = Math.max(m.ch, (objLane.from - x) * 0.5);
      if (y !== objLane.y) d += `C${x + k},${y} ${objLane.from - k},${objLane.y} ${objLane.from},${objLane.y}`;
      d += `H${xb}C${xb + objLane.gap * 0.4},${objLane.y} ${x2 - objLane.gap * 0.4},${y2} ${x2},${y2}`;
      return d;
    }
    return d + curve(x, y, x2, y2).replace(/^M[^C]*/, '');
  };
  for (const t of tasks) {
    for (const e of t.entries) {
      const o = objById.get(e.entry.object);
      if (o === undefined) continue;
      links.push({ key: `map:${e.entry.id}`, kind: 'map', ...ends(e, o), d: mapPath(e.x + e.w, e.y + line * 0.6, o) });
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
