/**
 * The access path and the fault path, rule by rule (semantics.md "Machine model", "Faults and
 * copy-on-write"; scenario-language.md "Queries"): TLB lookups per page, fills, read-only fills of
 * copy-on-write pages, shootdowns, zero fill, copy-up, delayed-copy push, pager messages, pageout.
 */
import { describe, expect, it } from 'vitest';
import { checkInvariants } from './invariants';
import { partsOf } from './kernel';
import { KERN_INVALID_ADDRESS, KERN_PROTECTION_FAILURE, KERN_RESOURCE_SHORTAGE, KERN_SUCCESS } from './kern_return';
import { machine, P } from './testkit';
import { VM_INHERIT_COPY, VM_INHERIT_SHARE, VM_PROT_ALL, VM_PROT_EXECUTE, VM_PROT_READ, VM_PROT_WRITE } from './vm_param';
import { vm_allocate, vm_map, vm_protect, vm_inherit, user_read, user_write, user_exec, user_translate, objectOf, shadowDepth, vm_deallocate, vm_write, task_terminate } from './vm_user';
import type { KernelEvent } from './events';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const RW = VM_PROT_READ | VM_PROT_WRITE;

function types(events: KernelEvent[]): string[] {
  return events.map((e) => e.type);
}

describe('TLB on the access path', () => {
  it('a first access misses and fills; the next one hits; one lookup per page touched', () => {
    const { k, A } = machine();
    const x = vm_allocate(k, A, 0, 2 * P, true).address;
    expect(user_write(k, A, x, enc('ab'))).toBe(KERN_SUCCESS);
    expect([partsOf(k).tlb.misses(A), partsOf(k).tasks.get(A)!.tlbHits, partsOf(k).stats.faults[A]]).toEqual([1, 0, 1]);
    expect(dec(user_read(k, A, x, 2).data)).toBe('ab');
    expect([partsOf(k).tlb.misses(A), partsOf(k).tasks.get(A)!.tlbHits]).toEqual([1, 1]);
    // a read spanning two pages makes two lookups: the second page misses (and faults: zero fill)
    expect(user_read(k, A, x + P - 1, 2).kr).toBe(KERN_SUCCESS);
    expect([partsOf(k).tlb.misses(A), partsOf(k).tasks.get(A)!.tlbHits, partsOf(k).stats.faults[A]]).toEqual([2, 2, 2]);
    expect(checkInvariants(k)).toEqual([]);
  });

  it('tasks never hit each other\'s entries (ASIDs)', () => {
    const { k, A, B } = machine();
    const x = vm_allocate(k, A, 0, P, true).address;
    expect(vm_allocate(k, B, 0, P, true).address).toBe(x);
    user_write(k, A, x, enc('a'));
    user_write(k, B, x, enc('b'));
    expect([partsOf(k).tlb.misses(A), partsOf(k).tlb.misses(B)]).toEqual([1, 1]);
    expect(dec(user_read(k, A, x, 1).data)).toBe('a');
    expect(dec(user_read(k, B, x, 1).data)).toBe('b');
    expect([partsOf(k).tasks.get(A)!.tlbHits, partsOf(k).tasks.get(B)!.tlbHits]).toEqual([1, 1]);
  });

  it('a read fill of a copy-on-write page is read-only, so the first write misses and faults', () => {
    const { k, A } = machine();
    const x = vm_allocate(k, A, 0, P, true).address;
    user_write(k, A, x, enc('parent'));
    const child = k.fork(A, 'C')!;
    expect(dec(user_read(k, child.id, x, 6).data)).toBe('parent');
    const faultsBefore = partsOf(k).stats.faults[child.id];
    expect(user_write(k, child.id, x, enc('CHILD!'))).toBe(KERN_SUCCESS);
    expect(partsOf(k).stats.faults[child.id]).toBe(faultsBefore + 1);
    expect(partsOf(k).stats.cowFaults[child.id]).toBe(1);
    expect(dec(user_read(k, A, x, 6).data)).toBe('parent');
    expect(checkInvariants(k)).toEqual([]);
  });

  it('lowering protection shoots down the TLB entry: the next write is refused without using the stale entry', () => {
    const { k, A } = machine();
    const x = vm_allocate(k, A, 0, P, true).address;
    user_write(k, A, x, enc('w'));
    const trace = k.startTrace();
    expect(vm_protect(k, A, x, P, false, VM_PROT_READ)).toBe(KERN_SUCCESS);
    expect(types(trace.take())).toContain('tlb_shootdown');
    expect(partsOf(k).tlb.shootdowns(A)).toBe(1);
    expect(user_write(k, A, x, enc('z'))).toBe(KERN_PROTECTION_FAILURE);
    expect(dec(user_read(k, A, x, 1).data)).toBe('w');
    expect(checkInvariants(k)).toEqual([]);
  });

  it('vm_deallocate removes the mappings and their TLB entries: a later access is KERN_INVALID_ADDRESS', () => {
    const { k, A } = machine();
    const x = vm_allocate(k, A, 0, P, true).address;
    user_write(k, A, x, enc('w'));
    const free = partsOf(k).mem.freeCount;
    vm_deallocate(k, A, x, P);
    expect(partsOf(k).mem.freeCount).toBe(free + 1); // the anonymous object died with its page
    expect(user_read(k, A, x, 1).kr).toBe(KERN_INVALID_ADDRESS);
    expect(checkInvariants(k)).toEqual([]);
  });
});

