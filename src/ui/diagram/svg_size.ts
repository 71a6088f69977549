/**
 * The height of the diagram's <svg> elements: the drawing's height rounded up to a
 * step of SVG_SIZE_STEP px, so that a step which makes the drawing a little taller (a task gains
 * an entry) changes neither the <svg>'s size nor its viewBox. Chromium lays out every text of an
 * <svg> again (and the groups above them) when the <svg>'s viewport changes, its size or its
 * viewBox (issue 18: 79 texts and 70 groups on copy_on_map's step 5).
 * The <svg> and its viewBox are as tall as this (the drawing at its scale in the top part), a box of
 * the drawing's true size around them clips the rest (the page sees the same picture), and the
 * <svg> says the drawing's true height (data-drawing-height): the export is cut to it
 * (export/svg_export.ts). It shrinks only by more than SVG_SHRINK_SLACK (stepping back, a drawing
 * that swings around a step's edge). Normal mode only: presentation mode keeps the true height
 * (e2e/lecture_hall measures the <svg> as the drawing that must fit its box).
 */

/** The <svg>'s height grows in steps of this many px... */
export const SVG_SIZE_STEP = 256;
/** ...and shrinks only when the drawing is this much shorter (a drawing that swings by a few dozen px keeps its <svg>). */
export const SVG_SHRINK_SLACK = 2 * SVG_SIZE_STEP;

/** The <svg>'s height for a drawing `drawn` px high (already scaled), when it was `previous` px high (0: none yet). */
export function svgSize(drawn: number, previous = 0): number {
  if (!(drawn > 0)) return drawn;
  if (previous >= drawn && previous - drawn < SVG_SHRINK_SLACK) return previous;
  return Math.ceil(drawn / SVG_SIZE_STEP) * SVG_SIZE_STEP;
}
