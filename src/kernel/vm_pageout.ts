/**
 * vm_pageout: the pageout daemon (xnu vm_pageout.c, GNU Mach vm/vm_pageout.c). When no frame is
 * free, the clock (PhysMem.clockVictim, second chance over referenced bits) picks a page; every
 * mapping of it is removed (with TLB shootdowns), and its contents go back to its pager with
 * memory_object_data_return when the pager does not already hold them:
 *   - a file's page goes back to the file's pager only when dirty;
 *   - an anonymous page goes to the default pager (swap) unless swap already holds this exact copy
 *     (it was paged in and not written since). Anonymous memory has no other backing store.
 * The page is remembered as paged out, so the next fault on it counts as a page-in. Each evicted
 * page is one 'pageout' op of the trace (its mappings' removal a 'shootdown' op inside it).
 */
import { VM_PROT_NONE } from './vm_param';
import type { VmObject } from './vm_object';
import type { VmSystem } from './vm_system';

export const DEFAULT_PAGER = 'default pager';

export function pageout(sys: VmSystem, pfn: number): void {
  const trace = sys.tracing();
  if (trace) sys.sink().begin('pageout');
  const { mem } = sys;
  const o = sys.objects.live.get(mem.owner[pfn])!;
  const offset = mem.offset[pfn];
  sys.pmaps.pageProtect(pfn, VM_PROT_NONE);
  const dirty = mem.dirty[pfn] === 1;
  let returned = false;
  if (o.pager !== null) {
    if (dirty) {
      o.pager.write(offset, mem.page(pfn));
      returned = true;
    }
  } else if (dirty || o.swap === null || !o.swap.has(offset)) {
    sys.objects.swapPut(o, offset, mem.page(pfn).slice());
    returned = true;
  }
  if (returned && trace) {
    sys.sink().emit({ type: 'memory_object_data_return', object: o.id, offset, pager: o.pager?.name ?? DEFAULT_PAGER, dirty, id: 0, op: 0, opKind: 'call', parentOp: null });
  }
  o.pages.delete(offset);
  o.pagedOut.add(offset);
  mem.free(pfn);
  sys.stats.pageouts++;
  if (trace) {
    sys.sink().emit({ type: 'pageout', frame: pfn, object: o.id, offset, dirty, id: 0, op: 0, opKind: 'call', parentOp: null });
    sys.sink().end();
  }
}

/** Writes an object's dirty pages back to its pager (memory_object_data_return) and marks them clean. */
export function cleanPages(sys: VmSystem, o: VmObject): void {
  const pager = o.pager;
  if (pager === null) return;
  for (const [offset, pfn] of o.pages.list()) {
    if (sys.mem.dirty[pfn] !== 1) continue;
    pager.write(offset, sys.mem.page(pfn));
    sys.mem.dirty[pfn] = 0;
    if (sys.tracing()) sys.sink().emit({ type: 'memory_object_data_return', object: o.id, offset, pager: pager.name, dirty: true, id: 0, op: 0, opKind: 'call', parentOp: null });
  }
}
