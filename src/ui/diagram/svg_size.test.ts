import { describe, expect, it } from 'vitest';
import { SVG_SHRINK_SLACK, SVG_SIZE_STEP, svgSize } from './svg_size';

describe('svgSize', () => {
  it('rounds the drawing\'s height up to a coarse step, never below the drawing', () => {
    expect(svgSize(868)).toBe(4 * SVG_SIZE_STEP);
    expect(svgSize(894)).toBe(4 * SVG_SIZE_STEP);
    expect(svgSize(4 * SVG_SIZE_STEP)).toBe(4 * SVG_SIZE_STEP);
    expect(svgSize(4 * SVG_SIZE_STEP + 0.5)).toBe(5 * SVG_SIZE_STEP);
    for (const h of [1, 100.25, 1190, 1216, 5000.5]) {
      expect(svgSize(h)).toBeGreaterThanOrEqual(h);
      expect(svgSize(h) - h).toBeLessThan(SVG_SIZE_STEP);
    }
  });

  it('keeps its height while the drawing swings a little under it, and grows or shrinks when it must', () => {
    // heights that swing around a step's edge (presentation mode's pageout_pagein, measured)
    let kept = 0;
    const seen = [746, 775, 756, 803, 700, 675, 779, 691, 691].map((h) => (kept = svgSize(h, kept)));
    expect(seen).toEqual([768, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024]);
    expect(svgSize(1025, 1024)).toBe(5 * SVG_SIZE_STEP); // taller than the <svg>: it grows
    expect(svgSize(1024 - SVG_SHRINK_SLACK, 1024)).toBe(2 * SVG_SIZE_STEP); // far shorter: it shrinks
    expect(svgSize(1024 - SVG_SHRINK_SLACK + 1, 1024)).toBe(1024);
  });

  it('keeps an empty drawing empty', () => {
    expect(svgSize(0)).toBe(0);
  });
});
