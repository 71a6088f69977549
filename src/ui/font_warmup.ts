/**
 * font_warmup: the fonts of the page's first frames used once, unseen, in a frame of their own
 * before the page is drawn (issue 18). A renderer's first use of a font (its file fetched from the
 * browser process, its typeface and shaper made, each size's font data) was paid inside the frame
 * that first showed it: the page's first frame (the header's sans at 500, the editor's code font)
 * and the first picture's (the diagram's code font, bold). The entry script calls warmFonts(): after
 * the boot screen's first frame (its own fonts are paid there), a hidden box of no size holding a
 * few words in each face the first frames use is added to the body, laid out by the next frame
 * alone, and removed after it. Nothing is shown, read out or shifted (aria-hidden, visibility:
 * hidden, absolutely placed, no size); the fonts stay in the renderer's cache.
 */

/** A face the page's first frames use: the page's sans (index.css :root) or its code font (.font-code), at these sizes. */
interface Face {
  code: boolean;
  weight: number;
  px: readonly number[];
}

/** The faces of the page's first frame and of the first picture (computed styles of the default lesson and fork_copy at 1280×720). */
export const FIRST_FACES: readonly Face[] = [
  { code: false, weight: 400, px: [13, 14, 16] },
  { code: false, weight: 500, px: [14, 16, 18] },
  { code: false, weight: 600, px: [20] },
  { code: true, weight: 400, px: [14, 15, 16] },
  { code: true, weight: 700, px: [14, 16] },
];

/** What each face lays out: letters, digits and the marks of an address. */
const SAMPLE = 'Step forward vm_map 0x1000 / 19';

/** The hidden box, one span a face and size (class font-warmup: index.css). */
export function warmupBox(doc: Document): HTMLElement {
  const box = doc.createElement('div');
  box.className = 'font-warmup';
  box.setAttribute('aria-hidden', 'true');
  for (const face of FIRST_FACES) {
    for (const px of face.px) {
      const span = doc.createElement('span');
      if (face.code) span.className = 'font-code';
      span.style.fontWeight = String(face.weight);
      span.style.fontSize = `${px}px`;
      span.textContent = SAMPLE;
      box.append(span);
    }
  }
  return box;
}

/**
 * After the next frame (the boot screen's, or whatever is on screen), the warm-up box is added;
 * the frame after lays it out; then it goes. Without requestAnimationFrame (not a browser) nothing is done.
 */
export function warmFonts(doc: Document = document, win: Pick<Window, 'requestAnimationFrame' | 'setTimeout'> = window): void {
  if (typeof win.requestAnimationFrame !== 'function') return;
  win.requestAnimationFrame(() =>
    win.setTimeout(() => {
      const box = warmupBox(doc);
      doc.body.append(box);
      // laid out by the frame after this rAF; removed in a task after that frame
      win.requestAnimationFrame(() => win.setTimeout(() => box.remove(), 0));
    }, 0),
  );
}
