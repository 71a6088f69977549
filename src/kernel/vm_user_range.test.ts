/**
 * The calls on ranges of existing memory (vm_deallocate, vm_protect, vm_inherit, vm_read, vm_write,
 * vm_copy), vm_region and task_terminate, rule by rule (semantics.md "Calls"). Each test names the
 * rule, passes the argument that triggers it, and checks the result code and what vm_region then
 * shows (or the bytes read back), plus entry counts and reference counts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { checkInvariants } from './invariants';
import { KERN_INVALID_ADDRESS, KERN_INVALID_ARGUMENT, KERN_PROTECTION_FAILURE, KERN_SUCCESS } from './kern_return';
import { partsOf, type Kernel } from './kernel';
import { P, machine, obj, regions, spans } from './testkit';
import {
  VM_INHERIT_COPY, VM_INHERIT_NONE, VM_INHERIT_SHARE, VM_PROT_ALL, VM_PROT_EXECUTE, VM_PROT_NONE, VM_PROT_READ,
  VM_PROT_WRITE,
} from './vm_param';
import {
  objectOf, shadowDepth, task_terminate, vm_allocate, vm_copy, vm_deallocate, vm_inherit, vm_map, vm_protect, vm_read,
  vm_region, vm_write,
} from './vm_user';

const RW = VM_PROT_READ | VM_PROT_WRITE;
const R = VM_PROT_READ;

let k: Kernel;
let A: number;
let B: number;
let F: number; // an 8-page file
beforeEach(() => {
  ({ k, A, B } = machine());
  F = k.declarePager('F', 8 * P, new TextEncoder().encode('file'));
});
function clean(): void {
  expect(checkInvariants(k)).toEqual([]);
}
function entries(task: number): number {
  return partsOf(k).tasks.get(task)!.map.entryCount;
}
/** Maps `pages` pages of F at offset `off` at a fixed address, copy=FALSE, RW. */
function mapF(task: number, addr: number, pages: number, off = 0, prot = RW): number {
  const r = vm_map(k, task, addr, pages * P, 0, false, F, off, false, prot, VM_PROT_ALL, VM_INHERIT_COPY);
  expect(r.kr).toBe(KERN_SUCCESS);
  return vm_region(k, task, addr).object;
}

