import { describe, expect, it } from 'vitest';
import { SVG_HEIGHT_STEP, svgHeight } from './svg_height';

describe('svgHeight', () => {
  it('rounds the drawing\'s height up to a coarse step in Normal mode, never below the drawing', () => {
    expect(svgHeight(868, false)).toBe(4 * SVG_HEIGHT_STEP);
    expect(svgHeight(894, false)).toBe(4 * SVG_HEIGHT_STEP);
    expect(svgHeight(4 * SVG_HEIGHT_STEP, false)).toBe(4 * SVG_HEIGHT_STEP);
    expect(svgHeight(4 * SVG_HEIGHT_STEP + 0.5, false)).toBe(5 * SVG_HEIGHT_STEP);
    for (const h of [1, 100.25, 1190, 1216, 5000.5]) {
      expect(svgHeight(h, false)).toBeGreaterThanOrEqual(h);
      expect(svgHeight(h, false) - h).toBeLessThan(SVG_HEIGHT_STEP);
    }
  });

  it('keeps the true height in presentation mode (its box never grows) and for an empty drawing', () => {
    expect(svgHeight(437.5, true)).toBe(437.5);
    expect(svgHeight(0, false)).toBe(0);
  });
});
