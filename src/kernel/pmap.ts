/**
 * pmap: each task's page table, vpn → (frame, protection), the machine-dependent layer under the
 * VM system (xnu osfmk/ARCH/pmap.c, GNU Mach i386/intel/pmap.c), plus the reverse map from a frame to
 * every (task, vpn) mapping it (the "pv list"), which eviction and copy-up need.
 *
 *   task A pmap: vpn 0x10 → frame 3 r-   vpn 0x11 → frame 7 rw
 *   frame 3 pv:  (A, 0x10) (B, 0x10)
 *
 * The table has two levels, like a hardware page table: a directory of leaves, each leaf an
 * Int32Array of 512 (packed, pv node) pairs and a count; directory slots for vpns below 2^20 are an
 * array, higher ones (big address spaces) a Map. Entries are packed numbers (pfn × 8 + prot, -1
 * when unmapped): no strings, no objects on the access path.
 *
 *   vpn ──▶ dir[vpn >> 9] ──▶ leaf[2 × (vpn & 511)] = pfn × 8 + prot,  leaf[2 × (vpn & 511) + 1] = pv node
 *
 * Every mapping is one node of the pv pool: on its frame's list (pv) and on its pmap's list, in the
 * order the mappings were entered; a walk over a whole pmap (pmap_remove of a large range,
 * pmap_protect, task termination) follows that order, as the Map this replaces did.
 *
 * Every change that removes or lowers a mapping shoots the TLB entry down (pmap_remove,
 * pmap_protect, pmap_page_protect); while tracing, each range or page call is a 'shootdown' op
 * (events.ts) holding its pmap_remove / pmap_protect / tlb_shootdown events.
 *
 * save() / restore() (kernel_state.ts): each pmap's leaves one after the other, the pv pool's nodes
 * in use and the heads of the frames that have mappings.
 *
 * For the snapshot (snapshot.ts): `version` goes up at every change of a pmap's mappings (enter,
 * remove, lower), so a snapshot of it is remade only when it changed; lowest() lists its mappings
 * of the lowest vpns, in vpn order, walking the table (not the pv list).
 */
import type { EventSink } from './events';
import type { PhysMem } from './phys_mem';
import type { Tlb } from './tlb';
import { hex } from './vm_param';

/** A pmap as plain data (kernel_state.ts): its leaves, one after the other, and where each goes. */
export interface PmapState {
  asid: number;
  /** The directory's length (its slots without a leaf are null). */
  dirLength: number;
  /** Directory slots that hold a leaf, then the far leaves' keys; leaf i is leaves[i × LEAF_LENGTH, ...). */
  dirSlots: Int32Array;
  farKeys: Float64Array;
  leaves: Int32Array;
  head: number;
  tail: number;
  size: number;
}

/** The pv pool as plain data: the nodes in use (a free node's links are kept, the free list runs through them). */
export interface PvState {
  capacity: number;
  used: number;
  free: number;
  next: Int32Array;
  asid: Int32Array;
  vpn: Float64Array;
  pnext: Int32Array;
  pprev: Int32Array;
  /** Frames with mappings, and the first node of each. */
  headFrames: Int32Array;
  headNodes: Int32Array;
}

export interface PmapSystemState {
  /** Every live pmap, in the order they were made. */
  pmaps: PmapState[];
  pv: PvState;
}

/** The last version given to any pmap (never reused, across pmaps and kernels: equal versions mean the same mappings). */
let versions = 0;

const PROT_BITS = 8;
const NONE = -1;

/** log2 of the vpns one leaf maps (512: 2 MiB of address space with 4 KiB pages). */
const LEAF_SHIFT = 9;
const LEAF_MASK = (1 << LEAF_SHIFT) - 1;
/** A leaf: (packed, node) per vpn, then the number of mappings it holds. */
const LEAF_LENGTH = (2 << LEAF_SHIFT) + 1;
const LEAF_COUNT = LEAF_LENGTH - 1;
/** vpns below this have their leaf in the directory array (all of a 32-bit space with 4 KiB pages). */
const NEAR_VPNS = 2 ** 20;

