/**
 * pmap: each task's page table, vpn → (frame, protection), the machine-dependent layer under the
 * VM system (xnu osfmk/ARCH/pmap.c, GNU Mach i386/intel/pmap.c), plus the reverse map from a frame to
 * every (task, vpn) mapping it (the "pv list"), which eviction and copy-up need.
 *
 *   task A pmap: vpn 0x10 → frame 3 r-   vpn 0x11 → frame 7 rw
 *   frame 3 pv:  (A, 0x10) (B, 0x10)
 *
 * Every change that removes or lowers a mapping shoots the TLB entry down (pmap_remove,
 * pmap_protect, pmap_page_protect). Entries are packed numbers (pfn × 8 + prot): no strings, no
 * objects on the access path.
 */
import type { EventSink } from './events';
import type { PhysMem } from './phys_mem';
import type { Tlb } from './tlb';

const PROT_BITS = 8;

export class Pmap {
  /** vpn → pfn * 8 + prot */
  readonly table = new Map<number, number>();

  constructor(readonly asid: number) {}

  /** The packed mapping of vpn, or -1. */
  lookup(vpn: number): number {
    const v = this.table.get(vpn);
    return v === undefined ? -1 : v;
  }
}

export function packedPfn(packed: number): number {
  return Math.floor(packed / PROT_BITS);
}

export function packedProt(packed: number): number {
  return packed % PROT_BITS;
}

/**
 * The reverse map: for each frame, a singly linked list of (asid, vpn) nodes kept in typed-array
 * pools (no object per mapping, no array per frame).
 */
class PvLists {
  readonly head: Int32Array;
  private next = new Int32Array(64);
  private asid = new Int32Array(64);
  private vpn = new Float64Array(64);
  private free = -1;
  private used = 0;

  constructor(frames: number) {
    this.head = new Int32Array(frames).fill(-1);
  }

  add(pfn: number, asid: number, vpn: number): void {
    let n = this.free;
    if (n >= 0) this.free = this.next[n];
    else {
      if (this.used === this.next.length) this.grow();
      n = this.used++;
    }
    this.asid[n] = asid;
    this.vpn[n] = vpn;
    this.next[n] = this.head[pfn];
    this.head[pfn] = n;
  }

  remove(pfn: number, asid: number, vpn: number): void {
    let prev = -1;
    for (let n = this.head[pfn]; n >= 0; prev = n, n = this.next[n]) {
      if (this.asid[n] === asid && this.vpn[n] === vpn) {
        if (prev < 0) this.head[pfn] = this.next[n];
        else this.next[prev] = this.next[n];
        this.next[n] = this.free;
        this.free = n;
        return;
      }
    }
  }

  nextOf(n: number): number {
    return this.next[n];
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

  private grow(): void {
    const size = this.next.length * 2;
    const next = new Int32Array(size);
    next.set(this.next);
    const asid = new Int32Array(size);
    asid.set(this.asid);
    const vpn = new Float64Array(size);
    vpn.set(this.vpn);
    this.next = next;
    this.asid = asid;
    this.vpn = vpn;
  }
}

/** The physical-map layer of the whole machine: every task's pmap, the pv lists, and the TLB. */
export class PmapSystem {
  readonly pmaps = new Map<number, Pmap>();
  /** frame → the (asid, vpn) pairs that map it. */
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
    const old = p.table.get(vpn);
    if (old !== undefined) {
      const oldPfn = packedPfn(old);
      if (oldPfn === pfn) {
        p.table.set(vpn, pfn * PROT_BITS + prot);
        if ((packedProt(old) & ~prot) !== 0) this.shoot(p.asid, vpn);
        return;
      }
      this.removeOne(p, vpn, old);
    }
    p.table.set(vpn, pfn * PROT_BITS + prot);
    this.pv.add(pfn, p.asid, vpn);
    this.mem.mapCount[pfn]++;
  }

  /** pmap_remove for one page. */
  remove(p: Pmap, vpn: number): void {
    const old = p.table.get(vpn);
    if (old !== undefined) this.removeOne(p, vpn, old);
  }

  /** pmap_remove over [startVpn, endVpn). Walks whichever is smaller: the range or the table. */
  removeRange(p: Pmap, startVpn: number, endVpn: number): void {
    if (endVpn - startVpn <= p.table.size) {
      for (let v = startVpn; v < endVpn; v++) this.remove(p, v);
      return;
    }
    for (const [vpn, packed] of [...p.table]) if (vpn >= startVpn && vpn < endVpn) this.removeOne(p, vpn, packed);
  }

  /** pmap_protect: lowers every mapping in [startVpn, endVpn) to at most prot. */
  protectRange(p: Pmap, startVpn: number, endVpn: number, prot: number): void {
    const lower = (vpn: number, packed: number) => {
      const cur = packedProt(packed);
      if ((cur & ~prot) === 0) return;
      if ((cur & prot) === 0) {
        this.removeOne(p, vpn, packed);
        return;
      }
      this.lowered(p, vpn, packedPfn(packed), cur & prot);
    };
    if (endVpn - startVpn <= p.table.size) {
      for (let v = startVpn; v < endVpn; v++) {
        const packed = p.table.get(v);
        if (packed !== undefined) lower(v, packed);
      }
      return;
    }
    for (const [vpn, packed] of [...p.table]) if (vpn >= startVpn && vpn < endVpn) lower(vpn, packed);
  }

  /** pmap_page_protect: lowers every mapping of a frame, in every task (NONE removes them). */
  pageProtect(pfn: number, prot: number): void {
    // walk the frame's list without allocating; a removal frees only the node in hand
    for (let n = this.pv.head[pfn]; n >= 0; ) {
      const next = this.pv.nextOf(n);
      const asid = this.pv.asidOf(n);
      const vpn = this.pv.vpnOf(n);
      n = next;
      const p = this.pmaps.get(asid)!;
      const packed = p.table.get(vpn)!;
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
    for (const [vpn, packed] of [...p.table]) this.removeOne(p, vpn, packed);
    this.tlb.flushAsid(p.asid);
    this.pmaps.delete(p.asid);
  }

  /** The (task, vpn) mappings of a frame, for the UI and the invariant checker. */
  mappingsOf(pfn: number): readonly { asid: number; vpn: number }[] {
    return this.pv.list(pfn);
  }

  private lowered(p: Pmap, vpn: number, pfn: number, prot: number): void {
    p.table.set(vpn, pfn * PROT_BITS + prot);
    const sink = this.trace();
    if (sink !== null) sink.emit({ type: 'pmap_protect', task: p.asid, vpn, frame: pfn, prot });
    this.shoot(p.asid, vpn);
  }

  private shoot(asid: number, vpn: number): void {
    if (this.tlb.shootdown(asid, vpn) > 0) {
      const sink = this.trace();
      if (sink !== null) sink.emit({ type: 'tlb_shootdown', task: asid, vpn });
    }
  }

  private removeOne(p: Pmap, vpn: number, packed: number): void {
    const pfn = packedPfn(packed);
    p.table.delete(vpn);
    const sink = this.trace();
    if (sink !== null) sink.emit({ type: 'pmap_remove', task: p.asid, vpn, frame: pfn });
    this.pv.remove(pfn, p.asid, vpn);
    this.mem.mapCount[pfn]--;
    this.shoot(p.asid, vpn);
  }
}
