/**
 * types: what the layout of the machine diagram is made of: one item per thing drawn (a task and
 * its map entries, an object and its page cells or page grid, a pager, a frame, a TLB slot, a
 * link), each with its box, its element ref (key = refKey(ref)), its labels (TextItem, placed by
 * baseline) and its accessible label. Plain data: the bands (tasks.ts, objects.ts, pagers.ts,
 * tlb.ts, frames.ts, links.ts) make them, MachineDiagram draws them.
 */
import type { EntrySnapshot, ObjectSnapshot, TaskSnapshot, TlbEntrySnapshot } from '../../../kernel/snapshot';
import type { ElementRef } from '../element_ref';
import type { Grid } from '../compact';
import type { Box } from './geometry';

export type { Box } from './geometry';

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

/**
 * What a window leaves out (layout/bound.ts), drawn as one box: "… 1,968 more entries (0x…–0x…)".
 * Activating it moves window `window` to `to` (the next or the previous page).
 */
export interface SummaryLayout extends Box {
  /** Unique in the layout (data-testid summary-<key>). */
  key: string;
  /** The window it moves (bound.ts: 'tasks', 'objects', 'entries:<task id>'). */
  window: string;
  /** Where that window then starts. */
  to: number;
  /** How many items it stands for. */
  count: number;
  texts: TextItem[];
  /** Its accessible name: what it stands for and what activating it shows. */
  label: string;
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
  /** Presentation layouts (layout/present/): the width of outlines and arrows, px at scale 1. */
  stroke?: number;
  /** Presentation layouts: where the hardware went (layout/present/fit.ts). */
  arrangement?: string;
  /** Presentation layouts: the frames group's accessible name (the free frames are not drawn). */
  framesLabel?: string;
  /** A crowded machine (layout/bound.ts): what its windows leave out, one box each; absent when nothing is left out. */
  summaries?: SummaryLayout[];
}

export interface LayoutOptions {
  /** Base font size in px: 14 normally, 20 in presentation mode. Every size scales with it. */
  fontSize?: number;
  /** The width to lay out for (the container's width, px): the picture is this wide unless its content needs more. Default DEFAULT_WIDTH. */
  width?: number;
  /**
   * Presentation mode: the diagram's box on screen and the viewport's height unit (px). A small
   * machine is then laid out by layout/present/fit.ts (text sized to the box, idle hardware
   * collapsed, pmaps and bytes drawn); a big one keeps this layout at `fontSize`.
   */
  stage?: { width: number; height: number; vh: number };
  /**
   * Presentation mode: the text size (px) of the layout drawn before in this box, kept while the
   * machine still fits at it (layout/present/fit.ts: the browser then lays out only what changed).
   */
  keepFontSize?: number;
  /** Where each window of a crowded machine starts (layout/bound.ts); none: every window at its start. */
  windows?: ReadonlyMap<string, number>;
}