export class Pmap {
  /** Leaves by vpn >> LEAF_SHIFT for vpns below NEAR_VPNS; null where the task maps nothing. */
  private readonly dir: (Int32Array | null)[] = [];
  /** vpns below this index dir: dir.length << LEAF_SHIFT. */
  private near = 0;
  /** Leaves of vpns ≥ NEAR_VPNS, by vpn >> LEAF_SHIFT. */
  private far: Map<number, Int32Array> | null = null;
  /** The mappings in the order they were entered: a list through the pv pool's nodes. */
  head = NONE;
  tail = NONE;
  /** Mappings held. */
  size = 0;
  /** Changes at every change of a mapping, to a number no pmap had (snapshot.ts remakes its pmap list only then). */
  version = ++versions;

  constructor(readonly asid: number) {}

  /** The packed mapping of vpn, or -1. */
  lookup(vpn: number): number {
    if (vpn < this.near && vpn >= 0) {
      const leaf = this.dir[vpn >>> LEAF_SHIFT];
      return leaf === null ? NONE : leaf[(vpn & LEAF_MASK) << 1];
    }
    if (this.far === null || vpn < 0) return NONE;
    const leaf = this.far.get(Math.floor(vpn / (LEAF_MASK + 1)));
    return leaf === undefined ? NONE : leaf[(vpn % (LEAF_MASK + 1)) << 1];
  }

  /** The leaf holding vpn, or null (create: made if missing). */
  leaf(vpn: number, create: boolean): Int32Array | null {
    if (vpn < 0) throw new Error(`pmap: negative vpn ${vpn}`);
    if (vpn < NEAR_VPNS) {
      const i = vpn >>> LEAF_SHIFT;
      if (vpn < this.near) {
        const leaf = this.dir[i];
        if (leaf !== null || !create) return leaf;
      } else {
        if (!create) return null;
        while (this.dir.length <= i) this.dir.push(null);
        this.near = this.dir.length << LEAF_SHIFT;
      }
      const leaf = newLeaf();
      this.dir[i] = leaf;
      return leaf;
    }
    const i = Math.floor(vpn / (LEAF_MASK + 1));
    let leaf = this.far?.get(i);
    if (leaf === undefined) {
      if (!create) return null;
      leaf = newLeaf();
      if (this.far === null) this.far = new Map();
      this.far.set(i, leaf);
    }
    return leaf;
  }

  /**
   * The mappings of the lowest vpns, at most `limit` of them, as [vpn, packed] pairs by vpn
   * ascending. Walks the directory then the far leaves by key, each leaf only as far as its count
   * of mappings: about limit + the empty directory slots and leaf slots passed on the way.
   */
  lowest(limit: number): [number, number][] {
    const out: [number, number][] = [];
    const take = (leaf: Int32Array, firstVpn: number): void => {
      let left = leaf[LEAF_COUNT];
      for (let j = 0; left > 0 && out.length < limit; j++) {
        const packed = leaf[j << 1];
        if (packed === NONE) continue;
        out.push([firstVpn + j, packed]);
        left--;
      }
    };
    for (let i = 0; i < this.dir.length && out.length < limit; i++) {
      const leaf = this.dir[i];
      if (leaf !== null) take(leaf, i << LEAF_SHIFT);
    }
    if (this.far !== null && out.length < limit) {
      for (const k of [...this.far.keys()].sort((a, b) => a - b)) {
        if (out.length >= limit) break;
        take(this.far.get(k)!, k * (LEAF_MASK + 1));
      }
    }
    return out;
  }

  /** Drops vpn's leaf (it holds no mapping any more). */
  dropLeaf(vpn: number): void {
    if (vpn < NEAR_VPNS) this.dir[vpn >>> LEAF_SHIFT] = null;
    else this.far?.delete(Math.floor(vpn / (LEAF_MASK + 1)));
  }

