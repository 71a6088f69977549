/**
 * resolved_view: lookups over a MachineSnapshot for the diagram's paths and highlights, so that
 * the UI never walks a shadow chain itself: objects, entries and tasks by id, the entries that map
 * or reach an object, the frame of an object's page, the TLB slots of a frame or a page, the
 * entry at an address, and the resolved pages of an entry one by one with their frames (the
 * snapshot has them in runs, resolve.ts). Pure; one view per snapshot (memoised), each index
 * built on first use in time linear in what it indexes.
 */
import { ASID_LIMIT } from './tlb';
import type { EntrySnapshot, MachineSnapshot, ObjectSnapshot, PageHow, ResolvedRun, TaskSnapshot } from './snapshot';

/** One resolved page of an entry: the object and offset that serve it, its frame (or -1) and how. */
export interface ResolvedPage {
  address: number;
  object: number;
  offset: number;
  frame: number;
  how: PageHow;
}

/** A map entry with its task. */
export interface EntryOf {
  task: TaskSnapshot;
  entry: EntrySnapshot;
}

const NONE: readonly never[] = [];

/** The first index of [offset, frame] pairs sorted by offset whose offset is ≥ off. */
function lowerBound(pages: readonly (readonly [number, number])[], off: number): number {
  let a = 0;
  let b = pages.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (pages[m][0] < off) a = m + 1;
    else b = m;
  }
  return a;
}

export class ResolvedView {
  private objectsById: Map<number, ObjectSnapshot> | null = null;
  private entriesById: Map<number, EntryOf> | null = null;
  private tasksById: Map<number, TaskSnapshot> | null = null;
  private mappers: Map<number, EntryOf[]> | null = null;
  private reachers: Map<number, EntryOf[]> | null = null;
  private slotsByFrame: Map<number, number[]> | null = null;
  private slotsByPage: Map<number, number> | null = null;

  constructor(readonly snap: MachineSnapshot) {}

  object(id: number): ObjectSnapshot | undefined {
    this.objectsById ??= new Map(this.snap.objects.map((o) => [o.id, o]));
    return this.objectsById.get(id);
  }

  task(id: number): TaskSnapshot | undefined {
    this.tasksById ??= new Map(this.snap.tasks.map((t) => [t.id, t]));
    return this.tasksById.get(id);
  }

  entry(id: number): EntryOf | undefined {
    if (this.entriesById === null) {
      this.entriesById = new Map();
      for (const task of this.snap.tasks) for (const entry of task.entries) this.entriesById.set(entry.id, { task, entry });
    }
    return this.entriesById.get(id);
  }

  /** The object and the objects below it, top first (the shadow chain from `id`). */
  chain(id: number): ObjectSnapshot[] {
    const out: ObjectSnapshot[] = [];
    for (let o = this.object(id); o !== undefined && out.length <= this.snap.objects.length; o = this.object(o.shadow)) out.push(o);
    return out;
  }

  /** The entries whose top object is `id`. */
  mappersOf(id: number): readonly EntryOf[] {
    if (this.mappers === null) {
      this.mappers = new Map();
      for (const task of this.snap.tasks) {
        for (const entry of task.entries) if (entry.object !== 0) push(this.mappers, entry.object, { task, entry });
      }
    }
    return this.mappers.get(id) ?? NONE;
  }

  /** The entries whose chain holds `id` (they map it, or an object that shadows it). */
  reachersOf(id: number): readonly EntryOf[] {
    if (this.reachers === null) {
      this.reachers = new Map();
      for (const task of this.snap.tasks) {
        for (const entry of task.entries) for (const o of entry.object === 0 ? [] : this.chain(entry.object)) push(this.reachers, o.id, { task, entry });
      }
    }
    return this.reachers.get(id) ?? NONE;
  }

  /** The frame of the page at `offset` of object `id`, or -1 when it is not resident. */
  frameOf(id: number, offset: number): number {
    const pages = this.object(id)?.pages;
    if (pages === undefined) return -1;
    const k = lowerBound(pages, offset);
    return k < pages.length && pages[k][0] === offset ? pages[k][1] : -1;
  }

