import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceBuffer, type KernelEvent } from './events';
import { PhysMem } from './phys_mem';
import { PmapSystem, packedPfn, packedProt, type Pmap } from './pmap';
import { Tlb } from './tlb';

const FRAMES = 16;

function system(): { sys: PmapSystem; mem: PhysMem; trace: TraceBuffer; maps: Pmap[] } {
  const mem = new PhysMem(FRAMES, 4096);
  const trace = new TraceBuffer();
  const sys = new PmapSystem(mem, new Tlb(8, 2), () => trace);
  return { sys, mem, trace, maps: [sys.create(1), sys.create(2), sys.create(3)] };
}

/**
 * The pmap as it was specified with Maps: vpn → pfn × 8 + prot per task, in insertion order; a
 * frame's mappings newest first. The events the real one emits must come in the same order.
 */
class Model {
  readonly tables = new Map<number, Map<number, number>>([[1, new Map()], [2, new Map()], [3, new Map()]]);
  readonly pv = new Map<number, [number, number][]>();
  events: string[] = [];

  enter(asid: number, vpn: number, pfn: number, prot: number): void {
    const t = this.tables.get(asid)!;
    const old = t.get(vpn);
    if (old !== undefined) {
      if (packedPfn(old) === pfn) {
        t.set(vpn, pfn * 8 + prot);
        return;
      }
      this.removeOne(asid, vpn, old);
    }
    t.set(vpn, pfn * 8 + prot);
    this.pv.set(pfn, [[asid, vpn], ...(this.pv.get(pfn) ?? [])]);
  }

  removeRange(asid: number, s: number, e: number): void {
    const t = this.tables.get(asid)!;
    const vpns = e - s <= t.size ? Array.from({ length: Math.max(0, e - s) }, (_, i) => s + i) : [...t.keys()];
    for (const v of vpns) if (v >= s && v < e && t.has(v)) this.removeOne(asid, v, t.get(v)!);
  }

  protectRange(asid: number, s: number, e: number, prot: number): void {
    const t = this.tables.get(asid)!;
    const vpns = e - s <= t.size ? Array.from({ length: Math.max(0, e - s) }, (_, i) => s + i) : [...t.keys()];
    for (const v of vpns) if (v >= s && v < e && t.has(v)) this.lower(asid, v, prot);
  }

  pageProtect(pfn: number, prot: number): void {
    for (const [asid, vpn] of [...(this.pv.get(pfn) ?? [])]) this.lower(asid, vpn, prot);
  }

  private lower(asid: number, vpn: number, prot: number): void {
    const t = this.tables.get(asid)!;
    const packed = t.get(vpn)!;
    const cur = packedProt(packed);
    if ((cur & ~prot) === 0) return;
    if ((cur & prot) === 0) this.removeOne(asid, vpn, packed);
    else {
      t.set(vpn, packedPfn(packed) * 8 + (cur & prot));
      this.events.push(`protect ${asid} ${vpn} ${cur & prot}`);
    }
  }

  private removeOne(asid: number, vpn: number, packed: number): void {
    const pfn = packedPfn(packed);
    this.tables.get(asid)!.delete(vpn);
    this.pv.set(pfn, this.pv.get(pfn)!.filter(([a, v]) => a !== asid || v !== vpn));
    this.events.push(`remove ${asid} ${vpn}`);
  }
}

function told(events: KernelEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.type === 'pmap_remove') out.push(`remove ${e.task} ${e.vpn}`);
    else if (e.type === 'pmap_protect') out.push(`protect ${e.task} ${e.vpn} ${e.prot}`);
  }
  return out;
}

