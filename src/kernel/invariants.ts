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
 * a copy link points at an object that shadows its source. After vm_protect (vm_map_simplify_entry)
 * no two neighbours that could merge remain at a boundary inside the protected range.
 * Returns the problems found as text; an empty list means all is well. Pure: changes nothing.
 */
import type { Kernel } from './kernel';
import { canMerge } from './vm_map';
import type { VmMapEntry } from './vm_map_store';
import type { VmObject } from './vm_object';

/** A range whose boundaries vm_map_simplify_entry has just visited (after vm_protect). */
export interface MergedRange {
  task: number;
  start: number;
  end: number;
}

export function checkInvariants(kernel: Kernel, merged?: MergedRange): string[] {
  const problems: string[] = [];
  const entryRefs = new Map<VmObject, VmMapEntry[]>();
  const reachable = new Set<VmObject>();

  for (const task of kernel.tasks.values()) {
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
      const where = `task ${task.id} entry ${e.id} [0x${e.start.toString(16)}, 0x${e.end.toString(16)})`;
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
          problems.push(`task ${task.id}: entries ${e.id} and ${n.id} at 0x${n.start.toString(16)} could merge but did not`);
        }
      }
    }
  }

  // every object reachable from an entry, a live list or a pager, with its shadow chain
  const all = new Set<VmObject>(kernel.objects.live.values());
  for (const pager of kernel.pagers.values()) if (pager.object !== null) all.add(pager.object);
  for (const o of reachable) all.add(o);
  for (const o of [...all]) for (let s = o.shadow; s !== null && !all.has(s); s = s.shadow) all.add(s);

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
    if (kernel.objects.live.get(o.id) !== o) problems.push(`${name}: alive but not in the live list`);
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
  return problems;
}
