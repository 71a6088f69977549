/**
 * measure: the presentation layout's measures at one font size. Everything is counted in lines
 * (one line of text is `line` px tall, its text `fs` px) and characters (monospace, CHAR_EM × fs
 * wide); each kind of box has a budget of characters, and a longer label is cut with "…", so a
 * box's size never depends on its words and what it holds never sticks out of it.
 *
 *   ┌ pad ──────────────┐
 *   │ text of chars ch  │  line = 1.2 × fs
 *   └───────────────────┘
 */
import { CHAR_EM, textWidth } from '../geometry';
import type { LabelKind, TextItem } from '../types';

/** Characters of each kind of box. */
export const BUDGET = { task: 14, object: 13, pager: 8, frame: 12, tlb: 15 } as const;

export interface StageMeasures {
  fs: number;
  /** One character's width. */
  ch: number;
  /** One line's height. */
  line: number;
  /** The room between a box's edge and its text. */
  pad: number;
  /** The picture's margin. */
  margin: number;
  /** Stroke width of outlines and arrows. */
  stroke: number;
  /** One px at 14 px text (what the picture scales small marks by). */
  u: number;
  /** A draft, made only to be measured (fit.ts tries many): no accessible labels, texts not cut (the final layout has them). */
  draft: boolean;
  /** The label, or '' in a draft. */
  label(make: () => string): string;
  /** The width of a box holding `chars` characters. */
  boxW(chars: number): number;
  /** A label whose line's top is `top`, cut to `chars` characters. */
  text(x: number, top: number, t: string, kind: LabelKind, chars: number, extra?: Partial<TextItem>): TextItem;
}

/** Cuts a label to `chars` characters ("…" last when cut). */
export function cut(t: string, chars: number): string {
  const cs = [...t];
  return cs.length <= chars ? t : `${cs.slice(0, Math.max(0, chars - 1)).join('')}…`;
}

export function stageMeasures(fs: number, stroke: number, draft = false): StageMeasures {
  const ch = CHAR_EM * fs;
  const pad = 0.35 * fs;
  return {
    fs, ch, line: 1.2 * fs, pad, margin: 0.4 * fs, stroke, u: fs / 14, draft,
    label: (make) => (draft ? '' : make()),
    boxW: (chars) => chars * ch + 2 * pad,
    text: (x, top, t, kind, chars, extra = {}) => {
      // a draft is only measured: its text is never drawn, and a box's size never depends on its words
      const s = draft ? t : cut(t, chars);
      return { x, y: top + 0.9 * fs, text: s, size: fs, anchor: 'start', kind, ...extra };
    },
  };
}

/** True when a label fits `chars` characters of its size. */
export const fitsChars = (t: string, chars: number, fs: number) => textWidth(t, fs) <= chars * CHAR_EM * fs + 0.01;
