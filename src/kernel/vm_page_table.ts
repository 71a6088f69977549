/**
 * vm_page_table: a VM object's resident pages, offset → frame (xnu vm_resident.c: the object's
 * memq of vm_pages, and the lookup vm_page_lookup does through the vm_page hash).
 *
 *   lookup, by page number:  dense  Int32Array [0, 0, 4, 0, 10, ...]   frame + 1, 0 = not resident
 *                            far    Map offset → frame, for pages past the dense part
 *   order (the memq):        head ─▶ frame 9 ─▶ frame 3 ─▶ frame 0 ◀─ tail   (links in PhysMem, by frame)
 *
 * The dense part covers page numbers [0, dense.length) and grows by doubling while it stays small
 * (16 KiB) or at least a quarter full; a page further out goes into the far Map, so a huge sparse
 * object never allocates a huge table. Offsets are page aligned.
 *
 * The pages are listed in the order they were inserted, as the Map this replaces listed them: the
 * order is observable (it decides which frames an object frees first, so which frames the next
 * faults get, and the order of events). Setting an offset that is already resident keeps its place.
 *
 * save() / restore() (kernel_state.ts) keep the lookup as it is and the version with the pages.
 */
import { NO_FRAME, type PhysMem } from './phys_mem';

/** A page table as plain data (kernel_state.ts): its lookup as it is, its queue's ends, its version. */
export interface PageTableState {
  dense: Int32Array;
  denseEnd: number;
  /** The far pages as offset, frame pairs, or null. */
  far: Float64Array | null;
  head: number;
  tail: number;
  count: number;
  version: number;
}

/** The last version given to any table (versions are never reused, across tables and kernels). */
let versions = 0;

const MIN_DENSE = 16;
/** Dense entries allowed whatever the density: 4096 (16 KiB, 16 MiB of object with 4 KiB pages). */
const FREE_DENSE = 4096;
/** Offsets below 2^31 index the dense part with a shift. */
const DENSE_BYTES = 2 ** 31;

export class PageTable {
  /** Frame + 1 by page number, 0 where not resident. */
  private dense = new Int32Array(0);
  /** Bytes of object the dense part covers: dense.length pages (at most 2^31). */
  private denseEnd = 0;
  /** Resident pages at offsets ≥ denseEnd: offset → frame. */
  private far: Map<number, number> | null = null;
  private head = NO_FRAME;
  private tail = NO_FRAME;
  private count = 0;
  private readonly shift: number;
  /**
   * Changes with every change of the pages, to a number no table ever had: equal versions mean
   * equal pages (a copy of a table keeps its version with its pages), so a snapshot can reuse the
   * list it made (snapshot.ts).
   */
  version = 0;

  constructor(private readonly mem: PhysMem) {
    this.shift = Math.log2(mem.pageSize);
  }

  /** Resident pages. */
  get size(): number {
    return this.count;
  }

  /** The frame of the page at offset, or NO_FRAME. */
  get(offset: number): number {
    if (offset >= 0 && offset < this.denseEnd) return this.dense[offset >>> this.shift] - 1;
    if (this.far === null) return NO_FRAME;
    const pfn = this.far.get(offset);
    return pfn === undefined ? NO_FRAME : pfn;
  }

  has(offset: number): boolean {
    return this.get(offset) !== NO_FRAME;
  }

  /** The page at offset is now in frame pfn (a frame not in any object's table). */
  set(offset: number, pfn: number): void {
    const old = this.get(offset);
    if (old === pfn) return;
    this.version = ++versions;
    if (old === NO_FRAME) {
      this.append(pfn);
      this.count++;
    } else {
      this.replace(old, pfn);
    }
    if (offset >= 0 && offset < DENSE_BYTES && (offset < this.denseEnd || this.grow(offset >>> this.shift))) {
      this.dense[offset >>> this.shift] = pfn + 1;
    } else {
      if (this.far === null) this.far = new Map();
      this.far.set(offset, pfn);
    }
  }

  /** Removes the page at offset; false when it was not resident. */
  delete(offset: number): boolean {
    let pfn: number;
    if (offset >= 0 && offset < this.denseEnd) {
      const i = offset >>> this.shift;
      pfn = this.dense[i] - 1;
      if (pfn === NO_FRAME) return false;
      this.dense[i] = 0;
    } else {
      if (this.far === null) return false;
      const f = this.far.get(offset);
      if (f === undefined) return false;
      this.far.delete(offset);
      pfn = f;
    }
    this.unlink(pfn);
    this.version = ++versions;
    if (--this.count === 0) {
      // nothing left: drop the tables (a paged-out or emptied object holds no memory)
      this.dense = new Int32Array(0);
      this.denseEnd = 0;
      this.far = null;
    }
    return true;
  }

  /** The first frame in insertion order, NO_FRAME when empty; then next(pfn). Its offset is mem.offset[pfn]. */
  first(): number {
    return this.head;
  }

