/**
 * fitFont: gives a block of text the largest of a few font sizes (in vh, largest first) at which it
 * takes at most `maxLines` lines, so a long narration line steps down instead of overflowing; at
 * the last (the floor) it may take more lines and its box grows (never cut). Sizes in vh keep the
 * text a fixed share of the screen at any resolution. Bounded cost: at most sizes.length layouts
 * of one element per call (each inside the narration band's box, a relayout boundary: useBandFit).
 * When it is called (after the frame's layout, on a resize) is useBandFit's business.
 */

/** Sets `el`'s font size to `vh` (and says it in data-font-vh); a size already set is not written again (no style change). */
export function setFontVh(el: HTMLElement, vh: number): void {
  const size = `${vh}vh`;
  if (el.style.fontSize !== size) el.style.fontSize = size;
  if (el.dataset.fontVh !== String(vh)) el.dataset.fontVh = String(vh);
}

/** Fits `el`'s text: the largest of `sizesVh` at which it takes at most `maxLines` lines of `leading` × its size, else the last. */
export function fitFont(el: HTMLElement, sizesVh: readonly number[], maxLines: number, leading: number): void {
  for (const [i, vh] of sizesVh.entries()) {
    setFontVh(el, vh);
    const px = (vh * window.innerHeight) / 100;
    const lines = Math.round(el.getBoundingClientRect().height / (px * leading));
    if (lines <= maxLines || i === sizesVh.length - 1) return;
  }
}
