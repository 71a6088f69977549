/**
 * vm_map: a task's address map, the sorted entries that say what each range of addresses maps
 * (xnu osfmk/vm/vm_map.c, GNU Mach vm/vm_map.c).
 *
 *   0                                                                            2^address_bits
 *   |  hole  | entry [start,end) → object @offset, cur/max, inheritance |  hole  | entry ... |
 *
 * Placement (vm_map_enter): fixed ranges must be mask-aligned (else NO_SPACE), inside the map
 * (else INVALID_ADDRESS) and free (else NO_SPACE); anywhere is classic first fit from one page up,
 * never wrapping. Clipping splits an entry (the right half's offset grows by the split distance
 * and takes an object reference); simplification merges neighbours with the same object at
 * contiguous offsets and identical attributes (vm_map_simplify_entry).
 */
import type { EventSink } from './events';
import { KERN_INVALID_ADDRESS, KERN_NO_SPACE, KERN_PROTECTION_FAILURE, KERN_SUCCESS } from './kern_return';
import { NO_FIT, VmMapEntry, VmMapStore } from './vm_map_store';
import type { VmObject, VmObjects } from './vm_object';

export interface VmMapContext {
  readonly pageSize: number;
  readonly objects: VmObjects;
  sink(): EventSink;
  nextEntryId(): number;
  /** pmap_remove of a task's [start, end) (with TLB shootdowns). */
  unmapRange(task: number, start: number, end: number): void;
  /** pmap_protect: lowers a task's mappings in [start, end) to at most prot. */
  protectRange(task: number, start: number, end: number, prot: number): void;
}

export class VmMap {
  readonly store: VmMapStore;

  constructor(
    readonly task: number,
    readonly min: number,
    readonly max: number,
    private readonly ctx: VmMapContext,
  ) {
    this.store = new VmMapStore(min, max, 0x9e3779b9 ^ task);
  }

  get entryCount(): number {
    return this.store.count;
  }

  lookup(addr: number): VmMapEntry | null {
    return this.store.lookup(addr);
  }

  /**
   * The placement half of vm_map_enter. Fixed: the caller has checked `start & mask` (NO_SPACE);
   * [start, end) must be inside the map and non-empty (else INVALID_ADDRESS) and free (else
   * NO_SPACE). Anywhere: first
   * fit of `size` bytes from one page up (else NO_SPACE). Changes nothing.
   */
  locate(anywhere: boolean, start: number, end: number, size: number, mask: bigint): { kr: number; start: number } {
    if (anywhere) {
      const found = this.store.findSpace(Math.max(this.min, this.ctx.pageSize), size, mask, this.ctx.pageSize);
      return found === NO_FIT ? { kr: KERN_NO_SPACE, start: 0 } : { kr: KERN_SUCCESS, start: found };
    }
    // fixed: the callers check `start & mask` first (NO_SPACE), on the exact 64-bit address; here
    // `start` may be clamped to 2^53 - 1 (an address past every map), whose low bits mean nothing
    if (start < this.min || end > this.max || start >= end) return { kr: KERN_INVALID_ADDRESS, start: 0 };
    const next = this.store.firstEndingAfter(start);
    if (next !== null && next.start < end) return { kr: KERN_NO_SPACE, start: 0 };
    return { kr: KERN_SUCCESS, start };
  }

  /**
   * The insertion half of vm_map_enter at a located, free [start, start + size). The caller's
   * object reference moves into the entry. A lazy zero-fill mapping extends the previous entry
   * when vm_object_coalesce allows (xnu: the previous entry only) instead of adding one.
   */
  enterAt(start: number, size: number, object: VmObject | null, offset: number, needsCopy: boolean,
    protection: number, maxProtection: number, inheritance: number): VmMapEntry {
    const end = start + size;
    if (object === null && !needsCopy && start > this.min) {
      const prev = this.store.lookup(start - 1);
      if (
        prev !== null && prev.end === start && !prev.needsCopy &&
        prev.protection === protection && prev.maxProtection === maxProtection &&
        prev.inheritance === inheritance &&
        this.ctx.objects.coalesce(prev.object, prev.offset, prev.size, size)
      ) {
        prev.end = end;
        this.store.boundsChanged(prev);
        this.ctx.sink().emit({ type: 'entry_extended', task: this.task, entry: prev.id, start: prev.start, end, id: 0, op: 0, opKind: 'call', parentOp: null });
        return prev;
      }
    }
    const entry = new VmMapEntry(this.ctx.nextEntryId(), start, end, object, offset, protection, maxProtection, inheritance, needsCopy);
    this.insertEntry(entry);
    return entry;
  }

  /** Inserts a fully formed entry whose object reference it already holds. */
  insertEntry(entry: VmMapEntry): void {
    this.store.insert(entry);
    if (entry.object !== null) entry.object.mappings.add(entry);
    this.ctx.sink().emit({
      type: 'entry_inserted', task: this.task, entry: entry.id, start: entry.start, end: entry.end,
      object: entry.object?.id ?? 0, offset: entry.offset, prot: entry.protection, max: entry.maxProtection,
      inheritance: entry.inheritance, needsCopy: entry.needsCopy, id: 0, op: 0, opKind: 'call', parentOp: null,
    });
  }