  next(pfn: number): number {
    return this.mem.memqNext[pfn];
  }

  /** The pages as [offset, frame] pairs in insertion order (a copy: safe to change the table while walking it). */
  list(): [number, number][] {
    const out: [number, number][] = [];
    for (let pfn = this.head; pfn !== NO_FRAME; pfn = this.mem.memqNext[pfn]) out.push([this.mem.offset[pfn], pfn]);
    return out;
  }

  /** Disagreements between the lookup and the queue, for the invariant checker. */
  check(): string[] {
    const problems: string[] = [];
    let n = 0;
    let prev = NO_FRAME;
    for (let pfn = this.head; pfn !== NO_FRAME && n <= this.mem.frames; prev = pfn, pfn = this.mem.memqNext[pfn], n++) {
      if (this.mem.memqPrev[pfn] !== prev) problems.push(`queue: frame ${pfn}'s back link is ${this.mem.memqPrev[pfn]}, not ${prev}`);
      if (this.get(this.mem.offset[pfn]) !== pfn) problems.push(`queue holds frame ${pfn}, but offset ${this.mem.offset[pfn]} looks up ${this.get(this.mem.offset[pfn])}`);
    }
    if (prev !== this.tail) problems.push(`queue ends at frame ${prev}, tail says ${this.tail}`);
    if (n !== this.count) problems.push(`queue holds ${n} pages, count says ${this.count}`);
    let indexed = this.far?.size ?? 0;
    for (let i = 0; i < this.dense.length; i++) if (this.dense[i] !== 0) indexed++;
    if (indexed !== this.count) problems.push(`lookup holds ${indexed} pages, count says ${this.count}`);
    return problems;
  }

  /** The table as plain data (the queue's links are the frames', saved with them: phys_mem.ts). */
  save(): PageTableState {
    let far: Float64Array | null = null;
    if (this.far !== null) {
      far = new Float64Array(2 * this.far.size);
      let i = 0;
      for (const [offset, pfn] of this.far) {
        far[i++] = offset;
        far[i++] = pfn;
      }
    }
    const { denseEnd, head, tail, count, version } = this;
    return { dense: this.dense.slice(), denseEnd, far, head, tail, count, version };
  }

  /** A table of `mem` as saved (its version kept: equal versions still mean equal pages). */
  static restore(mem: PhysMem, s: PageTableState): PageTable {
    const t = new PageTable(mem);
    t.dense = s.dense.slice();
    t.denseEnd = s.denseEnd;
    if (s.far !== null) {
      t.far = new Map();
      for (let i = 0; i < s.far.length; i += 2) t.far.set(s.far[i], s.far[i + 1]);
    }
    t.head = s.head;
    t.tail = s.tail;
    t.count = s.count;
    t.version = s.version;
    return t;
  }

  /** Grows the dense part to cover page number i, if that keeps it small or a quarter full. */
  private grow(i: number): boolean {
    let n = Math.max(MIN_DENSE, this.dense.length);
    while (n <= i) n *= 2;
    if (n * 2 ** this.shift > DENSE_BYTES || (n > FREE_DENSE && n > 4 * (this.count + 1))) return false;
    const dense = new Int32Array(n);
    dense.set(this.dense);
    this.dense = dense;
    this.denseEnd = n * 2 ** this.shift;
    const far = this.far;
    if (far !== null) {
      // pages the dense part now covers move into it
      for (const [offset, pfn] of far) {
        if (offset < this.denseEnd) {
          dense[offset >>> this.shift] = pfn + 1;
          far.delete(offset);
        }
      }
      if (far.size === 0) this.far = null;
    }
    return true;
  }

  private append(pfn: number): void {
    const { memqNext: next, memqPrev: prev } = this.mem;
    prev[pfn] = this.tail;
    next[pfn] = NO_FRAME;
    if (this.tail === NO_FRAME) this.head = pfn;
    else next[this.tail] = pfn;
    this.tail = pfn;
  }

  private unlink(pfn: number): void {
    const { memqNext: next, memqPrev: prev } = this.mem;
    const p = prev[pfn];
    const n = next[pfn];
    if (p === NO_FRAME) this.head = n;
    else next[p] = n;
    if (n === NO_FRAME) this.tail = p;
    else prev[n] = p;
    next[pfn] = NO_FRAME;
    prev[pfn] = NO_FRAME;
  }

  /** Frame pfn takes old's place in the queue. */
  private replace(old: number, pfn: number): void {
    const { memqNext: next, memqPrev: prev } = this.mem;
    const p = prev[old];
    const n = next[old];
    prev[pfn] = p;
    next[pfn] = n;
    if (p === NO_FRAME) this.head = pfn;
    else next[p] = pfn;
    if (n === NO_FRAME) this.tail = pfn;
    else prev[n] = pfn;
    next[old] = NO_FRAME;
    prev[old] = NO_FRAME;
  }
}