describe('vm_deallocate', () => {
  it('size 0 → SUCCESS and nothing changes', () => {
    vm_allocate(k, A, 0x10000, P, false);
    expect(vm_deallocate(k, A, 0x10000, 0)).toBe(KERN_SUCCESS);
    expect(spans(k, A)).toEqual([[0x10000, 0x11000]]);
  });

  it('removes a whole entry; the object loses that reference', () => {
    const o = mapF(A, 0x10000, 2);
    mapF(B, 0x10000, 2);
    expect(obj(k, o).refCount).toBe(2);
    expect(vm_deallocate(k, A, 0x10000, 2 * P)).toBe(KERN_SUCCESS);
    expect(regions(k, A)).toEqual([]);
    expect(obj(k, o).refCount).toBe(1);
    expect(vm_region(k, B, 0x10000).shared).toBe(false);
    clean();
  });

  it('clips at both ends: offsets of the right part advance, the object gains a reference', () => {
    const o = mapF(A, 0x10000, 4, P); // pages 1..4 of F
    expect(vm_deallocate(k, A, 0x11000, 2 * P)).toBe(KERN_SUCCESS);
    expect(regions(k, A).map((r) => [r.address, r.size, r.offset, r.object])).toEqual([
      [0x10000, P, P, o],
      [0x13000, P, 4 * P, o],
    ]);
    expect(entries(A)).toBe(2);
    expect(obj(k, o).refCount).toBe(2);
    clean();
  });

  it('rounds: [addr, addr+size) unaligned removes every page it touches', () => {
    vm_allocate(k, A, 0x10000, 4 * P, false);
    expect(vm_deallocate(k, A, 0x11ff0, 0x20)).toBe(KERN_SUCCESS); // touches 0x11000 and 0x12000
    expect(spans(k, A)).toEqual([[0x10000, 0x11000], [0x13000, 0x14000]]);
    expect(regions(k, A)[1].offset).toBe(3 * P); // the anonymous entry's offset advances too
    clean();
  });

  it('holes are ignored: a range over two entries and a hole → SUCCESS, both gone; a range in a hole → SUCCESS', () => {
    vm_allocate(k, A, 0x10000, P, false);
    vm_allocate(k, A, 0x13000, 2 * P, false);
    vm_allocate(k, A, 0x20000, P, false);
    expect(vm_deallocate(k, A, 0x30000, 0x10000)).toBe(KERN_SUCCESS);
    expect(vm_deallocate(k, A, 0xf000, 0x5000)).toBe(KERN_SUCCESS); // [0xf000, 0x14000)
    expect(spans(k, A)).toEqual([[0x14000, 0x15000], [0x20000, 0x21000]]);
    // past the end of the map: nothing there, SUCCESS
    expect(vm_deallocate(k, A, 2 ** 40, P)).toBe(KERN_SUCCESS);
    clean();
  });

  it('a range that wraps past 2^64 → INVALID_ARGUMENT and nothing is removed', () => {
    vm_allocate(k, A, 0x10000, P, false);
    expect(vm_deallocate(k, A, 0x10000, -0x1000)).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_deallocate(k, A, -0x1000, 0x2000)).toBe(KERN_INVALID_ARGUMENT);
    // xnu HEAD: an end that rounds up to 2^64 counts as a wrap too (X10 said SUCCESS; semantics.md
    // says only "wrap", mach-vm-reference.md leaves it unresolved; we follow HEAD)
    expect(vm_deallocate(k, A, -0x1000, 1)).toBe(KERN_INVALID_ARGUMENT);
    expect(spans(k, A)).toEqual([[0x10000, 0x11000]]);
  });

  it('the last reference to a copy object frees it; a pager object stays cached', () => {
    const c = vm_map(k, A, 0, P, 0, true, F, 0, true, RW, RW, VM_INHERIT_COPY);
    const copyId = vm_region(k, A, c.address).object;
    const src = obj(k, copyId).shadow!;
    expect(vm_deallocate(k, A, c.address, P)).toBe(KERN_SUCCESS);
    expect(partsOf(k).objects.live.has(copyId)).toBe(false);
    expect(src.alive).toBe(true);
    expect(src.refCount).toBe(0);
    expect(partsOf(k).pagers.get(F)!.object).toBe(src);
    clean();
  });

  it('a dead task → INVALID_ARGUMENT', () => {
    task_terminate(k, A);
    expect(vm_deallocate(k, A, 0x1000, P)).toBe(KERN_INVALID_ARGUMENT);
  });
});

