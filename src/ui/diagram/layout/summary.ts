/**
 * summary: the box that stands for what a window of a crowded machine leaves out (layout/bound.ts),
 * laid out like a map entry: a dashed box as wide as its band, its lines of text cut to fit.
 *
 *   ┊ ▼ 1,968 more entries   ┊
 *   ┊ 0x42000–0x7d2000       ┊
 */
import { formatCount } from '../../../scenario/text_limits';
import { textWidth, type Geometry } from './geometry';
import type { SummaryLayout } from './types';

/** A number as people write it: 1,968 (formatCount: without the browser's number-formatting data, slow to load). */
export const count = formatCount;

/** `t` cut with an ellipsis to at most `w` px at font size `fs`. */
export function fitText(t: string, w: number, fs: number): string {
  if (textWidth(t, fs) <= w) return t;
  const chars = [...t];
  let n = Math.max(1, Math.floor(w / (0.6 * fs)) - 1);
  while (n > 1 && textWidth(chars.slice(0, n).join('') + '…', fs) > w) n--;
  return chars.slice(0, n).join('') + '…';
}

/** `a–b` on one line when it fits in `w` px, else `a–` and `b` on two. */
export function rangeLines(a: string, b: string, w: number, fs: number): string[] {
  const one = `${a}–${b}`;
  return textWidth(one, fs) <= w ? [one] : [`${a}–`, b].map((t) => fitText(t, w, fs));
}

/** `head rest` on one line when it fits in `w` px, else `head` and `rest` on two ("▼ 1,968 more", "entries"). */
export function headLines(head: string, rest: string, w: number, fs: number): string[] {
  const one = `${head} ${rest}`;
  return textWidth(one, fs) <= w ? [one] : [head, rest];
}

export function summaryBox(
  geo: Geometry,
  box: { x: number; y: number; w: number },
  what: { key: string; window: string; to: number; count: number; label: string },
  lines: string[],
): SummaryLayout {
  const { u, g, text, lineY, fs } = geo;
  const inner = box.w - 18 * u;
  const h = lines.length * g.line + g.entryPad + 4 * u;
  // the first line (or two: headLines) says how many, in bold; the rest which
  const bold = (i: number) => i === 0 || (i === 1 && /^(entries|tasks|objects)$/.test(lines[1]));
  const texts = lines.map((t, i) => text(box.x + 10 * u, lineY(box.y + 2 * u, i), fitText(t, inner, fs), 'gap', { tone: bold(i) ? 'accent' : 'dim', bold: bold(i) }));
  return { ...what, x: box.x, y: box.y, w: box.w, h, texts };
}
