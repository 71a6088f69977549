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

/** The physical-map layer of the whole machine: every task's pmap, the pv lists, and the TLB. */
export class PmapSystem {
  readonly pmaps = new Map<number, Pmap>();
  /** frame → the (asid, vpn) pairs that map it (cold: touched on enter, remove and eviction). */
  private readonly pv: { asid: number; vpn: number }[][];

  constructor(
    private readonly mem: PhysMem,
    readonly tlb: Tlb,
    /** The event sink while tracing, null otherwise. */
    private readonly trace: () => EventSink | null = () => null,
  ) {
    this.pv = Array.from({ length: mem.frames }, () => []);
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
    this.pv[pfn].push({ asid: p.asid, vpn });
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
    const list = this.pv[pfn];
    for (let i = list.length - 1; i >= 0; i--) {
      const { asid, vpn } = list[i];
      const p = this.pmaps.get(asid)!;
      const packed = p.table.get(vpn)!;
      const cur = packedProt(packed);
      if ((cur & ~prot) === 0) continue;
      if ((cur & prot) === 0) this.removeOne(p, vpn, packed);
      else this.lowered(p, vpn, pfn, cur & prot);
    }
  }

  /** Every mapping of a task goes (task_terminate). */
  destroy(p: Pmap): void {
    for (const [vpn, packed] of [...p.table]) this.removeOne(p, vpn, packed);
    this.tlb.flushAsid(p.asid);
    this.pmaps.delete(p.asid);
  }

  /** The (task, vpn) mappings of a frame, for the UI and the invariant checker. */
  mappingsOf(pfn: number): readonly { asid: number; vpn: number }[] {
    return this.pv[pfn];
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
    const list = this.pv[pfn];
    for (let i = 0; i < list.length; i++) {
      if (list[i].asid === p.asid && list[i].vpn === vpn) {
        list.splice(i, 1);
        break;
      }
    }
    this.mem.mapCount[pfn]--;
    this.shoot(p.asid, vpn);
  }
}