  /** True when the default pager holds the page at `offset` of object `id`. */
  isSwapped(id: number, offset: number): boolean {
    const swapped = this.object(id)?.swapped;
    if (swapped === undefined) return false;
    let a = 0;
    let b = swapped.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (swapped[m] < offset) a = m + 1;
      else b = m;
    }
    return a < swapped.length && swapped[a] === offset;
  }

  /** The TLB slots that translate to frame `f`. */
  tlbSlotsOf(f: number): readonly number[] {
    if (this.slotsByFrame === null) {
      this.slotsByFrame = new Map();
      for (const e of this.snap.tlb) push(this.slotsByFrame, e.pfn, e.index);
    }
    return this.slotsByFrame.get(f) ?? NONE;
  }

  /** The TLB slot holding task `asid`'s translation of virtual page `vpn`, or -1. */
  tlbSlotOf(asid: number, vpn: number): number {
    if (this.slotsByPage === null) {
      this.slotsByPage = new Map();
      for (const e of this.snap.tlb) this.slotsByPage.set(e.vpn * ASID_LIMIT + e.asid, e.index);
    }
    return this.slotsByPage.get(vpn * ASID_LIMIT + asid) ?? -1;
  }

  /** The map entry of task `id` that holds `address` (entries are sorted by address). */
  entryAt(id: number, address: number): EntrySnapshot | undefined {
    const entries = this.task(id)?.entries;
    if (entries === undefined) return undefined;
    let a = 0;
    let b = entries.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (entries[m].end <= address) a = m + 1;
      else b = m;
    }
    const e = entries[a];
    return e !== undefined && e.start <= address ? e : undefined;
  }

  /**
   * Calls `visit` for every resolved page of the entry, by address, with its frame: time linear in
   * the pages visited. `visit` returning false stops the walk.
   */
  forEachPage(entry: EntrySnapshot, visit: (page: ResolvedPage) => boolean | void): void {
    for (const run of entry.resolved) {
      let stop = false;
      this.forEachPageOfRun(run, (address, offset, frame) => {
        stop = visit({ address, object: run.object, offset, frame, how: run.how }) === false;
        return !stop;
      });
      if (stop) return;
    }
  }

  /**
   * The pages of one run: address, offset in the run's object, frame (-1 unless resident). A
   * resident run's frames are consecutive pages of its object's sorted page list: one binary
   * search, then a walk. `visit` returning false stops.
   */
  forEachPageOfRun(run: ResolvedRun, visit: (address: number, offset: number, frame: number) => boolean | void): void {
    const ps = this.snap.pageSize;
    const pages = run.how === 'resident' ? this.object(run.object)?.pages : undefined;
    let k = pages === undefined ? 0 : lowerBound(pages, run.offset);
    for (let i = 0; i < run.pages; i++) {
      const offset = run.offset + i * ps;
      let frame = -1;
      if (pages !== undefined) {
        while (k < pages.length && pages[k][0] < offset) k++;
        if (k < pages.length && pages[k][0] === offset) frame = pages[k][1];
      }
      if (visit(run.address + i * ps, offset, frame) === false) return;
    }
  }

  /** The resolved page a fault of task `id` at `address` would find, or null (no entry, or a zero fill). */
  pageAt(id: number, address: number): ResolvedPage | null {
    const entry = this.entryAt(id, address);
    if (entry === undefined) return null;
    const ps = this.snap.pageSize;
    const page = address - (address % ps);
    const runs = entry.resolved;
    let a = 0;
    let b = runs.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (runs[m].address + runs[m].pages * ps <= page) a = m + 1;
      else b = m;
    }
    const run = runs[a];
    if (run === undefined || run.address > page) return null;
    const offset = run.offset + (page - run.address);
    return { address: page, object: run.object, offset, frame: run.how === 'resident' ? this.frameOf(run.object, offset) : -1, how: run.how };
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

const views = new WeakMap<MachineSnapshot, ResolvedView>();

/** The view of a snapshot (one per snapshot: its indexes are built once). */
export function resolvedView(snap: MachineSnapshot): ResolvedView {
  let v = views.get(snap);
  if (v === undefined) {
    v = new ResolvedView(snap);
    views.set(snap, v);
  }
  return v;
}
