/**
 * trap: a thread's load, store or instruction fetch, the way hardware and Mach's trap handler do it
 * (osfmk/i386/trap.c user_trap → vm_fault). Per page touched:
 *
 *   TLB lookup (ASID, vpn, access) ──hit──▶ frame
 *        │ miss
 *        ▼
 *   pmap lookup ──mapping grants access──▶ fill TLB ──▶ frame
 *        │ no
 *        ▼
 *   vm_fault (counted) ──KERN_SUCCESS──▶ pmap_enter + fill TLB ──▶ frame
 *        │ else: a memory exception, returned as KERN_INVALID_ADDRESS / KERN_PROTECTION_FAILURE
 *
 * Each access is one 'trap' op of the trace, its fault a 'fault' op inside it (events.ts).
 * The hit path does no allocation and builds no event unless the trace is on. Like hardware, it
 * sets the frame's referenced bit only when it loads a translation (on a miss); a write sets dirty. An access spanning
 * pages is one access per page, in address order; a failing page stops it (earlier pages of a
 * store are already written, as on hardware).
 */
import { KERN_INVALID_ADDRESS, KERN_SUCCESS } from './kern_return';
import { packedPfn, packedProt } from './pmap';
import type { Task } from './task';
import { TLB_INVALID } from './tlb';
import { VM_PROT_EXECUTE, VM_PROT_READ, VM_PROT_WRITE } from './vm_param';
import { vmFault } from './vm_fault';
import type { VmSystem } from './vm_system';

/** The frame of addr's page for access, or -(kern_return) - 1 on a memory exception. */
export function translate(sys: VmSystem, task: Task, addr: number, access: number): number {
  // a shift for addresses below 2^31 (int32 arithmetic), an exact division above
  const vpn = addr < 0x80000000 ? addr >>> sys.pageShift : Math.floor(addr / sys.pageSize);
  const asid = task.id;
  const pfn = sys.tlb.lookup(asid, vpn, access);
  if (pfn !== TLB_INVALID) {
    task.tlbHits++;
    if (sys.traceOn) traceHit(sys, asid, vpn, pfn);
    // as hardware does, the referenced bit was set when the translation was loaded (translateMiss);
    // the clock shoots the entry down when it clears the bit, so the next access sets it again
    if ((access & VM_PROT_WRITE) !== 0) sys.mem.dirty[pfn] = 1;
    return pfn;
  }
  return translateMiss(sys, task, addr, vpn, access);
}

/** A hit is a trap op of one event. */
function traceHit(sys: VmSystem, asid: number, vpn: number, pfn: number): void {
  const sink = sys.sink();
  sink.begin('trap');
  sink.emit({ type: 'tlb_hit', task: asid, vpn, frame: pfn, id: 0, op: 0, opKind: 'call', parentOp: null });
  sink.end();
}

/** A miss: one trap op, with a fault op inside when the pmap does not grant the access. */
function translateMiss(sys: VmSystem, task: Task, addr: number, vpn: number, access: number): number {
  const trace = sys.tracing();
  const asid = task.id;
  if (trace) {
    sys.sink().begin('trap');
    sys.sink().emit({ type: 'tlb_miss', task: asid, vpn, access, id: 0, op: 0, opKind: 'call', parentOp: null });
  }
  const pmap = task.pmap;
  const packed = pmap.lookup(vpn);
  let pfn: number;
  let prot: number;
  if (packed !== -1 && (packedProt(packed) & access) === access) {
    pfn = packedPfn(packed);
    prot = packedProt(packed);
  } else {
    sys.stats.faults[asid]++;
    if (trace) {
      sys.sink().begin('fault');
      sys.sink().emit({ type: 'fault_begin', task: asid, address: addr, access, id: 0, op: 0, opKind: 'call', parentOp: null });
    }
    const r = vmFault(sys, task, addr, access, true);
    if (trace) {
      sys.sink().emit({ type: 'fault_end', task: asid, address: addr, kr: r.kr, frame: r.pfn, prot: r.prot, id: 0, op: 0, opKind: 'call', parentOp: null });
      sys.sink().end(); // the fault
    }
    if (r.kr !== KERN_SUCCESS) {
      if (trace) sys.sink().end(); // the trap
      return -r.kr - 1;
    }
    pfn = r.pfn;
    prot = r.prot;
    sys.pmaps.enter(pmap, vpn, pfn, prot);
    if (trace) sys.sink().emit({ type: 'pmap_enter', task: asid, vpn, frame: pfn, prot, id: 0, op: 0, opKind: 'call', parentOp: null });
  }
  sys.tlb.fill(asid, vpn, pfn, prot);
  if (trace) {
    const tlb = sys.tlb;
    sys.sink().emit({
      type: 'tlb_fill', task: asid, vpn, frame: pfn, prot, evictedTask: tlb.evictedAsid, evictedVpn: tlb.evictedVpn, evictedFrame: tlb.evictedPfn,
      id: 0, op: 0, opKind: 'call', parentOp: null,
    });
    sys.sink().end(); // the trap
  }
  sys.mem.referenced[pfn] = 1;
  if ((access & VM_PROT_WRITE) !== 0) sys.mem.dirty[pfn] = 1;
  return pfn;
}

/**
 * A load of `size` bytes at `addr` (0 ≤ addr < the map's end, size ≤ VM_MAX_TRANSFER: vm_user.ts
 * checks): the bytes, or the memory exception's code. A page past the map's end is unmapped.
 */
export function userRead(sys: VmSystem, task: Task, addr: number, size: number): { kr: number; data: Uint8Array } {
  const out = new Uint8Array(size);
  const ps = sys.pageSize;
  let done = 0;
  while (done < size) {
    const a = addr + done;
    if (a >= task.map.max) return { kr: KERN_INVALID_ADDRESS, data: out.subarray(0, done) }; // past the map: no page there
    const pfn = translate(sys, task, a, VM_PROT_READ);
    if (pfn < 0) return { kr: -pfn - 1, data: out.subarray(0, done) };
    const inPage = a % ps;
    const n = Math.min(size - done, ps - inPage);
    out.set(sys.mem.bytes.subarray(pfn * ps + inPage, pfn * ps + inPage + n), done);
    done += n;
  }
  return { kr: KERN_SUCCESS, data: out };
}

/** A store of `data`: KERN_SUCCESS, or the memory exception's code (earlier pages stay written). */
export function userWrite(sys: VmSystem, task: Task, addr: number, data: Uint8Array): number {
  const ps = sys.pageSize;
  let done = 0;
  while (done < data.length) {
    const a = addr + done;
    if (a >= task.map.max) return KERN_INVALID_ADDRESS;
    const pfn = translate(sys, task, a, VM_PROT_WRITE);
    if (pfn < 0) return -pfn - 1;
    const inPage = a % ps;
    const n = Math.min(data.length - done, ps - inPage);
    sys.mem.bytes.set(data.subarray(done, done + n), pfn * ps + inPage);
    done += n;
  }
  return KERN_SUCCESS;
}

/** An instruction fetch of one byte. */
export function userExec(sys: VmSystem, task: Task, addr: number): number {
  const pfn = translate(sys, task, addr, VM_PROT_EXECUTE);
  return pfn < 0 ? -pfn - 1 : KERN_SUCCESS;
}
