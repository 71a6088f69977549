import { describe, expect, it } from 'vitest';
import type { KernelEvent } from './events';
import { Kernel } from './kernel';
import { Tlb, TLB_INVALID } from './tlb';
import { user_read, user_write, vm_allocate } from './vm_user';

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

  it('remembers the valid entry a fill evicted, and -1 when it took a free way or rewrote the same page', () => {
    const t = new Tlb(2, 2); // one set of two ways
    t.ensureAsid(2);
    const evicted = () => [t.evictedAsid, t.evictedVpn, t.evictedPfn];
    t.fill(1, 4, 40, R);
    expect(evicted()).toEqual([-1, -1, -1]); // a free way
    t.fill(2, 5, 50, R);
    expect(evicted()).toEqual([-1, -1, -1]);
    t.fill(2, 5, 51, R | W);
    expect(evicted()).toEqual([-1, -1, -1]); // the same page's entry, rewritten
    t.fill(1, 6, 60, R); // (1, 4) is the least recently used
    expect(evicted()).toEqual([1, 4, 40]);
    t.shootdown(2, 5);
    t.fill(1, 7, 70, R); // the shot-down way is invalid: nothing is evicted
    expect(evicted()).toEqual([-1, -1, -1]);
  });
});

describe('tlb_fill events', () => {
  const fills = (events: readonly KernelEvent[]) => events.filter((e) => e.type === 'tlb_fill');

  it("a one-entry TLB: task B's fill reports task A's entry it evicted (task, vpn, frame)", () => {
    const k = new Kernel({ frames: 16, tlbEntries: 1, tlbWays: 1 });
    const A = k.createTask('A').id;
    const B = k.createTask('B').id;
    const a = vm_allocate(k, A, 0, 0x3000, true).address;
    const b = vm_allocate(k, B, 0, 0x1000, true).address;
    const trace = k.startTrace();
    user_write(k, A, a + 0x2000, new Uint8Array([1]));
    const [first] = fills(trace.events);
    expect(first).toMatchObject({ task: A, vpn: (a + 0x2000) / 4096, evictedTask: -1, evictedVpn: -1, evictedFrame: -1 });
    trace.events = [];
    user_write(k, B, b, new Uint8Array([2]));
    const [second] = fills(trace.events);
    expect(second).toMatchObject({ task: B, vpn: b / 4096, evictedTask: A, evictedVpn: (a + 0x2000) / 4096, evictedFrame: first.frame });
    trace.events = [];
    user_read(k, A, a + 0x2000, 1); // A's page comes back through its pmap, evicting B's
    expect(fills(trace.events)).toEqual([expect.objectContaining({ task: A, frame: first.frame, evictedTask: B, evictedVpn: b / 4096, evictedFrame: second.frame })]);
  });
});
