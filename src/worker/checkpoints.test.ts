/** The checkpoint store on its own: lookup, spacing, thinning within its bounds. */
import { describe, expect, it } from 'vitest';
import { Checkpoints, freezeWork } from './checkpoints';
import { Frozen, type CopyStats } from './state_clone';

const state = (stored: number, objects = 10, scanned = stored): Frozen<object> => new Frozen<object>(null, { stored, objects, scanned } satisfies CopyStats);

describe('checkpoints', () => {
  it('finds the nearest at or before a position', () => {
    const c = new Checkpoints<object>({ budget: 1e9, maxCount: 100, ratio: 1, minWork: 1, maxOverhead: 1, maxMachine: 1e9 });
    for (const p of [10, 30, 20]) c.add({ position: p, work: p * 5, state: state(100) });
    expect(c.positions()).toEqual([10, 20, 30]);
    expect(c.atOrBefore(9)).toBeNull();
    expect(c.atOrBefore(10)?.position).toBe(10);
    expect(c.atOrBefore(29)?.position).toBe(20);
    expect(c.atOrBefore(1000)?.position).toBe(30);
  });

  it('spaces checkpoints by what freezing the machine costs, at least minWork', () => {
    const c = new Checkpoints<object>({ budget: 1e9, maxCount: 100, ratio: 2, minWork: 50, maxOverhead: 1, maxMachine: 1e9 }, { objects: 5, scanned: 0, stored: 0 });
    expect(c.spacingAt(0)).toBe(50);
    const big = state(1 << 20, 100, 64 << 20);
    c.add({ position: 1, work: 1, state: big });
    expect(c.spacingAt(1)).toBe(2 * freezeWork(big.stats));
  });

  it('thins evenly past maxCount, keeping the latest, and doubles the spacing', () => {
    const c = new Checkpoints<object>({ budget: 1e9, maxCount: 8, ratio: 1, minWork: 100, maxOverhead: 1, maxMachine: 1e9 });
    for (let p = 1; p <= 9; p++) c.add({ position: p * 100, work: p * 100, state: state(10) });
    expect(c.count).toBeLessThanOrEqual(8);
    expect(c.positions()).toEqual([100, 300, 500, 700, 900]);
    expect(c.spacingAt(900)).toBe(200);
  });

  it('stays within its byte budget and keeps no checkpoint over a quarter of it', () => {
    const c = new Checkpoints<object>({ budget: 10_000, maxCount: 100, ratio: 1, minWork: 1, maxOverhead: 1, maxMachine: 1e9 });
    for (let p = 1; p <= 40; p++) c.add({ position: p, work: p, state: state(1000) });
    expect(c.storedBytes).toBeLessThanOrEqual(10_000);
    expect(c.count).toBeGreaterThan(2);
    c.add({ position: 100, work: 100, state: state(5000) });
    expect(c.positions()).not.toContain(100);
  });

  it('does not checkpoint a machine bigger than maxMachine', () => {
    const policy = { budget: 1e9, maxCount: 100, ratio: 1, minWork: 1, maxOverhead: 1, maxMachine: 1000 };
    expect(new Checkpoints<object>(policy, { objects: 1, scanned: 1000, stored: 0 }).spacingAt(0)).toBeCloseTo(3 + 1000 / 4096);
    expect(new Checkpoints<object>(policy, { objects: 1, scanned: 1001, stored: 0 }).spacingAt(0)).toBe(Infinity);
  });

  it('keeps all freezing within maxOverhead of the work, foreseeing a machine that grows', () => {
    const c = new Checkpoints<object>({ budget: 1e12, maxCount: 100, ratio: 1, minWork: 1, maxOverhead: 0.5, maxMachine: 1e12 });
    // a machine whose objects grow with the work: a freeze at work w costs 3 × w / 2 units
    const frozenAt = (w: number) => state(0, w / 2, 0);
    let spent = 0;
    for (let w = 100, last = 0; w <= 1_000_000; w += 100) {
      if (!c.due(w, w - last)) continue;
      c.add({ position: w, work: w, state: frozenAt(w) });
      spent += freezeWork(frozenAt(w).stats);
      last = w;
      expect(spent).toBeLessThanOrEqual(0.5 * w + freezeWork(frozenAt(w).stats));
    }
    expect(c.count).toBeGreaterThan(1);
    expect(spent).toBeLessThanOrEqual(0.5 * 1_000_000);
  });
});
