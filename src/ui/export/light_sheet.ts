/**
 * The light export: the diagram on white paper with dark ink (light_theme.ts LIGHT), for exam sheets and
 * handouts, with the lesson's title and "step 16 / 37" above it, the statement under them, and the
 * step's caption (its narration headline) below the drawing; one standalone SVG document (PNG:
 * svg_export.ts svgToPngBlob of it). The page's dark diagram is cloned (serializeDiagram) and
 * recoloured colour by colour (lightColour: every dark theme colour has one light one); the page
 * itself is never touched. Long texts wrap onto at most MAX_SHEET_LINES lines each.
 */
import { LIGHT, lightColour } from '../diagram/light_theme';
import { serializeDiagram } from './svg_export';
import type { SheetText } from './sheet_text';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The most lines a title, statement or caption wraps onto; the rest is cut with an ellipsis. */
export const MAX_SHEET_LINES = 3;
const TITLE_SIZE = 22;
const TEXT_SIZE = 15;
const MARGIN = 16;
const LEADING = 1.35;
/** Roughly how wide a character of the diagram's monospace font is, in font sizes (for wrapping). */
const CHAR_WIDTH = 0.6;
const COLOUR_ATTRIBUTES = ['fill', 'stroke', 'stop-color', 'color', 'flood-color', 'lighting-color'];

/** `text` broken at spaces into lines of at most `chars` characters, at most MAX_SHEET_LINES of them. */
export function wrapText(text: string, chars: number): string[] {
  const width = Math.max(8, Math.floor(chars));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    for (let w = word; w !== ''; ) {
      const room = line === '' ? width : width - line.length - 1;
      if (w.length <= room) {
        line = line === '' ? w : `${line} ${w}`;
        w = '';
      } else if (line !== '') {
        lines.push(line);
        line = '';
      } else {
        lines.push(w.slice(0, width));
        w = w.slice(width);
      }
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= MAX_SHEET_LINES) return lines;
  const kept = lines.slice(0, MAX_SHEET_LINES);
  const last = kept[MAX_SHEET_LINES - 1];
  kept[MAX_SHEET_LINES - 1] = `${last.slice(0, width - 1)}…`;
  return kept;
}

function recolour(el: Element): void {
  for (const name of COLOUR_ATTRIBUTES) {
    const v = el.getAttribute(name);
    if (v !== null) el.setAttribute(name, lightColour(v));
  }
  const style = el.getAttribute('style');
  if (style !== null) {
    el.setAttribute('style', style.replace(/(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b/g, (c) => lightColour(c)));
  }
}

/** The light sheet of a diagram: its SVG document recoloured, with the sheet's words above and below it. */
export function serializeLightSheet(svg: SVGSVGElement, sheet: SheetText): string {
  const doc = new DOMParser().parseFromString(serializeDiagram(svg, { background: LIGHT.background }), 'image/svg+xml');
  const root = doc.documentElement;
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) recolour(el);
  const parts = (root.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  const [x, y, w, h] = parts.length === 4 && parts.every(Number.isFinite) ? parts : [0, 0, Number(root.getAttribute('width')) || 800, Number(root.getAttribute('height')) || 600];

  const chars = (size: number) => (w - 2 * MARGIN) / (size * CHAR_WIDTH);
  const above: { text: string; size: number; bold: boolean; testid: string }[] = [
    ...wrapText(sheet.title, chars(TITLE_SIZE)).map((t) => ({ text: t, size: TITLE_SIZE, bold: true, testid: 'sheet-title' })),
    { text: sheet.step, size: TEXT_SIZE, bold: true, testid: 'sheet-step' },
    ...wrapText(sheet.statement, chars(TEXT_SIZE)).map((t) => ({ text: t, size: TEXT_SIZE, bold: false, testid: 'sheet-statement' })),
  ];
  const below = wrapText(sheet.caption, chars(TEXT_SIZE)).map((t) => ({ text: t, size: TEXT_SIZE, bold: false, testid: 'sheet-caption' }));
  const height = (lines: { size: number }[]) => (lines.length === 0 ? 0 : MARGIN + lines.reduce((a, l) => a + l.size * LEADING, 0));
  const top = height(above) + MARGIN / 2;
  const bottom = height(below) + MARGIN / 2;

  const group = (lines: typeof above, from: number, testid: string) => {
    const g = doc.createElementNS(SVG_NS, 'g');
    g.setAttribute('data-testid', testid);
    let at = from;
    for (const l of lines) {
      at += l.size * LEADING;
      const t = doc.createElementNS(SVG_NS, 'text');
      t.setAttribute('x', String(x + MARGIN));
      t.setAttribute('y', String(at - l.size * (LEADING - 1)));
      t.setAttribute('font-size', String(l.size));
      if (l.bold) t.setAttribute('font-weight', '700');
      t.setAttribute('fill', LIGHT.text.normal);
      t.setAttribute('data-testid', l.testid);
      t.textContent = l.text;
      g.appendChild(t);
    }
    return g;
  };

  const newY = y - top;
  const newH = h + top + bottom;
  root.setAttribute('viewBox', `${x} ${newY} ${w} ${newH}`);
  root.setAttribute('width', String(w));
  root.setAttribute('height', String(newH));
  root.setAttribute('data-theme', 'light');
  const background = root.querySelector('[data-export="background"]');
  background?.setAttribute('y', String(newY));
  background?.setAttribute('height', String(newH));
  const header = group(above, newY + MARGIN / 2, 'sheet-header');
  const footer = group(below, y + h, 'sheet-footer');
  const rule = doc.createElementNS(SVG_NS, 'line');
  rule.setAttribute('x1', String(x + MARGIN));
  rule.setAttribute('x2', String(x + w - MARGIN));
  rule.setAttribute('y1', String(y - MARGIN / 4));
  rule.setAttribute('y2', String(y - MARGIN / 4));
  rule.setAttribute('stroke', LIGHT.faint);
  rule.setAttribute('stroke-width', '1');
  background?.after(header, rule);
  root.appendChild(footer);
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${new XMLSerializer().serializeToString(root)}\n`;
}