  save(): PmapState {
    const slots: number[] = [];
    for (let i = 0; i < this.dir.length; i++) if (this.dir[i] !== null) slots.push(i);
    const far = this.far === null ? [] : [...this.far.keys()];
    const leaves = new Int32Array((slots.length + far.length) * LEAF_LENGTH);
    slots.forEach((i, n) => leaves.set(this.dir[i]!, n * LEAF_LENGTH));
    far.forEach((k, n) => leaves.set(this.far!.get(k)!, (slots.length + n) * LEAF_LENGTH));
    return { asid: this.asid, dirLength: this.dir.length, dirSlots: Int32Array.from(slots), farKeys: Float64Array.from(far), leaves, head: this.head, tail: this.tail, size: this.size };
  }

  static restore(s: PmapState): Pmap {
    const p = new Pmap(s.asid);
    for (let i = 0; i < s.dirLength; i++) p.dir.push(null);
    p.near = s.dirLength << LEAF_SHIFT;
    const leaf = (n: number) => s.leaves.slice(n * LEAF_LENGTH, (n + 1) * LEAF_LENGTH);
    s.dirSlots.forEach((i, n) => (p.dir[i] = leaf(n)));
    if (s.farKeys.length > 0) {
      p.far = new Map();
      s.farKeys.forEach((k, n) => p.far!.set(k, leaf(s.dirSlots.length + n)));
    }
    p.head = s.head;
    p.tail = s.tail;
    p.size = s.size;
    return p;
  }
}

function newLeaf(): Int32Array {
  const leaf = new Int32Array(LEAF_LENGTH).fill(NONE);
  leaf[LEAF_COUNT] = 0;
  return leaf;
}

/** vpn's slot in its leaf: the packed mapping is at the slot, its pv node at slot + 1. */
function slot(vpn: number): number {
  return vpn < NEAR_VPNS ? (vpn & LEAF_MASK) << 1 : (vpn % (LEAF_MASK + 1)) << 1;
}

export function packedPfn(packed: number): number {
  return Math.floor(packed / PROT_BITS);
}

export function packedProt(packed: number): number {
  return packed % PROT_BITS;
}

/**
 * The pv pool: one node per mapping, in typed arrays (no object per mapping, no array per frame).
 * A node is on two lists: its frame's (singly linked from head[pfn], newest first) and its pmap's
 * (doubly linked from Pmap.head, in the order the mappings were entered).
 */
class PvLists {
  readonly head: Int32Array;
  private next = new Int32Array(64);
  private asid = new Int32Array(64);
  private vpn = new Float64Array(64);
  /** The pmap's list: next and previous node. */
  private pnext = new Int32Array(64);
  private pprev = new Int32Array(64);
  private free = NONE;
  private used = 0;

  constructor(frames: number) {
    this.head = new Int32Array(frames).fill(NONE);
  }

  /** A node for (p, vpn) mapping pfn, first on the frame's list and last on the pmap's. */
  add(pfn: number, p: Pmap, vpn: number): number {
    let n = this.free;
    if (n >= 0) this.free = this.next[n];
    else {
      if (this.used === this.next.length) this.grow();
      n = this.used++;
    }
    this.asid[n] = p.asid;
    this.vpn[n] = vpn;
    this.next[n] = this.head[pfn];
    this.head[pfn] = n;
    this.pnext[n] = NONE;
    this.pprev[n] = p.tail;
    if (p.tail === NONE) p.head = n;
    else this.pnext[p.tail] = n;
    p.tail = n;
    return n;
  }

  /** Takes node n (mapping pfn in p) off both lists and frees it. */
  remove(pfn: number, p: Pmap, n: number): void {
    const pn = this.pnext[n];
    const pp = this.pprev[n];
    if (pp === NONE) p.head = pn;
    else this.pnext[pp] = pn;
    if (pn === NONE) p.tail = pp;
    else this.pprev[pn] = pp;
    let prev = NONE;
    for (let m = this.head[pfn]; m >= 0; prev = m, m = this.next[m]) {
      if (m === n) {
        if (prev < 0) this.head[pfn] = this.next[n];
        else this.next[prev] = this.next[n];
        break;
      }
    }
    this.next[n] = this.free;
    this.free = n;
  }

