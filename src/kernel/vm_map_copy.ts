/**
 * vm_map_copy: the kernel's own reads and writes of a task's memory, for vm_read, vm_write and
 * vm_copy (xnu vm_map.c vm_map_copyin / vm_map_copy_overwrite, GNU Mach vm/vm_map.c).
 *
 *   vm_read:  the range is checked page by page from its start, and the first problem decides:
 *             a hole or unmapped page → INVALID_ADDRESS, a page without READ in cur →
 *             PROTECTION_FAILURE; the result is a snapshot: later writes do not change it.
 *
 *               range:  [ rw ][ -- ][hole][ rw ]      → PROTECTION_FAILURE (page 2 comes first)
 *               range:  [ rw ][hole][ -- ][ rw ]      → INVALID_ADDRESS    (page 2 comes first)
 *
 *   vm_write: the whole destination is checked the same way (WRITE) before any byte is written.
 *   vm_copy:  the whole source is checked and read first (its errors come first), then the
 *             destination checked and written: overlapping ranges work because the read is a snapshot.
 * The range covers every page the bytes touch, trunc_page(addr) to round_page(addr + size); an end
 * that wraps past 2^64 (before or after rounding) is INVALID_ADDRESS. (Real xnu answers
 * INVALID_ADDRESS for both problems when the transfer is 16 KiB or less: it copies through a kernel
 * buffer. The simulator keeps the seeds' two codes; the narration says so.)
 * Pages are resolved through vm_fault (copy-on-write applies) but the task's pmap, TLB and fault
 * counters are not touched: these are the kernel's accesses, not the task's.
 */
import { KERN_INVALID_ADDRESS, KERN_PROTECTION_FAILURE, KERN_SUCCESS } from './kern_return';
import type { Task } from './task';
import { vmFault } from './vm_fault';
import { VM_PROT_READ, VM_PROT_WRITE, pageRange } from './vm_param';
import type { VmSystem } from './vm_system';

/**
 * Checks [addr, addr + size) page by page in address order for `access` (VM_PROT bits): the first
 * hole or unmapped page is INVALID_ADDRESS, the first entry whose cur lacks the access
 * PROTECTION_FAILURE, whichever comes first. Walks entries, not pages, so a huge range is cheap.
 */
export function checkRange(task: Task, addr: number, size: number, access: number, pageSize: number): number {
  if (size === 0) return KERN_SUCCESS;
  const r = pageRange(addr, size, pageSize);
  if (r === 'wrap') return KERN_INVALID_ADDRESS;
  const map = task.map;
  if (r.start >= map.max) return KERN_INVALID_ADDRESS;
  let covered = r.start;
  for (let e = map.lookup(covered); covered < r.end; e = e.next) {
    if (e === null || e.start > covered) return KERN_INVALID_ADDRESS; // a hole, or past the map
    if ((e.protection & access) !== access) return KERN_PROTECTION_FAILURE;
    covered = e.end;
  }
  return KERN_SUCCESS;
}

export function kernelRead(sys: VmSystem, task: Task, addr: number, size: number): { kr: number; data: Uint8Array } {
  const kr = checkRange(task, addr, size, VM_PROT_READ, sys.pageSize);
  if (kr !== KERN_SUCCESS) return { kr, data: new Uint8Array(0) };
  const out = new Uint8Array(size);
  const ps = sys.pageSize;
  for (let done = 0; done < size; ) {
    const a = addr + done;
    const r = vmFault(sys, task, a, VM_PROT_READ, false);
    if (r.kr !== KERN_SUCCESS) return { kr: r.kr, data: new Uint8Array(0) };
    const inPage = a % ps;
    const n = Math.min(size - done, ps - inPage);
    out.set(sys.mem.bytes.subarray(r.pfn * ps + inPage, r.pfn * ps + inPage + n), done);
    done += n;
  }
  return { kr: KERN_SUCCESS, data: out };
}

export function kernelWrite(sys: VmSystem, task: Task, addr: number, data: Uint8Array): number {
  const kr = checkRange(task, addr, data.length, VM_PROT_WRITE, sys.pageSize);
  if (kr !== KERN_SUCCESS) return kr;
  const ps = sys.pageSize;
  for (let done = 0; done < data.length; ) {
    const a = addr + done;
    const r = vmFault(sys, task, a, VM_PROT_WRITE, false);
    if (r.kr !== KERN_SUCCESS) return r.kr;
    const inPage = a % ps;
    const n = Math.min(data.length - done, ps - inPage);
    sys.mem.bytes.set(data.subarray(done, done + n), r.pfn * ps + inPage);
    done += n;
  }
  return KERN_SUCCESS;
}
