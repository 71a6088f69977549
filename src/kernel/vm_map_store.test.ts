/**
 * vm_map_store: the ordered entry set and its first-fit search, against a sorted array.
 * Rules: no overlap, links and tree agree, gaps augmented (check()), and findSpace is classic
 * first fit (xnu vm_map_store_find_space_forward): the lowest start ≥ `lowest`, aligned by
 * (start + mask) & ~mask, that fits below the map's end; never wrapping around.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_FIT, VmMapEntry, VmMapStore } from './vm_map_store';

const P = 4096;
let ids = 1;
function entry(startPage: number, pages: number): VmMapEntry {
  return new VmMapEntry(ids++, startPage * P, (startPage + pages) * P, null, 0, 3, 7, 1, false);
}

describe('VmMapStore', () => {
  it('keeps entries in address order and finds the containing entry', () => {
    const s = new VmMapStore(0, 64 * P);
    const a = entry(10, 2);
    const b = entry(2, 3);
    const c = entry(20, 1);
    s.insert(a);
    s.insert(b);
    s.insert(c);
    expect([...s.entries()].map((e) => e.start)).toEqual([2 * P, 10 * P, 20 * P]);
    expect(s.check()).toEqual([]);
    expect(s.lookup(2 * P)).toBe(b);
    expect(s.lookup(5 * P - 1)).toBe(b);
    expect(s.lookup(5 * P)).toBeNull();
    expect(s.firstEndingAfter(5 * P)).toBe(a);
    expect(s.firstEndingAfter(21 * P)).toBeNull();
    expect(s.floor(P)).toBeNull();
    s.remove(a);
    expect(s.check()).toEqual([]);
    expect(s.count).toBe(2);
    expect(s.firstEndingAfter(5 * P)).toBe(c);
  });

  it('first fit: the lowest gap that holds the size, from `lowest` up, and NO_FIT without wrap-around', () => {
    const s = new VmMapStore(0, 32 * P);
    s.insert(entry(1, 2)); // [1,3)
    s.insert(entry(4, 4)); // gap [3,4) of one page, then [4,8)
    s.insert(entry(10, 2)); // gap [8,10) of two pages, then [12,32)
    expect(s.findSpace(P, P, 0n, P)).toBe(3 * P);
    expect(s.findSpace(P, 2 * P, 0n, P)).toBe(8 * P);
    expect(s.findSpace(P, 3 * P, 0n, P)).toBe(12 * P);
    expect(s.findSpace(9 * P, 2 * P, 0n, P)).toBe(12 * P);
    // mask 0x3FFF: 16 KiB alignment; [8,10) starts at 0x8000 which is aligned
    expect(s.findSpace(P, 2 * P, 0x3fffn, P)).toBe(8 * P);
    // mask 0xFFFF: 64 KiB alignment → 0x10000 (page 16)
    expect(s.findSpace(P, P, 0xffffn, P)).toBe(16 * P);
    expect(s.findSpace(P, 20 * P, 0n, P)).toBe(12 * P);
    expect(s.findSpace(P, 21 * P, 0n, P)).toBe(NO_FIT);
    // mask ~0: aligning overflows 64 bits → nothing fits
    expect(s.findSpace(P, P, (1n << 64n) - 1n, P)).toBe(NO_FIT);
  });

  it('matches a sorted array under random inserts, removals and searches', () => {
    const pages = 48;
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), page: fc.integer({ min: 0, max: pages - 1 }), len: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ kind: fc.constant('remove' as const), page: fc.integer({ min: 0, max: pages - 1 }), len: fc.constant(0) }),
      fc.record({ kind: fc.constant('find' as const), page: fc.integer({ min: 1, max: pages }), len: fc.integer({ min: 1, max: 12 }) }),
      fc.record({ kind: fc.constant('grow' as const), page: fc.integer({ min: 0, max: pages - 1 }), len: fc.integer({ min: 1, max: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 0xffff }), (ops, seed) => {
        const s = new VmMapStore(0, pages * P, seed);
        const used = new Array<boolean>(pages).fill(false);
        const naive: VmMapEntry[] = [];
        const free = (a: number, n: number) => a + n <= pages && used.slice(a, a + n).every((u) => !u);
        for (const o of ops) {
          if (o.kind === 'insert') {
            if (!free(o.page, o.len)) continue;
            const e = entry(o.page, o.len);
            s.insert(e);
            naive.push(e);
            used.fill(true, o.page, o.page + o.len);
          } else if (o.kind === 'remove') {
            const e = naive.find((x) => x.start <= o.page * P && o.page * P < x.end);
            expect(s.lookup(o.page * P)).toBe(e ?? null);
            if (e === undefined) continue;
            s.remove(e);
            naive.splice(naive.indexOf(e), 1);
            used.fill(false, e.start / P, e.end / P);
          } else if (o.kind === 'grow') {
            // an entry's end moves up (vm_map_enter's coalescing), then boundsChanged
            const e = naive.find((x) => x.start <= o.page * P && o.page * P < x.end);
            if (e === undefined || !free(e.end / P, o.len)) continue;
            used.fill(true, e.end / P, e.end / P + o.len);
            e.end += o.len * P;
            s.boundsChanged(e);
          } else {
            let want = NO_FIT;
            for (let p = o.page; p + o.len <= pages; p++) {
              if (free(p, o.len)) {
                want = p * P;
                break;
              }
            }
            expect(s.findSpace(o.page * P, o.len * P, 0n, P)).toBe(want);
          }
          expect(s.check()).toEqual([]);
          naive.sort((x, y) => x.start - y.start);
          expect([...s.entries()]).toEqual(naive);
        }
      }),
      { numRuns: 300 },
    );
  });
});