describe('vm_protect', () => {
  beforeEach(() => {
    vm_allocate(k, A, 0x10000, 3 * P, false);
  });

  it('size 0 → SUCCESS, checked before the protection value', () => {
    expect(vm_protect(k, A, 0x10000, 0, false, 0x40)).toBe(KERN_SUCCESS);
    expect(vm_protect(k, A, 0x50000, 0, false, R)).toBe(KERN_SUCCESS); // unmapped, but size 0
    expect(regions(k, A)[0].protection).toBe(RW);
  });

  it('unknown protection bits → INVALID_ARGUMENT (before the wrap and the address checks)', () => {
    expect(vm_protect(k, A, 0x10000, P, false, 8)).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_protect(k, A, 0x10000, P, true, -1)).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_protect(k, A, 0x90000, P, false, 0x10)).toBe(KERN_INVALID_ARGUMENT);
    expect(regions(k, A)[0].protection).toBe(RW);
  });

  it('a range that wraps → INVALID_ARGUMENT (before INVALID_ADDRESS)', () => {
    expect(vm_protect(k, A, 0x10000, -0x1000, false, R)).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_protect(k, A, -0x1000, 0x2000, false, R)).toBe(KERN_INVALID_ARGUMENT);
    expect(entries(A)).toBe(1);
  });

  it('start unmapped → INVALID_ADDRESS', () => {
    expect(vm_protect(k, A, 0xf000, 2 * P, false, R)).toBe(KERN_INVALID_ADDRESS);
    expect(vm_protect(k, A, 2 ** 40, P, false, R)).toBe(KERN_INVALID_ADDRESS);
    expect(regions(k, A)[0].protection).toBe(RW);
    expect(entries(A)).toBe(1);
  });

  it('a hole inside the range → INVALID_ADDRESS and nothing changed (no clip either)', () => {
    vm_allocate(k, A, 0x14000, P, false); // hole at 0x13000
    expect(vm_protect(k, A, 0x11000, 0x4000, false, R)).toBe(KERN_INVALID_ADDRESS);
    // a range running past the last entry: trailing hole
    expect(vm_protect(k, A, 0x14000, 2 * P, false, R)).toBe(KERN_INVALID_ADDRESS);
    expect(regions(k, A).map((r) => [r.address, r.size, r.protection])).toEqual([[0x10000, 3 * P, RW], [0x14000, P, RW]]);
    expect(entries(A)).toBe(2);
    clean();
  });

  it('new ⊄ max anywhere in the range → PROTECTION_FAILURE with nothing changed', () => {
    vm_allocate(k, A, 0x13000, P, false);
    vm_protect(k, A, 0x13000, P, true, R); // max R on the fourth page (a separate entry)
    expect(regions(k, A).map((r) => r.maxProtection)).toEqual([VM_PROT_ALL, R]);
    expect(vm_protect(k, A, 0x11000, 3 * P, false, RW)).toBe(KERN_PROTECTION_FAILURE);
    expect(regions(k, A).map((r) => [r.address, r.size, r.protection])).toEqual([[0x10000, 3 * P, RW], [0x13000, P, R]]);
    expect(entries(A)).toBe(2);
    clean();
  });

  it('pass 1 goes in address order: a hole before a failing entry → INVALID_ADDRESS, a failing entry before a hole → PROTECTION_FAILURE', () => {
    // semantics.md lists both checks without saying which wins; xnu vm_map_protect reports the
    // first problem met while walking the entries upwards, and so do we
    vm_protect(k, A, 0x10000, 3 * P, true, R);
    vm_allocate(k, A, 0x14000, P, false); // max ALL, after a hole at 0x13000
    vm_allocate(k, A, 0x20000, P, false);
    vm_protect(k, A, 0x20000, P, true, R);
    expect(vm_protect(k, A, 0x10000, 5 * P, false, RW)).toBe(KERN_PROTECTION_FAILURE);
    expect(vm_protect(k, A, 0x14000, 0xd000, false, RW)).toBe(KERN_INVALID_ADDRESS);
    expect(regions(k, A).map((r) => r.protection)).toEqual([R, RW, R]);
    clean();
  });

  it('cur = prot; a protection fully inside max succeeds', () => {
    expect(vm_protect(k, A, 0x10000, 3 * P, false, VM_PROT_EXECUTE)).toBe(KERN_SUCCESS);
    expect(regions(k, A)[0]).toMatchObject({ protection: VM_PROT_EXECUTE, maxProtection: VM_PROT_ALL, size: 3 * P });
    clean();
  });

  it('set_maximum: max = prot and cur &= prot; max can never be raised again', () => {
    expect(vm_protect(k, A, 0x10000, 3 * P, true, R | VM_PROT_EXECUTE)).toBe(KERN_SUCCESS);
    expect(regions(k, A)[0]).toMatchObject({ protection: R, maxProtection: R | VM_PROT_EXECUTE });
    expect(vm_protect(k, A, 0x10000, 3 * P, false, RW)).toBe(KERN_PROTECTION_FAILURE);
    expect(vm_protect(k, A, 0x10000, 3 * P, true, VM_PROT_ALL)).toBe(KERN_PROTECTION_FAILURE);
    expect(regions(k, A)[0]).toMatchObject({ protection: R, maxProtection: R | VM_PROT_EXECUTE });
    expect(vm_protect(k, A, 0x10000, 3 * P, true, VM_PROT_NONE)).toBe(KERN_SUCCESS);
    expect(regions(k, A)[0]).toMatchObject({ protection: VM_PROT_NONE, maxProtection: VM_PROT_NONE });
    // test-vm.c (GNU Mach): raising max from NONE → PROTECTION_FAILURE
    expect(vm_protect(k, A, 0x10000, P, true, VM_PROT_ALL)).toBe(KERN_PROTECTION_FAILURE);
    clean();
  });

  it('clips the middle page (offsets follow), then restoring merges the three entries back into one', () => {
    const o = mapF(A, 0x30000, 3, 2 * P);
    expect(vm_protect(k, A, 0x31800, 0x10, false, R)).toBe(KERN_SUCCESS); // page 0x31000 only
    expect(regions(k, A).filter((r) => r.address >= 0x30000).map((r) => [r.address, r.size, r.protection, r.offset])).toEqual([
      [0x30000, P, RW, 2 * P],
      [0x31000, P, R, 3 * P],
      [0x32000, P, RW, 4 * P],
    ]);
    expect(obj(k, o).refCount).toBe(3);
    expect(checkInvariants(k, { task: A, start: 0x31000, end: 0x32000 })).toEqual([]);
    expect(vm_protect(k, A, 0x31000, P, false, RW)).toBe(KERN_SUCCESS);
    expect(regions(k, A).filter((r) => r.address >= 0x30000).map((r) => [r.address, r.size, r.protection, r.offset])).toEqual([
      [0x30000, 3 * P, RW, 2 * P],
    ]);
    expect(obj(k, o).refCount).toBe(1);
    expect(checkInvariants(k, { task: A, start: 0x31000, end: 0x32000 })).toEqual([]);
  });

  it('merges with equal neighbours made by separate vm_map calls of contiguous object offsets', () => {
    const o = mapF(A, 0x30000, 2, 0, R);
    mapF(A, 0x32000, 2, 2 * P, RW);
    expect(entries(A)).toBe(3);
    expect(obj(k, o).refCount).toBe(2);
    expect(vm_protect(k, A, 0x32000, 2 * P, false, R)).toBe(KERN_SUCCESS);
    expect(regions(k, A).filter((r) => r.address >= 0x30000).map((r) => [r.address, r.size, r.offset])).toEqual([[0x30000, 4 * P, 0]]);
    expect(obj(k, o).refCount).toBe(1);
    expect(entries(A)).toBe(2);
    clean();
  });

  it('does not merge neighbours whose object offsets are not contiguous', () => {
    mapF(A, 0x30000, 1, 0, R);
    mapF(A, 0x31000, 1, 5 * P, RW);
    expect(vm_protect(k, A, 0x31000, P, false, R)).toBe(KERN_SUCCESS);
    expect(spans(k, A).filter(([s]) => s >= 0x30000)).toEqual([[0x30000, 0x31000], [0x31000, 0x32000]]);
    clean();
  });

  it('a dead task → INVALID_ARGUMENT', () => {
    task_terminate(k, A);
    expect(vm_protect(k, A, 0x10000, P, false, R)).toBe(KERN_INVALID_ARGUMENT);
  });
});

