/**
 * useFitFont: gives a block of text the largest of a few font sizes (in vh, largest first) at
 * which it takes at most `maxLines` lines, so a long narration line steps down instead of
 * overflowing; at the last (the floor) it may take more lines and its box grows (never cut).
 * Sizes in vh keep the text a fixed share of the screen at any resolution; it re-fits when the
 * window is resized. Bounded cost: at most sizes.length layouts of one element per change.
 * The fit is measured off the commit: a new text gets the largest size (a style write, no read)
 * and a ResizeObserver's first report (made after the frame's own style and layout, before its
 * paint) measures it and steps it down if need be, so a line change does not force the whole
 * page's layout inside React's commit, and the frame that shows the text shows it fitted. Without
 * ResizeObserver (tests) it measures at once.
 */
import { useLayoutEffect, type RefObject } from 'react';

export function useFitFont(ref: RefObject<HTMLElement | null>, sizesVh: readonly number[], maxLines: number, leading: number, text: string): void {
  const key = sizesVh.join(',');
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const size = (vh: number) => {
      el.style.fontSize = `${vh}vh`;
      el.dataset.fontVh = String(vh);
    };
    const fit = () => {
      for (const [i, vh] of sizesVh.entries()) {
        size(vh);
        const px = (vh * window.innerHeight) / 100;
        const lines = Math.round(el.getBoundingClientRect().height / (px * leading));
        if (lines <= maxLines || i === sizesVh.length - 1) return;
      }
    };
    window.addEventListener('resize', fit);
    if (typeof ResizeObserver === 'undefined') {
      fit();
      return () => window.removeEventListener('resize', fit);
    }
    size(sizesVh[0]);
    // observe() reports the element's size once, after the next layout: the page is laid out by then
    const observer = new ResizeObserver(() => {
      observer.disconnect();
      fit();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', fit);
    };
    // the sizes are compared by value (key), so a new array of the same sizes does not re-fit
  }, [ref, key, maxLines, leading, text]);
}
