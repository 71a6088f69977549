/**
 * vm_object: the kernel's memory objects, their reference counts, shadow chains and copy objects
 * (xnu osfmk/vm/vm_object.c, GNU Mach vm/vm_object.c).
 *
 *   entry ─▶ shadow S ──shadow──▶ object O ◀──shadow── copy object C
 *                                    └──copy───────────────▲
 *
 * Every map entry holds one reference to its object, every shadow link one reference to the object
 * below; the copy link (O.copy = C) holds none. An anonymous object is freed when its last
 * reference goes; a pager-backed object stays cached, as a file's pages do.
 *
 * Copy strategies: SYMMETRIC (both sides needs_copy, first write shadows), DELAY
 * (vm_object_copy_delayed: a copy object C shadows the source and the destination maps C
 * needs_copy; an unmodified C is reused by the next copy), NONE (copy every page now).
 *
 * save() / restore() (kernel_state.ts): an object's links become ids and its pager a port; restore
 * links them back (its mappings come back with the map entries).
 *
 * Swap space (the default pager's copies of evicted anonymous pages) changes only through
 * swapPut / swapDelete / terminate here, which keep `swappedPages`, the count of pages in swap over
 * every live object: the scenario interpreter counts it in the memory a run holds (MAX_HELD_BYTES).
 */
import type { EventSink } from './events';
import type { MemoryObject } from './memory_object';
import type { PhysMem } from './phys_mem';
import { PageTable, type PageTableState } from './vm_page_table';
import type { VmMapEntry } from './vm_map_store';

export type CopyStrategy = 'symmetric' | 'delay' | 'none';

/** A VM object as plain data (kernel_state.ts): its links as ids (0 = none), its pager as a port. */
export interface VmObjectState {
  id: number;
  size: number;
  internal: boolean;
  copyStrategy: CopyStrategy;
  refCount: number;
  shadow: number;
  shadowOffset: number;
  copy: number;
  pager: number;
  pages: PageTableState;
  /** The default pager's pages (shared with the machine: a swapped page is never written in place), in order. */
  swap: { offsets: number[]; pages: Uint8Array[] } | null;
  pagedOut: number[];
  /** Ids of the objects shadowing it, in order. (Its mappings are the entries that map it: kernel_state.ts finds them.) */
  shadowers: number[];
}

export interface VmObjectsState {
  nextId: number;
  /** The live objects, in the order they were made. */
  objects: VmObjectState[];
}

export class VmObject {
  refCount = 1;
  shadow: VmObject | null = null;
  shadowOffset = 0;
  /** The delayed-copy object made from this one (no reference is held through this link). */
  copy: VmObject | null = null;
  pager: MemoryObject | null = null;
  /** Resident pages: object offset → frame number, in insertion order (vm_page_table.ts). */
  readonly pages: PageTable;
  /** The default pager's copy of pages evicted from an anonymous object (its swap space). */
  swap: Map<number, Uint8Array> | null = null;
  /** Offsets evicted since they were last resident: their next page-in counts as one. */
  readonly pagedOut = new Set<number>();
  /** The objects whose shadow is this one (each holds one reference to it). */
  readonly shadowers = new Set<VmObject>();
  alive = true;
  /** The map entries that point at this object (cold structure, for vm_region and the UI). */
  readonly mappings = new Set<VmMapEntry>();

  constructor(
    readonly id: number,
    public size: number,
    /** true for anonymous memory (its pager, once it has one, is the default pager). */
    readonly internal: boolean,
    public copyStrategy: CopyStrategy,
    mem: PhysMem,
    pages: PageTable = new PageTable(mem),
  ) {
    this.pages = pages;
  }

  save(portOf: (pager: MemoryObject) => number): VmObjectState {
    const { id, size, internal, copyStrategy, refCount, shadowOffset } = this;
    return {
      id, size, internal, copyStrategy, refCount, shadow: this.shadow?.id ?? 0, shadowOffset, copy: this.copy?.id ?? 0,
      pager: this.pager === null ? 0 : portOf(this.pager), pages: this.pages.save(),
      swap: this.swap === null ? null : { offsets: [...this.swap.keys()], pages: [...this.swap.values()] },
      pagedOut: [...this.pagedOut], shadowers: [...this.shadowers].map((o) => o.id),
    };
  }
}

/** What the object layer needs from the rest of the machine (pages live in frames, mappings in pmaps). */
export interface VmObjectHooks {
  /** Frees the object's pages (resident and swapped) at offsets in [start, end). */
  freePages(o: VmObject, start: number, end: number): void;
  /** Writes the object's dirty resident pages back to its pager; they stay resident, clean. */
  cleanPages(o: VmObject): void;
  /** Removes write permission from every mapping of the object's resident pages. */
  writeProtectPages(o: VmObject): void;
  /** vm_object_collapse on an object whose shadow may now be collapsible. */
  collapse(top: VmObject): void;
}

