/**
 * snapshot: what the machine looks like right now, as plain data for the diagrams (tasks and their
 * map entries, VM objects with their pages and chains, pagers, frames, the TLB, counters). Pure
 * and read-only: taking a snapshot changes nothing, so the UI can look at any step of a replay.
 * Frames and the TLB are typed arrays (they can be transferred from the worker, not copied).
 */
import type { Kernel } from './kernel';
import { isShared } from './vm_user';

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
  tlb: TlbEntrySnapshot[];
  freeFrames: number;
  pageouts: number;
  pageins: number;
}

export function takeSnapshot(k: Kernel): MachineSnapshot {
  const tasks: TaskSnapshot[] = [];
  for (const t of k.tasks.values()) {
    const entries: EntrySnapshot[] = [];
    for (const e of t.map.store.entries()) {
      entries.push({
        id: e.id, start: e.start, end: e.end, protection: e.protection, maxProtection: e.maxProtection,
        inheritance: e.inheritance, needsCopy: e.needsCopy, shared: isShared(e), object: e.object?.id ?? 0, offset: e.offset,
      });
    }
    tasks.push({
      id: t.id, name: t.name, alive: t.alive, parent: t.parent, entries,
      tlbHits: t.tlbHits, tlbMisses: k.tlb.misses(t.id), shootdowns: k.tlb.shootdowns(t.id),
      faults: k.stats.faults[t.id] ?? 0, cowFaults: k.stats.cowFaults[t.id] ?? 0,
    });
  }
  const objects: ObjectSnapshot[] = [];
  const seen = new Set<number>();
  const add = (id: number) => {
    if (seen.has(id)) return;
    const o = k.objects.live.get(id);
    if (o === undefined) return;
    seen.add(id);
    objects.push({
      id: o.id, size: o.size, refCount: o.refCount, shadow: o.shadow?.id ?? 0, shadowOffset: o.shadowOffset,
      copy: o.copy?.id ?? 0, pager: o.pager?.name ?? null, copyStrategy: o.copyStrategy,
      pages: o.pages.list().sort((a, b) => a[0] - b[0]),
      swapped: o.swap === null ? [] : [...o.swap.keys()].sort((a, b) => a - b),
      cached: o.pager !== null && o.refCount === 0,
    });
  };
  for (const id of [...k.objects.live.keys()].sort((a, b) => a - b)) add(id);
  const pagers: PagerSnapshot[] = [];
  for (const [port, p] of k.pagers) pagers.push({ port, name: p.name, size: p.size, maxProtection: p.maxProtection, object: p.object?.id ?? 0 });
  const m = k.mem;
  const flags = new Uint8Array(m.frames);
  for (let i = 0; i < m.frames; i++) flags[i] = (m.dirty[i] ? 1 : 0) | (m.referenced[i] ? 2 : 0);
  return {
    pageSize: k.pageSize, addressBits: k.config.addressBits, tlbEntries: k.config.tlbEntries, tlbWays: k.config.tlbWays,
    tasks, objects, pagers,
    frameOwner: m.owner.slice(), frameOffset: m.offset.slice(), frameFlags: flags, frameMaps: m.mapCount.slice(),
    tlb: k.tlb.snapshot(), freeFrames: m.freeCount, pageouts: k.stats.pageouts, pageins: k.stats.pageins,
  };
}
