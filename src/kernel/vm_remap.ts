/**
 * vm_remap: maps a range of one task's memory into another task (or the same one), sharing it or
 * copying it (xnu vm_map.c vm_map_remap, vm_map_remap_extract; GNU Mach has no vm_remap).
 *
 *   source task:  [ e1 (rw) ][ e2 (r) ]        copy=FALSE: target entries point at the same objects
 *   target task:        [ e1' ][ e2' ]          copy=TRUE:  target entries are copy-on-write copies
 *   returned cur/max: the AND over every source entry (rw & r = r)
 *
 * Order: inheritance invalid or size 0 → INVALID_ARGUMENT; the source range is read first (a hole →
 * INVALID_ADDRESS); then the target is placed as vm_map places (NO_SPACE / INVALID_ADDRESS).
 * Both ranges are placement-rounded (seed 003): they start at the page containing the address and
 * are round_page(size) long, so 0x10 bytes at 0x10ff8 take one source page, 0x10000-0x11000.
 * The source entries are clipped to the range; new entries get the inheritance argument.
 */
import { KERN_INVALID_ADDRESS, KERN_INVALID_ARGUMENT, KERN_NO_SPACE, KERN_SUCCESS } from './kern_return';
import { partsOf, type Kernel } from './kernel';
import { copyEntry, shareEntry } from './vm_map_fork';
import type { VmMapEntry } from './vm_map_store';
import { VM_PROT_ALL, clampToNumber, integers, isValidInherit, placementRange, roundSize, u64 } from './vm_param';

export interface RemapResult {
  kr: number;
  address: number;
  cur: number;
  max: number;
}

export function vm_remap(
  k: Kernel, targetId: number, address: number, size: number, mask: number, anywhere: boolean,
  srcId: number, srcAddress: number, copy: boolean, inheritance: number,
): RemapResult {
  const fail = (kr: number): RemapResult => ({ kr, address, cur: 0, max: 0 });
  const target = k.liveTask(targetId);
  const src = k.liveTask(srcId);
  if (target === null || src === null || !integers(address, size, mask, srcAddress)) return fail(KERN_INVALID_ARGUMENT);
  if (!isValidInherit(inheritance) || u64(size) === 0n) return fail(KERN_INVALID_ARGUMENT);
  // the source is placement-rounded too: the page containing srcAddress, round_page(size) bytes
  const length = clampToNumber(roundSize(size, k.pageSize));
  const sr = placementRange(srcAddress, size, k.pageSize);
  if (length === 0 || sr.end === 'wrap') return fail(KERN_INVALID_ARGUMENT);
  if (sr.end > BigInt(src.map.max)) return fail(KERN_INVALID_ADDRESS);
  const r = { start: Number(sr.start), end: Number(sr.end) };
  if (!src.map.isContiguous(r.start, r.end)) return fail(KERN_INVALID_ADDRESS);
  let cur = VM_PROT_ALL;
  let max = VM_PROT_ALL;
  for (let e = src.map.lookup(r.start); e !== null && e.start < r.end; e = e.next) {
    cur &= e.protection;
    max &= e.maxProtection;
  }
  const m = u64(mask);
  let start = 0;
  if (!anywhere) {
    const t = (u64(address) / BigInt(k.pageSize)) * BigInt(k.pageSize);
    if ((t & m) !== 0n) return fail(KERN_NO_SPACE);
    if (t + BigInt(length) > BigInt(target.map.max)) return fail(KERN_INVALID_ADDRESS);
    start = Number(t);
  }
  const placed = target.map.locate(anywhere, start, start + length, length, m);
  if (placed.kr !== KERN_SUCCESS) return fail(placed.kr);

  // clip the source to the range, then share or copy each entry into place
  const sources: VmMapEntry[] = [];
  let e = src.map.lookup(r.start)!;
  if (e.start < r.start) e = src.map.clip(e, r.start);
  for (let cur2: VmMapEntry | null = e; cur2 !== null && cur2.start < r.end; cur2 = cur2.next) {
    if (cur2.end > r.end) src.map.clip(cur2, r.end);
    sources.push(cur2);
  }
  const sys = partsOf(k).vm;
  for (const s of sources) {
    const at = placed.start + (s.start - r.start);
    const entry = copy ? copyEntry(sys, src, s, at, inheritance) : shareEntry(sys, src, s, at, inheritance);
    target.map.insertEntry(entry);
  }
  return { kr: KERN_SUCCESS, address: placed.start, cur, max };
}
