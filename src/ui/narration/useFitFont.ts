/**
 * useFitFont: gives a block of text the largest of a few font sizes (in vh, largest first) at
 * which it takes at most `maxLines` lines, so a long narration line steps down instead of
 * overflowing; at the last (the floor) it may take more lines and its box grows (never cut).
 * Sizes in vh keep the text a fixed share of the screen at any resolution; it re-fits when the
 * window is resized. Bounded cost: at most sizes.length layouts of one element per change.
 */
import { useLayoutEffect, type RefObject } from 'react';

export function useFitFont(ref: RefObject<HTMLElement | null>, sizesVh: readonly number[], maxLines: number, leading: number, text: string): void {
  const key = sizesVh.join(',');
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const fit = () => {
      for (const [i, vh] of sizesVh.entries()) {
        el.style.fontSize = `${vh}vh`;
        el.dataset.fontVh = String(vh);
        const px = (vh * window.innerHeight) / 100;
        const lines = Math.round(el.getBoundingClientRect().height / (px * leading));
        if (lines <= maxLines || i === sizesVh.length - 1) return;
      }
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
    // the sizes are compared by value (key), so a new array of the same sizes does not re-fit
  }, [ref, key, maxLines, leading, text]);
}
