/**
 * layout: where everything of the machine diagram goes, computed from a MachineSnapshot and the
 * width to fill. Pure (no React, no DOM): the component only draws what this returns, and the
 * tests check it. Sizes are true pixels: the component draws the picture at scale 1, so 14 px text
 * (20 px in presentation mode) stays 14 px on the screen.
 *
 *   task A                VM objects (by chain level)           pagers
 *   ┌──────────────┐      ┌────────┐       ┌────────┐           ┌─────────┐
 *   │0x1000–0x4000 │─────▶│ obj 3  │──────▶│ obj 1  │──────────▶│ file F  │
 *   │rw-/rwx copy  │      │ pages  │       │ pages  │           └─────────┘
 *   └──────────────┘      └────────┘       └────────┘
 *   task B ...                             (narrow: pagers under the last column)
 *   TLB (sets × ways, counters)     physical frames (grid, obj@offset)
 *
 * Tasks are stacked in one column on the left, so every map link runs right without crossing
 * another task. Stability (at one width): an object's column depends only on its distance from the
 * bottom of its shadow chain (counted from the right edge), its place in the column on the objects
 * of lower id there, and its height on its size (page slots), not on its pages; a task's place on
 * the tasks before it; the TLB and the frames stay put while the top band is within its reserve.
 * So adding a task, a shadow level or a page does not move what did not change.
 */
import { linkHorizontal } from 'd3';
import type { EntrySnapshot, MachineSnapshot, ObjectSnapshot, TaskSnapshot, TlbEntrySnapshot } from '../../kernel/snapshot';
import { hex, inheritName, plural, protString, textWidth } from './format';
import { ref, refKey, type ElementRef } from './element_ref';
import {
  COMPACT_FRAMES, COMPACT_SLOTS, COMPACT_TLB, TLB_EMPTY, TLB_READONLY, TLB_WRITABLE, FRAME_DIRTY, FRAME_FREE, FRAME_USED, MAX_GRID_SLOTS, MAX_INDEXED_PAGES, PAGE_ABSENT, PAGE_RESIDENT, PAGE_SWAPPED,
  cellBox, makeGrid, sortedIndex, type Grid,
} from './compact';

export { linkOnPath, pathFor } from './path';

export type LabelKind = 'heading' | 'task' | 'entry' | 'gap' | 'object' | 'cell' | 'pager' | 'frame' | 'tlb' | 'tlb-head' | 'counter';
export type Tone = 'normal' | 'dim' | 'accent' | 'warn';

