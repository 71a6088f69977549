/**
 * compact: the machine diagram's dense mode for big machines. Past COMPACT_FRAMES frames the
 * physical memory is drawn as a grid of small cells (one per frame), and an object with more than
 * COMPACT_SLOTS page slots as a grid inside its box (one cell per page), and a TLB of more than
 * COMPACT_TLB entries as a grid of its slots, instead of one labelled
 * box per frame or page. A grid is a handful of SVG paths, one per class of cell (free / in use /
 * dirty, or absent / resident / swapped), each made of the runs of equal cells along a row, so a
 * 16,384-frame machine costs a few elements instead of ~50,000. A single cell is still an element
 * of the diagram with its usual key (frame:5, page:3:4096): it has a box (cellBox), it lights up
 * on a path or in a step (drawn as an outline over the grid), and hovering it or moving to it
 * with the arrow keys names it (slotAt, the labels in layout/labels.ts). Pure: no React, no DOM.
 *
 *   frame 0     ▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯   (cols per row)
 *   frame 128   ▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▮▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯▯
 */
import type { Box } from './layout/geometry';

/** A TLB of more entries than this is drawn as a grid of small cells too. */
export const COMPACT_TLB = 64;
/** More frames than this: physical memory is drawn as a grid of small cells. */
export const COMPACT_FRAMES = 256;
/** An object with more page slots than this draws them as a grid of small cells. */
export const COMPACT_SLOTS = 32;
/** The most cells an object's grid draws (its pages beyond are counted in a line of text). */
export const MAX_GRID_SLOTS = 1024;
/** An object of at most this many pages is drawn page by page (absent ones too); a bigger one shows only the pages it holds. */
export const MAX_INDEXED_PAGES = 1024;

/** Classes of a frame cell. */
export const FRAME_FREE = 0;
export const FRAME_USED = 1;
export const FRAME_DIRTY = 2;
/** Classes of a TLB cell. */
export const TLB_EMPTY = 0;
export const TLB_READONLY = 1;
export const TLB_WRITABLE = 2;
/** Classes of a page cell. */
export const PAGE_ABSENT = 0;
export const PAGE_RESIDENT = 1;
export const PAGE_SWAPPED = 2;

export interface Grid extends Box {
  /** Cells drawn. */
  count: number;
  cols: number;
  rows: number;
  /** Distance from one cell to the next (px); the cell is `cell` wide, the rest is the gap. */
  pitch: number;
  cell: number;
  /** Each cell's class (FRAME_* or PAGE_*). */
  classes: Uint8Array;
}

export function makeGrid(x: number, y: number, count: number, cols: number, pitch: number, cell: number, classes: Uint8Array): Grid {
  const rows = Math.ceil(count / cols);
  const w = Math.min(count, cols) * pitch - (pitch - cell);
  const h = rows * pitch - (pitch - cell);
  return { x, y, w: Math.max(0, w), h: Math.max(0, h), count, cols, rows, pitch, cell, classes };
}

/** The box of cell `slot`. */
export function cellBox(g: Grid, slot: number): Box {
  return { x: g.x + (slot % g.cols) * g.pitch, y: g.y + Math.floor(slot / g.cols) * g.pitch, w: g.cell, h: g.cell };
}

/** The cell under a point (a gap counts as the cell before it), or null outside the grid. */
export function slotAt(g: Grid, px: number, py: number): number | null {
  const c = Math.floor((px - g.x) / g.pitch);
  const r = Math.floor((py - g.y) / g.pitch);
  if (!(c >= 0 && c < g.cols && r >= 0 && r < g.rows)) return null;
  const slot = r * g.cols + c;
  return slot < g.count ? slot : null;
}

/**
 * One SVG path per class: a rectangle for every run of equal cells along a row. Runs are drawn
 * solid; the gaps inside a run are painted over by the grid's gap pattern (gapPattern).
 */
export function runPaths(g: Grid, nClasses: number): string[] {
  const parts: string[][] = Array.from({ length: nClasses }, () => []);
  const { classes, cols, pitch, cell } = g;
  const h = fmt(cell);
  for (let r = 0; r < g.rows; r++) {
    const first = r * cols;
    const end = Math.min(g.count, first + cols);
    let start = first;
    while (start < end) {
      const k = classes[start];
      let stop = start + 1;
      while (stop < end && classes[stop] === k) stop++;
      const x = g.x + (start - first) * pitch;
      const w = (stop - start) * pitch - (pitch - cell);
      parts[k]?.push(`M${fmt(x)},${fmt(g.y + r * pitch)}h${fmt(w)}v${h}h${fmt(-w)}z`);
      start = stop;
    }
  }
  return parts.map((p) => p.join(''));
}

/** The gaps between cells, as one path drawn in the background colour over the runs. */
export function gapPath(g: Grid): string {
  const gap = g.pitch - g.cell;
  if (gap <= 0 || g.count <= 1) return '';
  const out: string[] = [];
  const lastRowCols = g.count - (g.rows - 1) * g.cols;
  for (let c = 1; c < Math.min(g.cols, g.count); c++) {
    const x = g.x + c * g.pitch - gap;
    const rows = c < lastRowCols ? g.rows : g.rows - 1;
    if (rows > 0) out.push(`M${fmt(x)},${fmt(g.y)}h${fmt(gap)}v${fmt(rows * g.pitch)}h${fmt(-gap)}z`);
  }
  for (let r = 1; r < g.rows; r++) out.push(`M${fmt(g.x)},${fmt(g.y + r * g.pitch - gap)}h${fmt(g.w)}v${fmt(gap)}h${fmt(-g.w)}z`);
  return out.join('');
}

/** Coordinates with at most two decimals: shorter paths, the same picture. */
function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** The slot a keyboard key moves to from `slot` (arrows, Home/End, Page Up/Down), or null for another key. */
export function moveSlot(g: Grid, slot: number, key: string): number | null {
  const last = g.count - 1;
  const page = g.cols * 8;
  const to: Record<string, number> = {
    ArrowRight: slot + 1, ArrowLeft: slot - 1, ArrowDown: slot + g.cols, ArrowUp: slot - g.cols,
    Home: 0, End: last, PageDown: slot + page, PageUp: slot - page,
  };
  const next = to[key];
  return next === undefined ? null : Math.max(0, Math.min(last, next));
}

/** Index of `value` in a sorted array, or -1. */
export function sortedIndex(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid];
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