describe('vm_inherit', () => {
  beforeEach(() => {
    vm_allocate(k, A, 0x10000, 3 * P, false);
  });

  it('size 0 → SUCCESS, before the value check', () => {
    expect(vm_inherit(k, A, 0x10000, 0, 7)).toBe(KERN_SUCCESS);
    expect(regions(k, A)[0].inheritance).toBe(VM_INHERIT_COPY);
  });

  it('a value other than SHARE/COPY/NONE → INVALID_ARGUMENT (DONATE_COPY 3 too)', () => {
    expect(vm_inherit(k, A, 0x10000, P, 3)).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_inherit(k, A, 0x10000, P, -1)).toBe(KERN_INVALID_ARGUMENT);
    expect(regions(k, A)[0].inheritance).toBe(VM_INHERIT_COPY);
    expect(entries(A)).toBe(1);
  });

  it('a range that wraps → INVALID_ARGUMENT (xnu)', () => {
    expect(vm_inherit(k, A, -0x1000, 0x2000, VM_INHERIT_NONE)).toBe(KERN_INVALID_ARGUMENT);
  });

  it('clips: the middle page alone changes', () => {
    expect(vm_inherit(k, A, 0x11000, 1, VM_INHERIT_NONE)).toBe(KERN_SUCCESS);
    expect(regions(k, A).map((r) => [r.address, r.size, r.inheritance, r.offset])).toEqual([
      [0x10000, P, VM_INHERIT_COPY, 0],
      [0x11000, P, VM_INHERIT_NONE, P],
      [0x12000, P, VM_INHERIT_COPY, 2 * P],
    ]);
    // xnu's vm_map_inherit does not simplify: restoring COPY leaves three entries
    expect(vm_inherit(k, A, 0x11000, P, VM_INHERIT_COPY)).toBe(KERN_SUCCESS);
    expect(entries(A)).toBe(3);
    expect(regions(k, A).every((r) => r.inheritance === VM_INHERIT_COPY)).toBe(true);
    clean();
  });

  it('holes are skipped: SUCCESS, and every entry in the range changes', () => {
    vm_allocate(k, A, 0x20000, P, false);
    expect(vm_inherit(k, A, 0x8000, 0x20000, VM_INHERIT_SHARE)).toBe(KERN_SUCCESS);
    expect(regions(k, A).map((r) => r.inheritance)).toEqual([VM_INHERIT_SHARE, VM_INHERIT_SHARE]);
    expect(vm_inherit(k, A, 0x50000, P, VM_INHERIT_NONE)).toBe(KERN_SUCCESS); // only a hole
    expect(vm_inherit(k, A, 2 ** 40, P, VM_INHERIT_NONE)).toBe(KERN_SUCCESS); // past the map
    clean();
  });

  it('a dead task → INVALID_ARGUMENT', () => {
    task_terminate(k, A);
    expect(vm_inherit(k, A, 0x10000, P, VM_INHERIT_NONE)).toBe(KERN_INVALID_ARGUMENT);
  });
});

