/**
 * vm_map_fork: the child's address map at task_create(parent, inherit_memory=TRUE), entry by
 * entry by inheritance (xnu vm_map.c vm_map_fork, vm_map_fork_share; GNU Mach vm_map_fork):
 *
 *   NONE   the child has a hole there
 *   SHARE  both map the same object (a pending copy first gets its shadow; the object is then
 *          marked shared, so later copies of it are delayed copies)
 *   COPY   copy-on-write: a private anonymous object is copied symmetrically (both entries
 *          needs_copy, the parent's pages write-protected); a shared or pager-backed object gets a
 *          delayed copy object for the child
 * Also the entry-level part of vm_remap, which shares or copies source entries the same ways.
 */
import type { Task } from './task';
import { attachObject, shadowEntry } from './vm_fault';
import { VmMapEntry } from './vm_map_store';
import type { VmObject } from './vm_object';
import { VM_INHERIT_NONE, VM_INHERIT_SHARE, VM_PROT_WRITE } from './vm_param';
import type { VmSystem } from './vm_system';

export function vmMapFork(sys: VmSystem, parent: Task, child: Task): void {
  for (let e = parent.map.store.first; e !== null; e = e.next) {
    if (e.inheritance === VM_INHERIT_NONE) continue;
    const shareNotCopy = e.inheritance === VM_INHERIT_SHARE;
    child.map.insertEntry(shareNotCopy ? shareEntry(sys, parent, e, e.start, e.inheritance) : copyEntry(sys, parent, e, e.start, e.inheritance));
  }
}

/** A new entry at `at` (same size as e) that shares e's object: writes through either are seen by both. */
export function shareEntry(sys: VmSystem, owner: Task, e: VmMapEntry, at: number, inheritance: number): VmMapEntry {
  if (e.object === null) {
    attachObject(sys, owner, e);
  } else if (e.needsCopy) {
    shadowEntry(sys, owner, e);
  }
  const o = e.object!;
  markShared(sys, o);
  sys.objects.reference(o);
  return new VmMapEntry(sys.nextEntryId(), at, at + (e.end - e.start), o, e.offset, e.protection, e.maxProtection, inheritance, false);
}

/** A new entry at `at` (same size as e) holding a copy-on-write copy of e's contents. */
export function copyEntry(sys: VmSystem, owner: Task, e: VmMapEntry, at: number, inheritance: number): VmMapEntry {
  const size = e.end - e.start;
  const o = e.object;
  if (o === null) {
    // nothing was ever touched: both sides stay independent zero-fill memory
    return new VmMapEntry(sys.nextEntryId(), at, at + size, null, 0, e.protection, e.maxProtection, inheritance, false);
  }
  if (o.copyStrategy === 'symmetric') {
    sys.objects.reference(o);
    if (!e.needsCopy) {
      e.needsCopy = true;
      const ps = sys.pageSize;
      sys.pmaps.protectRange(owner.pmap, e.start / ps, e.end / ps, e.protection & ~VM_PROT_WRITE);
      if (sys.tracing()) sys.sink().emit({ type: 'needs_copy_set', task: owner.id, entry: e.id, object: o.id, id: 0, op: 0, opKind: 'call', parentOp: null });
    }
    return new VmMapEntry(sys.nextEntryId(), at, at + size, o, e.offset, e.protection, e.maxProtection, inheritance, true);
  }
  const c = sys.objects.copyDelayed(o);
  return new VmMapEntry(sys.nextEntryId(), at, at + size, c, e.offset, e.protection, e.maxProtection, inheritance, true);
}

/** A symmetric object that becomes visible to two mappers switches to delayed copies (xnu true_share). */
function markShared(sys: VmSystem, o: VmObject): void {
  if (o.copyStrategy === 'symmetric') {
    o.copyStrategy = 'delay';
    if (sys.tracing()) sys.sink().emit({ type: 'object_shared', object: o.id, id: 0, op: 0, opKind: 'call', parentOp: null });
  }
}
