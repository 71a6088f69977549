import { describe, expect, it } from 'vitest';
import { Tlb, TLB_INVALID } from './tlb';

const R = 1;
const W = 2;

describe('software TLB', () => {
  it('misses, then hits after a fill, per ASID', () => {
    const t = new Tlb(8, 2);
    t.ensureAsid(2);
    expect(t.lookup(1, 5, R)).toBe(TLB_INVALID);
    t.fill(1, 5, 42, R | W);
    expect(t.lookup(1, 5, R)).toBe(42);
    expect(t.lookup(2, 5, R)).toBe(TLB_INVALID); // another task never hits task 1's entry
    expect([t.misses(1), t.misses(2)]).toEqual([1, 1]);
  });

  it('misses when the entry does not grant the access (a read-only fill of a COW page)', () => {
    const t = new Tlb(4, 4);
    t.fill(1, 3, 7, R);
    expect(t.lookup(1, 3, W)).toBe(TLB_INVALID);
    expect(t.lookup(1, 3, R)).toBe(7);
  });

  it('evicts the least recently used way of the set', () => {
    const t = new Tlb(4, 2); // 2 sets: even vpns in set 0
    t.fill(1, 0, 10, R);
    t.fill(1, 2, 12, R);
    t.lookup(1, 0, R); // vpn 0 is now more recent than vpn 2
    t.fill(1, 4, 14, R); // set 0 is full: vpn 2 goes
    expect(t.lookup(1, 2, R)).toBe(TLB_INVALID);
    expect(t.lookup(1, 0, R)).toBe(10);
    expect(t.lookup(1, 4, R)).toBe(14);
  });

  it('refilling the same page replaces its entry instead of taking a second way', () => {
    const t = new Tlb(4, 2);
    t.fill(1, 0, 10, R);
    t.fill(1, 0, 11, R | W);
    t.fill(1, 2, 12, R);
    expect(t.lookup(1, 0, W)).toBe(11);
    expect(t.lookup(1, 2, R)).toBe(12);
    expect(t.snapshot()).toHaveLength(2);
  });

  it('shootdown invalidates exactly the entry of (asid, vpn) and counts it', () => {
    const t = new Tlb(16, 4);
    t.ensureAsid(2);
    t.fill(1, 9, 1, R);
    t.fill(2, 9, 2, R);
    expect(t.shootdown(1, 9)).toBe(1);
    expect(t.lookup(1, 9, R)).toBe(TLB_INVALID);
    expect(t.lookup(2, 9, R)).toBe(2);
    expect(t.shootdowns(1)).toBe(1);
    expect(t.flushAsid(2)).toBe(1);
    expect(t.snapshot()).toEqual([]);
  });

  it('handles page numbers above 2^32 (48-bit address spaces)', () => {
    const t = new Tlb(8, 8);
    const vpn = 2 ** 36 - 1;
    t.fill(1, vpn, 3, R);
    expect(t.lookup(1, vpn, R)).toBe(3);
    expect(t.lookup(1, vpn - 2 ** 32, R)).toBe(TLB_INVALID);
  });
});
