/**
 * plan: the picture's width and its columns. Tasks are stacked in one column on the left (every
 * map link goes right, none crosses another task); object columns are anchored to the right edge
 * (level 0 rightmost), the pagers to the right of them when PLANNED_LEVELS columns fit, else under
 * the level-0 column.
 *
 *   | tasks |  …  level 2 | level 1 | level 0 |  pagers |      (pagersRight)
 *   | tasks |  …  level 2 | level 1 | level 0 | channel |      (narrow: pagers under level 0)
 *
 * An object's column depends only on its distance from the bottom of its shadow chain, so adding
 * a shadow level moves no column already drawn.
 */
import type { MachineSnapshot, ObjectSnapshot } from '../../../kernel/snapshot';
import { rowWidth, type Geometry } from './geometry';

/**
 * The object columns a width is planned for: when this many levels fit with the pagers on the right,
 * the pagers stay on the right; otherwise they go under the last column. Depending on the width only
 * (up to this many levels), the choice never flips from one step to the next.
 */
export const PLANNED_LEVELS = 3;

export interface ColumnPlan {
  /** The picture's width: at least the width asked for. */
  width: number;
  /** True when the pagers stand right of the object columns. */
  pagersRight: boolean;
  /** Each object's level: 0 at the bottom of its chain. */
  level: Map<number, number>;
  /** How many object columns (levels) there are. */
  columns: number;
  /** The left edge of the level-0 column. */
  col0X: number;
  /** The left edge of the column of level l. */
  columnX: (l: number) => number;
  /** The pagers' width (a column's when they are under it). */
  pagerW: number;
  /** Where the objects and the tasks' entries start (under the headings). */
  bodyTop: number;
}

/** Level of each object: 0 at the bottom of its chain, one more per shadow above it. */
export function levels(objects: ObjectSnapshot[]): Map<number, number> {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const level = new Map<number, number>();
  const of = (o: ObjectSnapshot, guard: number): number => {
    const known = level.get(o.id);
    if (known !== undefined) return known;
    const s = byId.get(o.shadow);
    const l = s === undefined || guard > objects.length ? 0 : of(s, guard + 1) + 1;
    level.set(o.id, l);
    return l;
  };
  for (const o of objects) of(o, 0);
  return level;
}

/**
 * The columns for `requested` px; the picture grows past it only when the columns or the bottom
 * band (`bottomW`: the wider of the TLB and the narrowest frame grid) cannot fit.
 */
export function planColumns(snap: MachineSnapshot, geo: Geometry, requested: number, bottomW: number): ColumnPlan {
  const { g } = geo;
  const level = levels(snap.objects);
  const columns = snap.objects.length === 0 ? 0 : Math.max(...level.values()) + 1;
  const objectsW = (n: number) => rowWidth(n, g.objW, g.colGap);
  const needRight = (n: number) => 2 * g.margin + g.taskW + g.linkGap + objectsW(n) + g.pagerGap + g.pagerW;
  const needBelow = (n: number) => 2 * g.margin + g.taskW + g.linkGap + objectsW(Math.max(1, n)) + g.channel;
  const pagersRight = requested >= needRight(Math.max(columns, PLANNED_LEVELS));
  const bottomNeed = 2 * g.margin + bottomW;
  const width = Math.max(requested, pagersRight ? needRight(columns) : needBelow(columns), bottomNeed);
  const col0X = pagersRight ? width - g.margin - g.pagerW - g.pagerGap - g.objW : width - g.margin - g.channel - g.objW;
  return {
    width,
    pagersRight,
    level,
    columns,
    col0X,
    columnX: (l) => col0X - l * (g.objW + g.colGap),
    pagerW: pagersRight ? g.pagerW : g.objW,
    bodyTop: g.margin + g.taskHead,
  };
}