const NO_HOOKS: VmObjectHooks = { freePages() {}, cleanPages() {}, writeProtectPages() {}, collapse() {} };

export class VmObjects {
  private nextId = 1;
  readonly live = new Map<number, VmObject>();
  hooks: VmObjectHooks = NO_HOOKS;
  /** Pages the default pager holds (swap), over all live objects. */
  private swapped = 0;

  constructor(
    private readonly mem: PhysMem,
    private readonly sink: () => EventSink,
  ) {}

  /** A new anonymous (zero-fill) object of `size` bytes; the caller owns its one reference. */
  allocate(size: number, reason: 'anonymous' | 'shadow' = 'anonymous'): VmObject {
    const o = new VmObject(this.nextId++, size, true, 'symmetric', this.mem);
    this.live.set(o.id, o);
    this.sink().emit({ type: 'object_created', object: o.id, size, pager: null, reason, id: 0, op: 0, opKind: 'call', parentOp: null });
    return o;
  }

  /**
   * vm_object_enter: the VM object of a pager, made on its first use. Sends memory_object_init to
   * a new pager; null when the pager refuses it. The caller gets a reference.
   */
  enterPager(pager: MemoryObject): VmObject | null {
    const cached = pager.object;
    if (cached !== null) {
      this.reference(cached);
      return cached;
    }
    if (pager.failInit) {
      this.sink().emit({ type: 'memory_object_init', pager: pager.name, object: 0, ok: false, id: 0, op: 0, opKind: 'call', parentOp: null });
      return null;
    }
    const o = new VmObject(this.nextId++, pager.size, false, 'delay', this.mem);
    o.pager = pager;
    pager.object = o;
    this.live.set(o.id, o);
    this.sink().emit({ type: 'object_created', object: o.id, size: o.size, pager: pager.name, reason: 'memory_object', id: 0, op: 0, opKind: 'call', parentOp: null });
    this.sink().emit({ type: 'memory_object_init', pager: pager.name, object: o.id, ok: true, id: 0, op: 0, opKind: 'call', parentOp: null });
    return o;
  }

  reference(o: VmObject): void {
    o.refCount++;
  }

  /**
   * vm_object_deallocate: drops one reference. An anonymous object that reaches zero is freed with
   * its pages, and its shadow loses a reference in turn; a pager-backed one stays cached. An object
   * left with one reference, held by the one object shadowing it, is collapsed into that object.
   */
  deallocate(o: VmObject): void {
    let cur: VmObject | null = o;
    while (cur !== null) {
      cur.refCount--;
      if (cur.refCount > 0) {
        if (cur.refCount === 1 && cur.mappings.size === 0 && cur.shadowers.size === 1) {
          this.hooks.collapse(cur.shadowers.values().next().value!);
        }
        return;
      }
      if (cur.pager !== null && !cur.internal) {
        // a pager-backed object stays in the cache with its pages; its dirty pages go back to the
        // pager now (memory_object_data_return), so the file holds every write
        this.hooks.cleanPages(cur);
        this.sink().emit({ type: 'object_cached', object: cur.id, pager: cur.pager.name, id: 0, op: 0, opKind: 'call', parentOp: null });
        return;
      }
      const below: VmObject | null = cur.shadow;
      this.hooks.freePages(cur, 0, Infinity);
      this.terminate(cur);
      cur = below; // the freed object's shadow reference goes too
    }
  }

  /** Pages the default pager holds (in swap), over every live object. */
  get swappedPages(): number {
    return this.swapped;
  }

  /** The default pager keeps `page` (never written in place afterwards) as o's page at offset. */
  swapPut(o: VmObject, offset: number, page: Uint8Array): void {
    if (o.swap === null) o.swap = new Map();
    if (!o.swap.has(offset)) this.swapped++;
    o.swap.set(offset, page);
  }

  /** The default pager forgets o's page at offset (if it held it). */
  swapDelete(o: VmObject, offset: number): void {
    if (o.swap !== null && o.swap.delete(offset)) this.swapped--;
  }

  /** Marks an object dead and unlinks it from its shadow's bookkeeping (its references are already settled). */
  terminate(o: VmObject): void {
    o.alive = false;
    this.swapped -= o.swap?.size ?? 0;
    o.swap = null;
    this.live.delete(o.id);
    const below = o.shadow;
    if (below !== null) {
      below.shadowers.delete(o);
      if (below.copy === o) below.copy = null;
    }
    o.shadow = null;
    this.sink().emit({ type: 'object_freed', object: o.id, id: 0, op: 0, opKind: 'call', parentOp: null });
  }

