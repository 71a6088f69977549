/**
 * invariants: what must hold between the kernel's structures after every call (semantics.md,
 * "Invariants"), checked by the tests and, behind a flag, by anything that wants to be sure.
 *
 *   task ─▶ map store (treap + links) ─▶ entries ─▶ object ─shadow─▶ object ─shadow─▶ ...
 *                                           ▲          │ refCount = entries + shadow links
 *                                           └──────────┘ mappings = entries pointing here
 *
 * The checks: each live map's store is consistent (its own check()); entries are non-empty,
 * ordered, disjoint and inside the map; every live object's reference count equals the entries
 * and the objects' shadow links pointing at it (vm_object_deallocate's accounting); its mappings
 * set is exactly those entries; shadow chains end (no cycle); nothing points at a freed object;
 * a copy link points at an object that shadows its source; the count of pages in swap (what the
 * memory limit counts) is the swap the live objects hold. After vm_protect (vm_map_simplify_entry)
 * no two neighbours that could merge remain at a boundary inside the protected range.
 * Returns the problems found as text; an empty list means all is well. Pure: changes nothing.
 */
import { partsOf, type Kernel } from './kernel';
import { canMerge } from './vm_map';
import type { VmMapEntry } from './vm_map_store';
import type { VmObject } from './vm_object';
import { findPage, SOURCE_RESIDENT } from './page_source';
import { packedPfn, packedProt } from './pmap';
import { hex, VM_PROT_WRITE } from './vm_param';

/** A range whose boundaries vm_map_simplify_entry has just visited (after vm_protect). */
export interface MergedRange {
  task: number;
  start: number;
  end: number;
}

export function checkInvariants(kernel: Kernel, merged?: MergedRange): string[] {
  const m = partsOf(kernel);
  const problems: string[] = [];
  const entryRefs = new Map<VmObject, VmMapEntry[]>();
  const reachable = new Set<VmObject>();

  for (const task of m.tasks.values()) {
    if (!task.alive) {
      if (task.map.entryCount !== 0) problems.push(`task ${task.id}: dead but its map has ${task.map.entryCount} entries`);
      continue;
    }
    const map = task.map;
    for (const p of map.store.check()) problems.push(`task ${task.id}: store: ${p}`);
    let prev: VmMapEntry | null = null;
    let count = 0;
    for (const e of map.store.entries()) {
      count++;
      const where = `task ${task.id} entry ${e.id} [${hex(e.start)}, ${hex(e.end)})`;
      if (e.start >= e.end) problems.push(`${where}: empty`);
      if (e.start < map.min || e.end > map.max) problems.push(`${where}: outside the map`);
      if (e.start % kernel.pageSize !== 0 || e.end % kernel.pageSize !== 0) problems.push(`${where}: not page aligned`);
      if (prev !== null && prev.end > e.start) problems.push(`${where}: overlaps entry ${prev.id}`);
      if (prev !== null && prev.start >= e.start) problems.push(`${where}: out of order`);
      if (e.offset < 0 || e.offset % kernel.pageSize !== 0) problems.push(`${where}: offset ${e.offset}`);
      if ((e.protection & ~e.maxProtection) !== 0) problems.push(`${where}: cur ${e.protection} not within max ${e.maxProtection}`);
      if (e.object !== null) {
        const list = entryRefs.get(e.object);
        if (list === undefined) entryRefs.set(e.object, [e]);
        else list.push(e);
        reachable.add(e.object);
        if (!e.object.alive) problems.push(`${where}: points at freed object ${e.object.id}`);
        if (e.offset + e.size > e.object.size) problems.push(`${where}: maps past the end of object ${e.object.id}`);
      }
      prev = e;
    }
    if (count !== map.entryCount) problems.push(`task ${task.id}: ${count} entries linked, count says ${map.entryCount}`);

    if (merged !== undefined && merged.task === task.id) {
      for (const e of map.store.entries()) {
        const n = e.next;
        if (n !== null && n.start >= merged.start && n.start <= merged.end && canMerge(e, n)) {
          problems.push(`task ${task.id}: entries ${e.id} and ${n.id} at ${hex(n.start)} could merge but did not`);
        }
      }
    }
  }

  // every object reachable from an entry, a live list or a pager, with its shadow chain
  const all = new Set<VmObject>(m.objects.live.values());
  for (const pager of m.pagers.values()) if (pager.object !== null) all.add(pager.object);
  for (const o of reachable) all.add(o);
  for (const o of [...all]) for (let s = o.shadow; s !== null && !all.has(s); s = s.shadow) all.add(s);

  let swapped = 0;
  for (const o of m.objects.live.values()) swapped += o.swap?.size ?? 0;
  if (swapped !== m.objects.swappedPages) problems.push(`swap: the live objects hold ${swapped} pages in swap, the count says ${m.objects.swappedPages}`);

  const shadowRefs = new Map<VmObject, number>();
  for (const o of all) {
    if (o.shadow !== null) shadowRefs.set(o.shadow, (shadowRefs.get(o.shadow) ?? 0) + 1);
  }

  for (const o of all) {
    const name = `object ${o.id}`;
    if (!o.alive) {
      problems.push(`${name}: freed but still referenced`);
      continue;
    }
    if (m.objects.live.get(o.id) !== o) problems.push(`${name}: alive but not in the live list`);
    // a cycle would never reach null: stop after more steps than there are objects
    let steps = 0;
    for (let s: VmObject | null = o; s !== null; s = s.shadow) {
      if (++steps > all.size + 1) {
        problems.push(`${name}: shadow chain has a cycle`);
        break;
      }
    }
    if (o.shadow !== null && !o.shadow.alive) problems.push(`${name}: shadows freed object ${o.shadow.id}`);
    const entries = entryRefs.get(o) ?? [];
    const expected = entries.length + (shadowRefs.get(o) ?? 0);
    if (o.refCount !== expected) {
      problems.push(`${name}: refCount ${o.refCount}, but ${entries.length} entries and ${shadowRefs.get(o) ?? 0} shadows point at it`);
    }
    if (o.refCount === 0 && (o.internal || o.pager === null)) problems.push(`${name}: anonymous with no reference but not freed`);
    if (o.mappings.size !== entries.length || entries.some((e) => !o.mappings.has(e))) {
      problems.push(`${name}: mappings (${[...o.mappings].map((e) => e.id).join(',')}) != entries pointing at it (${entries.map((e) => e.id).join(',')})`);
    }
    for (const e of o.mappings) {
      if (e.object !== o) problems.push(`${name}: mappings holds entry ${e.id}, which maps another object`);
    }
    if (o.copy !== null) {
      if (!o.copy.alive) problems.push(`${name}: copy link to freed object ${o.copy.id}`);
      let seen = false;
      for (let s = o.copy.shadow, i = 0; s !== null && i <= all.size; s = s.shadow, i++) if (s === o) seen = true;
      if (!seen) problems.push(`${name}: its copy object ${o.copy.id} does not shadow it`);
    }
    if (o.pager !== null && !o.internal && o.pager.object !== o) problems.push(`${name}: its pager names another object`);
  }
  checkMemory(kernel, all, problems);
  return problems;
}