describe('memory exceptions are results', () => {
  it('no entry → KERN_INVALID_ADDRESS; access outside cur → KERN_PROTECTION_FAILURE; the task goes on', () => {
    const { k, A } = machine();
    expect(user_read(k, A, 0x5000, 1).kr).toBe(KERN_INVALID_ADDRESS);
    const x = vm_allocate(k, A, 0, P, true).address;
    expect(user_exec(k, A, x)).toBe(KERN_PROTECTION_FAILURE); // vm_allocate gives rw-
    expect(vm_protect(k, A, x, P, false, VM_PROT_READ | VM_PROT_EXECUTE)).toBe(KERN_SUCCESS);
    expect(user_exec(k, A, x)).toBe(KERN_SUCCESS);
    expect(partsOf(k).stats.faults[A]).toBe(3); // each exception is a fault too
  });

  it('a store spanning into an unmapped page writes the first page, then stops', () => {
    const { k, A } = machine();
    const x = vm_allocate(k, A, 0, P, true).address;
    expect(user_write(k, A, x + P - 2, enc('abcd'))).toBe(KERN_INVALID_ADDRESS);
    expect(dec(user_read(k, A, x + P - 2, 2).data)).toBe('ab');
  });
});

describe('copy-on-write', () => {
  it('fork COPY: the child\'s write makes a shadow holding the copied page; the parent keeps its data', () => {
    const { k, A } = machine();
    const x = vm_allocate(k, A, 0, 3 * P, true).address;
    for (let i = 0; i < 3; i++) user_write(k, A, x + i * P, enc(`p${i}`));
    const c = k.fork(A, 'C')!.id;
    expect(objectOf(k, c, x)).toBe(objectOf(k, A, x));
    const trace = k.startTrace();
    user_write(k, c, x, enc('c0'));
    const ev = types(trace.take());
    expect(ev).toEqual(expect.arrayContaining(['shadow_created', 'cow_copy']));
    expect(shadowDepth(k, c, x)).toBe(2);
    expect(objectOf(k, c, x)).not.toBe(objectOf(k, A, x));
    expect(dec(user_read(k, A, x, 2).data)).toBe('p0');
    expect(dec(user_read(k, c, x + P, 2).data)).toBe('p1'); // unwritten pages still come from the shared object
    expect(checkInvariants(k)).toEqual([]);
  });

  it('after the child exits, the parent\'s chain collapses and its data survives', () => {
    const { k, A } = machine();
    const x = vm_allocate(k, A, 0, 3 * P, true).address;
    for (let i = 0; i < 3; i++) user_write(k, A, x + i * P, enc(`p${i}`));
    const c = k.fork(A, 'C')!.id;
    user_write(k, c, x, enc('c0'));
    user_write(k, A, x + P, enc('P1'));
    expect(shadowDepth(k, A, x)).toBe(2);
    const trace = k.startTrace();
    expect(task_terminate(k, c)).toBe(KERN_SUCCESS);
    expect(types(trace.take())).toContain('object_collapsed');
    expect(shadowDepth(k, A, x)).toBe(1);
    expect(dec(user_read(k, A, x, 2).data)).toBe('p0');
    expect(dec(user_read(k, A, x + P, 2).data)).toBe('P1');
    expect(dec(user_read(k, A, x + 2 * P, 2).data)).toBe('p2');
    expect(checkInvariants(k)).toEqual([]);
  });

  it('fork SHARE: both map one object, writes are seen both ways', () => {
    const { k, A } = machine();
    const x = vm_allocate(k, A, 0, P, true).address;
    vm_inherit(k, A, x, P, VM_INHERIT_SHARE);
    const c = k.fork(A, 'C')!.id;
    user_write(k, c, x, enc('from child'));
    expect(dec(user_read(k, A, x, 10).data)).toBe('from child');
    user_write(k, A, x, enc('FROM'));
    expect(dec(user_read(k, c, x, 10).data)).toBe('FROM child');
    expect(objectOf(k, c, x)).toBe(objectOf(k, A, x));
  });

  it('vm_map copy=TRUE: a later write through the shared mapping pushes the old page into the copy object', () => {
    const { k, A, B } = machine();
    const F = k.declarePager('F', 2 * P, enc('original'));
    const shared = vm_map(k, A, 0, P, 0, true, F, 0, false, RW, VM_PROT_ALL, VM_INHERIT_COPY).address;
    const copy = vm_map(k, B, 0, P, 0, true, F, 0, true, RW, VM_PROT_ALL, VM_INHERIT_COPY).address;
    const trace = k.startTrace();
    user_write(k, A, shared, enc('CHANGED!'));
    expect(types(trace.take())).toContain('copy_push');
    expect(dec(user_read(k, B, copy, 8).data)).toBe('original');
    user_write(k, B, copy, enc('mine'));
    expect(dec(user_read(k, A, shared, 8).data)).toBe('CHANGED!');
    expect(checkInvariants(k)).toEqual([]);
  });
});

