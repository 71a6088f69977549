/**
 * The height of the diagram's <svg> elements in Normal mode: the drawing's height rounded up to a
 * step of SVG_HEIGHT_STEP px, so that a step which makes the drawing a little taller (a task gains
 * an entry) changes neither the <svg>'s size nor its viewBox. Chromium lays out every text of an
 * <svg> again (and the groups above them) when the <svg>'s viewport changes, its size or its
 * viewBox (issue 18: 79 texts and 70 groups on copy_on_map's step 5, the step's layout doubled).
 * The <svg> and its viewBox are as tall as this (the drawing at scale 1 in the top part), a box of
 * the drawing's true size around them clips the rest (the page sees the same picture), and the
 * <svg> says the drawing's true height (data-drawing-height): the export is cut to it
 * (export/svg_export.ts). Presentation mode keeps the true height: its box never grows (the
 * drawing is fitted to it).
 */

/** The <svg>'s height grows and shrinks in steps of this many px. */
export const SVG_HEIGHT_STEP = 256;

/** The <svg>'s height for a drawing `drawn` px high (already scaled). */
export function svgHeight(drawn: number, presentation: boolean): number {
  if (presentation || !(drawn > 0)) return drawn;
  return Math.ceil(drawn / SVG_HEIGHT_STEP) * SVG_HEIGHT_STEP;
}
