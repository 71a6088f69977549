/**
 * The diagram's light theme: dark ink on white paper, for handouts and exam sheets (the handout
 * view draws with it; the light export recolours a dark diagram's SVG with lightColour). Apart
 * from theme.ts so that the main script does not carry it (only the lazy export chunk does).
 */
import { DARK, type Theme } from './theme';

/**
 * Handouts and exam sheets: dark ink on white paper (every text colour ≥ 7:1 on white, lines dark
 * enough to print). Where DARK uses one colour for two roles, LIGHT does too, so a dark diagram's
 * SVG can be recoloured colour by colour (lightColour).
 */
export const LIGHT: Theme = {
  background: '#ffffff',
  panel: '#f8fafc', // slate-50
  box: '#f1f5f9', // slate-100
  boxAlt: '#dbeafe', // blue-100: pages and TLB entries in use
  stroke: '#334155', // slate-700
  faint: '#94a3b8', // slate-400
  text: { normal: '#0f172a', dim: '#334155', accent: '#075985', warn: '#9a3412' }, // slate-900 17:1, slate-700 10:1, sky-800 8:1, orange-800 7.3:1
  path: '#a16207', // yellow-700
  step: '#a21caf', // fuchsia-700
  touched: '#4338ca', // indigo-700
  chip: '#15803d', // green-700, white text 5:1 (large bold)
  chipText: '#ffffff',
  dirty: '#c2410c', // orange-700
  link: { map: '#334155', shadow: '#0f172a', copy: '#075985', pager: '#075985', swap: '#9a3412', frame: '#334155' },
  // darker on paper than on a screen: a printed faint line all but vanishes
  linkOpacity: { map: 1, shadow: 1, copy: 1, pager: 0.85, swap: 0.9, frame: 0.6 },
};

/** The colours of a theme, flattened in one fixed order (lightColour pairs DARK's with LIGHT's). */
function colours(t: Theme): string[] {
  return [
    t.background, t.panel, t.box, t.boxAlt, t.stroke, t.faint, t.text.normal, t.text.dim, t.text.accent, t.text.warn,
    t.path, t.step, t.touched, t.chip, t.chipText, t.dirty, t.link.map, t.link.shadow, t.link.copy, t.link.pager, t.link.swap, t.link.frame,
  ];
}

/** DARK's colour → LIGHT's colour for the same role (lower case #rrggbb). */
export const DARK_TO_LIGHT: ReadonlyMap<string, string> = new Map(colours(DARK).map((c, i) => [c.toLowerCase(), colours(LIGHT)[i].toLowerCase()]));

/** The light theme's colour for a dark diagram's colour; anything else (none, a url(), a colour not in DARK) unchanged. */
export function lightColour(colour: string): string {
  return DARK_TO_LIGHT.get(colour.trim().toLowerCase()) ?? colour;
}
