/**
 * vm_object_collapse: shortening shadow chains (xnu vm_object.c vm_object_collapse,
 * vm_object_do_collapse, vm_object_do_bypass; GNU Mach vm/vm_object.c).
 *
 *   before:  top ──shadow──▶ B ──shadow──▶ C          after collapse:  top ──shadow──▶ C
 *   collapse (B has no other reference): B's pages that top lacks move up into top (offsets
 *            shifted by top's shadow offset), the rest are freed; top takes B's shadow; B dies.
 *   bypass (B is still referenced elsewhere): allowed when B has no pager pages and top already
 *            holds every page of B inside top's window; top then shadows C directly.
 * Preconditions (as in the reference): top has no external pager; B is internal; B's shadow has
 * no copy object. Runs after a copy-up, and when an object's last reference but one is a shadow.
 * Each collapse or bypass is a 'collapse' op of the trace (a bypass that is refused records nothing).
 */
import { NO_FRAME } from './phys_mem';
import type { VmObject } from './vm_object';
import { freePages, objectHasPage, pageFree, pageRename } from './vm_resident';
import type { VmSystem } from './vm_system';

export function collapse(sys: VmSystem, top: VmObject): void {
  for (;;) {
    const b = top.shadow;
    if (b === null || top.pager !== null || !b.internal || b.pager !== null) return;
    if (b.shadow !== null && b.shadow.copy !== null) return;
    if (b.copy !== null) return;
    const trace = sys.tracing();
    if (trace) sys.sink().begin('collapse');
    let done = true;
    if (b.refCount === 1) doCollapse(sys, top, b);
    else done = doBypass(sys, top, b);
    if (trace) sys.sink().end();
    if (!done) return;
  }
}

function inWindow(top: VmObject, bOffset: number): number {
  const t = bOffset - top.shadowOffset;
  return t >= 0 && t < top.size ? t : -1;
}

function doCollapse(sys: VmSystem, top: VmObject, b: VmObject): void {
  for (const [bOff, pfn] of b.pages.list()) {
    const t = inWindow(top, bOff);
    if (t < 0 || objectHasPage(top, t)) pageFree(sys, b, bOff, pfn);
    else pageRename(sys, pfn, b, bOff, top, t);
  }
  if (b.swap !== null) {
    for (const [bOff, data] of b.swap) {
      const t = inWindow(top, bOff);
      if (t < 0 || objectHasPage(top, t)) continue;
      sys.objects.swapPut(top, t, data);
      if (b.pagedOut.has(bOff)) top.pagedOut.add(t);
    }
  }
  const below = b.shadow;
  top.shadow = below; // B's reference to its shadow becomes top's
  top.shadowOffset += b.shadowOffset;
  if (below !== null) {
    below.shadowers.delete(b);
    below.shadowers.add(top);
  }
  b.shadow = null;
  b.shadowers.delete(top);
  b.refCount = 0;
  freePages(sys, b);
  sys.objects.terminate(b);
  if (sys.tracing()) sys.sink().emit({ type: 'object_collapsed', object: top.id, absorbed: b.id, shadow: below?.id ?? 0, id: 0, op: 0, opKind: 'call', parentOp: null });
}

function doBypass(sys: VmSystem, top: VmObject, b: VmObject): boolean {
  if (b.swap !== null && b.swap.size > 0) return false;
  // xnu's early reject: when top's window covers all of B, top must hold at least as many pages
  // as B to cover them; without this every copy-up would rescan B (quadratic in its size)
  const topHolds = top.pages.size + (top.swap?.size ?? 0);
  if (top.shadowOffset === 0 && top.size >= b.size && topHolds < b.pages.size) return false;
  for (let pfn = b.pages.first(); pfn !== NO_FRAME; pfn = b.pages.next(pfn)) {
    const t = inWindow(top, sys.mem.offset[pfn]);
    if (t >= 0 && !objectHasPage(top, t)) return false;
  }
  const below = b.shadow;
  top.shadow = below;
  top.shadowOffset += b.shadowOffset;
  if (below !== null) {
    below.refCount++;
    below.shadowers.add(top);
  }
  b.shadowers.delete(top);
  if (sys.tracing()) sys.sink().emit({ type: 'object_bypassed', object: top.id, bypassed: b.id, shadow: below?.id ?? 0, id: 0, op: 0, opKind: 'call', parentOp: null });
  sys.objects.deallocate(b);
  return true;
}
