/**
 * frames: physical memory, on the right of the bottom band: a heading (frames, free), the pageout
 * and pagein counters, then one labelled box per frame (its number, obj@offset, bold when dirty)
 * in a grid of a power of two columns, up to FRAME_COLS_MAX; or, past COMPACT_FRAMES frames, a
 * wide grid of small cells (6–10 px, up to 256 columns) with the first frame of a row every few
 * rows in a gutter on its left and a colour key after the counters.
 *
 *   physical memory: 8 frames, 5 free
 *   2 pageouts · 1 pagein
 *   ┌0   3@0x0┐ ┌1       ┐ ┌2  3@0x1000┐ ┌3       ┐
 *   └─────────┘ └────────┘ └───────────┘ └────────┘
 */
import type { MachineSnapshot } from '../../../kernel/snapshot';
import { hex, plural } from '../format';
import { keyed, ref } from '../element_ref';
import { COMPACT_FRAMES, FRAME_DIRTY, FRAME_FREE, FRAME_USED, makeGrid, type Grid } from '../compact';
import { cellsThatFit, pow2Floor, textWidth, type Box, type Geometry } from './geometry';
import { frameLabel } from './labels';
import type { FrameLayout, LegendItem, TextItem } from './types';

/** The most frame columns; the grid takes the largest power of two that fits. */
const FRAME_COLS_MAX = 16;

/** The width of a grid of `cols` labelled frames. */
const framesGridW = (geo: Geometry, cols: number) => cols * (geo.g.frameW + geo.g.frameGap) - geo.g.frameGap;

/** The fewest columns of labelled frames the picture makes room for (up to 4). */
const minFrameCols = (snap: MachineSnapshot) => Math.max(1, Math.min(4, snap.frameOwner.length));

/** The width the frames need at the least (their fewest columns): the picture is at least this wide. */
export function minFramesWidth(snap: MachineSnapshot, geo: Geometry): number {
  return framesGridW(geo, minFrameCols(snap));
}

/** The frames' size on the picture, known before where they go. */
export interface FramesShape {
  /** True when the frames are a grid of small cells (under the TLB, full width). */
  compact: boolean;
  /** True when the labelled frames fit beside the TLB (else they go above it). */
  beside: boolean;
  /** Columns of labelled frames. */
  cols: number;
  /** The compact grid's gutter (frame numbers), columns and pitch. */
  gutter: number;
  compactCols: number;
  compactPitch: number;
  w: number;
  h: number;
}

/** The frames' shape in a picture `width` wide, beside a TLB `tlbW` wide. */
export function framesShape(snap: MachineSnapshot, geo: Geometry, width: number, tlbW: number): FramesShape {
  const { fs, u, g } = geo;
  const nFrames = snap.frameOwner.length;
  const fit = (avail: number) => cellsThatFit(avail, g.frameW, g.frameGap);
  const besideAvail = width - 2 * g.margin - tlbW - g.bandGap;
  const compact = nFrames > COMPACT_FRAMES;
  const beside = !compact && fit(besideAvail) >= minFrameCols(snap);
  // compact frames: a wide grid under the TLB (it may be tall); else beside the TLB or above it
  const cols = Math.max(1, Math.min(nFrames, pow2Floor(Math.min(FRAME_COLS_MAX, fit(beside ? besideAvail : width - 2 * g.margin)))));
  const gutter = textWidth(String(nFrames), fs) + 10 * u;
  // the most columns (a power of two, up to 256) at 6 px a cell, then cells as big as the width allows, up to 10 px
  const compactAvail = width - 2 * g.margin - gutter;
  const compactCols = Math.max(16, pow2Floor(Math.min(256, Math.floor(compactAvail / (6 * u)))));
  const compactPitch = Math.max(6 * u, Math.min(10 * u, compactAvail / compactCols));
  const w = compact ? width - 2 * g.margin : framesGridW(geo, cols);
  const gridH = compact ? Math.ceil(nFrames / compactCols) * compactPitch : Math.ceil(nFrames / cols) * (g.frameH + g.frameGap) - g.frameGap;
  const h = g.title + g.line + (compact ? 6 * u : 0) + gridH;
  return { compact, beside, cols, gutter, compactCols, compactPitch, w, h };
}

