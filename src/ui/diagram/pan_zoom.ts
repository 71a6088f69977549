/**
 * pan_zoom: zoom and pan of an SVG drawing, without React (in the spirit of xyflow's XYPanZoom).
 * createPanZoom(svg, viewport, options) (pan_zoom_behaviour.ts, with d3: in the export area's
 * lazy chunk, so d3 stays out of the main script; usePanZoom fetches it) puts d3-zoom on the <svg> (Ctrl/⌘ + wheel, drag,
 * double-click; a plain wheel is left to the page, which scrolls) and writes the transform of one
 * viewport <g>, and answers fit / reset / zoomBy. "The visible area" is the part of the SVG that
 * is on screen: fit() shows the whole drawing there, zoomBy() zooms about its centre, and the
 * drawing cannot be dragged more than half its size out of it. The maths (wheel → factor, fit,
 * clamping, the visible part) are plain functions, tested apart from the DOM.
 */

/** A rectangle: in SVG user units unless said otherwise. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A zoom: a drawing point (px, py) appears at (x + k·px, y + k·py) of the SVG. */
export interface View {
  x: number;
  y: number;
  k: number;
}

/** The edges of a box on screen (a DOMRect's fields). */
export interface ScreenBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The scales a user can zoom to: a tenth (a whole big machine on screen) to 8×. */
export const SCALE_EXTENT: readonly [number, number] = [0.1, 8];
/** The factor of one wheel notch (and of the zoom keys). */
export const WHEEL_STEP = 1.2;
/**
 * The pixels a wheel notch scrolls: Chromium reports 100 (Windows, ×1.5 at 150 % scaling) or 120
 * (Linux), Firefox 3 lines. An event of at least NOTCH_MIN_PX is a mouse wheel's notch (or a
 * burst of them): it counts as whole notches, one per started NOTCH_PX beyond the first, so 100,
 * 120 and 150 px are each one notch (1.2×). Smaller events (a touchpad's pinch, a few px each)
 * zoom in proportion (px / NOTCH_PX of a notch), smoothly.
 */
export const NOTCH_PX = 100;
const NOTCH_MIN_PX = 50;
const LINE_PX = NOTCH_PX / 3;
/** A fast wheel's coalesced event, or a wheel in pages, counts as at most this many notches. */
const MAX_NOTCHES = 3;
/** fit() first scrolls the drawing to the top of the window when less than this share of the window shows it. */
export const MIN_VISIBLE_SHARE = 0.5;

export const IDENTITY: View = { x: 0, y: 0, k: 1 };

export function clampScale(k: number, extent: readonly [number, number] = SCALE_EXTENT): number {
  return Math.min(extent[1], Math.max(extent[0], k));
}

/**
 * The zoom factor of a wheel event with Ctrl/⌘: WHEEL_STEP per notch (NOTCH_PX), towards the user
 * (deltaY < 0) zooms in. deltaMode 0 is pixels, 1 lines, 2 pages (counted as one notch each).
 * d3-zoom's own default (2^(−deltaY × 0.002 × 10) with Ctrl) made one 120 px notch 2^2.4 = 5.3×:
 * createPanZoom replaces it with this.
 */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  const px = deltaMode === 1 ? deltaY * LINE_PX : deltaMode === 2 ? deltaY * NOTCH_PX : deltaY;
  const size = Math.abs(px);
  const notches = size >= NOTCH_MIN_PX ? Math.max(1, Math.floor((size + 1e-6) / NOTCH_PX)) : size / NOTCH_PX;
  return WHEEL_STEP ** (-Math.sign(px) * Math.min(MAX_NOTCHES, notches));
}

/**
 * The view that shows `bounds` whole and centred in `area` (padding inside it), at the largest
 * scale within `extent`. When the extent stops the scale short (a drawing too big even at the
 * smallest scale), the drawing's top-left corner is kept in view instead of its centre.
 */
export function fitView(bounds: Rect, area: Rect, extent: readonly [number, number] = SCALE_EXTENT, padding = 0): View {
  const aw = area.w - 2 * padding;
  const ah = area.h - 2 * padding;
  if (bounds.w <= 0 || bounds.h <= 0 || aw <= 0 || ah <= 0) return IDENTITY;
  const k = clampScale(Math.min(aw / bounds.w, ah / bounds.h), extent);
  const place = (start: number, size: number, room: number, from: number) =>
    size * k <= room ? start + padding + (room - size * k) / 2 - from * k : start + padding - from * k;
  return { x: place(area.x, bounds.w, aw, bounds.x), y: place(area.y, bounds.h, ah, bounds.y), k };
}

/**
 * The part of an SVG that is on screen, in its user units: the SVG's box on screen (`svg`) cut by
 * the boxes that clip it (the window, a scrolling parent), mapped through its viewBox. Null when
 * nothing of it shows.
 */
export function visiblePart(svg: ScreenBox, clips: readonly ScreenBox[], viewBox: Rect): Rect | null {
  if (svg.width <= 0 || svg.height <= 0) return null;
  let left = svg.left;
  let top = svg.top;
  let right = svg.left + svg.width;
  let bottom = svg.top + svg.height;
  for (const c of clips) {
    left = Math.max(left, c.left);
    top = Math.max(top, c.top);
    right = Math.min(right, c.left + c.width);
    bottom = Math.min(bottom, c.top + c.height);
  }
  if (right - left < 1 || bottom - top < 1) return null;
  const sx = viewBox.w / svg.width;
  const sy = viewBox.h / svg.height;
  return { x: viewBox.x + (left - svg.left) * sx, y: viewBox.y + (top - svg.top) * sy, w: (right - left) * sx, h: (bottom - top) * sy };
}

export interface PanZoomOptions {
  /** The drawing's bounds (user units): what fit() shows, and what cannot be dragged out of sight. */
  bounds: Rect;
  scaleExtent?: readonly [number, number];
  /** Milliseconds of the animated fit / reset / zoomBy / double-click; 0 (reduced motion) jumps. */
  duration?: number;
  /** Called with every new view. */
  onChange?: (view: View) => void;
}

export interface PanZoom {
  /** Shows `bounds` (the drawing's, by default) whole in the visible area, scrolling the SVG into the window first when little of it shows. */
  fit(bounds?: Rect): void;
  /** Back to 1:1, unmoved. */
  reset(): void;
  /** Zooms by the factor k about the centre of the visible area (clamped to the scale extent). */
  zoomBy(k: number): void;
  /** The drawing's bounds changed (a new layout). */
  setBounds(bounds: Rect): void;
  view(): View;
  /** Removes the listeners; the viewport keeps its transform. */
  destroy(): void;
}
