/**
 * vm_fault: resolving a page fault (xnu vm_fault.c vm_fault_page, GNU Mach vm/vm_fault.c; the
 * algorithm of docs/semantics.md, "Page faults and copy-on-write").
 *
 *   entry ──▶ top object ──shadow──▶ ... ──shadow──▶ bottom object
 *             │ look for the page at offset, walking down (offset += shadow_offset):
 *             │   resident → found;  a pager → data_request → data_supply (or data_unavailable);
 *             │   end of the chain → zero-fill a new page in the TOP object
 *   write + found lower → copy the page up into the top object (a COW fault), disconnect the old
 *                         page's mappings, then try to collapse the chain
 *   read  + found lower → map the lower page read-only
 *   entry needs_copy: a write first gives the entry a new shadow object; a read maps read-only
 *   top object has a copy object (delayed copy): a write first pushes the page's old contents into
 *                         the copy object if it lacks the page; a read maps read-only
 *
 * While tracing, the parts are operations of the trace (events.ts): 'shadow', 'zero_fill',
 * 'page_in', 'cow_copy', 'copy_push' (each inside the trap's 'fault' op, or the call's op for the
 * kernel's own accesses of vm_map_copy.ts), with 'page_grab' and 'shootdown' ops inside them.
 *
 * Results are values: KERN_INVALID_ADDRESS (no entry), KERN_PROTECTION_FAILURE (access not in the
 * entry's cur protection), KERN_RESOURCE_SHORTAGE (no frame to be had: every other frame pinned;
 * cannot happen with ≥ 2 frames, as a fault pins at most one page at a time).
 */
import { KERN_INVALID_ADDRESS, KERN_PROTECTION_FAILURE, KERN_RESOURCE_SHORTAGE, KERN_SUCCESS } from './kern_return';
import { NO_FRAME } from './phys_mem';
import type { Task } from './task';
import type { VmMapEntry } from './vm_map_store';
import type { VmObject } from './vm_object';
import { collapse } from './vm_object_collapse';
import { VM_PROT_NONE, VM_PROT_WRITE } from './vm_param';
import { DEFAULT_PAGER } from './vm_pageout';
import { objectHasPage, pageGrab } from './vm_resident';
import { asksDefaultPager, findPage, SOURCE_NONE, SOURCE_PAGER, SOURCE_RESIDENT } from './page_source';
import type { VmSystem } from './vm_system';

export interface FaultResult {
  kr: number;
  pfn: number;
  /** The protection the page may be mapped with (entry cur, less write where copy-on-write applies). */
  prot: number;
}

/**
 * The one result object vmFault fills and returns (faults are not re-entered, and every caller
 * reads it before the next fault): the fault path allocates nothing per fault.
 */
const RESULT: FaultResult = { kr: KERN_SUCCESS, pfn: NO_FRAME, prot: VM_PROT_NONE };

function result(kr: number, pfn: number, prot: number): FaultResult {
  RESULT.kr = kr;
  RESULT.pfn = pfn;
  RESULT.prot = prot;
  return RESULT;
}

const FAILED = (kr: number): FaultResult => result(kr, NO_FRAME, VM_PROT_NONE);

/**
 * Resolves the page of `addr` in `task` for `access` (VM_PROT bits). Does not touch the pmap or the
 * TLB (the trap path does); `userFault` says whether to count it in the task's statistics. The
 * returned object is reused by the next fault: read it at once.
 */
