/**
 * fit (presentation): the presentation diagram, laid out to be read from the back of a lecture
 * hall: text as large as the diagram's box allows. It tries font sizes from FONT_VH[0] down to the
 * floor (in % of the viewport height: 4.4vh … 3.0vh) and, at each, the arrangements of the
 * hardware, best first; the first layout that fits the box at scale 1 wins. A machine that fits
 * none at the floor is laid out at the floor in the arrangement that needs the least shrinking
 * (the component scales it down). The tries are drafts (no labels, no arrows), only the one taken
 * is made whole. Small machines only: a big one (compact grids) or a crowded one (layout/bound.ts:
 * windows and summaries) keeps the normal layout, scaled to fit, and so its bounded cost.
 *
 *   right2:  tasks │ objects │ pagers │ frames │ TLB       (two hardware columns on the right)
 *   right1:  tasks │ objects │ pagers │ frames / TLB      (one hardware column)
 *   below:   tasks │ objects │ pagers │ TLB               (the frames in rows under the top band)
 *            frames in rows        │
 *   tucked:  tasks │ objects │ pagers                (a tall column of tasks: the frames and the
 *            tasks │ frames in rows │ TLB in rows      TLB in rows under the objects, right of the tasks)
 *   stacked: tasks │ objects │ pagers, then the frames and the TLB side by side under them, in rows
 * (at each size the TLB's counters are tried with, then without; the tasks in one column, then two)
 */
import type { MachineSnapshot } from '../../../../kernel/snapshot';
import { COMPACT_FRAMES, COMPACT_SLOTS, COMPACT_TLB } from '../../compact';
import { levels } from '../plan';
import { isCrowded } from '../bound';
import type { DiagramLayout, TaskLayout } from '../types';
import { BUDGET, stageMeasures, type StageMeasures } from './measure';
import { stageTasks } from './tasks';
import { objectW, stageObjects, stagePagers } from './objects';
import { framesSection, placeSection, sectionSize, tlbSection, type Section } from './hardware';
import { stageLinks, type ObjectLane, type TaskLane } from './links';

/** Font sizes tried, in % of the viewport height, largest first. */
export const FONT_VH = [4.4, 4.3, 4.2, 4.1, 4.0, 3.9, 3.8, 3.7, 3.6, 3.5, 3.4, 3.3, 3.2, 3.1, 3.0];
/** Outlines and arrows: 3 px at 1080 (2 px at 720). */
export const STROKE_VH = 0.28;

/** The tasks may stand in up to this many columns side by side (when they are too tall for one). */
export const TASK_COLUMNS = 2;

/** One column of tasks is preferred while it fits at this size (vh) or larger. */
export const PREFER_ONE_COLUMN_VH = 3.8;

export type Arrangement = 'right2' | 'right1' | 'below' | 'tucked' | 'stacked';
export const ARRANGEMENTS: Arrangement[] = ['right2', 'right1', 'below', 'tucked', 'stacked'];

export interface StageBox {
  /** The diagram's box on screen, px. */
  width: number;
  height: number;
  /** 1% of the viewport height, px. */
  vh: number;
}

/** True for a machine drawn with compact grids, or a crowded one (bound.ts: drawn a window at a time): it keeps the normal layout. */
export function isBigMachine(snap: MachineSnapshot): boolean {
  return (
    snap.frameOwner.length > COMPACT_FRAMES || snap.tlbEntries > COMPACT_TLB || snap.objects.some((o) => Math.ceil(o.size / snap.pageSize) > COMPACT_SLOTS) ||
    isCrowded(snap)
  );
}

/**
 * The tasks in `cols` columns side by side (consecutive tasks in a column, the split that makes the
 * tallest column shortest), their left edge at x0.
 */
