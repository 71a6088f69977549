/**
 * snapshot: what the machine looks like right now, as plain data for the diagrams (tasks and their
 * map entries, VM objects with their pages and chains, pagers, frames, the TLB, counters). Pure
 * and read-only: taking a snapshot changes nothing, so the UI can look at any step of a replay.
 * Frames and the TLB are typed arrays (they can be transferred from the worker, not copied).
 *
 * For the diagrams that draw contents and page tables (bounded, so a snapshot per event stays cheap):
 *  - framePreview: the first PREVIEW_BYTES bytes of every frame (zeros for a free frame), none at all
 *    on a machine of more than PREVIEW_FRAME_LIMIT frames (drawn as a grid, without contents);
 *  - TaskSnapshot.pmap: the task's pmap mappings of its lowest vpns (at most PMAP_SNAPSHOT_LIMIT),
 *    with the pmap's own protection (a copy-on-write page write-protected by the pmap is r-- there
 *    while its map entry says rw-), and pmapCount, how many it has in all. Remade only when the
 *    pmap's version moved, shared between snapshots otherwise.
 * What did not change is shared with the snapshots before, also after a restore or a replay made
 * the machine of new objects and entries (snapshot_memo.ts: by id, where the contents are equal).
 * ui/diagram/preview.ts turns a preview into text.
 */
import { partsOf, type Kernel } from './kernel';
import { PMAP_SNAPSHOT_LIMIT, PREVIEW_BYTES, PREVIEW_FRAME_LIMIT } from './snapshot_limits';
import { packedPfn, packedProt, type Pmap } from './pmap';
import { resolveEntry } from './resolve';
import { samePairs, SnapshotMemo } from './snapshot_memo';
import { isShared } from './vm_user';
import type { PageTable } from './vm_page_table';
import type { VmObject } from './vm_object';

export interface EntrySnapshot {
  id: number;
  start: number;
  end: number;
  protection: number;
  maxProtection: number;
  inheritance: number;
  needsCopy: boolean;
  shared: boolean;
  /** Top object id, 0 while the entry has none (lazy zero fill). */
  object: number;
  offset: number;
  /**
   * The entry's pages that some object of its chain holds, as a fault would find them (resolve.ts),
   * in runs by address; the pages not in a run would zero-fill. Shared between consecutive
   * snapshots while unchanged. resolved_view.ts reads them page by page, with their frames.
   */
  resolved: ResolvedRun[];
}

/** How a resolved page is served: a resident page, a file's pager, or the default pager's swap. */
export type PageHow = 'resident' | 'pager' | 'swap';

/**
 * Consecutive pages of a map entry served the same way by consecutive offsets of one object: page
 * i of the run (address + i × page size) is the page at offset + i × page size of `object`, the
 * first object of the entry's chain that holds it. A resident run's frames are that object's
 * pages (ObjectSnapshot.pages).
 */
export interface ResolvedRun {
  /** The address of the run's first page in the task. */
  address: number;
  /** How many pages. */
  pages: number;
  object: number;
  /** The first page's offset in `object`. */
  offset: number;
  how: PageHow;
}

export { PREVIEW_BYTES, PREVIEW_FRAME_LIMIT, PMAP_SNAPSHOT_LIMIT };

/** One mapping of a task's pmap (hardware page table): virtual page → frame, with the pmap's protection (VM_PROT bits). */
export interface PmapEntrySnapshot {
  vpn: number;
  frame: number;
  prot: number;
}

export interface TaskSnapshot {
  id: number;
  name: string;
  alive: boolean;
  parent: number | null;
  entries: EntrySnapshot[];
  tlbHits: number;
  tlbMisses: number;
  shootdowns: number;
  faults: number;
  cowFaults: number;
  /**
   * The task's pmap mappings by vpn ascending: those of the lowest vpns, at most
   * PMAP_SNAPSHOT_LIMIT. prot is the pmap's, which may be below the map entry's (copy-on-write).
   */
  pmap: PmapEntrySnapshot[];
  /** How many mappings the task's pmap holds in all (pmap lists at most PMAP_SNAPSHOT_LIMIT of them). */
  pmapCount: number;
}