export function vmFault(sys: VmSystem, task: Task, addr: number, access: number, userFault: boolean): FaultResult {
  const e = task.map.lookup(addr);
  if (e === null) return FAILED(KERN_INVALID_ADDRESS);
  if ((e.protection & access) !== access) return FAILED(KERN_PROTECTION_FAILURE);
  const write = (access & VM_PROT_WRITE) !== 0;
  let prot = e.protection;
  if (e.needsCopy) {
    if (write) shadowEntry(sys, task, e);
    else prot &= ~VM_PROT_WRITE;
  }
  if (e.object === null) attachObject(sys, task, e);
  const top = e.object!;
  const pageAddr = addr - (addr % sys.pageSize);
  const offset = e.offset + (pageAddr - e.start);

  // walk down the chain: the first object that holds the page serves it (page_source.ts decides)
  let o: VmObject = top;
  let off = offset;
  let pfn = NO_FRAME;
  for (let from: VmObject | null = top, fromOffset = offset; from !== null; ) {
    const found = findPage(from, fromOffset);
    const how = found.how;
    const holder = found.object;
    const holderOffset = found.offset;
    pfn = found.frame;
    if (sys.traceOn) tellUnavailable(sys, from, fromOffset, holder);
    if (how === SOURCE_NONE || holder === null) break;
    if (how !== SOURCE_RESIDENT) pfn = pageIn(sys, holder, holderOffset, how);
    if (pfn !== NO_FRAME) {
      o = holder;
      off = holderOffset;
      break;
    }
    // no frame for the page in (every frame pinned): look further down, as the pager had nothing
    from = holder.shadow;
    fromOffset = holderOffset + holder.shadowOffset;
  }
  if (pfn === NO_FRAME) {
    // found nowhere: a zero-filled page in the top object
    const trace = sys.tracing();
    if (trace) sys.sink().begin('zero_fill');
    pfn = pageGrab(sys, top, offset);
    if (pfn === NO_FRAME) {
      if (trace) sys.sink().end();
      return FAILED(KERN_RESOURCE_SHORTAGE);
    }
    sys.mem.zero(pfn);
    if (top.pager === null) sys.mem.dirty[pfn] = 1; // anonymous: only swap can hold it once evicted
    o = top;
    off = offset;
    if (trace) {
      sys.sink().emit({ type: 'zero_fill', task: task.id, object: top.id, offset, frame: pfn, id: 0, op: 0, opKind: 'call', parentOp: null });
      sys.sink().end();
    }
  }

  if (o !== top) {
    if (write) {
      const copied = copyUp(sys, task, top, offset, o, off, pfn);
      if (copied === NO_FRAME) return FAILED(KERN_RESOURCE_SHORTAGE);
      pfn = copied;
      if (userFault) sys.stats.cowFaults[task.id]++;
      collapse(sys, top);
    } else {
      prot &= ~VM_PROT_WRITE;
    }
  }

  if (top.copy !== null) {
    if (write) {
      if (!pushToCopy(sys, top, offset, pfn)) return FAILED(KERN_RESOURCE_SHORTAGE);
    } else {
      prot &= ~VM_PROT_WRITE;
    }
  }
  if (write) sys.mem.dirty[pfn] = 1;
  sys.mem.referenced[pfn] = 1;
  return result(KERN_SUCCESS, pfn, prot);
}

/** A lazy zero-fill entry gets its anonymous object now (its first fault, or it is about to be shared). */
export function attachObject(sys: VmSystem, task: Task, e: VmMapEntry): void {
  const o = sys.objects.allocate(e.end - e.start);
  e.object = o;
  e.offset = 0;
  o.mappings.add(e);
  if (sys.tracing()) sys.sink().emit({ type: 'object_attached', task: task.id, entry: e.id, object: o.id, id: 0, op: 0, opKind: 'call', parentOp: null });
}

/**
 * vm_object_shadow for a needs_copy entry about to be written: a new object S shadows the entry's
 * object at the entry's offset, and the entry maps S from offset 0. When nobody else can see the
 * object (one reference, internal, the entry's size, not a copy object) xnu simply clears
 * needs_copy; so do we.
 */
export function shadowEntry(sys: VmSystem, task: Task, e: VmMapEntry): void {
  if (!sys.tracing()) {
    shadow(sys, task, e);
    return;
  }
  sys.sink().begin('shadow');
  shadow(sys, task, e);
  sys.sink().end();
}

function shadow(sys: VmSystem, task: Task, e: VmMapEntry): void {
  const old = e.object;
  e.needsCopy = false;
  if (old === null) return;
  // xnu vm_object_shadow: skip only if nobody else can see the object, it is exactly the entry's
  // size, and it is not a copy object (its shadow has no copy object pointing back)
  if (
    old.refCount === 1 && old.pager === null && old.copy === null && old.size === e.end - e.start &&
    e.offset === 0 && (old.shadow === null || old.shadow.copy === null)
  ) {
    if (sys.tracing()) sys.sink().emit({ type: 'needs_copy_cleared', task: task.id, entry: e.id, object: old.id, id: 0, op: 0, opKind: 'call', parentOp: null });
    return;
  }
  const s = sys.objects.allocate(e.end - e.start, 'shadow');
  s.shadow = old; // the entry's reference to old becomes S's shadow reference
  s.shadowOffset = e.offset;
  old.shadowers.add(s);
  old.mappings.delete(e);
  e.object = s;
  e.offset = 0;
  s.mappings.add(e);
  if (sys.tracing()) sys.sink().emit({ type: 'shadow_created', task: task.id, entry: e.id, object: s.id, shadow: old.id, shadowOffset: s.shadowOffset, id: 0, op: 0, opKind: 'call', parentOp: null });
}

/**
 * The default pager's answers on the way down to the object that holds the page (`until`, null:
 * none does): every object with swap space it passes is asked (memory_object_data_request) and
 * answers memory_object_data_unavailable. A file's pager is not asked for an offset past its data.
 */
