/**
 * vm_param: protection and inheritance values, page rounding, and exact 64-bit argument checks.
 *
 * Mach's sizes and addresses are unsigned 64-bit (vm_size_t, vm_offset_t). Scenario values are
 * JavaScript safe integers, possibly negative; a negative argument means what it means in C, the
 * two's complement u64 (so -1 is 0xFFFF_FFFF_FFFF_FFFF). Argument validation is a cold path and is
 * done exactly with BigInt; once a range has been validated it lies inside the map and is a plain
 * number again. Rules: mach/vm_prot.h, mach/vm_inherit.h, trunc_page / round_page of vm_param.h.
 */

export const VM_PROT_NONE = 0;
export const VM_PROT_READ = 1;
export const VM_PROT_WRITE = 2;
export const VM_PROT_EXECUTE = 4;
export const VM_PROT_DEFAULT = VM_PROT_READ | VM_PROT_WRITE;
export const VM_PROT_ALL = VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE;

export const VM_INHERIT_SHARE = 0;
export const VM_INHERIT_COPY = 1;
export const VM_INHERIT_NONE = 2;
export const VM_INHERIT_DEFAULT = VM_INHERIT_COPY;

export type VmProt = number;
export type VmInherit = number;

/** A virtual address in a task's map (page aligned where the map stores it). */
export type VAddr = number & { readonly __brand: 'VAddr' };
/** A virtual page number: address / page size. */
export type Vpn = number & { readonly __brand: 'Vpn' };
/** A physical page frame number. */
export type Pfn = number & { readonly __brand: 'Pfn' };
/** A byte offset inside a VM object. */
export type ObjOffset = number & { readonly __brand: 'ObjOffset' };
/** A task's id (also its ASID in the TLB). */
export type TaskId = number & { readonly __brand: 'TaskId' };

/**
 * A vm_prot_t of READ, WRITE and EXECUTE bits only. Compared, not masked: JavaScript's `&` works on
 * the low 32 bits, so `2^32 & ~VM_PROT_ALL` is 0 and 2^32 (or 2^32 + 1) passed for a protection.
 */
export function isValidProt(prot: number): boolean {
  return Number.isSafeInteger(prot) && prot >= 0 && prot <= VM_PROT_ALL;
}

export function isValidInherit(inh: number): boolean {
  return inh === VM_INHERIT_SHARE || inh === VM_INHERIT_COPY || inh === VM_INHERIT_NONE;
}

export function protString(prot: number): string {
  return (prot & VM_PROT_READ ? 'r' : '-') + (prot & VM_PROT_WRITE ? 'w' : '-') + (prot & VM_PROT_EXECUTE ? 'x' : '-');
}

export function inheritName(inh: number): string {
  return inh === VM_INHERIT_SHARE ? 'share' : inh === VM_INHERIT_COPY ? 'copy' : inh === VM_INHERIT_NONE ? 'none' : `inherit ${inh}`;
}

const TWO64 = 1n << 64n;

/** The C value of a scenario integer passed as a 64-bit unsigned argument. */
export function u64(x: number): bigint {
  const b = BigInt(x);
  return ((b % TWO64) + TWO64) % TWO64;
}

/**
 * The most bytes one transfer moves: a thread's read or write, vm_read, vm_write, vm_copy (the
 * simulator copies through a buffer of that many bytes). A larger size, and a negative one (a
 * huge u64), is KERN_INVALID_ARGUMENT, checked before the range, as xnu's mach_vm_read refuses a
 * size that does not fit one message. The scenario interpreter stops a statement asking for more
 * with a runtime error at the size instead (its MAX_TRANSFER is this limit).
 */
export const VM_MAX_TRANSFER = 16 * 1024 * 1024;

/** A transfer's size in bytes (its u64 value), or null when it is more than VM_MAX_TRANSFER. */
export function transferBytes(size: number): number | null {
  if (!Number.isInteger(size)) return null;
  const n = u64(size);
  return n > BigInt(VM_MAX_TRANSFER) ? null : Number(n);
}

/**
 * An address argument as the exact number C sees (its u64 value), or null when that is 2^53 or
 * more: past every map (maps end at 2^48 at most), so the first page there is unmapped.
 */
export function exactAddress(addr: number): number | null {
  if (!Number.isInteger(addr)) return null;
  if (addr >= 0 && addr <= Number.MAX_SAFE_INTEGER) return addr;
  const a = u64(addr);
  return a > MAX_EXACT ? null : Number(a);
}

/** True when every argument is an integer (u64 and the range checks need integers; NaN or 1.5 is no address). */
export function integers(...xs: number[]): boolean {
  for (const x of xs) if (!Number.isInteger(x)) return false;
  return true;
}

/** A validated start/end pair, or 'wrap' when addr+size leaves the 64-bit space once page-rounded. */
export type PageRange = { start: number; end: number } | 'wrap';

/**
 * A range of existing memory (vm_deallocate, vm_protect, vm_inherit, vm_read, vm_write, vm_copy):
 * every page the bytes touch, start = trunc_page(addr), end = round_page(addr + size), computed as C computes them in 64 bits.
 * 'wrap' when the rounded end reaches 2^64 (C's end wraps to or below start). Values above the
 * largest address any map can hold (2^53) are clamped there: every map check rejects them anyway.
 */
export function pageRange(addr: number, size: number, pageSize: number): PageRange {
  const page = BigInt(pageSize);
  const a = u64(addr);
  const rawEnd = a + u64(size);
  const end = ((rawEnd + page - 1n) / page) * page;
  if (end >= TWO64) return 'wrap';
  const start = (a / page) * page;
  return { start: clampToNumber(start), end: clampToNumber(end) };
}

/**
 * Placement of new memory (vm_allocate, vm_map, vm_remap's target and source; seeds 001-003): the
 * range starts at the page containing addr and is round_page(size) long, start = trunc_page(addr),
 * end = start + round_page(size), exact in 64 bits. 'wrap' when that end reaches 2^64. The caller
 * has checked that round_page(size) is not 0.
 */
export function placementRange(addr: number, size: number, pageSize: number): { start: bigint; end: bigint | 'wrap' } {
  const page = BigInt(pageSize);
  const start = (u64(addr) / page) * page;
  const end = start + roundSize(size, pageSize);
  return { start, end: end >= TWO64 ? 'wrap' : end };
}

/** round_page(size) computed in 64 bits: 0 when it wraps (or when size is 0). */
export function roundSize(size: number, pageSize: number): bigint {
  const page = BigInt(pageSize);
  return (((u64(size) + page - 1n) / page) * page) % TWO64;
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
export function clampToNumber(x: bigint): number {
  return Number(x > MAX_EXACT ? MAX_EXACT : x);
}

export function truncPage(addr: number, pageSize: number): number {
  return addr - (addr % pageSize);
}

export function roundPage(addr: number, pageSize: number): number {
  const r = addr % pageSize;
  return r === 0 ? addr : addr + (pageSize - r);
}


export function hex(n: number): string {
  return n < 0 ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`;
}