describe('vm_read, vm_write, vm_copy: checked page by page from the start, the first problem decides', () => {
  const enc = (t: string) => new TextEncoder().encode(t);
  const dec = (b: Uint8Array) => new TextDecoder().decode(b);
  /**
   *   0x10000 rw "p0"   0x11000 -w- "p1"   0x12000 rw "p2"   0x13000 hole   0x14000 r-- "p4"
   */
  beforeEach(() => {
    vm_allocate(k, A, 0x10000, 5 * P, false);
    for (let i = 0; i < 5; i++) expect(vm_write(k, A, 0x10000 + i * P, enc(`p${i}`))).toBe(KERN_SUCCESS);
    expect(vm_protect(k, A, 0x11000, P, false, VM_PROT_WRITE)).toBe(KERN_SUCCESS);
    expect(vm_deallocate(k, A, 0x13000, P)).toBe(KERN_SUCCESS);
    expect(vm_protect(k, A, 0x14000, P, false, R)).toBe(KERN_SUCCESS);
  });
  /** The bytes at addr, read after making their page readable (so only at the end of a test). */
  const text = (addr: number, n = 2) => {
    expect(vm_protect(k, A, addr, n, false, RW)).toBe(KERN_SUCCESS);
    const r = vm_read(k, A, addr, n);
    expect(r.kr).toBe(KERN_SUCCESS);
    return dec(r.data);
  };

  it('vm_read: an unreadable page before a hole → PROTECTION_FAILURE; a hole before an unreadable page → INVALID_ADDRESS', () => {
    expect(vm_read(k, A, 0x10000, 4 * P).kr).toBe(KERN_PROTECTION_FAILURE); // 0x11000 comes before the hole
    expect(vm_read(k, A, 0x12000, 3 * P).kr).toBe(KERN_INVALID_ADDRESS); // the hole comes first
    expect(vm_read(k, A, 0x10ff0, 0x20).kr).toBe(KERN_PROTECTION_FAILURE); // bytes touching 0x11000
    expect(vm_read(k, A, 0x12ff0, 0x20).kr).toBe(KERN_INVALID_ADDRESS); // bytes touching the hole
    expect(vm_read(k, A, 0xf000, 2 * P).kr).toBe(KERN_INVALID_ADDRESS); // unmapped start, then readable
    expect(vm_read(k, A, 0x14000, 2).data).toEqual(enc('p4'));
    expect(vm_protect(k, A, 0x14000, P, false, VM_PROT_NONE)).toBe(KERN_SUCCESS);
    expect(vm_read(k, A, 0x12000, 3 * P).kr).toBe(KERN_INVALID_ADDRESS); // still the hole first
    clean();
  });

  it('vm_read: past the end of the map counts as a hole after the pages before it; an end that wraps → INVALID_ADDRESS', () => {
    expect(vm_allocate(k, B, 0xffff_f000, P, false).kr).toBe(KERN_SUCCESS);
    expect(vm_protect(k, B, 0xffff_f000, P, false, VM_PROT_WRITE)).toBe(KERN_SUCCESS);
    expect(vm_read(k, B, 0xffff_f000, 2 * P).kr).toBe(KERN_PROTECTION_FAILURE); // the unreadable page comes first
    expect(vm_protect(k, B, 0xffff_f000, P, false, R)).toBe(KERN_SUCCESS);
    expect(vm_read(k, B, 0xffff_f000, 2 * P).kr).toBe(KERN_INVALID_ADDRESS); // then the end of the map
    expect(vm_read(k, B, -0x1000, 0x2000).kr).toBe(KERN_INVALID_ADDRESS); // wraps
    // a negative size is a huge u64: past the transfer limit, refused before the range is looked at
    // (xnu's mach_vm_read refuses a size that does not fit its message with INVALID_ARGUMENT too)
    expect(vm_read(k, A, 0x10000, -0x1000).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_read(k, A, 0x10000, -0x10000 - 1).kr).toBe(KERN_INVALID_ARGUMENT);
  });

  it('vm_write: a page without WRITE before a hole → PROTECTION_FAILURE; a hole first → INVALID_ADDRESS; nothing is written either way', () => {
    const big = new Uint8Array(3 * P).fill(0x58);
    expect(vm_write(k, A, 0x14000 - 2, enc('XXXX'))).toBe(KERN_INVALID_ADDRESS); // the hole 0x13000 is first
    expect(vm_write(k, A, 0x12000, big)).toBe(KERN_INVALID_ADDRESS); // rw, hole, r--
    expect(vm_protect(k, A, 0x12000, P, false, R)).toBe(KERN_SUCCESS);
    expect(vm_write(k, A, 0x12000, big)).toBe(KERN_PROTECTION_FAILURE); // r--, hole, r--
    expect(vm_write(k, A, 0x10000, big)).toBe(KERN_PROTECTION_FAILURE); // rw, -w-, r--: 0x12000 first
    expect(text(0x10000)).toBe('p0');
    expect(text(0x11000)).toBe('p1');
    expect(text(0x12000)).toBe('p2');
    clean();
  });

  it('vm_copy: the whole source is checked before the destination, each page by page; nothing is written on failure', () => {
    // the source's problem wins, whatever the destination is
    expect(vm_copy(k, A, 0x10000, 2 * P, 0x30000)).toBe(KERN_PROTECTION_FAILURE); // rw, -w- (unreadable); dest a hole
    expect(vm_copy(k, A, 0x12000, 2 * P, 0x14000)).toBe(KERN_INVALID_ADDRESS); // rw, hole; dest r--
    // a good source ("p0"): the destination decides, page by page from its start
    expect(vm_copy(k, A, 0x10000, 2, 0x13fff)).toBe(KERN_INVALID_ADDRESS); // hole 0x13000 before r-- 0x14000
    expect(vm_copy(k, A, 0x10000, 2, 0x14fff)).toBe(KERN_PROTECTION_FAILURE); // r-- 0x14000 before the hole 0x15000
    expect(vm_copy(k, A, 0x10000, P, 0x12800)).toBe(KERN_INVALID_ADDRESS); // rw 0x12000, then the hole
    expect(vm_copy(k, A, 0x10000, 2, 0x10ff0)).toBe(KERN_SUCCESS); // rw, -w-: both writable
    expect(vm_read(k, A, 0x10ff0, 2).data).toEqual(enc('p0'));
    // nothing was written by the failures
    expect(vm_read(k, A, 0x12800, 2).data).toEqual(new Uint8Array(2));
    expect(vm_read(k, A, 0x14000, 2).data).toEqual(enc('p4'));
    expect(vm_read(k, A, 0x14ffe, 2).data).toEqual(new Uint8Array(2));
    clean();
  });
});

