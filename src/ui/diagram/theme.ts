/**
 * theme: the colours of the machine diagram. Dark (slate-950) for screens, pure black and white
 * for projectors (presentation mode: each kind of arrow its own colour and dash, presentationLinkStyle).
 * Light (white paper, dark ink) for handouts and exam sheets: light_theme.ts (not in the main script).
 * Emphases: the hover / focus path (yellow), the elements the current step changed (fuchsia,
 * thick) and those it only touched (indigo, dashed), and the moving copy's chip (green, black text).
 */
import type { LinkKind, Swatch, Tone } from './layout/types';

export interface Theme {
  background: string;
  panel: string;
  box: string;
  boxAlt: string;
  stroke: string;
  faint: string;
  text: Record<Tone, string>;
  path: string;
  step: string;
  /** What the step only touched (not changed): a thinner dashed outline in this second colour. */
  touched: string;
  /** The moving copy (the copy-on-write chip): its fill and its text, unlike any highlight. */
  chip: string;
  chipText: string;
  dirty: string;
  link: Record<LinkKind, string>;
  linkOpacity: Record<LinkKind, number>;
}

export const DARK: Theme = {
  background: '#020617', // slate-950
  panel: '#0f172a', // slate-900
  box: '#1e293b', // slate-800
  boxAlt: '#172554', // blue-950: pages and TLB entries in use
  stroke: '#cbd5e1', // slate-300
  faint: '#475569', // slate-600
  text: { normal: '#f1f5f9', dim: '#94a3b8', accent: '#7dd3fc', warn: '#fdba74' },
  path: '#facc15', // yellow-400
  step: '#f0abfc', // fuchsia-300
  touched: '#a5b4fc', // indigo-300
  chip: '#4ade80', // green-400, black text 12:1
  chipText: '#000000',
  dirty: '#fb923c', // orange-400
  link: { map: '#cbd5e1', shadow: '#f1f5f9', copy: '#7dd3fc', pager: '#7dd3fc', swap: '#fdba74', frame: '#94a3b8' },
  linkOpacity: { map: 0.85, shadow: 1, copy: 1, pager: 0.7, swap: 0.8, frame: 0.45 },
};

export const PRESENTATION: Theme = {
  background: '#000000',
  panel: '#000000',
  box: '#111111',
  boxAlt: '#0b1f3a',
  stroke: '#ffffff',
  faint: '#a3a3a3',
  text: { normal: '#ffffff', dim: '#e5e5e5', accent: '#7dd3fc', warn: '#fdba74' },
  path: '#ffff00',
  step: '#ff66ff',
  touched: '#aab4ff',
  chip: '#4ade80',
  chipText: '#000000',
  dirty: '#ff9933',
  link: { map: '#ffffff', shadow: '#c4b5fd', copy: '#7dd3fc', pager: '#7dd3fc', swap: '#fdba74', frame: '#86efac' },
  linkOpacity: { map: 1, shadow: 1, copy: 1, pager: 1, swap: 1, frame: 1 },
};

/**
 * How an arrow of each kind is drawn in a presentation layout (stroke: its outline width, 3 px at
 * 1080): each kind its own colour (PRESENTATION.link) and dash, all at full opacity, so a mapping
 * (solid white), a shadow (thick solid violet), a pager (long dashes, sky), a swap (dashes,
 * orange), a copy (dash-dot) and a page's frame (short dashes, green) are told apart from the back.
 */
export function presentationLinkStyle(kind: LinkKind, stroke: number): { width: number; dash: string | undefined } {
  const s = stroke;
  switch (kind) {
    case 'map':
      return { width: s, dash: undefined };
    case 'shadow':
      return { width: 1.6 * s, dash: undefined };
    case 'pager':
      return { width: s, dash: `${4 * s} ${2 * s}` };
    case 'swap':
      return { width: s, dash: `${3 * s} ${2 * s}` };
    case 'copy':
      return { width: s, dash: `${4 * s} ${1.5 * s} ${s} ${1.5 * s}` };
    case 'frame':
      return { width: s, dash: `${1.5 * s} ${1.5 * s}` };
  }
}

/**
 * How an arrow of each kind is drawn: a presentation layout's (`stroke` set) above; otherwise the
 * screen's, each kind its own dash and width too (colour alone does not tell them apart): a mapping
 * solid, a shadow thick and solid, a copy dash-dot, a pager long dashes, a swap medium dashes, a
 * page's frame dotted and thin. The legend draws its samples with it.
 */
export function linkStyle(kind: LinkKind, stroke?: number): { width: number; dash: string | undefined } {
  if (stroke !== undefined) return presentationLinkStyle(kind, stroke);
  return SCREEN_LINKS[kind];
}

const SCREEN_LINKS: Record<LinkKind, { width: number; dash: string | undefined }> = {
  map: { width: 1.75, dash: undefined },
  shadow: { width: 2.75, dash: undefined },
  copy: { width: 1.75, dash: '7 3 2 3' },
  pager: { width: 1.75, dash: '9 4' },
  swap: { width: 1.75, dash: '5 4' },
  frame: { width: 1.25, dash: '2 3' },
};

/** The kinds of arrow drawn with an arrowhead (a page's frame link has none: it is no "points to"). */
export const ARROW_KINDS: readonly LinkKind[] = ['map', 'shadow', 'pager', 'copy', 'swap'];

/** What each swatch is filled with, and how opaque. */
export function swatchStyle(theme: Theme): Record<Swatch, { fill: string; opacity: number }> {
  return {
    free: { fill: theme.faint, opacity: 0.45 },
    used: { fill: theme.text.accent, opacity: 1 },
    dirty: { fill: theme.dirty, opacity: 1 },
    absent: { fill: theme.faint, opacity: 0.35 },
    resident: { fill: theme.text.accent, opacity: 1 },
    swapped: { fill: theme.text.warn, opacity: 1 },
    empty: { fill: theme.faint, opacity: 0.35 },
    readonly: { fill: theme.text.warn, opacity: 1 },
    writable: { fill: theme.text.accent, opacity: 1 },
  };
}

/** Base font size in px: at least 14 on a 1280 × 720 screen, 1.4 × that on a projector. */
export const FONT_SIZE = 14;
export const PRESENTATION_FONT_SIZE = 20;
