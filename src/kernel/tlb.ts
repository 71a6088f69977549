/**
 * tlb: one software TLB shared by every task, tagged with ASIDs (each task's id), as the hardware
 * TLBs a Mach pmap layer manages. Geometry: `entries / ways` sets, a page's set is vpn mod sets,
 * LRU within a set (docs/semantics.md, "The machine").
 *
 *   set 0: [asid vpn pfn prot lru] [asid vpn pfn prot lru] ... (ways)
 *   set 1: [ ... ]
 *
 * State lives in typed arrays (after v86's TLB): the hit path is a short loop
 * over one set with no allocation; the miss path (pmap walk, fault, fill) is elsewhere. Every pmap
 * change that removes or lowers a mapping calls shootdown(), which invalidates matching entries
 * and counts them. Miss and shootdown statistics are per ASID; hits are counted per task by trap.ts.
 * fill() remembers the valid entry it replaced (evictedAsid / evictedVpn / evictedPfn, -1 when it took
 * an empty or invalid way, or rewrote the same page's entry): trap.ts puts it in the tlb_fill event.
 * save() / restore() copy every slot and the counters (kernel_state.ts).
 */

export const TLB_INVALID = -1;

/** ASIDs are below this: an entry's (vpn, asid) pair packs into one exact double, vpn × 2^16 + asid. */
export const ASID_LIMIT = 65536;

/** The TLB as plain data (kernel_state.ts): every slot (a TLB is at most 4,096 entries) and the counters. */
export interface TlbState {
  entries: number;
  ways: number;
  mru: Int32Array;
  key: Float64Array;
  vpn: Float64Array;
  asid: Int32Array;
  pfn: Int32Array;
  prot: Uint8Array;
  lru: Float64Array;
  clock: number;
  missCount: Float64Array;
  shootdownCount: Float64Array;
}

export class Tlb {
  readonly sets: number;
  /** sets - 1 when sets is a power of two (the set index is then a mask, not a division), else -1. */
  private readonly setMask: number;
  /** The most recently used way of each set: a hit on it needs no LRU update. */
  private readonly mru: Int32Array;
  /** vpn × 2^16 + asid of each entry, TLB_INVALID when empty: the hit path compares one number. */
  private readonly key: Float64Array;
  private readonly vpn: Float64Array;
  private readonly asid: Int32Array;
  private readonly pfn: Int32Array;
  private readonly prot: Uint8Array;
  private readonly lru: Float64Array;
  private clock = 0;
  private missCount = new Float64Array(16);
  private shootdownCount = new Float64Array(16);
  /**
   * The valid entry (any ASID's) the last fill() evicted from its way: its ASID, vpn and frame; all
   * -1 when the fill took an empty or invalid way, or rewrote the entry of the same (ASID, vpn).
   */
  evictedAsid = -1;
  evictedVpn = -1;
  evictedPfn = -1;

  constructor(
    readonly entries: number,
    readonly ways: number,
  ) {
    this.sets = entries / ways;
    this.setMask = (this.sets & (this.sets - 1)) === 0 ? this.sets - 1 : -1;
    this.mru = new Int32Array(this.sets).fill(-1);
    this.key = new Float64Array(entries).fill(TLB_INVALID);
    this.vpn = new Float64Array(entries).fill(TLB_INVALID);
    this.asid = new Int32Array(entries);
    this.pfn = new Int32Array(entries);
    this.prot = new Uint8Array(entries);
    this.lru = new Float64Array(entries);
  }

  /**
   * The hit path: the frame of (asid, vpn) when a valid entry grants `access` (VM_PROT bits);
   * TLB_INVALID otherwise, counting a miss. Hits are counted by the caller, on the task (a plain
   * integer field: a per-ASID array counter here cost a fifth of the hit path).
   */
  lookup(asid: number, vpn: number, access: number): number {
    const ways = this.ways;
    const set = this.setMask >= 0 ? vpn & this.setMask : vpn % this.sets; // vpn & mask: exact, ToInt32 keeps vpn mod 2^32
    const base = set * ways;
    const key = vpn * ASID_LIMIT + asid;
    const keys = this.key;
    for (let i = base; i < base + ways; i++) {
      if (keys[i] === key && (this.prot[i] & access) === access) {
        if (this.mru[set] !== i) {
          this.lru[i] = ++this.clock;
          this.mru[set] = i;
        }
        return this.pfn[i];
      }
    }
    this.missCount[asid]++;
    return TLB_INVALID;
  }

