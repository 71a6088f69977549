/**
 * vm_map_copy: the kernel's own reads and writes of a task's memory, for vm_read, vm_write and
 * vm_copy (xnu vm_map.c vm_map_copyin / vm_map_copy_overwrite, GNU Mach vm/vm_map.c).
 *
 *   vm_read:  the range must be mapped with no hole (INVALID_ADDRESS) and readable
 *             (PROTECTION_FAILURE); the result is a snapshot: later writes do not change it.
 *   vm_write: the whole destination is checked the same way (WRITE) before any byte is written.
 *   vm_copy:  the source is read first (its errors come first), then written: overlapping
 *             ranges work because the read is a snapshot.
 * Pages are resolved through vm_fault (copy-on-write applies) but the task's pmap, TLB and fault
 * counters are not touched: these are the kernel's accesses, not the task's.
 */
import { KERN_INVALID_ADDRESS, KERN_PROTECTION_FAILURE, KERN_SUCCESS } from './kern_return';
import type { Task } from './task';
import { vmFault } from './vm_fault';
import { VM_PROT_READ, VM_PROT_WRITE, u64 } from './vm_param';
import type { VmSystem } from './vm_system';

const TWO64 = 1n << 64n;

/** Checks [addr, addr+size) for holes (INVALID_ADDRESS) then for `access` in every entry (PROTECTION_FAILURE). */
export function checkRange(task: Task, addr: number, size: number, access: number): number {
  if (size === 0) return KERN_SUCCESS;
  if (u64(addr) + u64(size) > TWO64 || addr < 0 || addr + size > task.map.max) return KERN_INVALID_ADDRESS;
  if (!task.map.isContiguous(addr, addr + size)) return KERN_INVALID_ADDRESS;
  for (let e = task.map.lookup(addr); e !== null && e.start < addr + size; e = e.next) {
    if ((e.protection & access) !== access) return KERN_PROTECTION_FAILURE;
  }
  return KERN_SUCCESS;
}

export function kernelRead(sys: VmSystem, task: Task, addr: number, size: number): { kr: number; data: Uint8Array } {
  const kr = checkRange(task, addr, size, VM_PROT_READ);
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
  const kr = checkRange(task, addr, data.length, VM_PROT_WRITE);
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