export interface ObjectSnapshot {
  id: number;
  size: number;
  refCount: number;
  shadow: number;
  shadowOffset: number;
  copy: number;
  /** The pager's name for a file's object, null for anonymous memory. */
  pager: string | null;
  copyStrategy: string;
  /** Resident pages: [offset, frame] pairs, by offset. */
  pages: [number, number][];
  /** Offsets the default pager holds (swapped out). */
  swapped: number[];
  /** True for a file's object that no entry maps any more (kept in the object cache). */
  cached: boolean;
}

export interface PagerSnapshot {
  port: number;
  name: string;
  size: number;
  maxProtection: number;
  object: number;
}

export interface TlbEntrySnapshot {
  index: number;
  asid: number;
  vpn: number;
  pfn: number;
  prot: number;
}

export interface MachineSnapshot {
  pageSize: number;
  addressBits: number;
  tlbEntries: number;
  tlbWays: number;
  tasks: TaskSnapshot[];
  objects: ObjectSnapshot[];
  pagers: PagerSnapshot[];
  /** Per frame: owning object id (0 = free), offset in it, flags (1 dirty, 2 referenced), mappings. */
  frameOwner: Int32Array;
  frameOffset: Float64Array;
  frameFlags: Uint8Array;
  frameMaps: Int32Array;
  /**
   * The first PREVIEW_BYTES bytes of every frame: frame f's at [f × PREVIEW_BYTES, (f + 1) ×
   * PREVIEW_BYTES), zeros for a free frame. Empty (length 0) when the machine has more than
   * PREVIEW_FRAME_LIMIT frames.
   */
  framePreview: Uint8Array;
  tlb: TlbEntrySnapshot[];
  freeFrames: number;
  pageouts: number;
  pageins: number;
}

/** The sorted page list last made of each page table, by its version (PageTable.version). */
const pageLists = new WeakMap<PageTable, { version: number; pages: [number, number][] }>();
/** The snapshot last made of each object. */
const objectSnapshots = new WeakMap<VmObject, ObjectSnapshot>();
const NO_OFFSETS: number[] = [];
/** The pmap list last made of each pmap, by its version (Pmap.version). */
const pmapLists = new WeakMap<Pmap, { version: number; entries: PmapEntrySnapshot[] }>();
/** Each kernel's snapshot memo: where a restored machine's new objects and entries find what was made for their ids. */
const memos = new WeakMap<Kernel, SnapshotMemo>();

/** A pmap's mappings of its lowest vpns, remade only when the pmap changed. */
function pmapOf(p: Pmap): PmapEntrySnapshot[] {
  const known = pmapLists.get(p);
  if (known !== undefined && known.version === p.version) return known.entries;
  const entries = p.lowest(PMAP_SNAPSHOT_LIMIT).map(([vpn, packed]) => ({ vpn, frame: packedPfn(packed), prot: packedProt(packed) }));
  pmapLists.set(p, { version: p.version, entries });
  return entries;
}

/** The first PREVIEW_BYTES bytes of each frame (zeros for free ones), or nothing on a big machine. */
function framePreviews(bytes: Uint8Array, owner: Int32Array, pageSize: number): Uint8Array {
  const frames = owner.length;
  if (frames > PREVIEW_FRAME_LIMIT) return new Uint8Array(0); // its own: a snapshot's arrays may be transferred
  const n = Math.min(PREVIEW_BYTES, pageSize);
  const out = new Uint8Array(frames * PREVIEW_BYTES);
  for (let f = 0; f < frames; f++) {
    if (owner[f] !== 0) out.set(bytes.subarray(f * pageSize, f * pageSize + n), f * PREVIEW_BYTES);
  }
  return out;
}

/** The table's pages sorted by offset; `like` itself when it holds the same pairs. */
function pagesOf(t: PageTable, like: [number, number][] | undefined): [number, number][] {
  const known = pageLists.get(t);
  if (known !== undefined && known.version === t.version) return known.pages;
  let pages = t.list().sort((a, b) => a[0] - b[0]);
  if (like !== undefined && samePairs(like, pages)) pages = like;
  pageLists.set(t, { version: t.version, pages });
  return pages;
}

/**
 * An object's snapshot: the one made last time when nothing in it changed (same page list, same
 * fields), so that consecutive snapshots share what did not change and the worker's diff finds it
 * at once (snapshots are never written to). An object never snapshotted (a restored machine's)
 * compares itself with the one the memo has for its id.
 */