  /**
   * Enters (asid, vpn) → pfn with prot, replacing an entry for the same page, else a free way, else
   * the LRU way (whose entry is then remembered in evictedAsid / evictedVpn / evictedPfn). Returns the slot.
   */
  fill(asid: number, vpn: number, pfn: number, prot: number): number {
    const ways = this.ways;
    const set = this.setMask >= 0 ? vpn & this.setMask : vpn % this.sets;
    const base = set * ways;
    let victim = base;
    for (let i = base; i < base + ways; i++) {
      if (this.vpn[i] === vpn && this.asid[i] === asid) {
        victim = i;
        break;
      }
      if (this.vpn[i] === TLB_INVALID) {
        if (this.vpn[victim] !== TLB_INVALID) victim = i;
      } else if (this.vpn[victim] !== TLB_INVALID && this.lru[i] < this.lru[victim]) {
        victim = i;
      }
    }
    const evicting = this.vpn[victim] !== TLB_INVALID && (this.vpn[victim] !== vpn || this.asid[victim] !== asid);
    this.evictedAsid = evicting ? this.asid[victim] : -1;
    this.evictedVpn = evicting ? this.vpn[victim] : -1;
    this.evictedPfn = evicting ? this.pfn[victim] : -1;
    this.key[victim] = vpn * ASID_LIMIT + asid;
    this.vpn[victim] = vpn;
    this.asid[victim] = asid;
    this.pfn[victim] = pfn;
    this.prot[victim] = prot;
    this.lru[victim] = ++this.clock;
    this.mru[set] = victim;
    return victim;
  }

  /** Invalidates the entry of (asid, vpn), if any; returns how many were invalidated (0 or 1). */
  shootdown(asid: number, vpn: number): number {
    const ways = this.ways;
    const base = (this.setMask >= 0 ? vpn & this.setMask : vpn % this.sets) * ways;
    let n = 0;
    for (let i = base; i < base + ways; i++) {
      if (this.vpn[i] === vpn && this.asid[i] === asid) {
        this.vpn[i] = TLB_INVALID;
        this.key[i] = TLB_INVALID;
        n++;
      }
    }
    this.shootdownCount[asid] += n;
    return n;
  }

  /** Invalidates every entry of one ASID (task termination). */
  flushAsid(asid: number): number {
    let n = 0;
    for (let i = 0; i < this.entries; i++) {
      if (this.vpn[i] !== TLB_INVALID && this.asid[i] === asid) {
        this.vpn[i] = TLB_INVALID;
        this.key[i] = TLB_INVALID;
        n++;
      }
    }
    this.shootdownCount[asid] += n;
    return n;
  }

  /** Makes room for statistics of ASIDs up to `asid`. */
  ensureAsid(asid: number): void {
    if (asid < this.missCount.length) return;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(Math.max(asid + 1, a.length * 2));
      b.set(a);
      return b;
    };
    this.missCount = grow(this.missCount);
    this.shootdownCount = grow(this.shootdownCount);
  }

  misses(asid: number): number {
    return this.missCount[asid] ?? 0;
  }

  shootdowns(asid: number): number {
    return this.shootdownCount[asid] ?? 0;
  }

  save(): TlbState {
    return {
      entries: this.entries, ways: this.ways, mru: this.mru.slice(), key: this.key.slice(), vpn: this.vpn.slice(), asid: this.asid.slice(),
      pfn: this.pfn.slice(), prot: this.prot.slice(), lru: this.lru.slice(), clock: this.clock,
      missCount: this.missCount.slice(), shootdownCount: this.shootdownCount.slice(),
    };
  }

  restore(s: TlbState): void {
    if (s.entries !== this.entries || s.ways !== this.ways) throw new Error(`tlb: a save of ${s.entries} entries, ${s.ways} ways cannot be restored into ${this.entries}, ${this.ways}`);
    this.mru.set(s.mru);
    this.key.set(s.key);
    this.vpn.set(s.vpn);
    this.asid.set(s.asid);
    this.pfn.set(s.pfn);
    this.prot.set(s.prot);
    this.lru.set(s.lru);
    this.clock = s.clock;
    this.missCount = s.missCount.slice();
    this.shootdownCount = s.shootdownCount.slice();
  }

  /** A copy of every valid entry, for the UI and the invariant checker. */
  snapshot(): { index: number; asid: number; vpn: number; pfn: number; prot: number }[] {
    const out = [];
    for (let i = 0; i < this.entries; i++) {
      if (this.vpn[i] !== TLB_INVALID) out.push({ index: i, asid: this.asid[i], vpn: this.vpn[i], pfn: this.pfn[i], prot: this.prot[i] });
    }
    return out;
  }
}