function taskColumns(snap: MachineSnapshot, m: StageMeasures, x0: number, y0: number, cols: number): { tasks: TaskLayout[]; right: number; lane: TaskLane | null } {
  const tw = m.boxW(BUDGET.task);
  const n = snap.tasks.length;
  if (cols <= 1 || n <= 1) return { tasks: stageTasks(snap, m, x0, y0), right: x0 + tw, lane: null };
  // the arrows of the tasks on the left run over the others, in a lane above them
  const laneY = y0 + 0.3 * m.fs;
  y0 += 0.8 * m.fs;
  const heights = stageTasks(snap, m, x0, y0).map((t) => t.h + 0.3 * m.fs);
  // the best split of n tasks into at most `cols` runs (n and cols are small: try them all)
  let best: number[] = [n];
  let bestH = Infinity;
  const tryCuts = (start: number, left: number, cuts: number[]) => {
    if (left === 1 || start >= n) {
      const runs = [...cuts, n].map((end, i, a) => heights.slice(i === 0 ? 0 : a[i - 1], end).reduce((p, q) => p + q, 0));
      const h = Math.max(...runs);
      if (h < bestH) [best, bestH] = [[...cuts, n], h];
      return;
    }
    for (let c = start + 1; c < n; c++) tryCuts(c, left - 1, [...cuts, c]);
    tryCuts(n, 1, cuts);
  };
  tryCuts(0, cols, []);
  const tasks: TaskLayout[] = [];
  let from = 0;
  best.forEach((end, i) => {
    const part = { ...snap, tasks: snap.tasks.slice(from, end) };
    tasks.push(...stageTasks(part, m, x0 + i * (tw + 1.5 * m.ch), y0));
    from = end;
  });
  const right = x0 + best.length * tw + (best.length - 1) * 1.5 * m.ch;
  return { tasks, right, lane: { y: laneY, from: x0 + tw, to: right } };
}

/** The top band's contents with its left edge at x0 and top at y0, the tasks in `taskCols` columns. */
function topBand(snap: MachineSnapshot, m: StageMeasures, x0: number, y0: number, taskCols: number) {
  const { tasks, right: tasksRight, lane } = taskColumns(snap, m, x0, y0, taskCols);
  const level = levels(snap.objects);
  const columns = snap.objects.length === 0 ? 0 : Math.max(...level.values()) + 1;
  const ow = objectW(m);
  const colGap = 1.8 * m.ch;
  const objX = tasksRight + 2.2 * m.ch;
  const columnX = (l: number) => objX + (columns - 1 - l) * (ow + colGap);
  // a task mapping an object behind other columns: its arrow runs in a lane over the objects
  const behind = snap.tasks.some((t) => t.entries.some((e) => (level.get(e.object) ?? columns - 1) < columns - 1));
  const objLane: ObjectLane | null = behind ? { y: y0 + 0.3 * m.fs, from: objX - 0.8 * m.ch, gap: colGap } : null;
  const objects = stageObjects(snap, m, { level, columns, columnX }, behind ? y0 + 0.8 * m.fs : y0);
  const objRight = columns === 0 ? tasksRight : objX + columns * ow + (columns - 1) * colGap;
  const pagers = stagePagers(snap, m, objRight + 2 * m.ch, y0);
  const right = pagers.length === 0 ? objRight : objRight + 2 * m.ch + m.boxW(BUDGET.pager);
  const objBottom = Math.max(y0, ...objects.map((o) => o.y + o.h), ...pagers.map((p) => p.y + p.h));
  const bottom = Math.max(objBottom, ...tasks.map((t: TaskLayout) => t.y + t.h));
  return { tasks, objects, pagers, right, bottom, lane, objLane, objX: tasksRight + 2.2 * m.ch, objBottom };
}

type TopBand = ReturnType<typeof topBand>;
type Corner = { x: number; y: number; width: number | null };
/** Where an arrangement puts the frames' and the TLB's sections (their corners, and the width of a flow), and the picture's width. */
interface Placement {
  w: number;
  fr: Corner;
  tl: Corner;
  framesBelow: boolean;
}

