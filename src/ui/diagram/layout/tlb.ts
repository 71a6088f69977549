/**
 * tlb: the TLB, on the left of the bottom band: a heading (sets × ways), then one labelled box per
 * slot, a row of up to TLB_WAYS_PER_ROW ways per set (more ways wrap onto more rows), or, for a
 * TLB of more than COMPACT_TLB slots, a grid of small cells (whole sets to a row, about 32 slots,
 * 10 px a slot) with a colour key; then one line of hit / miss / shootdown counters per task (of
 * the first TASK_WINDOW tasks of a crowded machine, the rest counted in a line).
 *
 *   TLB: 4 sets × 2 ways
 *          way 0     way 1
 *   set 0 ┌A 0x3 ┐ ┌     ┐
 *         │→5 rw-│ │     │
 *   …
 *   A: 3 hits, 1 miss, 0 shootdowns
 */
import type { MachineSnapshot } from '../../../kernel/snapshot';
import { hex, plural, protString } from '../format';
import { keyed, ref } from '../element_ref';
import { COMPACT_TLB, TLB_EMPTY, TLB_READONLY, TLB_WRITABLE, makeGrid, type Grid } from '../compact';
import { textWidth, type Geometry } from './geometry';
import { tlbLabel } from './labels';
import type { LegendItem, TextItem, TlbCellLayout, TlbLayout } from './types';
import { TASK_WINDOW } from './bound';
import { formatCount } from '../../../scenario/text_limits';

const TLB_WAYS_PER_ROW = 4;
/** The counters take at least this many lines (one per task), so the band's height stays put while tasks come. */
const COUNTER_LINES = 4;
/** The counters of at most this many tasks are listed (a crowded machine: bound.ts), then a line counts the rest. */
const MAX_COUNTER_TASKS = TASK_WINDOW;
/** The counter lines of `tasks` tasks. */
const counterLinesOf = (tasks: number) => (tasks > MAX_COUNTER_TASKS + 1 ? MAX_COUNTER_TASKS + 1 : tasks);

/** The TLB's size on the picture, known before where it goes. */
export interface TlbShape {
  sets: number;
  ways: number;
  /** Ways drawn in a row of a set, and rows per set (labelled boxes). */
  perRow: number;
  rowsPerSet: number;
  /** True when the slots are drawn as a grid of small cells. */
  compact: boolean;
  /** The compact grid's columns and pitch. */
  cols: number;
  pitch: number;
  w: number;
  /** The slots' height (boxes or grid), and the whole TLB's. */
  gridH: number;
  h: number;
}

export function tlbShape(snap: MachineSnapshot, geo: Geometry): TlbShape {
  const { u, g } = geo;
  const sets = Math.max(1, Math.floor(snap.tlbEntries / Math.max(1, snap.tlbWays)));
  const ways = Math.max(1, snap.tlbWays);
  const perRow = Math.min(ways, TLB_WAYS_PER_ROW);
  const rowsPerSet = Math.ceil(ways / perRow);
  // a big TLB: a grid of its slots, whole sets to a row (about 32 slots), 10 px a slot
  const compact = sets * ways > COMPACT_TLB;
  const cols = ways >= 32 ? 32 : ways * Math.floor(32 / ways);
  const pitch = 10 * u;
  const gridW = cols * pitch - 2 * u;
  const w = compact ? g.tlbSetW + gridW : g.tlbSetW + perRow * (g.tlbCellW + g.tlbGap) - g.tlbGap;
  const gridH = compact ? Math.ceil((sets * ways) / cols) * pitch : sets * rowsPerSet * (g.tlbCellH + g.tlbGap);
  const counterLines = Math.max(COUNTER_LINES, counterLinesOf(snap.tasks.length));
  const h = g.title + g.line + gridH + 6 * u + counterLines * g.line;
  return { sets, ways, perRow, rowsPerSet, compact, cols, pitch, w, gridH, h };
}

