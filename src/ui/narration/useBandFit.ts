/**
 * useBandFit: presentation mode's narration band, fitted and sized once per frame. The band's texts
 * (statement, headline, details) sit in a box of an explicit height with strict containment: a
 * relayout boundary, so a step's new text is laid out inside that box alone, not with the header,
 * the diagram's box and the page (issue 18, steprest: every presentation step's layout was rooted at
 * the document). The box is as tall as what it holds: a new text gets its largest size (a style
 * write, no read); after the frame's own layout one ResizeObserver report fits each changed text
 * (fit_font.ts: a smaller size when it takes too many lines; each such try lays out the box only)
 * and THEN measures the content and gives the box its height, if it changed. So a text that fits
 * only one size down never makes the box (and the diagram's box below it) change size for a frame,
 * and a text too long even at the floor still grows the box, before the frame is painted (never
 * cut). A resize re-fits every text and re-sizes the box at once. Without ResizeObserver (tests)
 * it fits and sizes at once.
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';
import { fitFont, setFontVh } from './fit_font';

/** A text of the band fitted to at most `maxLines` lines, by the sizes in vh `sizesVh` (largest first). */
export interface BandText {
  ref: RefObject<HTMLElement | null>;
  sizesVh: readonly number[];
  maxLines: number;
  leading: number;
  /** What the text says (and anything else that should re-fit it): a new value fits it again. */
  text: string;
}

/** The box's height written: its content's, exactly (a layout's sizes are multiples of 1/64 px: the page lays out as it did without the box); a same height is not written again. */
export function boxHeight(contentPx: number): string {
  return `${contentPx}px`;
}

/**
 * Fits the band's texts and sizes its box (`box`: the contained box; `content`: what it holds, as
 * tall as its texts need). `texts` is a fixed list (the same texts in the same order each render).
 */
export function useBandFit(box: RefObject<HTMLElement | null>, content: RefObject<HTMLElement | null>, texts: readonly BandText[]): void {
  const latest = useRef(texts);
  /** The texts whose words changed since they were last fitted (by index). */
  const pending = useRef(new Set<number>());
  const said = useRef<string[]>([]);
  const observer = useRef<ResizeObserver | null>(null);
  const settle = useRef<(all: boolean) => void>(() => {});

  // once: the fit-and-size routine, run by the observer's report (the texts changed) and by a resize (all of them)
  useLayoutEffect(() => {
    const run = (all: boolean) => {
      const list = latest.current;
      for (const [i, t] of list.entries()) {
        const el = t.ref.current;
        if (el !== null && (all || pending.current.has(i))) fitFont(el, t.sizesVh, t.maxLines, t.leading);
      }
      pending.current.clear();
      const b = box.current;
      const c = content.current;
      if (b === null || c === null) return;
      const h = boxHeight(c.getBoundingClientRect().height);
      if (b.style.height !== h) b.style.height = h;
    };
    settle.current = run;
    const onResize = () => run(true);
    window.addEventListener('resize', onResize);
    if (typeof ResizeObserver !== 'undefined') {
      observer.current = new ResizeObserver(() => run(false));
    }
    return () => {
      window.removeEventListener('resize', onResize);
      observer.current?.disconnect();
      observer.current = null;
    };
  }, [box, content]);

  // each commit whose texts changed: those texts get their largest size now (no read), and are fitted after the frame's layout
  const key = texts.map((t) => t.text).join('\u0000');
  useLayoutEffect(() => {
    latest.current = texts;
    for (const [i, t] of texts.entries()) {
      if (said.current[i] === t.text) continue;
      said.current[i] = t.text;
      pending.current.add(i);
      const el = t.ref.current;
      if (el !== null) setFontVh(el, t.sizesVh[0]);
    }
    const c = content.current;
    const o = observer.current;
    if (o === null || c === null) {
      settle.current(false);
      return;
    }
    // observed anew: the observer reports the content once after the next layout, whether or not its size changed
    o.unobserve(c);
    o.observe(c);
    // texts is read through `latest`: the key says when its words changed
  }, [key, content]);
}