/** An arrangement's placement of the two sections beside or under the top band (`frH`: the frames' height at its corner, as a column). */
function place(m: StageMeasures, top: TopBand, fsec: Section, tsec: Section, how: Arrangement, width: number): Placement {
  const { margin, ch, fs } = m;
  const fw = m.boxW(fsec.chars);
  const tw = m.boxW(tsec.chars);
  const linkRoom = 2.5 * ch;
  if (how === 'right2') {
    const w = Math.max(width, top.right + linkRoom + fw + ch + tw + margin);
    const tx = w - margin - tw;
    return { w, fr: { x: tx - ch - fw, y: margin, width: null }, tl: { x: tx, y: margin, width: null }, framesBelow: false };
  }
  if (how === 'right1') {
    const hw = Math.max(fw, tw);
    const w = Math.max(width, top.right + linkRoom + hw + margin);
    const frH = sectionSize(m, fsec, margin, null).h;
    return { w, fr: { x: w - margin - hw, y: margin, width: null }, tl: { x: w - margin - hw, y: margin + frH + 0.5 * fs, width: null }, framesBelow: false };
  }
  if (how === 'below') {
    const w = Math.max(width, top.right + linkRoom + tw + margin, margin + fw + ch + tw + margin);
    return { w, tl: { x: w - margin - tw, y: margin, width: null }, fr: { x: margin, y: top.bottom + 0.6 * fs, width: w - 2 * margin - tw - ch }, framesBelow: true };
  }
  if (how === 'tucked') {
    // the frames and the TLB side by side under the objects and pagers, right of the tasks
    const w = Math.max(width, top.right + margin, top.objX + fw + 2 * ch + tw + margin);
    const room = w - margin - top.objX - 2 * ch;
    const share = Math.max(1, fsec.items.length) / (Math.max(1, fsec.items.length) + Math.max(1, tsec.items.length));
    const fwFlow = Math.max(fw, Math.min(room - tw, room * share));
    const y = top.objBottom + 0.8 * fs;
    return { w, fr: { x: top.objX, y, width: fwFlow }, tl: { x: top.objX + fwFlow + 2 * ch, y, width: room - fwFlow }, framesBelow: true };
  }
  // the frames and the TLB side by side under the top band, each in rows, the room shared by their boxes
  const w = Math.max(width, top.right + margin, margin + fw + 2 * ch + tw + margin);
  const room = w - 2 * margin - 2 * ch;
  const share = Math.max(1, fsec.items.length) / (Math.max(1, fsec.items.length) + Math.max(1, tsec.items.length));
  const fwFlow = Math.max(fw, Math.min(room - tw, room * share));
  return { w, fr: { x: margin, y: top.bottom + 0.6 * fs, width: fwFlow }, tl: { x: margin + fwFlow + 2 * ch, y: top.bottom + 0.6 * fs, width: room - fwFlow }, framesBelow: true };
}

/** The size of an arrangement's picture, nothing placed: what the fit compares with the box (arrange's own arithmetic: the same numbers). */
function draftSize(m: StageMeasures, top: TopBand, fsec: Section, tsec: Section, how: Arrangement, width: number): { width: number; height: number } {
  const p = place(m, top, fsec, tsec, how, width);
  const fr = sectionSize(m, fsec, p.fr.y, p.fr.width);
  const tl = sectionSize(m, tsec, p.tl.y, p.tl.width);
  return { width: p.w, height: Math.max(top.bottom, p.fr.y + fr.h, p.tl.y + tl.h) + m.margin };
}

/** The layout at one font size in one arrangement, in a box `width` wide (it may come out bigger). */
export function arrange(snap: MachineSnapshot, fs: number, stroke: number, how: Arrangement, width: number, taskCols = 1, counters = true, draft = false): DiagramLayout {
  return arrangeSections(snap, fs, stroke, how, width, taskCols, framesSection(snap), tlbSection(snap, counters), draft);
}