describe('copy-up on a full machine', () => {
  /**
   * A 2-frame machine: A's page x (frame 0, "hello") and page y (frame 1) fill memory; after a
   * fork, B's write to x copies x up with no free frame, so the clock must evict something. The
   * source of the copy is pinned (busy) during the copy-up, so the victim is y's frame, never x's.
   */
  function fullMachine() {
    const { k, A } = machine({ frames: 2 });
    const x = vm_allocate(k, A, 0, P, true).address;
    expect(user_write(k, A, x, enc('hello'))).toBe(KERN_SUCCESS);
    const y = vm_allocate(k, A, 0, P, true).address;
    expect(user_write(k, A, y, enc('other'))).toBe(KERN_SUCCESS);
    const B = k.fork(A, 'B')!.id;
    expect(partsOf(k).mem.freeCount).toBe(0);
    return { k, A, B, x, y };
  }

  it('the source page stays in its frame: the copy is made from it, and another page is evicted', () => {
    const { k, A, B, x, y } = fullMachine();
    const trace = k.startTrace();
    expect(user_write(k, B, x + 5, enc('!'))).toBe(KERN_SUCCESS);
    const ev = trace.take();
    const copies = ev.filter((e) => e.type === 'cow_copy');
    expect(copies).toHaveLength(1);
    for (const c of copies) expect(c.fromFrame).not.toBe(c.frame);
    // the page evicted to make room is y's, not the source x's
    const outs = ev.filter((e) => e.type === 'pageout');
    expect(outs.map((e) => e.offset)).toEqual([y - x]);
    expect(dec(user_read(k, B, x, 6).data)).toBe('hello!');
    expect(dec(user_read(k, A, x, 6).data)).toBe('hello\0');
    expect(dec(user_read(k, B, y, 5).data)).toBe('other');
    expect(dec(user_read(k, A, y, 5).data)).toBe('other');
    expect(checkInvariants(k)).toEqual([]);
  });

  it('the same without a trace: same bytes, the source still resident', () => {
    const { k, A, B, x } = fullMachine();
    expect(user_write(k, B, x, enc('HELLO'))).toBe(KERN_SUCCESS);
    expect(partsOf(k).stats.pageouts).toBe(1);
    expect(dec(user_read(k, B, x, 5).data)).toBe('HELLO');
    expect(dec(user_read(k, A, x, 5).data)).toBe('hello');
    expect(checkInvariants(k)).toEqual([]);
  });

  it('no frame to be had (every other frame pinned) → KERN_RESOURCE_SHORTAGE, nothing lost, and it works once one is free', () => {
    const { k, A, B, x, y } = fullMachine();
    const mem = partsOf(k).mem;
    const other = user_translate(k, A, y, VM_PROT_READ);
    expect(other).toBeGreaterThanOrEqual(0);
    mem.busy[other] = 1; // as if another fault held it
    expect(user_write(k, B, x, enc('HELLO'))).toBe(KERN_RESOURCE_SHORTAGE);
    expect(vm_write(k, B, x, enc('HELLO'))).toBe(KERN_RESOURCE_SHORTAGE); // the kernel's own write: the same
    expect(mem.busy[user_translate(k, A, x, VM_PROT_READ)]).toBe(0); // the source is unpinned again
    expect(dec(user_read(k, A, x, 5).data)).toBe('hello');
    expect(dec(user_read(k, B, x, 5).data)).toBe('hello');
    mem.busy[other] = 0;
    expect(user_write(k, B, x, enc('HELLO'))).toBe(KERN_SUCCESS);
    expect(dec(user_read(k, B, x, 5).data)).toBe('HELLO');
    expect(dec(user_read(k, A, x, 5).data)).toBe('hello');
    expect(checkInvariants(k)).toEqual([]);
  });
});

