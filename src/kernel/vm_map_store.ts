/**
 * vm_map_store: the ordered set of map entries of one address map (xnu osfmk/vm/vm_map_store*.c,
 * GNU Mach's gap-augmented rbtree in vm/vm_map.c).
 *
 *   address order (doubly linked, as vm_map_entry links):  e1 <-> e2 <-> e3
 *   search tree (treap keyed by start, parent links):            e2
 *                                                              /    \
 *                                                            e1      e3
 *   each node knows the gap after it (up to the next entry; 0 for the last entry) and the largest
 *   gap in its subtree, so first-fit skips every subtree whose gaps are all too small. The gap
 *   above the last entry (up to the map's end), like the one below the first, is kept out of the
 *   tree: growing or shrinking the map at its top leaves every maxGap as it was.
 *
 * Lookup is O(log n) expected, and O(1) next to the last entry looked up or inserted (xnu's map
 * hint); neighbours are O(1) through the links. Insert attaches the entry as a leaf next to its
 * in-order neighbour and rotates it up by priority; remove rotates it down to a leaf: O(1)
 * rotations expected, plus the search for the neighbour. The gap augmentation is repaired upward
 * through parent links and stops at the first node whose maxGap did not change, so an edit costs
 * O(1) expected where it leaves the subtree maxima alone. The anywhere search visits only
 * subtrees that hold a large enough gap. A treap is fixed by its keys and priorities: the tree is
 * the same one, node for node, as the one split/join built before (issue 18 made these iterative
 * and allocation free).
 *
 * save() / restore() (kernel_state.ts): the entries as columns in address order, the tree as
 * indices, so a restored map is the same treap.
 */
import type { VmObject } from './vm_object';

export class VmMapEntry {
  prev: VmMapEntry | null = null;
  next: VmMapEntry | null = null;
  /** Tree links and augmentation: owned by VmMapStore. */
  left: VmMapEntry | null = null;
  right: VmMapEntry | null = null;
  parent: VmMapEntry | null = null;
  priority = 0;
  gapAfter = 0;
  maxGap = 0;

  constructor(
    public id: number,
    public start: number,
    public end: number,
    public object: VmObject | null,
    public offset: number,
    public protection: number,
    public maxProtection: number,
    public inheritance: number,
    public needsCopy: boolean,
  ) {}

  get size(): number {
    return this.end - this.start;
  }
}

/**
 * A map's entries as plain data (kernel_state.ts), one column per field, entry i the i-th in
 * address order; the tree as indices (-1 = none), so a restored map is the same treap.
 */
export interface VmMapStoreState {
  seed: number;
  root: number;
  id: Float64Array;
  start: Float64Array;
  end: Float64Array;
  /** The object's id, 0 for none (lazy zero fill). */
  object: Float64Array;
  offset: Float64Array;
  protection: Uint8Array;
  maxProtection: Uint8Array;
  inheritance: Uint8Array;
  needsCopy: Uint8Array;
  priority: Float64Array;
  gapAfter: Float64Array;
  maxGap: Float64Array;
  left: Int32Array;
  right: Int32Array;
}

/** findSpace's answer when nothing fits (the search never wraps around). */
export const NO_FIT = -1;

export class VmMapStore {
  root: VmMapEntry | null = null;
  first: VmMapEntry | null = null;
  last: VmMapEntry | null = null;
  count = 0;
  private seed: number;
  /** The entry floor() last answered or insert() last placed (xnu's map->hint), or null. */
  private hint: VmMapEntry | null = null;

  constructor(
    readonly min: number,
    readonly max: number,
    seed = 0x2545f491,
  ) {
    this.seed = seed >>> 0 || 1;
  }

  /** The entry containing addr, or null. */
  lookup(addr: number): VmMapEntry | null {
    const e = this.floor(addr);
    return e !== null && addr < e.end ? e : null;
  }