function arrangeSections(snap: MachineSnapshot, fs: number, stroke: number, how: Arrangement, width: number, taskCols: number, fsec: Section, tsec: Section, draft = false): DiagramLayout {
  const m = stageMeasures(fs, stroke, draft);
  const { margin } = m;
  const top = topBand(snap, m, margin, margin, taskCols);
  const p = place(m, top, fsec, tsec, how, width);
  const fr = placeSection(snap, m, fsec, p.fr.x, p.fr.y, p.fr.width);
  const tl = placeSection(snap, m, tsec, p.tl.x, p.tl.y, p.tl.width);
  const w = p.w;
  const framesBelow = p.framesBelow;
  const frBox = { x: fr.x, y: fr.y, w: fr.w, h: fr.h };
  const tlBox = { x: tl.x, y: tl.y, w: tl.w, h: tl.h };
  const h = Math.max(top.bottom, frBox.y + frBox.h, tlBox.y + tlBox.h) + margin;
  const nFrames = snap.frameOwner.length;
  const ways = Math.max(1, snap.tlbWays);
  return {
    width: w, height: h, fontSize: fs, pagersRight: true, stroke, arrangement: how,
    tasks: top.tasks, objects: top.objects, pagers: top.pagers, frames: fr.frames, framesGrid: null,
    framesBox: { ...frBox, texts: fr.texts, legend: [] },
    tlb: {
      key: 'tlb', cells: tl.tlb, grid: null, legend: [], texts: tl.texts, ...tlBox,
      label: `TLB: ${Math.floor(snap.tlbEntries / ways)} sets of ${ways} ways, ${snap.tlb.length} valid entries; the empty ones are not drawn`,
    },
    links: draft ? [] : stageLinks(m, { tasks: top.tasks, objects: top.objects, pagers: top.pagers, frames: fr.frames }, { framesBelow, tasks: top.lane, objects: top.objLane }),
    texts: [],
    framesLabel: `physical memory: ${nFrames} frames, ${nFrames - fr.frames.length} free (not drawn)`,
  };
}

/**
 * A kept size grows back only when a size this much larger (vh: ≥ 15 % larger text at 4vh) fits: a
 * step that would let the text grow a little keeps it as it is (a new size lays every text of the
 * drawing out again in the browser, and the lecturer's picture jumps), a machine that shrank a lot grows.
 */
export const GROW_VH = 0.6;

/** The way a layout is found at one size: its arrangement, task columns and the TLB's counters. */
interface Way {
  how: Arrangement;
  c: number;
  counters: boolean;
}

/**
 * The presentation layout of a small machine for a box: the largest font (of FONT_VH) and the
 * first arrangement at it that fit the box at scale 1; else the floor's least-shrunk one.
 * `keep`: the text size (px) of the layout drawn before in this box. While the machine still fits
 * at it, it is kept (one check instead of a search: the browser then lays out only what changed,
 * not every text for a new size), unless a size GROW_VH larger fits; a machine that no longer fits
 * at it gets the largest size that fits, as without.
 */