describe('pmap', () => {
  it('maps vpns in both levels of the table: near the bottom, and far up a 48-bit space', () => {
    const { sys, mem, maps } = system();
    const [p] = maps;
    for (const [vpn, pfn] of [[0, 1], [511, 2], [512, 3], [2 ** 20 - 1, 4], [2 ** 20, 5], [2 ** 36 - 1, 6]]) sys.enter(p, vpn, pfn, 3);
    expect([0, 511, 512, 2 ** 20 - 1, 2 ** 20, 2 ** 36 - 1, 1, 2 ** 20 + 1, 2 ** 36 - 2].map((v) => p.lookup(v))).toEqual([
      1 * 8 + 3, 2 * 8 + 3, 3 * 8 + 3, 4 * 8 + 3, 5 * 8 + 3, 6 * 8 + 3, -1, -1, -1,
    ]);
    expect(p.size).toBe(6);
    expect(sys.entriesOf(p).map(([v]) => v)).toEqual([0, 511, 512, 2 ** 20 - 1, 2 ** 20, 2 ** 36 - 1]);
    expect(p.lowest(4).map(([v]) => v)).toEqual([0, 511, 512, 2 ** 20 - 1]);
    expect(p.lowest(10).map(([v]) => v)).toEqual([0, 511, 512, 2 ** 20 - 1, 2 ** 20, 2 ** 36 - 1]);
    expect(mem.mapCount[6]).toBe(1);
    sys.destroy(p);
    expect(p.size).toBe(0);
    expect(p.lookup(2 ** 36 - 1)).toBe(-1);
    expect([...mem.mapCount]).toEqual(new Array(FRAMES).fill(0));
  });

  it('agrees with the Map-based pmap: lookups, order of mappings, order of events', () => {
    const vpn = fc.oneof(fc.nat(20), fc.integer({ min: 500, max: 530 }), fc.constantFrom(2 ** 20 - 2, 2 ** 20 + 3, 2 ** 36 - 5));
    const op = fc.oneof(
      { weight: 5, arbitrary: fc.record({ t: fc.constant('enter' as const), asid: fc.integer({ min: 1, max: 3 }), vpn, pfn: fc.nat(FRAMES - 1), prot: fc.integer({ min: 1, max: 7 }) }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('removeRange' as const), asid: fc.integer({ min: 1, max: 3 }), vpn, n: fc.oneof(fc.nat(4), fc.nat(2 ** 21)) }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('protectRange' as const), asid: fc.integer({ min: 1, max: 3 }), vpn, n: fc.oneof(fc.nat(4), fc.nat(2 ** 21)), prot: fc.nat(7) }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('pageProtect' as const), pfn: fc.nat(FRAMES - 1), prot: fc.nat(7) }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const { sys, mem, trace, maps } = system();
        const m = new Model();
        for (const o of ops) {
          const versions = maps.map((p) => p.version);
          const tables = maps.map((p) => JSON.stringify(sys.entriesOf(p)));
          if (o.t === 'enter') {
            sys.enter(maps[o.asid - 1], o.vpn, o.pfn, o.prot);
            m.enter(o.asid, o.vpn, o.pfn, o.prot);
          } else if (o.t === 'removeRange') {
            sys.removeRange(maps[o.asid - 1], o.vpn, o.vpn + o.n);
            m.removeRange(o.asid, o.vpn, o.vpn + o.n);
          } else if (o.t === 'protectRange') {
            sys.protectRange(maps[o.asid - 1], o.vpn, o.vpn + o.n, o.prot);
            m.protectRange(o.asid, o.vpn, o.vpn + o.n, o.prot);
          } else {
            sys.pageProtect(o.pfn, o.prot);
            m.pageProtect(o.pfn, o.prot);
          }
          expect(told(trace.take())).toEqual(m.events);
          m.events = [];
          // a pmap whose mappings changed has a new version (the snapshot remakes its list only then)
          maps.forEach((p, i) => {
            if (JSON.stringify(sys.entriesOf(p)) !== tables[i]) expect(p.version).not.toBe(versions[i]);
          });
        }
        const counts = new Array(FRAMES).fill(0);
        for (const p of maps) {
          const t = m.tables.get(p.asid)!;
          expect(sys.checkPmap(p)).toEqual([]);
          expect(sys.entriesOf(p)).toEqual([...t]);
          const byVpn = [...t].sort((a, b) => a[0] - b[0]);
          expect(p.lowest(5)).toEqual(byVpn.slice(0, 5));
          expect(p.lowest(Infinity)).toEqual(byVpn);
          expect(p.size).toBe(t.size);
          for (const [v, packed] of t) {
            expect(p.lookup(v)).toBe(packed);
            counts[packedPfn(packed)]++;
          }
        }
        expect([...mem.mapCount]).toEqual(counts);
        for (let pfn = 0; pfn < FRAMES; pfn++) {
          expect(sys.mappingsOf(pfn).map((x) => [x.asid, x.vpn])).toEqual(m.pv.get(pfn) ?? []);
        }
      }),
      { numRuns: 400 },
    );
  });
});