  /**
   * _vm_map_clip: splits entry at addr (entry.start < addr < entry.end). The entry keeps the left
   * part; the new right part is returned, its offset advanced and its object referenced.
   */
  clip(entry: VmMapEntry, addr: number): VmMapEntry {
    const right = new VmMapEntry(
      this.ctx.nextEntryId(), addr, entry.end, entry.object, entry.offset + (addr - entry.start),
      entry.protection, entry.maxProtection, entry.inheritance, entry.needsCopy,
    );
    entry.end = addr;
    this.store.insert(right);
    if (right.object !== null) {
      this.ctx.objects.reference(right.object);
      right.object.mappings.add(right);
    }
    this.ctx.sink().emit({ type: 'entry_clipped', task: this.task, entry: entry.id, newEntry: right.id, at: addr, id: 0, op: 0, opKind: 'call', parentOp: null });
    return right;
  }

  /** The first entry of [start, end) clipped to begin at start, or null when none lies there. */
  private clipRangeStart(start: number, end: number): VmMapEntry | null {
    let e = this.store.firstEndingAfter(start);
    if (e === null || e.start >= end) return null;
    if (e.start < start) e = this.clip(e, start);
    return e;
  }

  /** vm_map_delete: removes [start, end), clipping at both ends; holes are ignored. */
  deleteRange(start: number, end: number): void {
    let e = this.clipRangeStart(start, end);
    while (e !== null && e.start < end) {
      if (e.end > end) this.clip(e, end);
      const next: VmMapEntry | null = e.next;
      this.removeEntry(e);
      e = next;
    }
  }

  removeEntry(e: VmMapEntry): void {
    this.ctx.unmapRange(this.task, e.start, e.end);
    this.store.remove(e);
    this.ctx.sink().emit({ type: 'entry_removed', task: this.task, entry: e.id, start: e.start, end: e.end, id: 0, op: 0, opKind: 'call', parentOp: null });
    const o = e.object;
    if (o !== null) {
      o.mappings.delete(e);
      this.ctx.objects.deallocate(o);
    }
  }

  /**
   * vm_map_protect, after argument checks: pass 1 checks the whole range (a hole →
   * INVALID_ADDRESS, new ⊄ max → PROTECTION_FAILURE, in address order, nothing changed); pass 2
   * clips and sets; then neighbours merge.
   */
  protect(start: number, end: number, prot: number, setMax: boolean): number {
    let e = this.store.lookup(start);
    if (e === null) return KERN_INVALID_ADDRESS;
    let covered = start;
    for (; e !== null && e.start < end; e = e.next) {
      if (e.start > covered) return KERN_INVALID_ADDRESS;
      if ((prot & e.maxProtection) !== prot) return KERN_PROTECTION_FAILURE;
      covered = e.end;
    }
    if (covered < end) return KERN_INVALID_ADDRESS;

    const first = this.clipRangeStart(start, end)!;
    let last = first;
    for (let cur: VmMapEntry | null = first; cur !== null && cur.start < end; cur = cur.next) {
      if (cur.end > end) this.clip(cur, end);
      if (setMax) {
        cur.maxProtection = prot;
        cur.protection &= prot;
      } else {
        cur.protection = prot;
      }
      this.ctx.sink().emit({ type: 'entry_protected', task: this.task, entry: cur.id, prot: cur.protection, max: cur.maxProtection, id: 0, op: 0, opKind: 'call', parentOp: null });
      this.ctx.protectRange(this.task, cur.start, cur.end, cur.protection);
      last = cur;
    }
    this.simplifyRange(first, last);
    return KERN_SUCCESS;
  }

  /** vm_map_inherit: clips and sets; holes are skipped; entries are not merged (xnu). */
  inherit(start: number, end: number, inheritance: number): void {
    for (let e = this.clipRangeStart(start, end); e !== null && e.start < end; e = e.next) {
      if (e.end > end) this.clip(e, end);
      e.inheritance = inheritance;
      this.ctx.sink().emit({ type: 'entry_inherit', task: this.task, entry: e.id, inheritance, id: 0, op: 0, opKind: 'call', parentOp: null });
    }
  }

  /** Merges, pairwise, the entries from first's predecessor to last's successor where they allow it. */
  simplifyRange(first: VmMapEntry, last: VmMapEntry): void {
    let e: VmMapEntry | null = first.prev ?? first;
    const stop = last.next;
    while (e !== null && e.next !== null) {
      const next: VmMapEntry = e.next;
      if (canMerge(e, next)) {
        this.merge(e, next);
        if (next === stop) break;
        continue; // e may merge with its new next too
      }
      if (next === stop || e === stop) break;
      e = next;
    }
  }

  private merge(a: VmMapEntry, b: VmMapEntry): void {
    this.store.remove(b);
    a.end = b.end;
    this.store.boundsChanged(a);
    this.ctx.sink().emit({ type: 'entries_merged', task: this.task, kept: a.id, removed: b.id, start: a.start, end: a.end, id: 0, op: 0, opKind: 'call', parentOp: null });
    if (b.object !== null) {
      b.object.mappings.delete(b);
      this.ctx.objects.deallocate(b.object);
    }
  }

  /** The entry containing addr or the next one above (vm_region). */
  regionAt(addr: number): VmMapEntry | null {
    return this.store.firstEndingAfter(addr);
  }

  /** True when [start, end) is mapped with no hole. */
  isContiguous(start: number, end: number): boolean {
    let covered = start;
    for (let e = this.store.lookup(start); e !== null && e.start < end; e = e.next) {
      if (e.start > covered) return false;
      covered = e.end;
    }
    return covered >= end;
  }
}

/** vm_map_simplify_entry's test. */
export function canMerge(a: VmMapEntry, b: VmMapEntry): boolean {
  return (
    a.end === b.start &&
    a.object === b.object &&
    a.offset + (a.end - a.start) === b.offset &&
    a.protection === b.protection &&
    a.maxProtection === b.maxProtection &&
    a.inheritance === b.inheritance &&
    a.needsCopy === b.needsCopy
  );
}
