/**
 * vm_allocate, vm_map and vm_remap's placement, rule by rule (semantics.md "Calls" and "placement").
 * Each test names the rule, passes the argument that triggers it, and checks the result code and
 * what vm_region then shows (and, where it matters, the objects' reference counts and the trace).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { checkInvariants } from './invariants';
import {
  KERN_INVALID_ADDRESS, KERN_INVALID_ARGUMENT, KERN_INVALID_OBJECT, KERN_NO_SPACE, KERN_PROTECTION_FAILURE, KERN_SUCCESS,
} from './kern_return';
import { partsOf, type Kernel } from './kernel';
import { P, eventBodies, machine, obj, regions, spans } from './testkit';
import {
  VM_INHERIT_COPY, VM_INHERIT_NONE, VM_INHERIT_SHARE, VM_PROT_ALL, VM_PROT_DEFAULT, VM_PROT_EXECUTE, VM_PROT_NONE,
  VM_PROT_READ, VM_PROT_WRITE,
} from './vm_param';
import { objectOf, shadowDepth, task_terminate, vm_allocate, vm_deallocate, vm_map, vm_protect, vm_region } from './vm_user';
import { vm_remap } from './vm_remap';

const RW = VM_PROT_READ | VM_PROT_WRITE;
const R = VM_PROT_READ;
const NULL_OBJ = 0; // MEMORY_OBJECT_NULL

let k: Kernel;
let A: number;
let B: number;
beforeEach(() => {
  ({ k, A, B } = machine());
});
/** The kernel's structures still agree with each other (invariants.ts). */
function clean(): void {
  expect(checkInvariants(k)).toEqual([]);
}