export interface FramesBand {
  /** One labelled box per frame, or empty when they are in `framesGrid`. */
  frames: FrameLayout[];
  framesGrid: Grid | null;
  framesBox: Box & { texts: TextItem[]; legend: LegendItem[] };
}

/** The frames of `shape`, right-aligned in a picture `width` wide, their top at `y`. */
export function layoutFrames(snap: MachineSnapshot, geo: Geometry, shape: FramesShape, width: number, y: number): FramesBand {
  const { fs, u, g, text, headingSize } = geo;
  const { cols, compactCols, compactPitch } = shape;
  const nFrames = snap.frameOwner.length;
  const framesX = width - g.margin - shape.w;
  const framesTop = y + g.title + g.line;
  let used = 0;
  const frames: FrameLayout[] = [];
  const frameTexts: TextItem[] = [];
  const legend: LegendItem[] = [];
  let framesGrid: Grid | null = null;
  if (shape.compact) {
    const classes = new Uint8Array(nFrames);
    for (let f = 0; f < nFrames; f++) {
      if (snap.frameOwner[f] === 0) classes[f] = FRAME_FREE;
      else {
        used++;
        classes[f] = (snap.frameFlags[f] & 1) !== 0 ? FRAME_DIRTY : FRAME_USED;
      }
    }
    framesGrid = makeGrid(framesX + shape.gutter, framesTop + 6 * u, nFrames, compactCols, compactPitch, compactPitch - Math.max(1, compactPitch / 6), classes);
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
      const x = framesX + (f % cols) * (g.frameW + g.frameGap);
      const fy = framesTop + Math.floor(f / cols) * (g.frameH + g.frameGap);
      const base = fy + g.frameH / 2 + fs * 0.35;
      const ft: TextItem[] = [text(x + 8 * u, base, String(f), 'frame', { tone: 'dim' })];
      if (owner !== 0) {
        used++;
        ft.push(text(x + g.frameW - 5 * u, base, `${owner}@${hex(offset)}`, 'frame', { anchor: 'end', bold: dirty }));
      }
      frames.push({ ...keyed(ref.frame(f)), index: f, owner, offset, dirty, referenced, x, y: fy, w: g.frameW, h: g.frameH, texts: ft, label: frameLabel(snap, f) });
    }
  }
  const framesTitle = `physical memory: ${plural(nFrames, 'frame')}, ${nFrames - used} free`;
  const framesCounters = `${plural(snap.pageouts, 'pageout')} · ${plural(snap.pageins, 'pagein')}`;
  // a small grid (few frames) keeps its title inside the picture: it then ends at the right margin
  const titleX = (t: string, size: number) => Math.max(g.margin, Math.min(framesX, width - g.margin - textWidth(t, size)));
  const countersY = y + g.title + 12 * u;
  if (shape.compact) {
    // the colours' key, after the counters: ■ in use  ■ dirty  ■ free
    let lx = titleX(framesCounters, fs) + textWidth(framesCounters, fs) + 24 * u;
    for (const [swatch, name] of [['used', 'in use'], ['dirty', 'dirty'], ['free', 'free']] as const) {
      const sq = fs * 0.75;
      legend.push({ swatch, x: lx, y: countersY - sq, w: sq, h: sq, text: text(lx + sq + 5 * u, countersY, name, 'counter', { tone: 'dim' }) });
      lx += sq + 5 * u + textWidth(name, fs) + 16 * u;
    }
  }
  const framesBox = {
    x: framesX, y, w: shape.w, h: shape.h, legend,
    texts: [
      text(titleX(framesTitle, headingSize), y + 18 * u, framesTitle, 'heading', { bold: true, size: headingSize }),
      text(titleX(framesCounters, fs), countersY, framesCounters, 'counter', { tone: 'dim' }),
      ...frameTexts,
    ],
  };
  return { frames, framesGrid, framesBox };
}