describe('vm_region', () => {
  it('no entry at or above the address → INVALID_ADDRESS (empty map, above the last entry, past the map)', () => {
    expect(vm_region(k, A, 0).kr).toBe(KERN_INVALID_ADDRESS);
    vm_allocate(k, A, 0x10000, P, false);
    expect(vm_region(k, A, 0x11000).kr).toBe(KERN_INVALID_ADDRESS);
    expect(vm_region(k, A, 2 ** 40).kr).toBe(KERN_INVALID_ADDRESS);
    expect(vm_region(k, A, -1).kr).toBe(KERN_INVALID_ADDRESS);
  });

  it('the address is truncated; the entry containing it is returned with its own start', () => {
    vm_allocate(k, A, 0x10000, 3 * P, false);
    expect(vm_region(k, A, 0x11fff)).toMatchObject({ kr: KERN_SUCCESS, address: 0x10000, size: 3 * P });
    expect(vm_region(k, A, 0x12fff)).toMatchObject({ kr: KERN_SUCCESS, address: 0x10000 });
  });

  it('an address in a hole gives the next entry above', () => {
    vm_allocate(k, A, 0x10000, P, false);
    vm_allocate(k, A, 0x20000, 2 * P, false);
    expect(vm_region(k, A, 0x11000)).toMatchObject({ kr: KERN_SUCCESS, address: 0x20000, size: 2 * P });
    expect(vm_region(k, A, 0)).toMatchObject({ address: 0x10000 });
  });

  it('object ids: 0 without object, the same id for the same object, offsets after clipping', () => {
    const o = mapF(A, 0x10000, 4, 2 * P);
    vm_allocate(k, A, 0x20000, P, false);
    vm_inherit(k, A, 0x12000, P, VM_INHERIT_SHARE);
    const rs = regions(k, A);
    expect(rs.map((r) => [r.address, r.object, r.offset])).toEqual([
      [0x10000, o, 2 * P],
      [0x12000, o, 4 * P],
      [0x13000, o, 5 * P],
      [0x20000, 0, 0],
    ]);
    expect(objectOf(k, A, 0x13000)).toBe(o);
    expect(objectOf(k, A, 0x30000)).toBe(-1);
    expect(shadowDepth(k, A, 0x30000)).toBe(-1);
  });

  it('shared: TRUE when another entry (this task or another) maps the same pages of the object without copy-on-write', () => {
    // semantics.md says "mapped by another entry"; we read it as "the same pages", otherwise a
    // mere clip (vm_protect of one page) would turn the other pieces of one mapping "shared"
    mapF(A, 0x10000, 2, 0);
    expect(vm_region(k, A, 0x10000).shared).toBe(false);
    vm_protect(k, A, 0x11000, P, false, R); // two entries, disjoint pages of F
    expect(regions(k, A).map((r) => r.shared)).toEqual([false, false]);
    mapF(A, 0x20000, 1, P); // page 1 of F again, in the same task
    expect(regions(k, A).map((r) => r.shared)).toEqual([false, true, true]);
    vm_deallocate(k, A, 0x20000, P);
    mapF(B, 0x50000, 1, 0); // page 0 of F, from another task
    expect(regions(k, A).map((r) => r.shared)).toEqual([true, false]);
    expect(vm_region(k, B, 0x50000).shared).toBe(true);
    // a copy=TRUE mapping of the same pages is not sharing
    const c = vm_map(k, B, 0, 2 * P, 0, true, F, 0, true, RW, RW, VM_INHERIT_COPY);
    expect(vm_region(k, B, c.address).shared).toBe(false);
    expect(vm_region(k, B, 0x50000).shared).toBe(true);
    clean();
  });

  it('a dead task → INVALID_ARGUMENT', () => {
    vm_allocate(k, A, 0x10000, P, false);
    task_terminate(k, A);
    expect(vm_region(k, A, 0).kr).toBe(KERN_INVALID_ARGUMENT);
  });
});