export interface TextItem {
  x: number;
  /** Baseline. */
  y: number;
  text: string;
  size: number;
  anchor: 'start' | 'middle' | 'end';
  kind: LabelKind;
  bold?: boolean;
  tone?: Tone;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One clickable page of a map entry. */
export interface EntryPage extends Box {
  address: number;
}

export interface EntryLayout extends Box {
  key: string;
  /** The element (key is refKey(ref)). */
  ref: ElementRef;
  taskId: number;
  taskName: string;
  entry: EntrySnapshot;
  pageCount: number;
  /** One rectangle per page when there are few enough to click one by one, else empty. */
  pages: EntryPage[];
  texts: TextItem[];
  label: string;
}

export interface GapLayout extends Box {
  size: number;
  texts: TextItem[];
  label: string;
}

export interface TaskLayout extends Box {
  key: string;
  /** The element (key is refKey(ref)). */
  ref: ElementRef;
  task: TaskSnapshot;
  entries: EntryLayout[];
  gaps: GapLayout[];
  texts: TextItem[];
  label: string;
}

export interface CellLayout extends Box {
  key: string;
  /** The element (key is refKey(ref)). */
  ref: ElementRef;
  object: number;
  offset: number;
  frame: number | null;
  swapped: boolean;
  texts: TextItem[];
  label: string;
}

/** An object's pages as a grid of small cells (compact.ts), when it has more than COMPACT_SLOTS. */
export interface PageGrid extends Grid {
  object: number;
  /** Offset of each cell, ascending. */
  offsets: number[];
  /** True when cell i is page i of the object (absent pages too); false when the cells are only the pages it holds. */
  byIndex: boolean;
  /** offset → frame of the resident pages. */
  frames: Map<number, number>;
  swapped: Set<number>;
  /** Pages held (resident or swapped) that the grid has no room for. */
  hidden: number;
}

export interface ObjectLayout extends Box {
  key: string;
  /** The element (key is refKey(ref)). */
  ref: ElementRef;
  object: ObjectSnapshot;
  /** Distance from the bottom of the shadow chain: 0 for an object that shadows nothing. */
  level: number;
  /** One labelled cell per page slot (few slots), else empty and the pages are in `grid`. */
  cells: CellLayout[];
  grid: PageGrid | null;
  texts: TextItem[];
  label: string;
}

export interface PagerLayout extends Box {
  key: string;
  /** The element (key is refKey(ref)). */
  ref: ElementRef;
  name: string | null;
  texts: TextItem[];
  label: string;
}

export interface FrameLayout extends Box {
  key: string;
  /** The element (key is refKey(ref)). */
  ref: ElementRef;
  index: number;
  owner: number;
  offset: number;
  dirty: boolean;
  referenced: boolean;
  texts: TextItem[];
  label: string;
}

export interface TlbCellLayout extends Box {
  key: string;
  /** The element (key is refKey(ref)). */
  ref: ElementRef;
  set: number;
  way: number;
  entry: TlbEntrySnapshot | null;
  texts: TextItem[];
  label: string;
}

export interface TlbLayout extends Box {
  key: string;
  /** One labelled box per slot (up to COMPACT_TLB), else empty and the slots are in `grid` (cell i = slot i). */
  cells: TlbCellLayout[];
  grid: Grid | null;
  legend: LegendItem[];
  texts: TextItem[];
  label: string;
}

export type LinkKind = 'map' | 'shadow' | 'copy' | 'pager' | 'swap' | 'frame';

/** The colour classes of compact cells (theme.ts gives each its fill). */
export type Swatch = 'free' | 'used' | 'dirty' | 'resident' | 'swapped' | 'absent' | 'empty' | 'readonly' | 'writable';
export const FRAME_SWATCHES: Swatch[] = ['free', 'used', 'dirty'];
export const TLB_SWATCHES: Swatch[] = ['empty', 'readonly', 'writable'];
export const PAGE_SWATCHES: Swatch[] = ['absent', 'resident', 'swapped'];

/** A key of the compact grids' colours: a square and its name. */
export interface LegendItem extends Box {
  swatch: Swatch;
  text: TextItem;
}

export interface LinkLayout {
  key: string;
  kind: LinkKind;
  /** The keys of its two ends (refKey), and the ends themselves. */
  from: string;
  to: string;
  fromRef: ElementRef;
  toRef: ElementRef;
  d: string;
}

export interface DiagramLayout {
  /** At least the width asked for; more only when the content cannot fit in it. */
  width: number;
  /** As tall as the content needs. */
  height: number;
  fontSize: number;
  /** True when the pagers stand right of the object columns, false when they are under the level-0 column. */
  pagersRight: boolean;
  tasks: TaskLayout[];
  objects: ObjectLayout[];
  pagers: PagerLayout[];
  /** One labelled box per frame (up to COMPACT_FRAMES frames), else empty and the frames are in framesGrid. */
  frames: FrameLayout[];
  framesGrid: Grid | null;
  framesBox: Box & { texts: TextItem[]; legend: LegendItem[] };
  tlb: TlbLayout;
  links: LinkLayout[];
  /** Headings of the regions (VM objects, pagers). */
  texts: TextItem[];
}

export interface LayoutOptions {
  /** Base font size in px: 14 normally, 20 in presentation mode. Every size scales with it. */
  fontSize?: number;
  /** The width to lay out for (the container's width, px): the picture is this wide unless its content needs more. Default DEFAULT_WIDTH. */
  width?: number;
}

/** The width laid out for when the container's width is unknown (no ResizeObserver, e.g. in tests). */
export const DEFAULT_WIDTH = 960;
/** Objects of at most this many pages show one slot per page (empty slots too). */
export const MAX_SLOTS = 8;
/** Entries of at most this many pages get one clickable rectangle per page. */
export const MAX_PAGE_RECTS = 24;
/**
 * The object columns a width is planned for: when this many levels fit with the pagers on the right,
 * the pagers stay on the right; otherwise they go under the last column. Depending on the width only
 * (up to this many levels), the choice never flips from one step to the next.
 */
export const PLANNED_LEVELS = 3;
/** The most frame columns; the grid takes the largest power of two that fits. */
const FRAME_COLS_MAX = 16;
const TLB_WAYS_PER_ROW = 4;
const COUNTER_LINES = 4;

/** Geometry in px at 14 px text, scaled by fontSize / 14. */
const G = {
  margin: 12, line: 18,
  taskW: 172, taskVGap: 22, taskHead: 52,
  entryPad: 8, pageH: 12, entryMaxH: 132, gapH: 20, entrySep: 3,
  linkGap: 48, objW: 168, colGap: 36, objVGap: 14, cellH: 22, cellGap: 2,
  pagerW: 160, pagerGap: 32, pagerVGap: 12, channel: 28,
  frameW: 100, frameH: 24, frameGap: 4,
  tlbSetW: 52, tlbCellW: 78, tlbCellH: 40, tlbGap: 4,
  bandGap: 24, title: 26,
  /** The top band (tasks, objects, pagers) is at least this tall, so the TLB and the frames stay put while it grows a little. */
  bodyReserve: 280,
};

/** An element's ref and key, for a layout item. */
const keyed = (r: ElementRef) => ({ ref: r, key: refKey(r) });
/** A link's two ends. */
const ends = (a: { ref: ElementRef; key: string }, b: { ref: ElementRef; key: string }) => ({ from: a.key, to: b.key, fromRef: a.ref, toRef: b.ref });

/** The largest power of two ≤ n (n ≥ 1). */
function pow2Floor(n: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, n)));
}