describe('pagers and pageout', () => {
  it('the first touch of a file page asks its pager: data_request then data_supply', () => {
    const { k, A } = machine();
    const F = k.declarePager('F', P, enc('hello'));
    const y = vm_map(k, A, 0, P, 0, true, F, 0, false, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_SHARE).address;
    const trace = k.startTrace();
    expect(dec(user_read(k, A, y, 5).data)).toBe('hello');
    expect(types(trace.take())).toEqual(expect.arrayContaining(['memory_object_data_request', 'memory_object_data_supply']));
  });

  it('with memory full, pages go out (dirty ones back to their pager) and come back intact', () => {
    const { k, A } = machine({ frames: 3 });
    const F = k.declarePager('F', P, enc('file page'));
    const f = vm_map(k, A, 0, P, 0, true, F, 0, false, RW, VM_PROT_ALL, VM_INHERIT_SHARE).address;
    user_write(k, A, f, enc('FILE'));
    const x = vm_allocate(k, A, 0, 6 * P, true).address;
    const trace = k.startTrace();
    for (let i = 0; i < 6; i++) user_write(k, A, x + i * P, enc(`anon${i}`));
    const ev = trace.take();
    expect(partsOf(k).stats.pageouts).toBeGreaterThan(0);
    expect(ev.some((e) => e.type === 'memory_object_data_return' && e.pager === 'F')).toBe(true);
    expect(ev.some((e) => e.type === 'memory_object_data_return' && e.pager === 'default pager')).toBe(true);
    expect(partsOf(k).pagers.get(F)!.read(0, 9)).toEqual(enc('FILE page')); // the file itself now holds the write
    for (let i = 0; i < 6; i++) expect(dec(user_read(k, A, x + i * P, 5).data)).toBe(`anon${i}`);
    expect(dec(user_read(k, A, f, 9).data)).toBe('FILE page');
    expect(partsOf(k).stats.pageins).toBeGreaterThan(0);
    expect(checkInvariants(k)).toEqual([]);
  });

  it('terminating every task returns every frame except the file objects\' cached pages', () => {
    const { k, A, B } = machine({ frames: 8 });
    const F = k.declarePager('F', P, enc('f'));
    vm_map(k, A, 0, P, 0, true, F, 0, false, RW, VM_PROT_ALL, VM_INHERIT_SHARE);
    user_read(k, A, 0x1000, 1);
    const x = vm_allocate(k, B, 0, 4 * P, true).address;
    for (let i = 0; i < 4; i++) user_write(k, B, x + i * P, enc('b'));
    task_terminate(k, A);
    task_terminate(k, B);
    expect(partsOf(k).mem.freeCount).toBe(8 - 1);
    expect(checkInvariants(k)).toEqual([]);
  });
});

describe('task_terminate and file pages', () => {
  it('the last mapping of a file going away returns its dirty pages to the pager (data_return); they stay cached', () => {
    const { k, A } = machine();
    const F = k.declarePager('F', P, enc('old data'));
    const f = vm_map(k, A, 0, P, 0, true, F, 0, false, RW, VM_PROT_ALL, VM_INHERIT_SHARE).address;
    user_write(k, A, f, enc('NEW'));
    expect(dec(partsOf(k).pagers.get(F)!.read(0, 8))).toBe('old data'); // not yet: the page is only in memory
    const trace = k.startTrace();
    const free = partsOf(k).mem.freeCount;
    expect(task_terminate(k, A)).toBe(KERN_SUCCESS);
    const ev = trace.take();
    expect(ev.some((e) => e.type === 'memory_object_data_return' && e.pager === 'F')).toBe(true);
    expect(dec(partsOf(k).pagers.get(F)!.read(0, 8))).toBe('NEW data');
    expect(partsOf(k).mem.freeCount).toBe(free); // the page stays cached with the object
    expect(checkInvariants(k)).toEqual([]);
  });
});
