/** The checkpoint store on its own: lookup, spacing, thinning within its bounds. */
import { describe, expect, it } from 'vitest';
import type { StateSize } from '../kernel/kernel_state';
import { Checkpoints, saveWork, storedBytes, type Checkpoint, type CheckpointPolicy } from './checkpoints';

const size = (stored: number, records = 10, scanned = stored): StateSize => ({ stored, records, scanned });
const at = (position: number, work: number, s: StateSize): Checkpoint<null> => ({ position, work, state: null, size: s });
const policy = (p: Partial<CheckpointPolicy>): CheckpointPolicy => ({ budget: 1e9, maxCount: 100, ratio: 1, minWork: 1, maxOverhead: 1, maxInUse: 1e9, ...p });

describe('checkpoints', () => {
  it('finds the nearest at or before a position', () => {
    const c = new Checkpoints<null>(policy({}));
    for (const p of [10, 30, 20]) c.add(at(p, p * 5, size(100)));
    expect(c.positions()).toEqual([10, 20, 30]);
    expect(c.atOrBefore(9)).toBeNull();
    expect(c.atOrBefore(10)?.position).toBe(10);
    expect(c.atOrBefore(29)?.position).toBe(20);
    expect(c.atOrBefore(1000)?.position).toBe(30);
  });

  it('spaces checkpoints by what saving the machine costs, at least minWork', () => {
    const c = new Checkpoints<null>(policy({ ratio: 2, minWork: 50 }), size(0, 20, 0));
    expect(c.spacingAt(0)).toBe(50);
    const big = size(1 << 20, 100, 64 << 20);
    c.add(at(1, 1, big));
    expect(c.spacingAt(1)).toBe(2 * saveWork(big));
    expect(saveWork(big)).toBeGreaterThan(saveWork(size(1 << 20, 100, 1 << 20)));
  });

  it('thins evenly past maxCount, keeping the latest, and doubles the spacing', () => {
    const c = new Checkpoints<null>(policy({ maxCount: 8, minWork: 100 }));
    for (let p = 1; p <= 9; p++) c.add(at(p * 100, p * 100, size(10)));
    expect(c.count).toBeLessThanOrEqual(8);
    expect(c.positions()).toEqual([100, 300, 500, 700, 900]);
    expect(c.spacingAt(900)).toBe(200);
  });

  it('stays within its byte budget and keeps no checkpoint over a quarter of it', () => {
    const c = new Checkpoints<null>(policy({ budget: 100_000 }));
    for (let p = 1; p <= 40; p++) c.add(at(p, p, size(10_000)));
    expect(c.storedBytes).toBeLessThanOrEqual(100_000);
    expect(c.count).toBeGreaterThan(2);
    c.add(at(100, 100, size(30_000)));
    expect(storedBytes(size(30_000))).toBeGreaterThan(25_000);
    expect(c.positions()).not.toContain(100);
  });

  it('does not save a machine while it uses more than maxInUse bytes of frames', () => {
    const c = new Checkpoints<null>(policy({ maxInUse: 1000 }));
    expect(c.due(10, 10, 1000)).toBe(true);
    expect(c.due(10, 10, 1001)).toBe(false);
  });

  it('keeps all saving within maxOverhead of the work, foreseeing a machine that grows', () => {
    const c = new Checkpoints<null>(policy({ budget: 1e12, maxOverhead: 0.5 }));
    // a machine whose records grow with the work: a save at work w costs w units
    const savedAt = (w: number) => size(0, 8 * w, 0);
    let spent = 0;
    for (let w = 100, last = 0; w <= 1_000_000; w += 100) {
      if (!c.due(w, w - last, 0)) continue;
      c.add(at(w, w, savedAt(w)));
      spent += saveWork(savedAt(w));
      last = w;
      expect(spent).toBeLessThanOrEqual(0.5 * w + saveWork(savedAt(w)));
    }
    expect(c.count).toBeGreaterThan(1);
    expect(spent).toBeLessThanOrEqual(0.5 * 1_000_000);
  });

  it('makes no save that would be too big to keep, foreseen from the bytes the last save held per byte of frames in use', () => {
    const W = 1e6; // work enough that only the size decides
    const c = new Checkpoints<null>(policy({ budget: 400_000 }));
    expect(c.due(W, W, 50_000)).toBe(true);
    c.add(at(1, W, size(50_000))); // all its frames held: about a byte a byte in use
    expect(c.due(2 * W, W, 90_000)).toBe(true); // about 90 KB foreseen; a quarter of the budget is 100 KB
    c.add(at(2, 2 * W, size(90_000)));
    expect(c.due(3 * W, W, 110_000)).toBe(false);
    // frames that are all zero are not held: a machine whose saves are small is saved however much it uses
    const z = new Checkpoints<null>(policy({ budget: 400_000 }));
    expect(z.due(W, W, 50_000)).toBe(true);
    z.add(at(1, W, size(5_000)));
    expect(z.due(2 * W, W, 500_000)).toBe(true);
  });
});
