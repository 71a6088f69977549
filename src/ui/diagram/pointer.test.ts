// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pointer as d3Pointer } from 'd3';
import { pointer } from './pointer';

describe('pointer', () => {
  it('gives what d3-selection gives: pixels from the element box when the SVG cannot map a point', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    svg.appendChild(g);
    document.body.appendChild(svg);
    Object.defineProperties(svg, { createSVGPoint: { value: undefined } });
    for (const el of [g, svg, document.body]) {
      Object.defineProperties(el, { getBoundingClientRect: { value: () => new DOMRect(30, 40, 200, 100) }, clientLeft: { value: 2 }, clientTop: { value: 3 } });
      const e = { clientX: 130, clientY: 90 };
      expect(pointer(e, el)).toEqual([98, 47]);
      expect(pointer(e, el)).toEqual(d3Pointer(e, el));
    }
  });
  it('maps through the screen transform of an SVG element', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    svg.appendChild(g);
    const inverse = { a: 0.5, b: 0, c: 0, d: 0.5, e: -10, f: -20 };
    Object.defineProperties(svg, { createSVGPoint: { value: () => ({ x: 0, y: 0, matrixTransform(m: typeof inverse) { return { x: m.a * this.x + m.c * this.y + m.e, y: m.b * this.x + m.d * this.y + m.f }; } }) } });
    Object.defineProperties(g, { getScreenCTM: { value: () => ({ inverse: () => inverse }) } });
    expect(pointer({ clientX: 100, clientY: 60 }, g)).toEqual([40, 10]);
    expect(pointer({ clientX: 100, clientY: 60 }, g)).toEqual(d3Pointer({ clientX: 100, clientY: 60 }, g));
  });
});
