/**
 * links: the arrows between the bands, drawn as d3 horizontal links or cubic paths: a map entry to
 * its object (map), an object to the one it shadows (shadow) and to its copy object (copy), an
 * object to its file (pager) and to the default pager when it has pages in swap (swap), and a page
 * drawn on its own to its frame (frame; a grid's pages get theirs when they light up).
 *
 *   entry ──map──▶ obj 3 ──shadow──▶ obj 1 ──pager──▶ file F
 *                   ╰──copy──╯           ╲
 *                    page ╰───frame───▶ [frame 5]
 */
import { keyed, ref, refKey, type ElementRef } from '../element_ref';
import { cellBox, type Grid } from '../compact';
import type { Box, Geometry } from './geometry';
import type { ColumnPlan } from './plan';
import type { FrameLayout, LinkLayout, ObjectLayout, PagerLayout, TaskLayout } from './types';

/**
 * A horizontal link from s to t: a cubic curve leaving and arriving level, its control points half
 * way across (the path d3's linkHorizontal draws, to its 3 decimals, written out: d3-shape stays out of the
 * page's bundle).
 */
export function horizontalLink(s: readonly [number, number], t: readonly [number, number]): string {
  const r = (x: number) => Math.round(x * 1000) / 1000; // 3 decimals, as d3-path rounds
  const mx = r((s[0] + t[0]) / 2);
  return `M${r(s[0])},${r(s[1])}C${mx},${r(s[1])},${mx},${r(t[1])},${r(t[0])},${r(t[1])}`;
}

/** A link's two ends. */
const ends = (a: { ref: ElementRef; key: string }, b: { ref: ElementRef; key: string }) => ({ from: a.key, to: b.key, fromRef: a.ref, toRef: b.ref });

/** The link from a page (its right edge) down to its frame (the top's middle). */
export function frameLinkPath(page: Box, frame: Box, u: number): string {
  const [x1, y1] = [page.x + page.w, page.y + page.h / 2];
  const [x2, y2] = [frame.x + frame.w / 2, frame.y];
  const bend = Math.max(20 * u, (y2 - y1) / 2);
  return `M${x1},${y1}C${x1 + 30 * u},${y1} ${x2},${y2 - bend} ${x2},${y2}`;
}

/** What the links join: the bands already laid out. */
export interface Linked {
  tasks: TaskLayout[];
  objects: ObjectLayout[];
  pagers: PagerLayout[];
  frames: FrameLayout[];
  framesGrid: Grid | null;
}

export function layoutLinks(geo: Geometry, plan: ColumnPlan, { tasks, objects, pagers, frames, framesGrid }: Linked): LinkLayout[] {
  const { u, g } = geo;
  const { pagersRight, columns, columnX, bodyTop } = plan;
  const links: LinkLayout[] = [];
  const objById = new Map(objects.map((o) => [o.object.id, o]));
  const pagerByKey = new Map(pagers.map((p) => [p.key, p]));
  const hpath = horizontalLink;
  /** To a pager: straight right when the pagers are on the right, else around through the right-hand channel. */
  const toPager = (s: [number, number], p: PagerLayout, dy = 0) => {
    if (pagersRight) return hpath(s, [p.x, p.y + p.h / 2 + dy]);
    const [x2, y2] = [p.x + p.w, p.y + p.h / 2 + dy];
    const bulge = Math.max(s[0], x2) + g.channel * 0.8;
    return `M${s[0]},${s[1]}C${bulge},${s[1]} ${bulge},${y2} ${x2},${y2}`;
  };
  const anchorY = (o: ObjectLayout) => o.y + 4 * u + g.line * 0.6;
  /**
   * Entry → object. To an object behind other columns (a task mapping an object lower in a chain
   * than the shadows others made), the link runs over the top of those columns, in the lane
   * above the objects, and comes down in the gap before its own column: it never passes behind
   * an object it does not map.
   */
  const laneY = bodyTop - 10 * u;
  const mapPath = (s: [number, number], o: ObjectLayout): string => {
    const t: [number, number] = [o.x, anchorY(o)];
    if (o.level >= columns - 1) return hpath(s, t);
    const xa = columnX(columns - 1) - 10 * u;
    const xb = o.x - g.colGap + 6 * u;
    const k = Math.min(g.linkGap, xa - s[0]) * 0.6;
    const k2 = (t[0] - xb) * 0.6;
    return `M${s[0]},${s[1]}C${s[0] + k},${s[1]} ${xa - k},${laneY} ${xa},${laneY}H${xb}C${xb + k2},${laneY} ${t[0] - k2},${t[1]} ${t[0]},${t[1]}`;
  };
  for (const t of tasks) {
    for (const e of t.entries) {
      const o = objById.get(e.entry.object);
      if (o === undefined) continue;
      links.push({ key: `map:${e.entry.id}`, kind: 'map', ...ends(e, o), d: mapPath([e.x + e.w, e.y + e.h / 2], o) });
    }
  }
  for (const o of objects) {
    const s = objById.get(o.object.shadow);
    if (s !== undefined) links.push({ key: `shadow:${o.object.id}`, kind: 'shadow', ...ends(o, s), d: hpath([o.x + o.w, anchorY(o)], [s.x, anchorY(s) + g.line * 0.8]) });
    const c = objById.get(o.object.copy);
    if (c !== undefined) {
      const [x1, y1, x2, y2] = [o.x + 10 * u, o.y, c.x + c.w - 10 * u, c.y];
      const top = Math.min(y1, y2) - 24 * u;
      links.push({ key: `copy:${o.object.id}`, kind: 'copy', ...ends(o, c), d: `M${x1},${y1}C${x1},${top} ${x2},${top} ${x2},${y2}` });
    }
    const p = o.object.pager !== null ? pagerByKey.get(refKey(ref.pager(o.object.pager))) : undefined;
    if (p !== undefined) links.push({ key: `pager:${o.object.id}`, kind: 'pager', ...ends(o, p), d: toPager([o.x + o.w, o.y + 4 * u + g.line * 2.5], p) });
    if (o.object.swapped.length > 0) {
      links.push({ key: `swap:${o.object.id}`, kind: 'swap', ...ends(o, pagers[0]), d: toPager([o.x + o.w, o.y + o.h - 10 * u], pagers[0], 6 * u) });
    }
    // page → frame, for the pages drawn one by one (a grid's pages get theirs when they light up)
    for (const cell of o.cells) {
      if (cell.frame === null) continue;
      const f = framesGrid === null ? frames[cell.frame] : cell.frame < framesGrid.count ? cellBox(framesGrid, cell.frame) : undefined;
      if (f === undefined) continue;
      links.push({ key: `frame:${cell.key}`, kind: 'frame', ...ends(cell, keyed(ref.frame(cell.frame))), d: frameLinkPath(cell, f, u) });
    }
  }
  return links;
}