  /** The entry with the largest start ≤ addr, or null. */
  floor(addr: number): VmMapEntry | null {
    const h = this.hint;
    if (h !== null && h.start <= addr) {
      const n = h.next;
      if (n === null || addr < n.start) return h;
      if (n.next === null || addr < n.next.start) return (this.hint = n);
    }
    let t = this.root;
    let best: VmMapEntry | null = null;
    while (t !== null) {
      if (t.start <= addr) {
        best = t;
        t = t.right;
      } else {
        t = t.left;
      }
    }
    if (best !== null) this.hint = best;
    return best;
  }

  /** The first entry whose end lies above addr: the one containing addr, or the next one. */
  firstEndingAfter(addr: number): VmMapEntry | null {
    const e = this.floor(addr);
    if (e === null) return this.first;
    return addr < e.end ? e : e.next;
  }

  /** Inserts an entry that overlaps none. */
  insert(entry: VmMapEntry): void {
    const pred = this.floor(entry.start);
    const succ = pred !== null ? pred.next : this.first;
    entry.prev = pred;
    entry.next = succ;
    if (pred !== null) pred.next = entry;
    else this.first = entry;
    if (succ !== null) succ.prev = entry;
    else this.last = entry;
    entry.priority = this.nextPriority();
    entry.gapAfter = succ !== null ? succ.start - entry.end : 0;
    entry.maxGap = entry.gapAfter;
    entry.left = entry.right = null;
    // pred's gap now ends at entry: repaired while entry is still outside the tree
    if (pred !== null) this.boundsChanged(pred);
    // a leaf next to an in-order neighbour: pred has no right child, or else succ (the leftmost
    // node of pred's right subtree, or the tree's first node) has no left child
    if (this.root === null) {
      entry.parent = null;
      this.root = entry;
    } else if (pred !== null && pred.right === null) {
      pred.right = entry;
      entry.parent = pred;
    } else {
      succ!.left = entry;
      entry.parent = succ;
    }
    while (entry.parent !== null && entry.parent.priority < entry.priority) this.rotateUp(entry);
    this.repairUp(entry.parent);
    this.count++;
    this.hint = entry;
  }

  remove(entry: VmMapEntry): void {
    const pred = entry.prev;
    const succ = entry.next;
    if (pred !== null) pred.next = succ;
    else this.first = succ;
    if (succ !== null) succ.prev = pred;
    else this.last = pred;
    // down to a node with at most one child, the higher-priority child rising (as join did)
    while (entry.left !== null && entry.right !== null) {
      this.rotateUp(entry.left.priority > entry.right.priority ? entry.left : entry.right);
    }
    const child = entry.left !== null ? entry.left : entry.right;
    const parent = entry.parent;
    if (child !== null) child.parent = parent;
    if (parent === null) this.root = child;
    else if (parent.left === entry) parent.left = child;
    else parent.right = child;
    entry.prev = entry.next = entry.left = entry.right = entry.parent = null;
    this.repairUp(parent);
    this.count--;
    if (this.hint === entry) this.hint = pred;
    if (pred !== null) this.boundsChanged(pred);
  }

  /** Call after an entry's end moved (its start never moves while it is in the store). */
  boundsChanged(entry: VmMapEntry): void {
    entry.gapAfter = entry.next !== null ? entry.next.start - entry.end : 0;
    this.repairUp(entry);
  }

  /**
   * Classic first fit (xnu vm_map_locate_space_anywhere): the lowest start ≥ lowest with
   * start = (start + mask) & ~mask, page aligned, and [start, start + size) free; NO_FIT otherwise.
   * The gaps in address order: below the first entry, between entries (the tree), above the last.
   */
  findSpace(lowest: number, size: number, mask: bigint, pageSize: number): number {
    const head = this.tryGap(this.min, this.first !== null ? this.first.start : this.max, lowest, size, mask, pageSize);
    if (head !== null) return head;
    const found = this.searchGaps(this.root, lowest, size, mask, pageSize);
    if (found !== null) return found;
    if (this.last === null) return NO_FIT; // empty: the head gap was the whole map
    const tail = this.tryGap(this.last!.end, this.max, lowest, size, mask, pageSize);
    return tail === null ? NO_FIT : tail;
  }