function tellUnavailable(sys: VmSystem, from: VmObject, offset: number, until: VmObject | null): void {
  for (let o: VmObject | null = from, off = offset; o !== null && o !== until; off += o.shadowOffset, o = o.shadow) {
    if (!asksDefaultPager(o)) continue;
    sys.sink().begin('page_in');
    sys.sink().emit({ type: 'memory_object_data_request', object: o.id, offset: off, pager: DEFAULT_PAGER, id: 0, op: 0, opKind: 'call', parentOp: null });
    sys.sink().emit({ type: 'memory_object_data_unavailable', object: o.id, offset: off, pager: DEFAULT_PAGER, id: 0, op: 0, opKind: 'call', parentOp: null });
    sys.sink().end();
  }
}

/**
 * Pages in what `o`'s pager holds at offset (findPage said so: SOURCE_PAGER, a file's data, or
 * SOURCE_SWAP, the default pager's copy): memory_object_data_request → data_supply. NO_FRAME
 * when no frame can be had.
 */
function pageIn(sys: VmSystem, o: VmObject, offset: number, how: number): number {
  // a file's page (null: the file holds zeros there) or the default pager's copy
  const source = how === SOURCE_PAGER ? o.pager!.page(offset) : o.swap!.get(offset)!;
  const pagerName = o.pager?.name ?? DEFAULT_PAGER;
  const trace = sys.tracing();
  if (trace) {
    sys.sink().begin('page_in');
    sys.sink().emit({ type: 'memory_object_data_request', object: o.id, offset, pager: pagerName, id: 0, op: 0, opKind: 'call', parentOp: null });
  }
  const pfn = pageGrab(sys, o, offset);
  if (pfn === NO_FRAME) {
    if (trace) sys.sink().end();
    return NO_FRAME;
  }
  const page = sys.mem.page(pfn);
  page.fill(0);
  if (source !== null) page.set(source.subarray(0, sys.pageSize));
  sys.mem.dirty[pfn] = 0;
  if (o.pagedOut.delete(offset)) sys.stats.pageins++;
  if (trace) {
    sys.sink().emit({ type: 'memory_object_data_supply', object: o.id, offset, pager: pagerName, frame: pfn, id: 0, op: 0, opKind: 'call', parentOp: null });
    sys.sink().end();
  }
  return pfn;
}

/**
 * The COW copy: the lower page's contents into a new page of the top object; the old page's
 * mappings are disconnected. The lower page is pinned (busy) while the new frame is grabbed, so
 * the pageout clock never takes the very page being copied (xnu keeps the source page busy through
 * vm_fault_page's copy); NO_FRAME when no other frame can be had.
 */
function copyUp(sys: VmSystem, task: Task, top: VmObject, offset: number, lower: VmObject, lowerOffset: number, lowerPfn: number): number {
  const trace = sys.tracing();
  if (trace) sys.sink().begin('cow_copy');
  const wasBusy = sys.mem.busy[lowerPfn];
  sys.mem.busy[lowerPfn] = 1;
  const pfn = pageGrab(sys, top, offset);
  sys.mem.busy[lowerPfn] = wasBusy;
  if (pfn === NO_FRAME) {
    if (trace) sys.sink().end();
    return NO_FRAME;
  }
  sys.mem.copy(lowerPfn, pfn);
  sys.mem.dirty[pfn] = 1;
  // xnu: we cannot tell which mappers want the original and which the copy, so all re-fault
  sys.pmaps.pageProtect(lowerPfn, VM_PROT_NONE);
  if (trace) {
    sys.sink().emit({ type: 'cow_copy', task: task.id, from: lower.id, fromOffset: lowerOffset, fromFrame: lowerPfn, to: top.id, toOffset: offset, frame: pfn, id: 0, op: 0, opKind: 'call', parentOp: null });
    sys.sink().end();
  }
  return pfn;
}

/** Delayed copy: before the page of `o` at offset changes, its copy object gets the old contents if it lacks them. */
function pushToCopy(sys: VmSystem, o: VmObject, offset: number, pfn: number): boolean {
  const c = o.copy!;
  const cOffset = offset - c.shadowOffset;
  if (cOffset < 0 || cOffset >= c.size || objectHasPage(c, cOffset)) return true;
  const trace = sys.tracing();
  if (trace) sys.sink().begin('copy_push');
  sys.mem.busy[pfn] = 1; // the page being written must stay while the copy object's page is grabbed
  sys.scratch.set(sys.mem.page(pfn));
  const cp = pageGrab(sys, c, cOffset);
  sys.mem.busy[pfn] = 0;
  if (cp === NO_FRAME) {
    if (trace) sys.sink().end();
    return false;
  }
  sys.mem.page(cp).set(sys.scratch);
  sys.mem.dirty[cp] = 1;
  // whoever reached this page through the copy object must now find the pushed page instead:
  // disconnect every mapping of the original (xnu does the same after a push)
  sys.pmaps.pageProtect(pfn, VM_PROT_NONE);
  if (trace) {
    sys.sink().emit({ type: 'copy_push', object: o.id, offset, copy: c.id, copyOffset: cOffset, frame: cp, id: 0, op: 0, opKind: 'call', parentOp: null });
    sys.sink().end();
  }
  return true;
}