export function stageLayout(snap: MachineSnapshot, box: StageBox, keep?: number): DiagramLayout {
  const stroke = Math.max(1, STROKE_VH * box.vh);
  const W = Math.max(1, Math.floor(box.width));
  const H = Math.max(1, Math.floor(box.height));
  const taskCols = Math.max(1, Math.min(TASK_COLUMNS, snap.tasks.length));
  // the sections depend on the machine only: made once for all the tries
  const fsec = framesSection(snap);
  const tsecs = { with: tlbSection(snap, true), without: tlbSection(snap, false) };
  // a try's top band (tasks, objects, pagers) depends on the size and the task columns only, not on
  // the arrangement or the counters: drafted once per size and columns
  const tops = new Map<string, { m: StageMeasures; top: TopBand }>();
  const topAt = (v: number, c: number) => {
    const k = `${v} ${c}`;
    let t = tops.get(k);
    if (t === undefined) {
      const m = stageMeasures(v * box.vh, stroke, true);
      t = { m, top: topBand(snap, m, m.margin, m.margin, c) };
      tops.set(k, t);
    }
    return t;
  };
  const fits = (d: { width: number; height: number }) => d.width <= W + 0.5 && d.height <= H + 0.5;
  /** The first way (counters, then task columns, then arrangements, in that order of preference) that fits at v, or null. */
  const fitsAt = (v: number, cols: number[]) => {
    for (const counters of [true, false]) {
      const tsec = counters ? tsecs.with : tsecs.without;
      for (const c of cols) {
        const { m, top } = topAt(v, c);
        // every arrangement is at least the top band and a margin wide and tall: a top band too big rules them all out
        if (!fits({ width: top.right + m.margin, height: top.bottom + m.margin })) continue;
        for (const how of ARRANGEMENTS) if (fits(draftSize(m, top, fsec, tsec, how, W))) return { how, c, counters };
      }
    }
    return null;
  };
  const allCols = Array.from({ length: taskCols }, (_, i) => i + 1);
  // one column of tasks down to PREFER_ONE_COLUMN_VH (its arrows cross nothing), then more; a
  // smaller font only fits better, so the largest that fits is found by halving
  const search = (): ({ v: number } & Way) | null => {
    const passes = [
      { cols: [1], sizes: FONT_VH.filter((v) => v >= PREFER_ONE_COLUMN_VH) },
      { cols: allCols, sizes: FONT_VH },
    ];
    for (const { cols, sizes } of passes) {
      let [lo, hi] = [0, sizes.length - 1]; // sizes[lo] is the largest not yet ruled out
      let found: ({ v: number } & Way) | null = null;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const way = fitsAt(sizes[mid], cols);
        if (way !== null) {
          found = { v: sizes[mid], ...way };
          hi = mid - 1;
        } else lo = mid + 1;
      }
      if (found !== null) return found;
    }
    return null;
  };
  const make = (v: number, way: Way) => arrangeSections(snap, v * box.vh, stroke, way.how, W, way.c, fsec, way.counters ? tsecs.with : tsecs.without);
  // the size drawn before, while the machine fits at it as the search would take it: down to PREFER_ONE_COLUMN_VH in one
  // column of tasks, or in more when one column fits at none of those sizes
  const ki = keep === undefined ? -1 : FONT_VH.findIndex((v) => Math.abs(v * box.vh - keep) < 1e-6);
  const kv = FONT_VH[ki];
  const keptAt = () => {
    if (kv < PREFER_ONE_COLUMN_VH) return fitsAt(kv, allCols);
    const one = fitsAt(kv, [1]);
    return one !== null || taskCols === 1 || fitsAt(PREFER_ONE_COLUMN_VH, [1]) !== null ? one : fitsAt(kv, allCols);
  };
  const kept = ki < 0 ? null : keptAt();
  if (kept !== null) {
    const larger = FONT_VH.filter((v) => v >= kv + GROW_VH - 1e-9);
    // no size clearly larger fits: kept (a smaller font only fits better, so the smallest of them tells)
    if (larger.length === 0 || fitsAt(larger[larger.length - 1], allCols) === null) return make(kv, kept);
    const found = search();
    return found !== null && found.v >= kv + GROW_VH - 1e-9 ? make(found.v, found) : make(kv, kept);
  }
  const found = search();
  if (found !== null) return make(found.v, found);
  // none fits: the floor's arrangement that needs the least shrinking (measured on drafts, the one taken made whole)
  const v = FONT_VH[FONT_VH.length - 1];
  const { m, top } = topAt(v, 1);
  let best: Arrangement = ARRANGEMENTS[0];
  let bestScale = 0;
  for (const how of ARRANGEMENTS) {
    const d = draftSize(m, top, fsec, tsecs.with, how, W);
    const s = Math.min(W / d.width, H / d.height);
    if (s > bestScale) [best, bestScale] = [how, s];
  }
  return arrangeSections(snap, v * box.vh, stroke, best, W, 1, fsec, tsecs.with);
}