/** Level of each object: 0 at the bottom of its chain, one more per shadow above it. */
function levels(objects: ObjectSnapshot[]): Map<number, number> {
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

function entryLabel(task: TaskSnapshot, e: EntrySnapshot): string {
  const parts = [
    `map entry ${hex(e.start)} to ${hex(e.end)} of task ${task.name}`,
    `protection ${protString(e.protection)}, maximum ${protString(e.maxProtection)}`,
    `inheritance ${inheritName(e.inheritance)}`,
  ];
  if (e.needsCopy) parts.push('copy-on-write (needs copy)');
  if (e.shared) parts.push('shared');
  parts.push(e.object === 0 ? 'no object yet (zero fill on first touch)' : `maps object ${e.object} at offset ${hex(e.offset)}`);
  return parts.join(', ');
}

function objectLabel(o: ObjectSnapshot): string {
  const parts = [`VM object ${o.id}: ${plural(o.pages.length, 'resident page')}`];
  if (o.shadow !== 0) parts.push(`shadows object ${o.shadow}${o.shadowOffset !== 0 ? ` at offset ${hex(o.shadowOffset)}` : ''}`);
  parts.push(`size ${hex(o.size)}`, plural(o.refCount, 'reference'), `${o.copyStrategy} copy strategy`);
  if (o.copy !== 0) parts.push(`copy object ${o.copy}`);
  if (o.pager !== null) parts.push(`backed by file ${o.pager}`);
  if (o.swapped.length > 0) parts.push(`${plural(o.swapped.length, 'page')} in swap`);
  if (o.cached) parts.push('cached');
  return parts.join(', ');
}

/** A page's label: where it is (a frame, swap) or that it is not here. */
export function pageLabel(object: number, off: number, frame: number | null, swapped: boolean): string {
  const where = frame !== null ? `in frame ${frame}${swapped ? ', also in swap' : ''}` : swapped ? 'swapped out to the default pager' : 'not here (look further down the chain)';
  return `page at offset ${hex(off)} of object ${object}: ${where}`;
}

/** A TLB slot's label: empty, or which task's page it translates to which frame. */
export function tlbLabel(snap: MachineSnapshot, index: number): string {
  const ways = Math.max(1, snap.tlbWays);
  const [set, way] = [Math.floor(index / ways), index % ways];
  const e = snap.tlb.find((x) => x.index === index);
  if (e === undefined) return `TLB set ${set} way ${way}: empty`;
  const who = snap.tasks.find((t) => t.id === e.asid)?.name ?? `#${e.asid}`;
  return `TLB set ${set} way ${way}: task ${who}, virtual page ${hex(e.vpn)} (address ${hex(e.vpn * snap.pageSize)}) → frame ${e.pfn}, ${protString(e.prot)}`;
}

/** A frame's label: free, or whose page it holds and its flags. */
export function frameLabel(snap: MachineSnapshot, f: number): string {
  const owner = snap.frameOwner[f];
  if (owner === 0) return `frame ${f}: free`;
  const flags = snap.frameFlags[f];
  return `frame ${f}: object ${owner} at ${hex(snap.frameOffset[f])}${(flags & 1) !== 0 ? ', dirty' : ', clean'}${(flags & 2) !== 0 ? ', referenced' : ''}`;
}

/**
 * The grid of a big object's pages, 16 cells a row across `w`: page by page when the object is at
 * most MAX_INDEXED_PAGES pages and holds nothing past its size, else only the pages it holds (by
 * offset); at most MAX_GRID_SLOTS cells.
 */
function pageGrid(o: ObjectSnapshot, frames: Map<number, number>, swapped: Set<number>, ps: number, x: number, y: number, w: number, u: number): PageGrid {
  const sizePages = Math.ceil(o.size / ps);
  const held = [...new Set([...frames.keys(), ...swapped])].sort((a, b) => a - b);
  const byIndex = sizePages <= MAX_INDEXED_PAGES && held.every((off) => off % ps === 0 && off < sizePages * ps);
  const offsets = byIndex ? Array.from({ length: sizePages }, (_, i) => i * ps) : held.slice(0, MAX_GRID_SLOTS);
  const classes = new Uint8Array(offsets.length);
  offsets.forEach((off, i) => {
    classes[i] = frames.has(off) ? PAGE_RESIDENT : swapped.has(off) ? PAGE_SWAPPED : PAGE_ABSENT;
  });
  const cols = 16;
  const pitch = w / cols;
  const grid = makeGrid(x, y, offsets.length, cols, pitch, pitch - 2 * u, classes);
  return { ...grid, object: o.id, offsets, byIndex, frames, swapped, hidden: held.length - (byIndex ? held.length : offsets.length) };
}

export function computeLayout(snap: MachineSnapshot, options: LayoutOptions = {}): DiagramLayout {
  const fs = options.fontSize ?? 14;
  const u = fs / 14;
  const g = Object.fromEntries(Object.entries(G).map(([k, v]) => [k, v * u])) as typeof G;
  const ps = snap.pageSize;
  const text = (x: number, y: number, t: string, kind: LabelKind, extra: Partial<TextItem> = {}): TextItem => ({ x, y, text: t, size: fs, anchor: 'start', kind, ...extra });
  const lineY = (top: number, i: number) => top + g.line * i + fs + 2 * u;
  const headingSize = fs + 2 * u;

  // ---- widths. Tasks are stacked in one column on the left (every map link goes right, none
  // crosses another task); object columns are anchored to the right edge (level 0 rightmost), the
  // pagers to the right of them when PLANNED_LEVELS columns fit, else under the level-0 column.
  const requested = Math.max(1, Math.floor(options.width ?? DEFAULT_WIDTH));
  const level = levels(snap.objects);
  const columns = snap.objects.length === 0 ? 0 : Math.max(...level.values()) + 1;
  const objectsW = (n: number) => n * g.objW + Math.max(0, n - 1) * g.colGap;
  const needRight = (n: number) => 2 * g.margin + g.taskW + g.linkGap + objectsW(n) + g.pagerGap + g.pagerW;
  const needBelow = (n: number) => 2 * g.margin + g.taskW + g.linkGap + objectsW(Math.max(1, n)) + g.channel;
  const pagersRight = requested >= needRight(Math.max(columns, PLANNED_LEVELS));
  const sets = Math.max(1, Math.floor(snap.tlbEntries / Math.max(1, snap.tlbWays)));
  const ways = Math.max(1, snap.tlbWays);
  const perRow = Math.min(ways, TLB_WAYS_PER_ROW);
  const rowsPerSet = Math.ceil(ways / perRow);
  // a big TLB: a grid of its slots, whole sets to a row (about 32 slots), 10 px a slot
  const compactTlb = sets * ways > COMPACT_TLB;
  const tlbCols = ways >= 32 ? 32 : ways * Math.floor(32 / ways);
  const tlbPitch = 10 * u;
  const tlbGridW = tlbCols * tlbPitch - 2 * u;
  const tlbW = compactTlb ? g.tlbSetW + tlbGridW : g.tlbSetW + perRow * (g.tlbCellW + g.tlbGap) - g.tlbGap;
  const tlbGridH = compactTlb ? Math.ceil((sets * ways) / tlbCols) * tlbPitch : sets * rowsPerSet * (g.tlbCellH + g.tlbGap);
  const nFrames = snap.frameOwner.length;
  const gridW = (cols: number) => cols * (g.frameW + g.frameGap) - g.frameGap;
  const minFrameCols = Math.max(1, Math.min(4, nFrames));
  const bottomNeed = 2 * g.margin + Math.max(tlbW, gridW(minFrameCols));
  const width = Math.max(requested, pagersRight ? needRight(columns) : needBelow(columns), bottomNeed);
  const pagerW = pagersRight ? g.pagerW : g.objW;
  const col0X = pagersRight ? width - g.margin - g.pagerW - g.pagerGap - g.objW : width - g.margin - g.channel - g.objW;
  const columnX = (l: number) => col0X - l * (g.objW + g.colGap);
  const bodyTop = g.margin + g.taskHead;
  const texts: TextItem[] = [];

  // ---- tasks, one under another, and their map entries (at least two lines each)
  const tasks: TaskLayout[] = [];
  const taskName = new Map<number, string>();
  /** Text runs from 10 px in (the page ticks are on the edges) to 8 px before the right edge. */
  const inner = g.taskW - 18 * u;
  let ty = g.margin;
  for (const t of snap.tasks) {
    taskName.set(t.id, t.name);
    const x = g.margin;
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
    t.entries.forEach((e, i) => {
      const prev = t.entries[i - 1];
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
      if (pageCount <= MAX_PAGE_RECTS) for (let p = 0; p < pageCount; p++) pages.push({ x, y: y + (p * h) / pageCount, w: g.taskW, h: h / pageCount, address: e.start + p * ps });
      const top = y + 2 * u;
      const et: TextItem[] = rangeLines.map((r, k) => text(x + 10 * u, lineY(top, k), r, 'entry', { bold: true }));
      et.push(text(x + 10 * u, lineY(top, nLines - 1), `${protString(e.protection)}/${protString(e.maxProtection)} ${inheritName(e.inheritance)}`, 'entry'));
      if (e.needsCopy) et.push(text(x + g.taskW - 8 * u, lineY(top, nLines - 1), 'COW', 'entry', { anchor: 'end', bold: true, tone: 'warn' }));
      entries.push({ ...keyed(ref.entry(e.id)), taskId: t.id, taskName: t.name, entry: e, pageCount, pages, x, y, w: g.taskW, h, texts: et, label: entryLabel(t, e) });
      y += h;
    });
    tasks.push({
      ...keyed(ref.task(t.id)), task: t, entries, gaps, texts: tt, x, y: ty, w: g.taskW, h: y - ty,
      label: `task ${t.name}: ${plural(t.entries.length, 'map entry', 'map entries')}${t.alive ? '' : ', terminated'}`,
    });
    ty = y + g.taskVGap;
  }

  // ---- VM objects, in columns by level, by id within a column
  const objects: ObjectLayout[] = [];
  const colY = new Map<number, number>();
  for (const o of snap.objects) {
    const l = level.get(o.id) ?? 0;
    const x = columnX(l);
    const y = colY.get(l) ?? bodyTop;
    const sizePages = Math.ceil(o.size / ps);
    const resident = new Map(o.pages);
    const swapped = new Set(o.swapped);
    const offsets = new Set<number>();
    if (sizePages <= MAX_SLOTS) for (let p = 0; p < sizePages; p++) offsets.add(p * ps);
    // (the slots of a big object are counted, not listed one by one, in pageGrid)
    for (const [off] of o.pages) offsets.add(off);
    for (const off of o.swapped) offsets.add(off);
    const lines: TextItem[] = [];
    lines.push(text(x + 6 * u, lineY(y + 4 * u, 0), `object ${o.id}`, 'object', { bold: true }));
    lines.push(text(x + g.objW - 6 * u, lineY(y + 4 * u, 0), hex(o.size), 'object', { anchor: 'end', tone: 'dim' }));
    lines.push(text(x + 6 * u, lineY(y + 4 * u, 1), `ref ${o.refCount} · ${o.copyStrategy}`, 'object'));
    let nLines = 2;
    if (o.pager !== null || o.cached) {
      if (o.pager !== null) lines.push(text(x + 6 * u, lineY(y + 4 * u, 2), `file ${o.pager}`, 'object', { tone: 'accent' }));
      if (o.cached) lines.push(text(x + g.objW - 6 * u, lineY(y + 4 * u, 2), 'cached', 'object', { anchor: 'end', tone: 'warn', bold: true }));
      nLines = 3;
    }
    let cy = y + 4 * u + nLines * g.line + 6 * u;
    const cells: CellLayout[] = [];
    let grid: PageGrid | null = null;
    if (offsets.size > COMPACT_SLOTS) {
      grid = pageGrid(o, resident, swapped, ps, x + 6 * u, cy + g.line, g.objW - 12 * u, u);
      const counts = `${grid.frames.size} resident${swapped.size > 0 ? ` · ${swapped.size} in swap` : ''}`;
      lines.push(text(x + 6 * u, lineY(cy - 4 * u, 0), grid.byIndex ? counts : `${counts} (held pages only)`, 'object', { tone: 'dim' }));
      cy = grid.y + grid.h + 6 * u;
      if (grid.hidden > 0) {
        lines.push(text(x + 6 * u, lineY(cy - 4 * u, 0), `+${grid.hidden} more not drawn`, 'object', { tone: 'warn' }));
        cy += g.line;
      }
    } else {
      for (const off of [...offsets].sort((a, b) => a - b)) {
        const frame = resident.get(off) ?? null;
        const sw = swapped.has(off);
        let t = hex(off);
        let tone: Tone = 'dim';
        if (frame !== null) {
          t = `${hex(off)} → frame ${frame}`;
          if (textWidth(t, fs) > g.objW - 24 * u) t = `${hex(off)} → f${frame}`;
          tone = 'normal';
        } else if (sw) {
          t = `${hex(off)} in swap`;
          tone = 'accent';
        }
        cells.push({
          ...keyed(ref.page(o.id, off)), object: o.id, offset: off, frame, swapped: sw, x: x + 6 * u, y: cy, w: g.objW - 12 * u, h: g.cellH, label: pageLabel(o.id, off, frame, sw),
          texts: [text(x + 12 * u, cy + g.cellH / 2 + fs * 0.35, t, 'cell', { tone })],
        });
        cy += g.cellH + g.cellGap;
      }
    }
    const h = cy - y + 4 * u;
    objects.push({ ...keyed(ref.object(o.id)), object: o, level: l, cells, grid, texts: lines, x, y, w: g.objW, h, label: objectLabel(o) });
    colY.set(l, y + h + g.objVGap);
  }
  if (columns > 0) texts.push(text(columnX(columns - 1), g.margin + 16 * u, 'VM objects', 'heading', { bold: true, size: headingSize }));

  // ---- pagers: the default pager (swap) first, then the files by port; on the right, or under the level-0 column
  const pagers: PagerLayout[] = [];
  const pagerX = pagersRight ? width - g.margin - g.pagerW : col0X;
  // under the level-0 column, the pagers sit at the bottom of the top band's reserve, so that they
  // stay put while that column fills (they move down only when it outgrows the reserve)
  const pagersH = 2 * g.line + 10 * u + snap.pagers.length * (3 * g.line + 10 * u + g.pagerVGap);
  const pagersTop = pagersRight ? g.margin : Math.max((colY.get(0) ?? bodyTop) + 4 * u, bodyTop + g.bodyReserve - g.title - pagersH);
  texts.push(text(pagerX, pagersTop + 16 * u, 'pagers', 'heading', { bold: true, size: headingSize }));
  let py = pagersRight ? bodyTop : pagersTop + g.title;
  const swappedPages = snap.objects.reduce((n, o) => n + o.swapped.length, 0);
  {
    const h = 2 * g.line + 10 * u;
    pagers.push({
      ...keyed(ref.pager(null)), name: null, x: pagerX, y: py, w: pagerW, h, label: `default pager (swap): ${plural(swappedPages, 'page')} swapped out`,
      texts: [text(pagerX + 6 * u, lineY(py + 4 * u, 0), 'default pager', 'pager', { bold: true }), text(pagerX + 6 * u, lineY(py + 4 * u, 1), `swap: ${swappedPages}`, 'pager')],
    });
    py += h + g.pagerVGap;
  }
  for (const p of [...snap.pagers].sort((a, b) => a.port - b.port)) {
    const h = 3 * g.line + 10 * u;
    pagers.push({
      ...keyed(ref.pager(p.name)), name: p.name, x: pagerX, y: py, w: pagerW, h,
      label: `file ${p.name}: size ${hex(p.size)}, maximum protection ${protString(p.maxProtection)}${p.object !== 0 ? `, object ${p.object}` : ', no object yet'}`,
      texts: [
        text(pagerX + 6 * u, lineY(py + 4 * u, 0), `file ${p.name}`, 'pager', { bold: true, tone: 'accent' }),
        text(pagerX + 6 * u, lineY(py + 4 * u, 1), `size ${hex(p.size)}`, 'pager'),
        text(pagerX + 6 * u, lineY(py + 4 * u, 2), `max ${protString(p.maxProtection)}`, 'pager'),
      ],
    });
    py += h + g.pagerVGap;
  }

  // ---- the bottom band: the TLB on the left, the frames on the right (under the objects); when the
  // frames do not fit beside the TLB in 4 columns, the frames come first, full width, and the TLB under them
  const bodyBottom = Math.max(
    bodyTop + g.bodyReserve,
    ...tasks.map((t) => t.y + t.h),
    ...objects.map((o) => o.y + o.h),
    ...pagers.map((p) => p.y + p.h),
  );
  const bottomY = bodyBottom + g.bandGap;
  const fit = (avail: number) => Math.floor((avail + g.frameGap) / (g.frameW + g.frameGap));
  const besideAvail = width - 2 * g.margin - tlbW - g.bandGap;
  const compactFrames = nFrames > COMPACT_FRAMES;
  const beside = !compactFrames && fit(besideAvail) >= minFrameCols;
  const tlbCounterLines = Math.max(COUNTER_LINES, snap.tasks.length);
  const tlbH = g.title + g.line + tlbGridH + 6 * u + tlbCounterLines * g.line;
  // compact frames: a wide grid under the TLB (it may be tall); else beside the TLB or above it
  const frameCols = Math.max(1, Math.min(nFrames, pow2Floor(Math.min(FRAME_COLS_MAX, fit(beside ? besideAvail : width - 2 * g.margin)))));
  const gutter = textWidth(String(nFrames), fs) + 10 * u;
  // the most columns (a power of two, up to 256) at 6 px a cell, then cells as big as the width allows, up to 10 px
  const compactAvail = width - 2 * g.margin - gutter;
  const compactCols = Math.max(16, pow2Floor(Math.min(256, Math.floor(compactAvail / (6 * u)))));
  const compactPitch = Math.max(6 * u, Math.min(10 * u, compactAvail / compactCols));
  const framesW = compactFrames ? width - 2 * g.margin : gridW(frameCols);
  const framesGridH = compactFrames ? Math.ceil(nFrames / compactCols) * compactPitch : Math.ceil(nFrames / frameCols) * (g.frameH + g.frameGap) - g.frameGap;
  const framesH = g.title + g.line + (compactFrames ? 6 * u : 0) + framesGridH;
  const tlbX = g.margin;
  const tlbY = beside || compactFrames ? bottomY : bottomY + framesH + g.bandGap;
  const framesY = compactFrames ? tlbY + tlbH + g.bandGap : bottomY;
  const height = Math.max(framesY + framesH, tlbY + tlbH) + g.margin;

  const tlbTexts: TextItem[] = [text(tlbX, tlbY + 18 * u, `TLB: ${plural(sets, 'set')} × ${plural(ways, 'way')}`, 'heading', { bold: true, size: headingSize })];
  const tlbBySlot = new Map(snap.tlb.map((e) => [e.index, e]));
  const cells: TlbCellLayout[] = [];
  const gridTop = tlbY + g.title + g.line;
  const tlbLegend: LegendItem[] = [];
  let tlbGrid: Grid | null = null;
  if (compactTlb) {
    const classes = new Uint8Array(sets * ways).fill(TLB_EMPTY);
    for (const e of snap.tlb) if (e.index < classes.length) classes[e.index] = (e.prot & 2) !== 0 ? TLB_WRITABLE : TLB_READONLY;
    tlbGrid = makeGrid(tlbX + g.tlbSetW, gridTop, sets * ways, tlbCols, tlbPitch, tlbPitch - 2 * u, classes);
    let every = 1;
    while (every * tlbPitch < 1.6 * g.line) every *= 2;
    for (let r = 0; r < tlbGrid.rows; r += every) {
      tlbTexts.push(text(tlbX, tlbGrid.y + r * tlbPitch + tlbPitch / 2 + fs * 0.35, `set ${Math.floor((r * tlbCols) / ways)}`, 'tlb-head', { tone: 'dim' }));
    }
    let lx = tlbX + g.tlbSetW;
    for (const [swatch, name] of [['writable', 'read/write'], ['readonly', 'read-only'], ['empty', 'empty']] as const) {
      const sq = fs * 0.75;
      const base = tlbY + g.title + 12 * u;
      tlbLegend.push({ swatch, x: lx, y: base - sq, w: sq, h: sq, text: text(lx + sq + 5 * u, base, name, 'tlb-head', { tone: 'dim' }) });
      lx += sq + 5 * u + textWidth(name, fs) + 14 * u;
    }
  } else {
    for (let w = 0; w < perRow; w++) tlbTexts.push(text(tlbX + g.tlbSetW + w * (g.tlbCellW + g.tlbGap) + g.tlbCellW / 2, tlbY + g.title + 14 * u, rowsPerSet > 1 ? `+${w}` : `way ${w}`, 'tlb-head', { anchor: 'middle', tone: 'dim' }));
    for (let s = 0; s < sets; s++) {
      const sy = gridTop + s * rowsPerSet * (g.tlbCellH + g.tlbGap);
      tlbTexts.push(text(tlbX, sy + g.tlbCellH / 2 + fs * 0.35, `set ${s}`, 'tlb-head', { tone: 'dim' }));
      for (let w = 0; w < ways; w++) {
        const index = s * ways + w;
        const cx = tlbX + g.tlbSetW + (w % perRow) * (g.tlbCellW + g.tlbGap);
        const cy = sy + Math.floor(w / perRow) * (g.tlbCellH + g.tlbGap);
        const e = tlbBySlot.get(index) ?? null;
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
  const countersTop = gridTop + tlbGridH + 6 * u;
  snap.tasks.forEach((t, i) => {
    tlbTexts.push(text(tlbX, lineY(countersTop, i), `${t.name}: ${plural(t.tlbHits, 'hit')}, ${plural(t.tlbMisses, 'miss', 'misses')}, ${plural(t.shootdowns, 'shootdown')}`, 'counter'));
  });
  const tlb: TlbLayout = {
    key: 'tlb', cells, grid: tlbGrid, legend: tlbLegend, texts: tlbTexts, x: tlbX, y: tlbY, w: tlbW, h: tlbH,
    label: `TLB: ${plural(sets, 'set')} of ${plural(ways, 'way')}, ${plural(snap.tlb.length, 'valid entry', 'valid entries')}`,
  };

  const framesX = width - g.margin - framesW;
  const framesTop = framesY + g.title + g.line;
  let used = 0;
  const frames: FrameLayout[] = [];
  const frameTexts: TextItem[] = [];
  const legend: LegendItem[] = [];
  let framesGrid: Grid | null = null;
  if (compactFrames) {
    const classes = new Uint8Array(nFrames);
    for (let f = 0; f < nFrames; f++) {
      if (snap.frameOwner[f] === 0) classes[f] = FRAME_FREE;
      else {
        used++;
        classes[f] = (snap.frameFlags[f] & 1) !== 0 ? FRAME_DIRTY : FRAME_USED;
      }
    }
    framesGrid = makeGrid(framesX + gutter, framesTop + 6 * u, nFrames, compactCols, compactPitch, compactPitch - Math.max(1, compactPitch / 6), classes);
    // the first frame of a row every few rows, right-aligned in the gutter
    let every = 1;
    while (every * compactPitch < 1.6 * g.line) every *= 2;
    for (let r = 0; r < framesGrid.rows; r += every) {
      frameTexts.push(text(framesGrid.x - 6 * u, framesGrid.y + r * compactPitch + compactPitch * 0.5 + fs * 0.35, String(r * compactCols), 'frame', { anchor: 'end', tone: 'dim' }));
    }
  } else {
    for (let f = 0; f < nFrames; f++) {
      const owner = snap.frameOwner[f];
      const offset = snap.frameOffset[f];
      const flags = snap.frameFlags[f];
      const dirty = (flags & 1) !== 0;
      const referenced = (flags & 2) !== 0;
      const x = framesX + (f % frameCols) * (g.frameW + g.frameGap);
      const y = framesTop + Math.floor(f / frameCols) * (g.frameH + g.frameGap);
      const base = y + g.frameH / 2 + fs * 0.35;
      const ft: TextItem[] = [text(x + 8 * u, base, String(f), 'frame', { tone: 'dim' })];
      if (owner !== 0) {
        used++;
        ft.push(text(x + g.frameW - 5 * u, base, `${owner}@${hex(offset)}`, 'frame', { anchor: 'end', bold: dirty }));
      }
      frames.push({ ...keyed(ref.frame(f)), index: f, owner, offset, dirty, referenced, x, y, w: g.frameW, h: g.frameH, texts: ft, label: frameLabel(snap, f) });
    }
  }
  const framesTitle = `physical memory: ${plural(nFrames, 'frame')}, ${nFrames - used} free`;
  const framesCounters = `${plural(snap.pageouts, 'pageout')} · ${plural(snap.pageins, 'pagein')}`;
  // a small grid (few frames) keeps its title inside the picture: it then ends at the right margin
  const titleX = (t: string, size: number) => Math.max(g.margin, Math.min(framesX, width - g.margin - textWidth(t, size)));
  const countersY = framesY + g.title + 12 * u;
  if (compactFrames) {
    // the colours' key, after the counters: ■ in use  ■ dirty  ■ free
    let lx = titleX(framesCounters, fs) + textWidth(framesCounters, fs) + 24 * u;
    for (const [swatch, name] of [['used', 'in use'], ['dirty', 'dirty'], ['free', 'free']] as const) {
      const sq = fs * 0.75;
      legend.push({ swatch, x: lx, y: countersY - sq, w: sq, h: sq, text: text(lx + sq + 5 * u, countersY, name, 'counter', { tone: 'dim' }) });
      lx += sq + 5 * u + textWidth(name, fs) + 16 * u;
    }
  }
  const framesBox = {
    x: framesX, y: framesY, w: framesW, h: framesH, legend,
    texts: [
      text(titleX(framesTitle, headingSize), framesY + 18 * u, framesTitle, 'heading', { bold: true, size: headingSize }),
      text(titleX(framesCounters, fs), countersY, framesCounters, 'counter', { tone: 'dim' }),
      ...frameTexts,
    ],
  };

  // ---- links
  const links: LinkLayout[] = [];
  const objById = new Map(objects.map((o) => [o.object.id, o]));
  const pagerByKey = new Map(pagers.map((p) => [p.key, p]));
  const horizontal = linkHorizontal<unknown, [number, number]>().source((d) => (d as { s: [number, number] }).s).target((d) => (d as { t: [number, number] }).t);
  const hpath = (s: [number, number], t: [number, number]) => horizontal({ s, t }) ?? '';
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

  return { width, height, fontSize: fs, pagersRight, tasks, objects, pagers, frames, framesGrid, framesBox, tlb, links, texts };
}

/** The link from a page (its right edge) down to its frame (the top's middle). */
export function frameLinkPath(page: Box, frame: Box, u: number): string {
  const [x1, y1] = [page.x + page.w, page.y + page.h / 2];
  const [x2, y2] = [frame.x + frame.w / 2, frame.y];
  const bend = Math.max(20 * u, (y2 - y1) / 2);
  return `M${x1},${y1}C${x1 + 30 * u},${y1} ${x2},${y2 - bend} ${x2},${y2}`;
}

interface Lookups {
  boxes: Map<string, Box>;
  refs: Map<string, ElementRef>;
  grids: Map<number, PageGrid>;
}

const lookupCache = new WeakMap<DiagramLayout, Lookups>();

/** A layout's boxes and refs by key and page grids by object, made once per layout. */
function lookupsOf(l: DiagramLayout): Lookups {
  let c = lookupCache.get(l);
  if (c === undefined) {
    const refs = new Map<string, ElementRef>();
    for (const item of keyedItems(l)) refs.set(item.key, item.ref);
    c = { boxes: elementBoxes(l), refs, grids: new Map(l.objects.flatMap((o) => (o.grid === null ? [] : [[o.object.id, o.grid] as const]))) };
    lookupCache.set(l, c);
  }
  return c;
}

/** Every element the layout draws on its own (not the cells of compact grids). */
function keyedItems(l: DiagramLayout): (Box & { key: string; ref: ElementRef })[] {
  return [
    ...l.tasks.flatMap((t) => [t, ...t.entries]),
    ...l.objects.flatMap((o) => [o, ...o.cells]),
    ...l.pagers,
    ...l.frames,
    ...l.tlb.cells,
  ];
}

/** The element drawn with this key (a data-key attribute), or null. */
export function refOf(l: DiagramLayout, key: string): ElementRef | null {
  return lookupsOf(l).refs.get(key) ?? null;
}

/**
 * The box of any element: a task, entry, object, page, pager, frame or TLB entry, drawn on its
 * own or as a cell of a compact grid; null when the layout has no such element.
 */
export function boxOf(l: DiagramLayout, r: ElementRef): Box | null {
  const c = lookupsOf(l);
  const b = c.boxes.get(refKey(r));
  if (b !== undefined) return b;
  const cell = compactCell(l, r, c.grids);
  return cell === null ? null : cellBox(cell.grid, cell.slot);
}

/** The compact grid and cell of an element (a frame in a frames grid, a page in its object's), or null. */
function compactCell(l: DiagramLayout, r: ElementRef, grids: Map<number, PageGrid>): { grid: Grid; slot: number } | null {
  switch (r.kind) {
    case 'frame':
      return l.framesGrid !== null && Number.isInteger(r.frame) && r.frame >= 0 && r.frame < l.framesGrid.count ? { grid: l.framesGrid, slot: r.frame } : null;
    case 'tlb':
      return l.tlb.grid !== null && Number.isInteger(r.slot) && r.slot >= 0 && r.slot < l.tlb.grid.count ? { grid: l.tlb.grid, slot: r.slot } : null;
    case 'page': {
      const grid = grids.get(r.object);
      const slot = grid === undefined ? -1 : sortedIndex(grid.offsets, r.offset);
      return grid === undefined || slot < 0 ? null : { grid, slot };
    }
    default:
      return null;
  }
}

/** The page grid of object `id`, when its pages are drawn as one. */
export function pageGridOf(l: DiagramLayout, id: number): PageGrid | null {
  return lookupsOf(l).grids.get(id) ?? null;
}

/** True when the element is a cell of a compact grid (no element of its own: it lights up as an outline). */
export function isCompactCell(l: DiagramLayout, r: ElementRef): boolean {
  const c = lookupsOf(l);
  return !c.boxes.has(refKey(r)) && compactCell(l, r, c.grids) !== null;
}

/** Every keyed element's box (tasks, entries, objects, pages, pagers, frames, TLB entries), for the moving copies. */
export function elementBoxes(l: DiagramLayout): Map<string, Box> {
  const out = new Map<string, Box>();
  for (const b of keyedItems(l)) out.set(b.key, { x: b.x, y: b.y, w: b.w, h: b.h });
  return out;
}

/** Every label of the layout, for drawing order checks and the overlap tests. */
export function allTexts(l: DiagramLayout): TextItem[] {
  return [
    ...l.texts,
    ...l.tasks.flatMap((t) => [...t.texts, ...t.gaps.flatMap((gp) => gp.texts), ...t.entries.flatMap((e) => e.texts)]),
    ...l.objects.flatMap((o) => [...o.texts, ...o.cells.flatMap((c) => c.texts)]),
    ...l.pagers.flatMap((p) => p.texts),
    ...l.frames.flatMap((f) => f.texts),
    ...l.framesBox.texts,
    ...l.tlb.texts,
    ...l.tlb.cells.flatMap((c) => c.texts),
  ];
}

/** The box a label's glyphs take (estimated: monospace, 0.6 em per character). */
export function textBox(t: TextItem): Box {
  const w = textWidth(t.text, t.size);
  const x = t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - w / 2 : t.x - w;
  return { x, y: t.y - t.size * 0.8, w, h: t.size };
}