/**
 * The memory half: frames, pmaps and the TLB agree.
 * - every used frame belongs to exactly the object page that names it, and no frame is both free and used;
 * - a frame's mapping count equals the pmap mappings pointing at it;
 * - every pmap mapping lies in an entry of its (live) task, grants no more than the entry's cur,
 *   and maps the page a fault would find there: the first object of the entry's chain holding the
 *   offset; a writable mapping maps the top object's own page, with no copy-on-write pending;
 * - no TLB entry grants an access the task's pmap would deny;
 * - an object's shadowers are exactly the objects whose shadow it is.
 */
function checkMemory(kernel: Kernel, objects: Set<VmObject>, problems: string[]): void {
  const m = partsOf(kernel);
  const { mem, pmaps, tlb } = m;
  const ps = kernel.pageSize;
  const byId = new Map<number, VmObject>();
  for (const o of objects) if (o.alive) byId.set(o.id, o);
  let used = 0;
  for (let pfn = 0; pfn < mem.frames; pfn++) {
    const owner = mem.owner[pfn];
    if (owner === 0) {
      if (!mem.isFree(pfn)) problems.push(`frame ${pfn}: neither free nor owned`);
      continue;
    }
    used++;
    if (mem.isFree(pfn)) problems.push(`frame ${pfn}: both free and owned by object ${owner}`);
    const o = byId.get(owner);
    if (o === undefined) problems.push(`frame ${pfn}: owned by object ${owner}, which is not alive`);
    else if (o.pages.get(mem.offset[pfn]) !== pfn) problems.push(`frame ${pfn}: object ${owner} has no page at ${mem.offset[pfn]} pointing here`);
    if (mem.busy[pfn] !== 0) problems.push(`frame ${pfn}: still busy between calls`);
  }
  if (used + mem.freeCount !== mem.frames) problems.push(`frames: ${used} used + ${mem.freeCount} free != ${mem.frames}`);
  for (const o of byId.values()) {
    for (const p of o.pages.check()) problems.push(`object ${o.id}: pages: ${p}`);
    for (const [off, pfn] of o.pages.list()) {
      if (mem.owner[pfn] !== o.id || mem.offset[pfn] !== off) problems.push(`object ${o.id}: page ${off} points at frame ${pfn}, which is not its own`);
    }
    for (const s of o.shadowers) if (s.shadow !== o || !s.alive) problems.push(`object ${o.id}: lists ${s.id} as a shadower, but it is not`);
    if (o.shadow !== null && !o.shadow.shadowers.has(o)) problems.push(`object ${o.id}: missing from its shadow ${o.shadow.id}'s shadowers`);
  }

  const mapCounts = new Int32Array(mem.frames);
  for (const [asid, pmap] of pmaps.pmaps) {
    const task = m.tasks.get(asid);
    if (task === undefined || !task.alive) {
      if (pmap.size > 0) problems.push(`pmap ${asid}: mappings of a dead task`);
      continue;
    }
    for (const p of pmaps.checkPmap(pmap)) problems.push(`pmap ${asid}: ${p}`);
    for (const [vpn, packed] of pmaps.entriesOf(pmap)) {
      const pfn = packedPfn(packed);
      const prot = packedProt(packed);
      mapCounts[pfn]++;
      const where = `task ${asid} vpn ${hex(vpn)}`;
      const e = task.map.lookup(vpn * ps);
      if (e === null) {
        problems.push(`${where}: mapped in the pmap but in no entry`);
        continue;
      }
      if ((prot & ~e.protection) !== 0) problems.push(`${where}: pmap grants ${prot}, the entry only ${e.protection}`);
      const found = pageFor(e, vpn * ps - e.start + e.offset);
      if (found === null || found.pfn !== pfn) {
        problems.push(`${where}: maps frame ${pfn}, but the entry's chain holds ${found === null ? 'no resident page' : `frame ${found.pfn}`} there`);
        continue;
      }
      if ((prot & VM_PROT_WRITE) !== 0) {
        if (e.needsCopy) problems.push(`${where}: writable while the entry is needs_copy`);
        if (found.depth !== 0) problems.push(`${where}: writable mapping of a page of a lower object`);
        const top = e.object;
        if (top !== null && top.copy !== null && !top.copy.pages.has(found.offset) && !(top.copy.swap?.has(found.offset) ?? false))
          problems.push(`${where}: writable while the copy object ${top.copy.id} still needs this page pushed`);
      }
    }
  }
  for (let pfn = 0; pfn < mem.frames; pfn++) {
    if (mapCounts[pfn] !== mem.mapCount[pfn]) problems.push(`frame ${pfn}: mapCount ${mem.mapCount[pfn]} but ${mapCounts[pfn]} pmap mappings`);
    if (pmaps.mappingsOf(pfn).length !== mapCounts[pfn]) problems.push(`frame ${pfn}: pv list has ${pmaps.mappingsOf(pfn).length} mappings, pmaps ${mapCounts[pfn]}`);
  }

  for (const t of tlb.snapshot()) {
    const pmap = pmaps.pmaps.get(t.asid);
    const packed = pmap === undefined ? -1 : pmap.lookup(t.vpn);
    if (packed === -1) problems.push(`TLB ${t.index}: (asid ${t.asid}, vpn ${hex(t.vpn)}) has no pmap mapping`);
    else if (packedPfn(packed) !== t.pfn || (t.prot & ~packedProt(packed)) !== 0)
      problems.push(`TLB ${t.index}: (asid ${t.asid}, vpn ${hex(t.vpn)}) grants frame ${t.pfn} prot ${t.prot}, the pmap says frame ${packedPfn(packed)} prot ${packedProt(packed)}`);
  }
}

/** The page a fault at object offset `offset` of entry e would find resident (page_source.ts), with how deep it sits. */
function pageFor(e: VmMapEntry, offset: number): { pfn: number; depth: number; offset: number } | null {
  if (e.object === null) return null;
  const found = findPage(e.object, offset);
  if (found.how !== SOURCE_RESIDENT) return null; // nobody holds it, or a pager does: not resident
  const holder = found.object;
  const result = { pfn: found.frame, depth: 0, offset: found.offset };
  for (let o: VmObject | null = e.object; o !== null && o !== holder; o = o.shadow) result.depth++;
  return result;
}
