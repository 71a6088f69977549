import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellBox, gapPath, makeGrid, moveSlot, runPaths, slotAt, sortedIndex } from './compact';

/** The cells a run path covers, read back from its `M x,y h w v h h -w z` rectangles. */
function cellsOf(d: string, g: ReturnType<typeof makeGrid>): number[] {
  const out: number[] = [];
  for (const m of d.matchAll(/M([-\d.]+),([-\d.]+)h([-\d.]+)v[-\d.]+h[-\d.]+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const first = slotAt(g, x + 0.01, y + 0.01)!;
    const n = Math.round((w + (g.pitch - g.cell)) / g.pitch);
    for (let i = 0; i < n; i++) out.push(first + i);
  }
  return out;
}

describe('compact grids', () => {
  it('finds the cell under any point of a cell, and no cell outside the grid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 700 }), fc.constantFrom(16, 64, 128), fc.double({ min: 3, max: 12, noNaN: true }), (count, cols, pitch) => {
        const g = makeGrid(10, 20, count, cols, pitch, pitch - 1, new Uint8Array(count));
        for (let s = 0; s < count; s += Math.max(1, count >> 5)) {
          const b = cellBox(g, s);
          expect(slotAt(g, b.x + b.w / 2, b.y + b.h / 2)).toBe(s);
          expect(b.x + b.w).toBeLessThanOrEqual(g.x + g.w + 1e-9);
          expect(b.y + b.h).toBeLessThanOrEqual(g.y + g.h + 1e-9);
        }
        expect(slotAt(g, g.x - 1, g.y)).toBeNull();
        expect(slotAt(g, g.x, g.y + g.rows * pitch + 1)).toBeNull();
      }),
    );
  });

  it('draws every cell exactly once, in the path of its class', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 600 }), fc.constantFrom(16, 32), (cls, cols) => {
        const g = makeGrid(0, 0, cls.length, cols, 8, 6.5, Uint8Array.from(cls));
        const paths = runPaths(g, 3);
        const seen = new Map<number, number>();
        paths.forEach((d, k) => {
          for (const s of cellsOf(d, g)) {
            expect(seen.has(s)).toBe(false);
            seen.set(s, k);
          }
        });
        expect(seen.size).toBe(cls.length);
        for (const [s, k] of seen) expect(k).toBe(cls[s]);
      }),
    );
  });

  it('merges runs: a row of equal cells is one rectangle, and the gaps are painted over', () => {
    const g = makeGrid(0, 0, 256, 128, 8, 6.5, new Uint8Array(256).fill(1));
    expect(runPaths(g, 3)[1].match(/M/g)).toHaveLength(2);
    expect(runPaths(g, 3)[0]).toBe('');
    expect(gapPath(g).match(/M/g)).toHaveLength(127 + 1);
  });

  it('moves the keyboard cursor by cell, row and page, staying inside the grid', () => {
    const g = makeGrid(0, 0, 100, 16, 8, 6.5, new Uint8Array(100));
    expect(moveSlot(g, 0, 'ArrowRight')).toBe(1);
    expect(moveSlot(g, 0, 'ArrowLeft')).toBe(0);
    expect(moveSlot(g, 3, 'ArrowDown')).toBe(19);
    expect(moveSlot(g, 90, 'ArrowDown')).toBe(99);
    expect(moveSlot(g, 50, 'Home')).toBe(0);
    expect(moveSlot(g, 5, 'End')).toBe(99);
    expect(moveSlot(g, 5, 'PageDown')).toBe(99);
    expect(moveSlot(g, 5, 'Enter')).toBeNull();
  });

  it('finds a value in a sorted array', () => {
    expect(sortedIndex([0, 4096, 8192, 40960], 8192)).toBe(2);
    expect(sortedIndex([0, 4096], 100)).toBe(-1);
    expect(sortedIndex([], 0)).toBe(-1);
  });
});