describe('vm_allocate', () => {
  it('size 0 → KERN_SUCCESS with addr = 0 and nothing mapped', () => {
    expect(vm_allocate(k, A, 0x5000, 0, false)).toEqual({ kr: KERN_SUCCESS, address: 0 });
    expect(vm_allocate(k, A, 0x5000, 0, true)).toEqual({ kr: KERN_SUCCESS, address: 0 });
    expect(regions(k, A)).toEqual([]);
    clean();
  });

  it('anonymous zero-fill: cur READ|WRITE, max ALL, inheritance COPY, no object yet, offset 0', () => {
    const r = vm_allocate(k, A, 0, 0x3000, true);
    expect(r).toEqual({ kr: KERN_SUCCESS, address: 0x1000 });
    expect(regions(k, A)).toEqual([{
      kr: KERN_SUCCESS, address: 0x1000, size: 0x3000, protection: VM_PROT_DEFAULT, maxProtection: VM_PROT_ALL,
      inheritance: VM_INHERIT_COPY, shared: false, object: 0, offset: 0,
    }]);
    expect(objectOf(k, A, 0x1000)).toBe(0);
    expect(shadowDepth(k, A, 0x1000)).toBe(0);
    clean();
  });

  it('anywhere ignores the address argument (seed 000) and never picks page 0', () => {
    expect(vm_allocate(k, A, 0x7654_3000, P, true)).toEqual({ kr: KERN_SUCCESS, address: 0x1000 });
    expect(vm_allocate(k, B, 0, P, true)).toEqual({ kr: KERN_SUCCESS, address: 0x1000 });
    expect(vm_region(k, B, 0).address).toBe(0x1000);
    clean();
  });

  it('size is rounded up to whole pages (anywhere)', () => {
    expect(vm_allocate(k, A, 0, 1, true).address).toBe(0x1000);
    expect(vm_region(k, A, 0).size).toBe(P);
    expect(vm_allocate(k, B, 0, P + 1, true).address).toBe(0x1000);
    expect(vm_region(k, B, 0).size).toBe(2 * P);
    clean();
  });

  it('fixed: placement rounding, start = trunc_page(addr), end = start + round_page(size) (seeds 001-003)', () => {
    // [0x5123, 0x6123) touches two pages, yet new memory is one page from the page containing 0x5123
    expect(vm_allocate(k, A, 0x5123, 0x1000, false)).toEqual({ kr: KERN_SUCCESS, address: 0x5000 });
    expect(spans(k, A)).toEqual([[0x5000, 0x6000]]);
    clean();
  });

  it('fixed at 0x10001 for 0x1000 → one page, so a later fixed allocation at 0x11000 succeeds', () => {
    expect(vm_allocate(k, A, 0x10001, 0x1000, false)).toEqual({ kr: KERN_SUCCESS, address: 0x10000 });
    expect(vm_region(k, A, 0x10000)).toMatchObject({ kr: KERN_SUCCESS, address: 0x10000, size: P });
    expect(vm_allocate(k, A, 0x11000, 0x1000, false)).toEqual({ kr: KERN_SUCCESS, address: 0x11000 });
    // it extends the previous entry (identical attributes): one region of two pages
    expect(spans(k, A)).toEqual([[0x10000, 0x12000]]);
    // a size that is not a page multiple rounds up from the start page: 0x8FF0 + 0x20 → one page
    expect(vm_allocate(k, B, 0x8ff0, 0x20, false)).toEqual({ kr: KERN_SUCCESS, address: 0x8000 });
    expect(spans(k, B)).toEqual([[0x8000, 0x9000]]);
    expect(vm_allocate(k, B, 0x9000, P, false).kr).toBe(KERN_SUCCESS);
    // 0x1001 bytes are two pages wherever they start
    expect(vm_allocate(k, B, 0x20fff, 0x1001, false)).toEqual({ kr: KERN_SUCCESS, address: 0x20000 });
    expect(vm_region(k, B, 0x20000).size).toBe(2 * P);
    clean();
  });

  it('fixed at page 0 is allowed (only anywhere avoids it)', () => {
    expect(vm_allocate(k, A, 0, P, false)).toEqual({ kr: KERN_SUCCESS, address: 0 });
    expect(spans(k, A)).toEqual([[0, P]]);
    // and the next anywhere allocation coalesces right after it
    expect(vm_allocate(k, A, 0, P, true).address).toBe(P);
    clean();
  });

  it('fixed over an existing mapping → KERN_NO_SPACE, address unchanged, nothing changed', () => {
    vm_allocate(k, A, 0x10000, 0x3000, false);
    // start inside the entry
    expect(vm_allocate(k, A, 0x11000, P, false)).toEqual({ kr: KERN_NO_SPACE, address: 0x11000 });
    // start in the hole below, end overlapping the entry
    expect(vm_allocate(k, A, 0xe000, 0x3000, false)).toEqual({ kr: KERN_NO_SPACE, address: 0xe000 });
    // a size rounding up into the entry
    expect(vm_allocate(k, A, 0xf000, 0x1001, false).kr).toBe(KERN_NO_SPACE);
    // an unaligned start whose bytes run into the entry, but whose page count does not: fits
    expect(vm_allocate(k, A, 0xf800, 0x1000, false)).toEqual({ kr: KERN_SUCCESS, address: 0xf000 });
    expect(vm_deallocate(k, A, 0xf000, P)).toBe(KERN_SUCCESS);
    expect(spans(k, A)).toEqual([[0x10000, 0x13000]]);
    // exactly adjacent below is fine
    expect(vm_allocate(k, A, 0xf000, P, false).kr).toBe(KERN_SUCCESS);
    clean();
  });

  it('fixed outside the map → KERN_INVALID_ADDRESS (end past 2^address_bits, start past it)', () => {
    expect(vm_allocate(k, A, 0xffff_f000, 0x2000, false).kr).toBe(KERN_INVALID_ADDRESS);
    expect(vm_allocate(k, A, 2 ** 32, P, false).kr).toBe(KERN_INVALID_ADDRESS);
    expect(vm_allocate(k, A, 0xffff_f000, P, false)).toEqual({ kr: KERN_SUCCESS, address: 0xffff_f000 });
    expect(spans(k, A)).toEqual([[0xffff_f000, 2 ** 32]]);
    clean();
  });

  it('fixed whose end wraps past 2^64 → KERN_INVALID_ADDRESS (xnu compat rewrite; the size alone rounds fine)', () => {
    // addr = 2^64 - 0x1000 (as -0x1000), size 0x2000: the end wraps
    expect(vm_allocate(k, A, -0x1000, 0x2000, false)).toEqual({ kr: KERN_INVALID_ADDRESS, address: -0x1000 });
    expect(regions(k, A)).toEqual([]);
  });

  it('a size that rounds to 0 in 64 bits → KERN_INVALID_ARGUMENT', () => {
    expect(vm_allocate(k, A, 0, -1, true).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_allocate(k, A, 0x1000, -1, false).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(regions(k, A)).toEqual([]);
  });

  it('anywhere: nothing fits → KERN_NO_SPACE', () => {
    const small = machine({ addressBits: 20 });
    // the whole map minus page 0
    expect(vm_allocate(small.k, small.A, 0, 2 ** 20 - P, true)).toEqual({ kr: KERN_SUCCESS, address: P });
    expect(vm_allocate(small.k, small.A, 0, P, true)).toEqual({ kr: KERN_NO_SPACE, address: 0 });
    // bigger than the map
    expect(vm_allocate(small.k, small.B, 0, 2 ** 20, true).kr).toBe(KERN_NO_SPACE);
    // a huge 64-bit size that does not round to 0
    expect(vm_allocate(small.k, small.B, 0, -0x2000, true).kr).toBe(KERN_NO_SPACE);
    expect(regions(small.k, small.B)).toEqual([]);
  });

  it('first fit: a freed hole is reused by the next allocation that fits in it', () => {
    const a = vm_allocate(k, A, 0, 0x2000, true).address;
    vm_protect(k, A, a, 0x2000, false, R); // keep A, B, C apart (no coalescing)
    const b = vm_allocate(k, A, 0, 0x3000, true).address;
    vm_protect(k, A, b, 0x3000, false, VM_PROT_ALL);
    const c = vm_allocate(k, A, 0, 0x1000, true).address;
    expect([a, b, c]).toEqual([0x1000, 0x3000, 0x6000]);
    expect(vm_deallocate(k, A, b, 0x3000)).toBe(KERN_SUCCESS);
    // too big for B's hole → after C
    expect(vm_allocate(k, A, 0, 0x4000, true).address).toBe(0x7000);
    // fits → lowest address, B's old start
    expect(vm_allocate(k, A, 0, 0x2000, true).address).toBe(0x3000);
    expect(vm_allocate(k, A, 0, 0x1000, true).address).toBe(0x5000);
    clean();
  });

  it('merges with the previous adjacent anonymous entry of identical attributes', () => {
    vm_allocate(k, A, 0, 0x2000, true);
    vm_allocate(k, A, 0, 0x3000, true);
    expect(spans(k, A)).toEqual([[0x1000, 0x6000]]);
    expect(partsOf(k).tasks.get(A)!.map.entryCount).toBe(1);
    clean();
  });

  it('does not merge with the next entry (xnu: previous entry only)', () => {
    vm_allocate(k, A, 0x3000, P, false);
    vm_allocate(k, A, 0x2000, P, false);
    expect(spans(k, A)).toEqual([[0x2000, 0x3000], [0x3000, 0x4000]]);
    clean();
  });

  it('does not merge with a previous entry of different attributes', () => {
    vm_allocate(k, A, 0x2000, P, false);
    vm_protect(k, A, 0x2000, P, false, R);
    vm_allocate(k, A, 0x3000, P, false);
    expect(spans(k, A)).toEqual([[0x2000, 0x3000], [0x3000, 0x4000]]);
    expect(regions(k, A).map((r) => r.protection)).toEqual([R, RW]);
    clean();
  });

  it('with 16 KiB pages, rounding and "one page up" use the configured page size', () => {
    const big = machine({ pageSize: 16384 });
    expect(vm_allocate(big.k, big.A, 0, 1, true)).toEqual({ kr: KERN_SUCCESS, address: 0x4000 });
    expect(vm_region(big.k, big.A, 0).size).toBe(0x4000);
    // [0xbfff, 0xc001) touches two 16 KiB pages, but 2 bytes round to one page from 0x8000;
    // it extends the previous entry
    expect(vm_allocate(big.k, big.A, 0xbfff, 2, false)).toEqual({ kr: KERN_SUCCESS, address: 0x8000 });
    expect(spans(big.k, big.A)).toEqual([[0x4000, 0xc000]]);
    expect(vm_allocate(big.k, big.A, 0xc000, 1, false)).toEqual({ kr: KERN_SUCCESS, address: 0xc000 });
    expect(checkInvariants(big.k)).toEqual([]);
  });

  it('a dead task → KERN_INVALID_ARGUMENT', () => {
    task_terminate(k, A);
    expect(vm_allocate(k, A, 0, P, true)).toEqual({ kr: KERN_INVALID_ARGUMENT, address: 0 });
    expect(vm_allocate(k, 999, 0, P, true).kr).toBe(KERN_INVALID_ARGUMENT);
  });
});

describe('vm_map: the order of the argument checks', () => {
  let F: number; // a 4-page file, max ALL
  let RO: number; // a 2-page file whose pager allows READ only
  let BAD: number; // a pager whose memory_object_init fails
  beforeEach(() => {
    F = k.declarePager('F', 4 * P, new TextEncoder().encode('hello'));
    RO = k.declarePager('RO', 2 * P, new Uint8Array(0), VM_PROT_READ);
    BAD = k.declarePager('BAD', P, new Uint8Array(0), VM_PROT_ALL, true);
  });
  const UNKNOWN = 0x7777;

  it('1. unknown protection bits in cur or max → INVALID_ARGUMENT (before an unknown object)', () => {
    expect(vm_map(k, A, 0, P, 0, true, UNKNOWN, 0, false, 8, VM_PROT_ALL, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_map(k, A, 0, P, 0, true, UNKNOWN, 0, false, R, 0x10, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_map(k, A, 0, P, 0, true, NULL_OBJ, 0, false, -1, VM_PROT_ALL, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(regions(k, A)).toEqual([]);
  });

  it('2. cur not a subset of max → cur &= max silently (xnu), not an error', () => {
    const r = vm_map(k, A, 0, P, 0, true, NULL_OBJ, 0, false, VM_PROT_ALL, R, VM_INHERIT_COPY);
    expect(r).toEqual({ kr: KERN_SUCCESS, address: P });
    const reg = vm_region(k, A, P);
    expect([reg.protection, reg.maxProtection]).toEqual([R, R]);
    const w = vm_map(k, A, 0, P, 0, true, F, 0, false, VM_PROT_WRITE | VM_PROT_EXECUTE, VM_PROT_EXECUTE, VM_INHERIT_COPY);
    expect(w.kr).toBe(KERN_SUCCESS);
    expect(vm_region(k, A, w.address).protection).toBe(VM_PROT_EXECUTE);
    clean();
  });

  it('3. inheritance not SHARE/COPY/NONE → INVALID_ARGUMENT (before size and object)', () => {
    expect(vm_map(k, A, 0, 0, 0, true, UNKNOWN, 0, false, R, R, 3).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_map(k, A, 0, P, 0, true, UNKNOWN, 0, false, R, R, -1).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(regions(k, A)).toEqual([]);
  });

  it('4. size 0, a size rounding to 0, or offset+size overflowing → INVALID_ARGUMENT (before the object)', () => {
    expect(vm_map(k, A, 0, 0, 0, true, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY)).toEqual({ kr: KERN_INVALID_ARGUMENT, address: 0 });
    expect(vm_map(k, A, 0, 0, 0, true, UNKNOWN, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_map(k, A, 0, -1, 0, true, F, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    // offset = 2^64 - 0x1000: offset + size wraps, even for MEMORY_OBJECT_NULL and an unknown port
    expect(vm_map(k, A, 0, P, 0, true, NULL_OBJ, -0x1000, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_map(k, A, 0, P, 0, true, UNKNOWN, -0x1000, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(regions(k, A)).toEqual([]);
  });

  it('5. an unknown object → INVALID_OBJECT (before the offset checks)', () => {
    expect(vm_map(k, A, 0, P, 0, true, UNKNOWN, 0x123, false, R, R, VM_INHERIT_COPY)).toEqual({ kr: KERN_INVALID_OBJECT, address: 0 });
    expect(regions(k, A)).toEqual([]);
  });

  it('6. offset not page aligned → INVALID_ARGUMENT (before "past the object")', () => {
    expect(vm_map(k, A, 0, P, 0, true, F, 0x10, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_map(k, A, 0, P, 0, true, F, 100 * P + 1, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(regions(k, A)).toEqual([]);
    expect(partsOf(k).pagers.get(F)!.object).toBeNull(); // no memory_object_init yet
  });

  it('7. offset + size past the object → INVALID_ARGUMENT (before the max check)', () => {
    expect(vm_map(k, A, 0, 4 * P + 1, 0, true, F, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_map(k, A, 0, P, 0, true, F, 4 * P, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_map(k, A, 0, 3 * P, 0, true, RO, 0, false, VM_PROT_ALL, VM_PROT_ALL, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    // exactly up to the end is fine
    const ok = vm_map(k, A, 0, 2 * P, 0, true, F, 2 * P, false, R, R, VM_INHERIT_COPY);
    expect(ok.kr).toBe(KERN_SUCCESS);
    expect(vm_region(k, A, ok.address)).toMatchObject({ size: 2 * P, offset: 2 * P });
    clean();
  });

  it('7b. "past the object" counts round_page(size) bytes, fixed at an unaligned address too (placement rounding)', () => {
    // [0x10001, 0x10001 + 2 pages) touches 3 pages, but the entry is round_page(2P) = 2 pages from
    // 0x10000: from offset 2P it ends exactly at the object's end, 4P
    expect(vm_map(k, A, 0x10001, 2 * P, 0, false, F, 2 * P, false, R, R, VM_INHERIT_COPY)).toEqual({ kr: KERN_SUCCESS, address: 0x10000 });
    expect(vm_region(k, A, 0x10000)).toMatchObject({ size: 2 * P, offset: 2 * P });
    // one byte more is a third page: past the object
    expect(vm_map(k, B, 0x10001, 2 * P + 1, 0, false, F, 2 * P, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(regions(k, B)).toEqual([]);
    // anywhere ignores the address: the same count
    expect(vm_map(k, B, 0x10001, 2 * P, 0, true, F, 2 * P, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_SUCCESS);
    clean();
  });

  it('8. max beyond what the memory object permits → PROTECTION_FAILURE (seed 001), before fail_init and placement', () => {
    expect(vm_map(k, A, 0, P, 0, true, RO, 0, false, R, RW, VM_INHERIT_COPY).kr).toBe(KERN_PROTECTION_FAILURE);
    // even when cur asks for less: it is max that is checked
    expect(vm_map(k, A, 0, P, 0, true, RO, 0, false, VM_PROT_NONE, VM_PROT_ALL, VM_INHERIT_COPY).kr).toBe(KERN_PROTECTION_FAILURE);
    // placement would fail too (fixed over nothing past the map), yet the protection failure comes first
    expect(vm_map(k, A, 2 ** 33, P, 0, false, RO, 0, false, R, RW, VM_INHERIT_COPY).kr).toBe(KERN_PROTECTION_FAILURE);
    expect(regions(k, A)).toEqual([]);
    // within the pager's max: fine
    const ok = vm_map(k, A, 0, P, 0, true, RO, 0, false, R, R, VM_INHERIT_COPY);
    expect(ok.kr).toBe(KERN_SUCCESS);
    expect(vm_region(k, A, ok.address)).toMatchObject({ protection: R, maxProtection: R });
    clean();
  });

  it('9. a pager that fails memory_object_init → INVALID_OBJECT, nothing mapped, every try sends init', () => {
    const trace = k.startTrace();
    expect(vm_map(k, A, 0, P, 0, true, BAD, 0, false, R, R, VM_INHERIT_COPY)).toEqual({ kr: KERN_INVALID_OBJECT, address: 0 });
    // fail_init comes before placement: a fixed range that overlaps would be NO_SPACE
    vm_allocate(k, A, 0x10000, P, false);
    expect(vm_map(k, A, 0x10000, P, 0, false, BAD, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_OBJECT);
    expect(spans(k, A)).toEqual([[0x10000, 0x11000]]);
    const inits = eventBodies(trace.events.filter((e) => e.type === 'memory_object_init'));
    expect(inits).toEqual([
      { type: 'memory_object_init', pager: 'BAD', object: 0, ok: false },
      { type: 'memory_object_init', pager: 'BAD', object: 0, ok: false },
    ]);
    expect(partsOf(k).pagers.get(BAD)!.object).toBeNull();
    clean();
  });
});

describe('vm_map: placement, rounding and mask', () => {
  it('fixed: placement rounding, start = trunc_page(addr), end = start + round_page(size)', () => {
    expect(vm_map(k, A, 0x5800, 0x1000, 0, false, NULL_OBJ, 0, false, RW, RW, VM_INHERIT_COPY))
      .toEqual({ kr: KERN_SUCCESS, address: 0x5000 });
    expect(spans(k, A)).toEqual([[0x5000, 0x6000]]);
    // 0x20 bytes at 0x20ff0 cross a page boundary, yet map one page
    const F = k.declarePager('F', P, new TextEncoder().encode('file'));
    expect(vm_map(k, A, 0x20ff0, 0x20, 0, false, F, 0, false, R, R, VM_INHERIT_COPY))
      .toEqual({ kr: KERN_SUCCESS, address: 0x20000 });
    expect(vm_region(k, A, 0x20000)).toMatchObject({ address: 0x20000, size: P, offset: 0 });
    expect(vm_region(k, A, 0x21000).kr).toBe(KERN_INVALID_ADDRESS);
    // the page after it is free for a fixed mapping
    expect(vm_map(k, A, 0x21000, P, 0, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_SUCCESS);
    clean();
  });

  it('fixed at the last page of the map: an unaligned start with a one-page size fits', () => {
    expect(vm_map(k, A, 0xffff_f800, 0x800, 0, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY))
      .toEqual({ kr: KERN_SUCCESS, address: 0xffff_f000 });
    expect(spans(k, A)).toEqual([[0xffff_f000, 2 ** 32]]);
    expect(vm_map(k, B, 0xffff_f800, 0x1001, 0, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ADDRESS);
    clean();
  });

  it('anywhere: the size is rounded up and the address argument ignored', () => {
    expect(vm_map(k, A, 0x4000_0000, 0x1001, 0, true, NULL_OBJ, 0, false, RW, RW, VM_INHERIT_COPY))
      .toEqual({ kr: KERN_SUCCESS, address: 0x1000 });
    expect(spans(k, A)).toEqual([[0x1000, 0x3000]]);
    clean();
  });

  it('anywhere with mask 0xFFFF → an address that is a multiple of 64 KiB, first fit among those', () => {
    vm_allocate(k, A, 0, P, true); // [0x1000, 0x2000)
    const a = vm_map(k, A, 0, P, 0xffff, true, NULL_OBJ, 0, false, R, R, VM_INHERIT_SHARE);
    expect(a).toEqual({ kr: KERN_SUCCESS, address: 0x10000 });
    const b = vm_map(k, A, 0, P, 0xffff, true, NULL_OBJ, 0, false, R, R, VM_INHERIT_SHARE);
    expect(b).toEqual({ kr: KERN_SUCCESS, address: 0x20000 });
    // without the mask the low hole is used first
    expect(vm_map(k, A, 0, P, 0, true, NULL_OBJ, 0, false, R, R, VM_INHERIT_SHARE).address).toBe(0x2000);
    // a sub-page mask changes nothing: addresses are page aligned anyway
    expect(vm_map(k, A, 0, P, 0x7ff, true, NULL_OBJ, 0, false, R, R, VM_INHERIT_SHARE).address).toBe(0x3000);
    clean();
  });

  it('fixed with start & mask ≠ 0 → NO_SPACE, even where the range would be INVALID_ADDRESS', () => {
    expect(vm_map(k, A, 0x11000, P, 0xffff, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_NO_SPACE);
    expect(vm_map(k, A, 2 ** 33 + 0x1000, P, 0xffff, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_NO_SPACE);
    // the mask is tested on trunc_page(addr): 0x10123 truncates to the aligned 0x10000
    expect(vm_map(k, A, 0x10123, P, 0xffff, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY))
      .toEqual({ kr: KERN_SUCCESS, address: 0x10000 });
    expect(spans(k, A)).toEqual([[0x10000, 0x11000]]);
    clean();
  });

  it('fixed outside the map → INVALID_ADDRESS; overlapping → NO_SPACE', () => {
    expect(vm_map(k, A, 0xffff_f000, 0x2000, 0, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ADDRESS);
    expect(vm_map(k, A, -0x1000, 0x2000, 0, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ADDRESS);
    vm_allocate(k, A, 0x8000, 0x2000, false);
    expect(vm_map(k, A, 0x7000, 0x2000, 0, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY)).toEqual({ kr: KERN_NO_SPACE, address: 0x7000 });
    expect(vm_map(k, A, 0x9000, P, 0, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_NO_SPACE);
    expect(spans(k, A)).toEqual([[0x8000, 0xa000]]);
    clean();
  });

  it('fixed far past the map with a mask its address meets → INVALID_ADDRESS (the mask is tested on the 64-bit address, not a rounded one)', () => {
    // -0x2000 is 0xffff_ffff_ffff_e000: aligned to the mask, past every map (found by the property test, seed 555616122)
    expect(vm_map(k, A, -0x2000, P, 1, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ADDRESS);
    expect(vm_map(k, A, 2 ** 60, P, 0xfff, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ADDRESS);
    expect(vm_map(k, A, -0x2000 + 0x1000 * 1, P, 0x1fff, false, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_NO_SPACE);
    expect(spans(k, A)).toEqual([]);
    clean();
  });

  it('anywhere with mask ~0 → NO_SPACE (aligning overflows)', () => {
    expect(vm_map(k, A, 0, P, -1, true, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_NO_SPACE);
    expect(regions(k, A)).toEqual([]);
  });

  it('anywhere: no wrap-around; nothing fits → NO_SPACE', () => {
    const s = machine({ addressBits: 20 });
    // occupy the middle: the gaps below (pages 1..127) and above (129..255) hold 127 pages each
    expect(vm_allocate(s.k, s.A, 128 * P, P, false).kr).toBe(KERN_SUCCESS);
    expect(vm_map(s.k, s.A, 0, 128 * P, 0, true, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_NO_SPACE);
    expect(vm_map(s.k, s.A, 0, 127 * P, 0, true, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).address).toBe(P);
    expect(vm_map(s.k, s.A, 0, 127 * P, 0, true, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).address).toBe(129 * P);
    // a 512 KiB-aligned page cannot be found: 0x80000 is taken and there is no wrap to 0
    expect(vm_map(s.k, s.B, 0, P, 0x7ffff, true, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).address).toBe(0x80000);
    expect(vm_map(s.k, s.B, 0, P, 0x7ffff, true, NULL_OBJ, 0, false, R, R, VM_INHERIT_COPY).kr).toBe(KERN_NO_SPACE);
    expect(checkInvariants(s.k)).toEqual([]);
  });
});

describe('vm_map: the object', () => {
  let F: number;
  beforeEach(() => {
    F = k.declarePager('F', 4 * P, new TextEncoder().encode('hello'));
  });

  it('MEMORY_OBJECT_NULL → anonymous zero-fill with the given attributes; copy and offset ignored', () => {
    const r = vm_map(k, A, 0, 2 * P, 0, true, NULL_OBJ, 0x123, true, R, RW, VM_INHERIT_SHARE);
    expect(r).toEqual({ kr: KERN_SUCCESS, address: P });
    expect(regions(k, A)).toEqual([{
      kr: KERN_SUCCESS, address: P, size: 2 * P, protection: R, maxProtection: RW, inheritance: VM_INHERIT_SHARE,
      shared: false, object: 0, offset: 0,
    }]);
    expect(shadowDepth(k, A, P)).toBe(0); // no object until the first fault
    expect(partsOf(k).objects.live.size).toBe(0);
    clean();
  });

  it('MEMORY_OBJECT_NULL coalesces with a previous anonymous entry of the same attributes', () => {
    vm_allocate(k, A, 0, P, true);
    vm_map(k, A, 0, P, 0, true, NULL_OBJ, 0, false, RW, VM_PROT_ALL, VM_INHERIT_COPY);
    expect(spans(k, A)).toEqual([[P, 3 * P]]);
    // different inheritance: a separate entry
    vm_map(k, A, 0, P, 0, true, NULL_OBJ, 0, false, RW, VM_PROT_ALL, VM_INHERIT_NONE);
    expect(spans(k, A)).toEqual([[P, 3 * P], [3 * P, 4 * P]]);
    clean();
  });

  it('the first mapping sends memory_object_init once; copy=FALSE mappings share one object', () => {
    const trace = k.startTrace();
    const a = vm_map(k, A, 0, 2 * P, 0, true, F, 0, false, RW, RW, VM_INHERIT_SHARE);
    const b = vm_map(k, B, 0, 2 * P, 0, true, F, P, false, R, R, VM_INHERIT_COPY);
    expect([a.kr, b.kr]).toEqual([KERN_SUCCESS, KERN_SUCCESS]);
    const ra = vm_region(k, A, a.address);
    const rb = vm_region(k, B, b.address);
    expect(ra.object).not.toBe(0);
    expect(rb.object).toBe(ra.object);
    expect([ra.offset, rb.offset]).toEqual([0, P]);
    expect(ra.shared).toBe(true); // page P of F is mapped by both
    expect(rb.shared).toBe(true);
    expect(eventBodies(trace.events.filter((e) => e.type === 'memory_object_init'))).toEqual([
      { type: 'memory_object_init', pager: 'F', object: ra.object, ok: true },
    ]);
    const o = obj(k, ra.object);
    expect(o.refCount).toBe(2);
    expect(o.shadow).toBeNull();
    expect(shadowDepth(k, A, a.address)).toBe(1);
    clean();
  });

  it('one copy=FALSE mapping alone is not shared', () => {
    const a = vm_map(k, A, 0, P, 0, true, F, 0, false, RW, RW, VM_INHERIT_SHARE);
    expect(vm_region(k, A, a.address).shared).toBe(false);
    clean();
  });

  it('copy=TRUE → a copy object that shadows the pager\'s object; the entry is needs_copy and private', () => {
    const shared = vm_map(k, A, 0, 4 * P, 0, true, F, 0, false, RW, RW, VM_INHERIT_SHARE);
    const src = vm_region(k, A, shared.address).object;
    const c = vm_map(k, B, 0, 2 * P, 0, true, F, 2 * P, true, RW, RW, VM_INHERIT_COPY);
    expect(c).toEqual({ kr: KERN_SUCCESS, address: P });
    const rc = vm_region(k, B, c.address);
    expect(rc.object).not.toBe(src);
    expect(rc.offset).toBe(2 * P); // the copy object covers all of F at shadow offset 0
    expect(rc.shared).toBe(false);
    expect(vm_region(k, A, shared.address).shared).toBe(false); // a COW copy does not share
    const copyObj = obj(k, rc.object);
    expect(copyObj.shadow).toBe(obj(k, src));
    expect(copyObj.shadowOffset).toBe(0);
    expect(obj(k, src).copy).toBe(copyObj);
    expect(partsOf(k).tasks.get(B)!.map.lookup(c.address)!.needsCopy).toBe(true);
    expect(shadowDepth(k, B, c.address)).toBe(2);
    expect(obj(k, src).refCount).toBe(2); // A's entry + the copy object's shadow link
    clean();
  });

  it('copy=TRUE again while the copy object is unmodified → the same copy object is reused', () => {
    const trace = k.startTrace();
    const c1 = vm_map(k, A, 0, P, 0, true, F, 0, true, RW, RW, VM_INHERIT_COPY);
    const c2 = vm_map(k, B, 0, 3 * P, 0, true, F, P, true, R, RW, VM_INHERIT_COPY);
    const id1 = vm_region(k, A, c1.address).object;
    const id2 = vm_region(k, B, c2.address).object;
    expect(id2).toBe(id1);
    expect(trace.events.some((e) => e.type === 'copy_object_reused' && e.object === id1)).toBe(true);
    expect(obj(k, id1).refCount).toBe(2);
    // both entries are copy-on-write: neither is shared with the other
    expect(vm_region(k, A, c1.address).shared).toBe(false);
    expect(vm_region(k, B, c2.address).shared).toBe(false);
    expect(obj(k, id1).shadow!.refCount).toBe(1); // only the copy object's shadow link
    clean();
  });

  it('a freed copy object is not reused: the next copy=TRUE makes a new one', () => {
    const c1 = vm_map(k, A, 0, P, 0, true, F, 0, true, RW, RW, VM_INHERIT_COPY);
    const id1 = vm_region(k, A, c1.address).object;
    const src = obj(k, id1).shadow!;
    vm_deallocate(k, A, c1.address, P);
    expect(partsOf(k).objects.live.has(id1)).toBe(false);
    expect(src.copy).toBeNull();
    const c2 = vm_map(k, A, 0, P, 0, true, F, 0, true, RW, RW, VM_INHERIT_COPY);
    const id2 = vm_region(k, A, c2.address).object;
    expect(id2).not.toBe(id1);
    expect(obj(k, id2).shadow).toBe(src);
    clean();
  });

  it('a failed placement does not keep the object mapped: it goes back to the cache, no copy object is made', () => {
    vm_allocate(k, A, 0x10000, P, false);
    expect(vm_map(k, A, 0x10000, P, 0, false, F, 0, true, R, R, VM_INHERIT_COPY).kr).toBe(KERN_NO_SPACE);
    const o = partsOf(k).pagers.get(F)!.object!;
    expect(o.refCount).toBe(0);
    expect(o.copy).toBeNull();
    expect(partsOf(k).objects.live.size).toBe(1);
    clean();
  });

  it('a dead task → INVALID_ARGUMENT, before any other check', () => {
    task_terminate(k, A);
    expect(vm_map(k, A, 0, 0, 0, true, 0x7777, 0, false, 8, 8, 9).kr).toBe(KERN_INVALID_ARGUMENT);
  });
});

describe('vm_remap: placement rounding of the source and the target (seed 003)', () => {
  it('0x10 bytes from 0x10ff8 take one source page, 0x10000-0x11000, though the bytes touch two', () => {
    vm_allocate(k, A, 0x10000, P, false);
    vm_protect(k, A, 0x10000, P, false, R); // a different page below the next one, so the two stay apart
    vm_allocate(k, A, 0x11000, P, false);
    const r = vm_remap(k, B, 0, 0x10, 0, true, A, 0x10ff8, false, VM_INHERIT_SHARE);
    // cur is the source page's alone: the RW page at 0x11000 is not part of the source
    expect(r).toEqual({ kr: KERN_SUCCESS, address: 0x1000, cur: R, max: VM_PROT_ALL });
    expect(spans(k, B)).toEqual([[0x1000, 0x2000]]);
    // and the source entry was not clipped or extended past it
    expect(spans(k, A)).toEqual([[0x10000, 0x11000], [0x11000, 0x12000]]);
    clean();
  });

  it('a hole right after the source page does not matter when round_page(size) is one page', () => {
    vm_allocate(k, A, 0x10000, P, false); // 0x11000 is a hole
    expect(vm_remap(k, B, 0, 0x10, 0, true, A, 0x10ff8, true, VM_INHERIT_COPY).kr).toBe(KERN_SUCCESS);
    // 0x1001 bytes are two pages: the hole is in the source → INVALID_ADDRESS
    expect(vm_remap(k, B, 0, 0x1001, 0, true, A, 0x10000, true, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ADDRESS);
    expect(vm_remap(k, B, 0, 0x1001, 0, true, A, 0x10fff, true, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ADDRESS);
    clean();
  });

  it('fixed target: trunc_page(addr) for round_page(size) bytes; the page after it stays free', () => {
    vm_allocate(k, A, 0x10000, 2 * P, false);
    const r = vm_remap(k, B, 0x20ff0, 0x20, 0, false, A, 0x10000, false, VM_INHERIT_SHARE);
    expect(r).toEqual({ kr: KERN_SUCCESS, address: 0x20000, cur: RW, max: VM_PROT_ALL });
    expect(spans(k, B)).toEqual([[0x20000, 0x21000]]);
    expect(vm_allocate(k, B, 0x21000, P, false).kr).toBe(KERN_SUCCESS);
    clean();
  });

  it('size 0 or a size rounding to 0 → INVALID_ARGUMENT; a source end past 2^64 → INVALID_ARGUMENT; past the map → INVALID_ADDRESS', () => {
    vm_allocate(k, A, 0x10000, P, false);
    expect(vm_remap(k, B, 0, 0, 0, true, A, 0x10000, false, VM_INHERIT_SHARE).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_remap(k, B, 0, -1, 0, true, A, 0x10000, false, VM_INHERIT_SHARE).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_remap(k, B, 0, 0x2000, 0, true, A, -0x1000, false, VM_INHERIT_SHARE).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_remap(k, B, 0, P, 0, true, A, 2 ** 32, false, VM_INHERIT_SHARE).kr).toBe(KERN_INVALID_ADDRESS);
    expect(regions(k, B)).toEqual([]);
    clean();
  });
});