function objectSnapshot(o: VmObject, memo: SnapshotMemo): ObjectSnapshot {
  const own = objectSnapshots.get(o);
  // (a file's object is its pager's size: equal sizes and pager names are equal pagers for resolve.ts)
  const earlier = own === undefined && (o.pager === null || o.pager.size === o.size) ? memo.object(o.id) : undefined;
  const prev = own ?? earlier;
  const pages = pagesOf(o.pages, earlier?.pages);
  const swapped = o.swap === null || o.swap.size === 0 ? NO_OFFSETS : [...o.swap.keys()].sort((a, b) => a - b);
  const next: ObjectSnapshot = {
    id: o.id, size: o.size, refCount: o.refCount, shadow: o.shadow?.id ?? 0, shadowOffset: o.shadowOffset,
    copy: o.copy?.id ?? 0, pager: o.pager?.name ?? null, copyStrategy: o.copyStrategy,
    pages, swapped, cached: o.pager !== null && o.refCount === 0,
  };
  if (prev !== undefined && sameObject(prev, next)) {
    if (prev === earlier) objectSnapshots.set(o, prev);
    return prev;
  }
  objectSnapshots.set(o, next);
  memo.keepObject(next);
  return next;
}

function sameObject(a: ObjectSnapshot, b: ObjectSnapshot): boolean {
  return a.id === b.id && a.size === b.size && a.refCount === b.refCount && a.shadow === b.shadow && a.shadowOffset === b.shadowOffset &&
    a.copy === b.copy && a.pager === b.pager && a.copyStrategy === b.copyStrategy && a.cached === b.cached && a.pages === b.pages &&
    a.swapped.length === b.swapped.length && a.swapped.every((off, i) => off === b.swapped[i]);
}

export function takeSnapshot(k: Kernel): MachineSnapshot {
  const parts = partsOf(k);
  let memo = memos.get(k);
  if (memo === undefined) memos.set(k, (memo = new SnapshotMemo()));
  const objectSnaps = new Map<VmObject, ObjectSnapshot>();
  const snapshotOf = (o: VmObject): ObjectSnapshot => {
    let s = objectSnaps.get(o);
    if (s === undefined) {
      s = objectSnapshot(o, memo);
      objectSnaps.set(o, s);
    }
    return s;
  };
  const tasks: TaskSnapshot[] = [];
  for (const t of parts.tasks.values()) {
    const entries: EntrySnapshot[] = [];
    for (const e of t.map.store.entries()) {
      entries.push({
        id: e.id, start: e.start, end: e.end, protection: e.protection, maxProtection: e.maxProtection,
        inheritance: e.inheritance, needsCopy: e.needsCopy, shared: isShared(e), object: e.object?.id ?? 0, offset: e.offset,
        resolved: resolveEntry(e, k.pageSize, snapshotOf, memo),
      });
    }
    tasks.push({
      id: t.id, name: t.name, alive: t.alive, parent: t.parent, entries,
      tlbHits: t.tlbHits, tlbMisses: parts.tlb.misses(t.id), shootdowns: parts.tlb.shootdowns(t.id),
      faults: parts.stats.faults[t.id] ?? 0, cowFaults: parts.stats.cowFaults[t.id] ?? 0,
      pmap: pmapOf(t.pmap), pmapCount: t.pmap.size,
    });
  }
  const objects: ObjectSnapshot[] = [];
  for (const id of [...parts.objects.live.keys()].sort((a, b) => a - b)) objects.push(snapshotOf(parts.objects.live.get(id)!));
  const pagers: PagerSnapshot[] = [];
  for (const [port, p] of parts.pagers) pagers.push({ port, name: p.name, size: p.size, maxProtection: p.maxProtection, object: p.object?.id ?? 0 });
  const m = parts.mem;
  const flags = new Uint8Array(m.frames);
  for (let i = 0; i < m.frames; i++) flags[i] = (m.dirty[i] ? 1 : 0) | (m.referenced[i] ? 2 : 0);
  return {
    pageSize: k.pageSize, addressBits: k.config.addressBits, tlbEntries: k.config.tlbEntries, tlbWays: k.config.tlbWays,
    tasks, objects, pagers,
    frameOwner: m.owner.slice(), frameOffset: m.offset.slice(), frameFlags: flags, frameMaps: m.mapCount.slice(),
    framePreview: framePreviews(m.bytes, m.owner, k.pageSize),
    tlb: parts.tlb.snapshot(), freeFrames: m.freeCount, pageouts: parts.stats.pageouts, pageins: parts.stats.pageins,
  };
}