/** The TLB of `shape` with its top left corner at (x, y). */
export function layoutTlb(snap: MachineSnapshot, geo: Geometry, shape: TlbShape, x: number, y: number): TlbLayout {
  const { fs, u, g, text, lineY, headingSize } = geo;
  const { sets, ways, perRow, rowsPerSet, cols, pitch } = shape;
  const taskName = new Map(snap.tasks.map((t) => [t.id, t.name]));
  const texts: TextItem[] = [text(x, y + 18 * u, `TLB: ${plural(sets, 'set')} × ${plural(ways, 'way')}`, 'heading', { bold: true, size: headingSize })];
  const bySlot = new Map(snap.tlb.map((e) => [e.index, e]));
  const cells: TlbCellLayout[] = [];
  const gridTop = y + g.title + g.line;
  const legend: LegendItem[] = [];
  let grid: Grid | null = null;
  if (shape.compact) {
    const classes = new Uint8Array(sets * ways).fill(TLB_EMPTY);
    for (const e of snap.tlb) if (e.index < classes.length) classes[e.index] = (e.prot & 2) !== 0 ? TLB_WRITABLE : TLB_READONLY;
    grid = makeGrid(x + g.tlbSetW, gridTop, sets * ways, cols, pitch, pitch - 2 * u, classes);
    let every = 1;
    while (every * pitch < 1.6 * g.line) every *= 2;
    for (let r = 0; r < grid.rows; r += every) {
      texts.push(text(x, grid.y + r * pitch + pitch / 2 + fs * 0.35, `set ${Math.floor((r * cols) / ways)}`, 'tlb-head', { tone: 'dim' }));
    }
    let lx = x + g.tlbSetW;
    for (const [swatch, name] of [['writable', 'read/write'], ['readonly', 'read-only'], ['empty', 'empty']] as const) {
      const sq = fs * 0.75;
      const base = y + g.title + 12 * u;
      legend.push({ swatch, x: lx, y: base - sq, w: sq, h: sq, text: text(lx + sq + 5 * u, base, name, 'tlb-head', { tone: 'dim' }) });
      lx += sq + 5 * u + textWidth(name, fs) + 14 * u;
    }
  } else {
    for (let w = 0; w < perRow; w++) texts.push(text(x + g.tlbSetW + w * (g.tlbCellW + g.tlbGap) + g.tlbCellW / 2, y + g.title + 14 * u, rowsPerSet > 1 ? `+${w}` : `way ${w}`, 'tlb-head', { anchor: 'middle', tone: 'dim' }));
    for (let s = 0; s < sets; s++) {
      const sy = gridTop + s * rowsPerSet * (g.tlbCellH + g.tlbGap);
      texts.push(text(x, sy + g.tlbCellH / 2 + fs * 0.35, `set ${s}`, 'tlb-head', { tone: 'dim' }));
      for (let w = 0; w < ways; w++) {
        const index = s * ways + w;
        const cx = x + g.tlbSetW + (w % perRow) * (g.tlbCellW + g.tlbGap);
        const cy = sy + Math.floor(w / perRow) * (g.tlbCellH + g.tlbGap);
        const e = bySlot.get(index) ?? null;
        const ct: TextItem[] = [];
        if (e !== null) {
          const who = taskName.get(e.asid) ?? `#${e.asid}`;
          ct.push(text(cx + 5 * u, lineY(cy + 1 * u, 0), `${who.slice(0, 3)} ${hex(e.vpn)}`, 'tlb', { bold: true }));
          ct.push(text(cx + 5 * u, lineY(cy + 1 * u, 1), `→${e.pfn} ${protString(e.prot)}`, 'tlb'));
        }
        cells.push({ ...keyed(ref.tlb(index)), set: s, way: w, entry: e, x: cx, y: cy, w: g.tlbCellW, h: g.tlbCellH, texts: ct, label: tlbLabel(snap, index) });
      }
    }
  }
  const countersTop = gridTop + shape.gridH + 6 * u;
  const listed = counterLinesOf(snap.tasks.length) < snap.tasks.length ? MAX_COUNTER_TASKS : snap.tasks.length;
  snap.tasks.slice(0, listed).forEach((t, i) => {
    texts.push(text(x, lineY(countersTop, i), `${t.name}: ${plural(t.tlbHits, 'hit')}, ${plural(t.tlbMisses, 'miss', 'misses')}, ${plural(t.shootdowns, 'shootdown')}`, 'counter'));
  });
  if (listed < snap.tasks.length) texts.push(text(x, lineY(countersTop, listed), `… ${formatCount(snap.tasks.length - listed)} more tasks' counters`, 'counter', { tone: 'dim' }));
  return {
    key: 'tlb', cells, grid, legend, texts, x, y, w: shape.w, h: shape.h,
    label: `TLB: ${plural(sets, 'set')} of ${plural(ways, 'way')}, ${plural(snap.tlb.length, 'valid entry', 'valid entries')}`,
  };
}