  *entries(): IterableIterator<VmMapEntry> {
    for (let e = this.first; e !== null; e = e.next) yield e;
  }

  save(): VmMapStoreState {
    const n = this.count;
    const s: VmMapStoreState = {
      seed: this.seed, root: -1,
      id: new Float64Array(n), start: new Float64Array(n), end: new Float64Array(n), object: new Float64Array(n), offset: new Float64Array(n),
      protection: new Uint8Array(n), maxProtection: new Uint8Array(n), inheritance: new Uint8Array(n), needsCopy: new Uint8Array(n),
      priority: new Float64Array(n), gapAfter: new Float64Array(n), maxGap: new Float64Array(n), left: new Int32Array(n), right: new Int32Array(n),
    };
    // the tree's in-order walk is the address order: an entry's index is its rank, and its
    // children's indices come back from the walk (no table from entries to indices)
    let rank = 0;
    const walk = (e: VmMapEntry | null): number => {
      if (e === null) return -1;
      const left = walk(e.left);
      const i = rank++;
      s.id[i] = e.id;
      s.start[i] = e.start;
      s.end[i] = e.end;
      s.object[i] = e.object?.id ?? 0;
      s.offset[i] = e.offset;
      s.protection[i] = e.protection;
      s.maxProtection[i] = e.maxProtection;
      s.inheritance[i] = e.inheritance;
      s.needsCopy[i] = e.needsCopy ? 1 : 0;
      s.priority[i] = e.priority;
      s.gapAfter[i] = e.gapAfter;
      s.maxGap[i] = e.maxGap;
      s.left[i] = left;
      s.right[i] = walk(e.right);
      return i;
    };
    s.root = walk(this.root);
    if (rank !== n) throw new Error(`vm_map_store: the tree holds ${rank} entries, count says ${n}`);
    return s;
  }