  /**
   * vm_object_copy_delayed: a copy-on-write copy of all of src. Returns the copy object C, which
   * shadows src at offset 0; an unmodified earlier copy object is reused. The caller gets a
   * reference to C and maps it needs_copy.
   */
  copyDelayed(src: VmObject): VmObject {
    const old = src.copy;
    if (old !== null && old.pages.size === 0 && (old.swap === null || old.swap.size === 0) && old.pager === null) {
      this.reference(old);
      this.sink().emit({ type: 'copy_object_reused', object: old.id, source: src.id, id: 0, op: 0, opKind: 'call', parentOp: null });
      return old;
    }
    const c = new VmObject(this.nextId++, src.size, true, 'symmetric', this.mem);
    this.live.set(c.id, c);
    c.shadow = src;
    c.shadowOffset = 0;
    src.refCount++;
    src.shadowers.add(c);
    if (old !== null) {
      // the older copy now sees src through the new one: old -> C -> src
      old.shadow = c;
      c.refCount++;
      c.shadowers.add(old);
      src.refCount--;
      src.shadowers.delete(old);
    }
    src.copy = c;
    this.sink().emit({ type: 'object_created', object: c.id, size: c.size, pager: null, reason: 'copy_object', id: 0, op: 0, opKind: 'call', parentOp: null });
    // from now on a write to src must first push the old contents into C: fault on every write
    this.hooks.writeProtectPages(src);
    return c;
  }

  /**
   * vm_object_coalesce for an entry of object `prev` at `prevOffset` of `prevSize` bytes being
   * extended by `nextSize` anonymous bytes. NULL coalesces with NULL; an anonymous object does when
   * nobody else can see it (one reference, no pager, no shadow, no copy object).
   */
  coalesce(prev: VmObject | null, prevOffset: number, prevSize: number, nextSize: number): boolean {
    if (prev === null) return true;
    if (!prev.internal || prev.refCount !== 1 || prev.pager !== null || prev.shadow !== null || prev.copy !== null) return false;
    const newSize = prevOffset + prevSize + nextSize;
    // whatever the object still holds past the old entry's end is stale: the extension is zero-fill
    this.hooks.freePages(prev, prevOffset + prevSize, newSize);
    if (newSize > prev.size) {
      prev.size = newSize;
      this.sink().emit({ type: 'object_extended', object: prev.id, size: newSize, id: 0, op: 0, opKind: 'call', parentOp: null });
    }
    return true;
  }

  save(portOf: (pager: MemoryObject) => number): VmObjectsState {
    return { nextId: this.nextId, objects: [...this.live.values()].map((o) => o.save(portOf)) };
  }

  /**
   * Becomes the saved objects (new VmObjects, linked to each other and to their pagers); their
   * mappings come with the map entries (kernel_state.ts). Returns them by id.
   */
  restore(s: VmObjectsState, pagers: ReadonlyMap<number, MemoryObject>): Map<number, VmObject> {
    this.live.clear();
    this.nextId = s.nextId;
    this.swapped = 0;
    for (const x of s.objects) {
      const o = new VmObject(x.id, x.size, x.internal, x.copyStrategy, this.mem, PageTable.restore(this.mem, x.pages));
      o.refCount = x.refCount;
      o.shadowOffset = x.shadowOffset;
      if (x.swap !== null) {
        o.swap = new Map(x.swap.offsets.map((off, i) => [off, x.swap!.pages[i]]));
        this.swapped += o.swap.size;
      }
      for (const off of x.pagedOut) o.pagedOut.add(off);
      this.live.set(o.id, o);
    }
    const byId = (id: number): VmObject => {
      const o = this.live.get(id);
      if (o === undefined) throw new Error(`vm_object: a saved object refers to object ${id}, which the save does not hold`);
      return o;
    };
    for (const x of s.objects) {
      const o = this.live.get(x.id)!;
      if (x.shadow !== 0) o.shadow = byId(x.shadow);
      if (x.copy !== 0) o.copy = byId(x.copy);
      for (const id of x.shadowers) o.shadowers.add(byId(id));
      if (x.pager !== 0) {
        const p = pagers.get(x.pager);
        if (p === undefined) throw new Error(`vm_object: object ${x.id}'s pager ${x.pager} is not in the save`);
        o.pager = p;
      }
    }
    return this.live;
  }

  /** Objects in the chain from o down, o included. */
  chainDepth(o: VmObject | null): number {
    let n = 0;
    for (let cur = o; cur !== null; cur = cur.shadow) n++;
    return n;
  }
}