describe('task_terminate', () => {
  it('a dead task answers KERN_INVALID_ARGUMENT to every call afterwards, terminate included', () => {
    vm_allocate(k, A, 0x10000, P, false);
    expect(task_terminate(k, A)).toBe(KERN_SUCCESS);
    expect(task_terminate(k, A)).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_allocate(k, A, 0, P, true).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_map(k, A, 0, P, 0, true, F, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_deallocate(k, A, 0x10000, P)).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_protect(k, A, 0x10000, P, false, R)).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_inherit(k, A, 0x10000, P, VM_INHERIT_NONE)).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_region(k, A, 0).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(objectOf(k, A, 0x10000)).toBe(-1);
    expect(partsOf(k).tasks.get(A)!.map.entryCount).toBe(0);
    expect(task_terminate(k, 12345)).toBe(KERN_INVALID_ARGUMENT);
    clean();
  });

  it('frees anonymous objects whose last reference goes; pager objects stay cached and are found again without a new init', () => {
    const o = mapF(A, 0x10000, 2);
    const c = vm_map(k, A, 0, P, 0, true, F, 0, true, RW, RW, VM_INHERIT_COPY);
    const copyId = vm_region(k, A, c.address).object;
    mapF(B, 0x10000, 1, 3 * P);
    expect(obj(k, o).refCount).toBe(3);
    expect(task_terminate(k, A)).toBe(KERN_SUCCESS);
    expect(partsOf(k).objects.live.has(copyId)).toBe(false);
    expect(obj(k, o).refCount).toBe(1); // B's entry
    expect(obj(k, o).copy).toBeNull();
    expect(task_terminate(k, B)).toBe(KERN_SUCCESS);
    const cached = obj(k, o);
    expect(cached.alive).toBe(true);
    expect(cached.refCount).toBe(0);
    expect(partsOf(k).objects.live.size).toBe(1);
    clean();
    const C = k.createTask('C').id;
    const trace = k.startTrace();
    expect(vm_map(k, C, 0, P, 0, true, F, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_SUCCESS);
    expect(vm_region(k, C, 0).object).toBe(o);
    expect(trace.events.some((e) => e.type === 'memory_object_init')).toBe(false);
    clean();
  });

  it('the other tasks keep their mappings', () => {
    vm_allocate(k, A, 0x10000, P, false);
    vm_allocate(k, B, 0x10000, P, false);
    task_terminate(k, A);
    expect(spans(k, B)).toEqual([[0x10000, 0x11000]]);
    expect(vm_allocate(k, B, 0x10000, P, false).kr).not.toBe(KERN_SUCCESS);
    clean();
  });
});