  nextOf(n: number): number {
    return this.next[n];
  }

  /** The next node on the pmap's list. */
  pnextOf(n: number): number {
    return this.pnext[n];
  }

  pprevOf(n: number): number {
    return this.pprev[n];
  }

  asidOf(n: number): number {
    return this.asid[n];
  }

  vpnOf(n: number): number {
    return this.vpn[n];
  }

  /** The mappings of a frame as pairs (a copy: safe to iterate while changing the lists). */
  list(pfn: number): { asid: number; vpn: number }[] {
    const out: { asid: number; vpn: number }[] = [];
    for (let n = this.head[pfn]; n >= 0; n = this.next[n]) out.push({ asid: this.asid[n], vpn: this.vpn[n] });
    return out;
  }

  save(): PvState {
    const u = this.used;
    const frames: number[] = [];
    const nodes: number[] = [];
    for (let pfn = 0; pfn < this.head.length; pfn++) {
      if (this.head[pfn] !== NONE) {
        frames.push(pfn);
        nodes.push(this.head[pfn]);
      }
    }
    return {
      capacity: this.next.length, used: u, free: this.free, next: this.next.slice(0, u), asid: this.asid.slice(0, u), vpn: this.vpn.slice(0, u),
      pnext: this.pnext.slice(0, u), pprev: this.pprev.slice(0, u), headFrames: Int32Array.from(frames), headNodes: Int32Array.from(nodes),
    };
  }

  restore(s: PvState): void {
    this.head.fill(NONE);
    s.headFrames.forEach((pfn, i) => (this.head[pfn] = s.headNodes[i]));
    this.next = grown(s.next, s.capacity);
    this.asid = grown(s.asid, s.capacity);
    this.vpn = new Float64Array(s.capacity);
    this.vpn.set(s.vpn);
    this.pnext = grown(s.pnext, s.capacity);
    this.pprev = grown(s.pprev, s.capacity);
    this.free = s.free;
    this.used = s.used;
  }

  private grow(): void {
    const size = this.next.length * 2;
    const vpn = new Float64Array(size);
    vpn.set(this.vpn);
    this.vpn = vpn;
    this.next = grown(this.next, size);
    this.asid = grown(this.asid, size);
    this.pnext = grown(this.pnext, size);
    this.pprev = grown(this.pprev, size);
  }
}