  /** Becomes the saved entries (new VmMapEntry objects, their objects found by id); returns them in address order. */
  restore(s: VmMapStoreState, objectById: (id: number) => VmObject): VmMapEntry[] {
    const n = s.id.length;
    const entries: VmMapEntry[] = [];
    for (let i = 0; i < n; i++) {
      const e = new VmMapEntry(s.id[i], s.start[i], s.end[i], s.object[i] === 0 ? null : objectById(s.object[i]), s.offset[i],
        s.protection[i], s.maxProtection[i], s.inheritance[i], s.needsCopy[i] === 1);
      e.priority = s.priority[i];
      e.gapAfter = s.gapAfter[i];
      e.maxGap = s.maxGap[i];
      entries.push(e);
    }
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      e.prev = i > 0 ? entries[i - 1] : null;
      e.next = i < n - 1 ? entries[i + 1] : null;
      e.left = s.left[i] < 0 ? null : entries[s.left[i]];
      e.right = s.right[i] < 0 ? null : entries[s.right[i]];
      if (e.left !== null) e.left.parent = e;
      if (e.right !== null) e.right.parent = e;
    }
    this.seed = s.seed;
    this.root = s.root < 0 ? null : entries[s.root];
    if (this.root !== null) this.root.parent = null;
    this.hint = null;
    this.first = n > 0 ? entries[0] : null;
    this.last = n > 0 ? entries[n - 1] : null;
    this.count = n;
    return entries;
  }

  /** Checks the tree against the links: order, no overlap, gaps and augmentation. Returns problems. */
  check(): string[] {
    const problems: string[] = [];
    const inOrder: VmMapEntry[] = [];
    const walk = (t: VmMapEntry | null): number => {
      if (t === null) return -Infinity;
      const l = walk(t.left);
      inOrder.push(t);
      const r = walk(t.right);
      const expectGap = t.next !== null ? t.next.start - t.end : 0;
      if (t.gapAfter !== expectGap) problems.push(`entry ${t.id}: gapAfter ${t.gapAfter} != ${expectGap}`);
      const m = Math.max(l, r, t.gapAfter);
      if (t.maxGap !== m) problems.push(`entry ${t.id}: maxGap ${t.maxGap} != ${m}`);
      if (t.left !== null && t.left.priority > t.priority) problems.push(`entry ${t.id}: heap order`);
      if (t.right !== null && t.right.priority > t.priority) problems.push(`entry ${t.id}: heap order`);
      if (t.left !== null && t.left.parent !== t) problems.push(`entry ${t.left.id}: parent link`);
      if (t.right !== null && t.right.parent !== t) problems.push(`entry ${t.right.id}: parent link`);
      return m;
    };
    if (this.root !== null && this.root.parent !== null) problems.push('root has a parent');
    walk(this.root);
    let i = 0;
    let prev: VmMapEntry | null = null;
    for (let e = this.first; e !== null; e = e.next, i++) {
      if (inOrder[i] !== e) problems.push(`links and tree disagree at position ${i}`);
      if (e.prev !== prev) problems.push(`entry ${e.id}: prev link`);
      if (e.start >= e.end) problems.push(`entry ${e.id}: empty or inverted`);
      if (e.start < this.min || e.end > this.max) problems.push(`entry ${e.id}: outside the map`);
      if (prev !== null && prev.end > e.start) problems.push(`entries ${prev.id} and ${e.id} overlap`);
      prev = e;
    }
    if (this.last !== prev) problems.push('last link');
    if (i !== inOrder.length || i !== this.count) problems.push(`count ${this.count}, links ${i}, tree ${inOrder.length}`);
    return problems;
  }

  private tryGap(gapStart: number, gapEnd: number, lowest: number, size: number, mask: bigint, pageSize: number): number | null {
    let s = gapStart > lowest ? gapStart : lowest;
    const aligned = mask === 0n ? s : alignMask(s, mask);
    if (aligned === null) return NO_FIT;
    s = aligned % pageSize === 0 ? aligned : aligned + (pageSize - (aligned % pageSize));
    if (s + size > this.max) return NO_FIT; // no wrap-around: every later gap starts higher
    return s + size <= gapEnd ? s : null;
  }

  private searchGaps(t: VmMapEntry | null, lowest: number, size: number, mask: bigint, pageSize: number): number | null {
    if (t === null || t.maxGap < size) return null;
    const l = this.searchGaps(t.left, lowest, size, mask, pageSize);
    if (l !== null) return l;
    if (t.gapAfter >= size) {
      const here = this.tryGap(t.end, t.end + t.gapAfter, lowest, size, mask, pageSize);
      if (here !== null) return here;
    }
    return this.searchGaps(t.right, lowest, size, mask, pageSize);
  }

  private nextPriority(): number {
    // xorshift32: deterministic, so two runs of a scenario build identical trees
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed;
  }

  private update(t: VmMapEntry): void {
    let m = t.gapAfter;
    if (t.left !== null && t.left.maxGap > m) m = t.left.maxGap;
    if (t.right !== null && t.right.maxGap > m) m = t.right.maxGap;
    t.maxGap = m;
  }

  /** Rotates x above its parent (in-order unchanged); both nodes' maxGap recomputed, ancestors' unchanged. */
  private rotateUp(x: VmMapEntry): void {
    const p = x.parent!;
    const g = p.parent;
    if (p.left === x) {
      p.left = x.right;
      if (x.right !== null) x.right.parent = p;
      x.right = p;
    } else {
      p.right = x.left;
      if (x.left !== null) x.left.parent = p;
      x.left = p;
    }
    p.parent = x;
    x.parent = g;
    if (g === null) this.root = x;
    else if (g.left === p) g.left = x;
    else g.right = x;
    this.update(p);
    this.update(x);
  }

  /** Recomputes maxGap from t up to the root, stopping at the first node that keeps its value. */
  private repairUp(t: VmMapEntry | null): void {
    while (t !== null) {
      const before = t.maxGap;
      this.update(t);
      if (t.maxGap === before) return;
      t = t.parent;
    }
  }
}

const TWO64 = 1n << 64n;
function alignMask(start: number, mask: bigint): number | null {
  const s = BigInt(start) + mask;
  if (s >= TWO64) return null;
  const r = s & ~mask & (TWO64 - 1n);
  return r > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(r);
}
