/**
 * geometry: the measures every band of the diagram's layout shares. Sizes are true pixels at 14 px
 * text, scaled by fontSize / 14 (presentation mode draws at 20 px); text widths are estimated (the
 * diagram's font is monospace); a label is placed by its baseline.
 *
 *   margin ┌ task ─────┐ linkGap ┌ obj ┐ colGap ┌ obj ┐ pagerGap ┌ pager ┐ margin
 *          │ taskHead  │         │line │        │     │          │       │
 *          │ entries   │         │cells│        │     │          └───────┘
 *          └───────────┘         └─────┘        └─────┘
 *   bandGap
 *   TLB (tlbSetW + ways × tlbCellW)          frames (cols × frameW)
 */
import type { LabelKind, TextItem } from './types';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The width laid out for when the container's width is unknown (no ResizeObserver, e.g. in tests). */
export const DEFAULT_WIDTH = 960;

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

/** The measures at one font size: what every band lays out with. */
export interface Geometry {
  /** Base font size (px). */
  fs: number;
  /** One px at 14 px text, in px at this size (fs / 14). */
  u: number;
  /** The measures of G, scaled. */
  g: typeof G;
  /** The size of a heading (a region's, a task's name). */
  headingSize: number;
  /** A label at (x, baseline y), `fs` px, start-anchored unless `extra` says otherwise. */
  text(x: number, y: number, t: string, kind: LabelKind, extra?: Partial<TextItem>): TextItem;
  /** The baseline of line i of a block of lines whose top is `top`. */
  lineY(top: number, i: number): number;
}

export function geometryFor(fontSize = 14): Geometry {
  const fs = fontSize;
  const u = fs / 14;
  const g = Object.fromEntries(Object.entries(G).map(([k, v]) => [k, v * u])) as typeof G;
  return {
    fs,
    u,
    g,
    headingSize: fs + 2 * u,
    text: (x, y, t, kind, extra = {}) => ({ x, y, text: t, size: fs, anchor: 'start', kind, ...extra }),
    lineY: (top, i) => top + g.line * i + fs + 2 * u,
  };
}

/** Width of a monospace label: the diagram's font is monospace, about 0.6 em per character. */
export const CHAR_EM = 0.6;

export function textWidth(text: string, size: number): number {
  return [...text].length * CHAR_EM * size;
}

/** The box a label's glyphs take (estimated: monospace, 0.6 em per character). */
export function textBox(t: TextItem): Box {
  const w = textWidth(t.text, t.size);
  const x = t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - w / 2 : t.x - w;
  return { x, y: t.y - t.size * 0.8, w, h: t.size };
}

/** The largest power of two ≤ n (n ≥ 1). */
export function pow2Floor(n: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, n)));
}

/** How many cells of width `cell`, `gap` apart, fit in `avail` px. */
export function cellsThatFit(avail: number, cell: number, gap: number): number {
  return Math.floor((avail + gap) / (cell + gap));
}

/** The width of `n` cells of width `cell`, `gap` apart. */
export function rowWidth(n: number, cell: number, gap: number): number {
  return n * cell + Math.max(0, n - 1) * gap;
}
