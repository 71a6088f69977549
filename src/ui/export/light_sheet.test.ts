// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { DARK } from '../diagram/theme';
import { LIGHT } from '../diagram/light_theme';
import { MAX_SHEET_LINES, serializeLightSheet, wrapText } from './light_sheet';
import { findDiagramSvg } from './svg_export';

function diagram(): SVGSVGElement {
  document.body.innerHTML = `
    <svg viewBox="0 0 640 360" width="640" height="360" aria-label="Machine diagram: test" style="background: #020617">
      <rect x="0" y="0" width="640" height="360" fill="#020617"/>
      <g data-testid="diagram-viewport">
        <g data-testid="task-P"><rect x="10" y="10" width="80" height="30" fill="#1e293b" stroke="#cbd5e1"/>
          <text x="12" y="24" fill="#f1f5f9">task P</text></g>
        <path d="M0,0L9,9" stroke="#7dd3fc" style="stroke: #7dd3fc; transition: stroke 1s"/>
      </g>
    </svg>`;
  return findDiagramSvg()!;
}

const SHEET = { title: 'Fork with VM_INHERIT_COPY', step: 'step 16 / 37', statement: 'kr = write(C, x, "child data!")', caption: 'write returned KERN_SUCCESS: task C stored "child data!" at 0x1000.' };

afterEach(() => {
  document.body.innerHTML = '';
});

describe('serializeLightSheet', () => {
  it('is the diagram on white with dark ink: no colour of the dark theme is left', () => {
    const text = serializeLightSheet(diagram(), SHEET);
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const first = doc.documentElement.firstElementChild!;
    expect(first.getAttribute('data-export')).toBe('background');
    expect(first.getAttribute('fill')).toBe('#ffffff');
    // (LIGHT.box is slate-100, DARK.text.normal's colour: that one may be left, as a box)
    for (const dark of [DARK.background, DARK.box, DARK.stroke, DARK.text.accent]) expect(text.toLowerCase()).not.toContain(dark);
    expect(doc.querySelector('[data-testid="task-P"] rect')!.getAttribute('stroke')).toBe(LIGHT.stroke);
    expect(doc.querySelector('[data-testid="task-P"] text')!.getAttribute('fill')).toBe(LIGHT.text.normal);
    expect(doc.querySelector('path')!.getAttribute('style')).toContain(LIGHT.link.copy);
  });

  it('carries the title and step above the drawing, the statement under them, the caption below', () => {
    const doc = new DOMParser().parseFromString(serializeLightSheet(diagram(), SHEET), 'image/svg+xml');
    const line = (id: string) => [...doc.querySelectorAll(`[data-testid="${id}"]`)].map((t) => t.textContent).join(' ');
    expect(line('sheet-title')).toBe(SHEET.title);
    expect(line('sheet-step')).toBe('step 16 / 37');
    expect(line('sheet-statement')).toBe(SHEET.statement);
    expect(line('sheet-caption')).toBe(SHEET.caption);
    const y = (id: string) => Number(doc.querySelector(`[data-testid="${id}"]`)!.getAttribute('y'));
    expect(y('sheet-title')).toBeLessThan(0);
    expect(y('sheet-statement')).toBeLessThan(0);
    expect(y('sheet-caption')).toBeGreaterThan(360);
    // the picture grew to hold them: the viewBox and the background cover the words
    const [, vy, , vh] = doc.documentElement.getAttribute('viewBox')!.split(' ').map(Number);
    expect(vy).toBeLessThan(y('sheet-title') - 20);
    expect(vy + vh).toBeGreaterThan(y('sheet-caption'));
  });

  it('wraps a long text onto at most MAX_SHEET_LINES lines, the last cut with an ellipsis', () => {
    expect(wrapText('a bb ccc dddd', 8)).toEqual(['a bb ccc', 'dddd']);
    const lines = wrapText('word '.repeat(500), 40);
    expect(lines).toHaveLength(MAX_SHEET_LINES);
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines[MAX_SHEET_LINES - 1].endsWith('…')).toBe(true);
    expect(wrapText('x'.repeat(30), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(10)]);
  });
});
