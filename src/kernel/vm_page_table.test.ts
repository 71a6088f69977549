import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_FRAME, PhysMem } from './phys_mem';
import { PageTable } from './vm_page_table';

const P = 4096;

/** Inserts as vm_page_insert does: the frame is taken for (owner, offset) first. */
function insert(mem: PhysMem, t: PageTable, offset: number): number {
  const pfn = mem.allocate(1, offset);
  t.set(offset, pfn);
  return pfn;
}

function remove(mem: PhysMem, t: PageTable, offset: number): void {
  const pfn = t.get(offset);
  expect(t.delete(offset)).toBe(true);
  mem.free(pfn);
}

describe('an object page table', () => {
  it('looks pages up by offset and lists them in insertion order, as a Map does', () => {
    const mem = new PhysMem(8, P);
    const t = new PageTable(mem);
    const a = insert(mem, t, 3 * P);
    const b = insert(mem, t, 0);
    const c = insert(mem, t, 9 * P);
    expect(t.size).toBe(3);
    expect([t.get(0), t.get(3 * P), t.get(9 * P), t.get(P)]).toEqual([b, a, c, NO_FRAME]);
    expect(t.list()).toEqual([[3 * P, a], [0, b], [9 * P, c]]);
    remove(mem, t, 0);
    const d = insert(mem, t, 0); // back in at the end, as Map.delete + Map.set
    expect(t.list()).toEqual([[3 * P, a], [9 * P, c], [0, d]]);
    expect(t.check()).toEqual([]);
  });

  it('keeps an offset in its place when it is set to another frame', () => {
    const mem = new PhysMem(8, P);
    const t = new PageTable(mem);
    insert(mem, t, 0);
    const b = insert(mem, t, P);
    insert(mem, t, 2 * P);
    const e = mem.allocate(1, P);
    t.set(P, e);
    expect(t.list().map(([off]) => off)).toEqual([0, P, 2 * P]);
    expect(t.get(P)).toBe(e);
    expect(t.get(P)).not.toBe(b);
    expect(t.check()).toEqual([]);
  });

  it('puts far, sparse pages in a Map instead of growing a huge table', () => {
    const mem = new PhysMem(8, P);
    const t = new PageTable(mem);
    const near = insert(mem, t, 5 * P);
    const far = insert(mem, t, 1_000_000 * P); // a 4 MiB table for one page: no
    const huge = insert(mem, t, 2 ** 40); // past 2^31: always in the Map
    expect([t.get(5 * P), t.get(1_000_000 * P), t.get(2 ** 40)]).toEqual([near, far, huge]);
    expect(t.check()).toEqual([]);
    remove(mem, t, 1_000_000 * P);
    expect(t.has(1_000_000 * P)).toBe(false);
    expect(t.size).toBe(2);
  });

  it('agrees with a Map under random inserts, re-inserts and removals', () => {
    const offsets = fc.oneof(fc.nat(40), fc.nat(9000), fc.constantFrom(2 ** 19 - 1, 2 ** 19, 2 ** 20, 2 ** 31 / P, 2 ** 36)).map((n) => n * P);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), offsets), { maxLength: 300 }), (ops) => {
        const mem = new PhysMem(400, P);
        const t = new PageTable(mem);
        const ref = new Map<number, number>();
        for (const [add, offset] of ops) {
          if (add || !ref.has(offset)) {
            if (mem.freeCount === 0) continue;
            const pfn = mem.allocate(1, offset);
            const old = ref.get(offset);
            if (old !== undefined) mem.free(old);
            t.set(offset, pfn);
            ref.set(offset, pfn);
          } else {
            mem.free(ref.get(offset)!);
            expect(t.delete(offset)).toBe(true);
            ref.delete(offset);
          }
          expect(t.delete(offset + P / 2 + 7 * P * 2 ** 20)).toBe(false);
        }
        expect(t.list()).toEqual([...ref]);
        expect(t.size).toBe(ref.size);
        for (const [offset, pfn] of ref) expect(t.get(offset)).toBe(pfn);
        expect(t.check()).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
