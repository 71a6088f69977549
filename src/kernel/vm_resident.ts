/**
 * vm_resident: resident pages, the link between VM objects and page frames (xnu vm_resident.c,
 * GNU Mach vm/vm_resident.c): lookup, grab (taking a frame, evicting one when none is free),
 * free and rename (a page moving to another object during a collapse). A grab is a 'page_grab' op
 * of the trace; the clock's reference-bit shootdowns and any pageout happen inside it.
 *
 *   object 7: offset 0x0000 → frame 3, offset 0x2000 → frame 9      (object.pages, vm_page_table.ts)
 *   frame 3:  owner 7 @ 0x0000                                       (PhysMem.owner/offset)
 */
import { NO_FRAME } from './phys_mem';
import { pageout } from './vm_pageout';
import type { VmObject } from './vm_object';
import type { VmSystem } from './vm_system';
import { VM_PROT_NONE } from './vm_param';

export function pageLookup(o: VmObject, offset: number): number {
  return o.pages.get(offset);
}

/** True when the object holds the page at offset, resident or with its pager (the default pager's swap). */
export function objectHasPage(o: VmObject, offset: number): boolean {
  return o.pages.has(offset) || (o.swap !== null && o.swap.has(offset));
}

/**
 * vm_page_grab + vm_page_insert: a frame for (o, offset), its contents left to the caller. When no
 * frame is free the pageout daemon evicts one first. NO_FRAME only when every frame is pinned.
 */
export function pageGrab(sys: VmSystem, o: VmObject, offset: number): number {
  const trace = sys.tracing();
  if (trace) sys.sink().begin('page_grab');
  let pfn = sys.mem.allocate(o.id, offset);
  if (pfn === NO_FRAME) {
    const victim = sys.mem.clockVictim((pfn) => sys.pmaps.clearReference(pfn));
    if (victim === NO_FRAME) {
      if (trace) sys.sink().end();
      return NO_FRAME;
    }
    pageout(sys, victim);
    pfn = sys.mem.allocate(o.id, offset);
  }
  o.pages.set(offset, pfn);
  if (trace) {
    sys.sink().emit({ type: 'frame_allocated', frame: pfn, object: o.id, offset, id: 0, op: 0, opKind: 'call', parentOp: null });
    sys.sink().end();
  }
  return pfn;
}

/** vm_page_free: the page's mappings go everywhere, and its frame returns to the free list. */
export function pageFree(sys: VmSystem, o: VmObject, offset: number, pfn: number): void {
  sys.pmaps.pageProtect(pfn, VM_PROT_NONE);
  o.pages.delete(offset);
  sys.mem.free(pfn);
  if (sys.tracing()) sys.sink().emit({ type: 'frame_freed', frame: pfn, object: o.id, offset, id: 0, op: 0, opKind: 'call', parentOp: null });
}

/** vm_page_rename: the page (and its frame, with its mappings) now belongs to `to` at `toOffset`. */
export function pageRename(sys: VmSystem, pfn: number, from: VmObject, fromOffset: number, to: VmObject, toOffset: number): void {
  from.pages.delete(fromOffset);
  to.pages.set(toOffset, pfn);
  sys.mem.owner[pfn] = to.id;
  sys.mem.offset[pfn] = toOffset;
  if (sys.tracing()) sys.sink().emit({ type: 'page_moved', frame: pfn, from: from.id, fromOffset, to: to.id, toOffset, id: 0, op: 0, opKind: 'call', parentOp: null });
}

/** Frees an object's pages at offsets in [start, end): resident ones and the default pager's copies. */
export function freePages(sys: VmSystem, o: VmObject, start = 0, end = Infinity): void {
  freeResident(sys, o, start, end);
  if (o.swap !== null && o.swap.size > 0) for (const offset of [...o.swap.keys()]) if (offset >= start && offset < end) sys.objects.swapDelete(o, offset);
  if (o.pagedOut.size > 0) for (const offset of [...o.pagedOut]) if (offset >= start && offset < end) o.pagedOut.delete(offset);
}

/**
 * The resident pages of freePages, freed in the object's page order (the memq: it decides which
 * frames the next faults get). A range of fewer pages than the object holds (vm_object_coalesce's
 * few pages past an entry's end, in an object of thousands) is looked up page by page: with none or
 * one resident there, the order cannot matter and the object's page list is not made (issue 18).
 */
function freeResident(sys: VmSystem, o: VmObject, start: number, end: number): void {
  const table = o.pages;
  if (table.size === 0) return;
  const ps = sys.mem.pageSize;
  const first = Math.ceil(start / ps) * ps; // resident offsets are page aligned
  if ((end - first) / ps < table.size) {
    let hit = -1;
    let hits = 0;
    for (let offset = first; offset < end && hits < 2; offset += ps) {
      if (table.has(offset)) {
        hit = offset;
        hits++;
      }
    }
    if (hits === 0) return;
    if (hits === 1) {
      pageFree(sys, o, hit, table.get(hit));
      return;
    }
  }
  for (const [offset, pfn] of table.list()) if (offset >= start && offset < end) pageFree(sys, o, offset, pfn);
}