function grown(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** The physical-map layer of the whole machine: every task's pmap, the pv lists, and the TLB. */
export class PmapSystem {
  readonly pmaps = new Map<number, Pmap>();
  /** frame → the (asid, vpn) pairs that map it; pmap → its mappings in order. */
  private readonly pv: PvLists;

  constructor(
    private readonly mem: PhysMem,
    readonly tlb: Tlb,
    /** The event sink while tracing, null otherwise. */
    private readonly trace: () => EventSink | null = () => null,
  ) {
    this.pv = new PvLists(mem.frames);
  }

  create(asid: number): Pmap {
    const p = new Pmap(asid);
    this.pmaps.set(asid, p);
    this.tlb.ensureAsid(asid);
    return p;
  }

  /** pmap_enter: maps vpn to pfn with prot, replacing (and shooting down) any older mapping. */
  enter(p: Pmap, vpn: number, pfn: number, prot: number): void {
    let leaf = p.leaf(vpn, true)!;
    const i = slot(vpn);
    const old = leaf[i];
    p.version = ++versions;
    if (old !== NONE) {
      const oldPfn = packedPfn(old);
      if (oldPfn === pfn) {
        leaf[i] = pfn * PROT_BITS + prot;
        if ((packedProt(old) & ~prot) !== 0) this.shoot(p.asid, vpn);
        return;
      }
      this.removeOne(p, vpn, old);
      leaf = p.leaf(vpn, true)!; // the removal may have dropped an emptied leaf
    }
    leaf[i] = pfn * PROT_BITS + prot;
    leaf[i + 1] = this.pv.add(pfn, p, vpn);
    leaf[LEAF_COUNT]++;
    p.size++;
    this.mem.mapCount[pfn]++;
  }

  /** pmap_remove for one page. */
  remove(p: Pmap, vpn: number): void {
    const old = p.lookup(vpn);
    if (old !== NONE) this.removeOne(p, vpn, old);
  }

  /** pmap_remove over [startVpn, endVpn). Walks whichever is smaller: the range or the table. */
  removeRange(p: Pmap, startVpn: number, endVpn: number): void {
    const sink = this.trace();
    if (sink !== null) sink.begin('shootdown');
    if (endVpn - startVpn <= p.size) {
      for (let v = startVpn; v < endVpn; v++) this.remove(p, v);
    } else {
      for (let n = p.head; n !== NONE; ) {
        const vpn = this.pv.vpnOf(n);
        n = this.pv.pnextOf(n); // a removal frees only the node in hand
        if (vpn >= startVpn && vpn < endVpn) this.removeOne(p, vpn, p.lookup(vpn));
      }
    }
    if (sink !== null) sink.end();
  }

  /** pmap_protect: lowers every mapping in [startVpn, endVpn) to at most prot. */
  protectRange(p: Pmap, startVpn: number, endVpn: number, prot: number): void {
    const sink = this.trace();
    if (sink !== null) sink.begin('shootdown');
    if (endVpn - startVpn <= p.size) {
      for (let v = startVpn; v < endVpn; v++) {
        const packed = p.lookup(v);
        if (packed !== NONE) this.lower(p, v, packed, prot);
      }
    } else {
      for (let n = p.head; n !== NONE; ) {
        const vpn = this.pv.vpnOf(n);
        n = this.pv.pnextOf(n);
        if (vpn >= startVpn && vpn < endVpn) this.lower(p, vpn, p.lookup(vpn), prot);
      }
    }
    if (sink !== null) sink.end();
  }

  /** pmap_page_protect: lowers every mapping of a frame, in every task (NONE removes them). */
  pageProtect(pfn: number, prot: number): void {
    if (this.pv.head[pfn] < 0) return; // nobody maps it: nothing to lower, no op to trace
    const sink = this.trace();
    if (sink !== null) sink.begin('shootdown');
    this.pageProtectAll(pfn, prot);
    if (sink !== null) sink.end();
  }

  private pageProtectAll(pfn: number, prot: number): void {
    // walk the frame's list without allocating; a removal frees only the node in hand
    for (let n = this.pv.head[pfn]; n >= 0; ) {
      const next = this.pv.nextOf(n);
      const asid = this.pv.asidOf(n);
      const vpn = this.pv.vpnOf(n);
      n = next;
      const p = this.pmaps.get(asid)!;
      const packed = p.lookup(vpn);
      const cur = packedProt(packed);
      if ((cur & ~prot) === 0) continue;
      if ((cur & prot) === 0) this.removeOne(p, vpn, packed);
      else this.lowered(p, vpn, pfn, cur & prot);
    }
  }

  /**
   * pmap_clear_reference: the clock cleared the frame's referenced bit; its TLB entries are shot
   * down (the pmap mappings stay) so the next access reloads the translation and sets it again.
   */
  clearReference(pfn: number): void {
    for (let n = this.pv.head[pfn]; n >= 0; n = this.pv.nextOf(n)) this.shoot(this.pv.asidOf(n), this.pv.vpnOf(n));
  }

  /** Every mapping of a task goes (task_terminate). */
  destroy(p: Pmap): void {
    for (let n = p.head; n !== NONE; ) {
      const vpn = this.pv.vpnOf(n);
      n = this.pv.pnextOf(n);
      this.removeOne(p, vpn, p.lookup(vpn));
    }
    this.tlb.flushAsid(p.asid);
    this.pmaps.delete(p.asid);
  }

  /** A pmap's mappings as [vpn, packed] pairs, in the order they were entered (a copy). */
  entriesOf(p: Pmap): [number, number][] {
    const out: [number, number][] = [];
    for (let n = p.head; n !== NONE; n = this.pv.pnextOf(n)) out.push([this.pv.vpnOf(n), p.lookup(this.pv.vpnOf(n))]);
    return out;
  }

  save(): PmapSystemState {
    return { pmaps: [...this.pmaps.values()].map((p) => p.save()), pv: this.pv.save() };
  }

  /** Becomes the saved pmaps (new Pmap objects: the tasks' are rebuilt with them, kernel_state.ts). */
  restore(s: PmapSystemState): void {
    this.pmaps.clear();
    for (const p of s.pmaps) this.pmaps.set(p.asid, Pmap.restore(p));
    this.pv.restore(s.pv);
  }

  /** Disagreements between a pmap's table and its list of mappings, for the invariant checker. */
  checkPmap(p: Pmap): string[] {
    const problems: string[] = [];
    let count = 0;
    let prev = NONE;
    for (let n = p.head; n !== NONE && count <= p.size; prev = n, n = this.pv.pnextOf(n), count++) {
      const vpn = this.pv.vpnOf(n);
      if (this.pv.pprevOf(n) !== prev) problems.push(`node ${n}: back link ${this.pv.pprevOf(n)}, not ${prev}`);
      if (this.pv.asidOf(n) !== p.asid) problems.push(`node ${n}: on the list but tagged asid ${this.pv.asidOf(n)}`);
      const leaf = p.leaf(vpn, false);
      if (leaf === null || leaf[slot(vpn)] === NONE) problems.push(`vpn ${hex(vpn)}: listed but not in the table`);
      else if (leaf[slot(vpn) + 1] !== n) problems.push(`vpn ${hex(vpn)}: the table names node ${leaf[slot(vpn) + 1]}, the list ${n}`);
    }
    if (prev !== p.tail) problems.push(`the list ends at node ${prev}, tail says ${p.tail}`);
    if (count !== p.size) problems.push(`${count} mappings listed, size says ${p.size}`);
    return problems;
  }

  /** The (task, vpn) mappings of a frame, for the UI and the invariant checker. */
  mappingsOf(pfn: number): readonly { asid: number; vpn: number }[] {
    return this.pv.list(pfn);
  }

  /** Lowers one mapping to at most prot (pmap_protect's step). */
  private lower(p: Pmap, vpn: number, packed: number, prot: number): void {
    const cur = packedProt(packed);
    if ((cur & ~prot) === 0) return;
    if ((cur & prot) === 0) {
      this.removeOne(p, vpn, packed);
      return;
    }
    this.lowered(p, vpn, packedPfn(packed), cur & prot);
  }

  private lowered(p: Pmap, vpn: number, pfn: number, prot: number): void {
    p.leaf(vpn, false)![slot(vpn)] = pfn * PROT_BITS + prot;
    p.version = ++versions;
    const sink = this.trace();
    if (sink !== null) sink.emit({ type: 'pmap_protect', task: p.asid, vpn, frame: pfn, prot, id: 0, op: 0, opKind: 'call', parentOp: null });
    this.shoot(p.asid, vpn);
  }

  private shoot(asid: number, vpn: number): void {
    if (this.tlb.shootdown(asid, vpn) > 0) {
      const sink = this.trace();
      if (sink !== null) sink.emit({ type: 'tlb_shootdown', task: asid, vpn, id: 0, op: 0, opKind: 'call', parentOp: null });
    }
  }

  private removeOne(p: Pmap, vpn: number, packed: number): void {
    const pfn = packedPfn(packed);
    const leaf = p.leaf(vpn, false)!;
    const i = slot(vpn);
    const node = leaf[i + 1];
    leaf[i] = NONE;
    leaf[i + 1] = NONE;
    if (--leaf[LEAF_COUNT] === 0) p.dropLeaf(vpn);
    p.size--;
    p.version = ++versions;
    const sink = this.trace();
    if (sink !== null) sink.emit({ type: 'pmap_remove', task: p.asid, vpn, frame: pfn, id: 0, op: 0, opKind: 'call', parentOp: null });
    this.pv.remove(pfn, p, node);
    this.mem.mapCount[pfn]--;
    this.shoot(p.asid, vpn);
  }
}
