/**
 * The address-map calls against a naive reference model (fast-check).
 *
 * The model is a per-page array for each task: page → {cur, max, inheritance, object, offset,
 * needsCopy} or null, and implements semantics.md's rules by linear scans (first fit scans pages
 * upward from page 1). Random sequences of vm_allocate, vm_map (MEMORY_OBJECT_NULL and pagers,
 * copy FALSE and TRUE), vm_deallocate, vm_protect, vm_inherit, vm_region and task_terminate run on
 * both; after every call the result code, the returned address, every page's attributes as a
 * vm_region walk shows them, the shared flags, and checkInvariants must agree.
 *
 * Object identity: the model names objects symbolically ('file F', 'copy #3'); the test keeps a
 * one-to-one correspondence with the kernel's ids, built as ids first appear.
 *
 * Entries: the model knows where each entry begins (Page.start): a new mapping begins one unless
 * it extends the anonymous entry before it, a range call clips at both ends, vm_protect then merges
 * neighbours of the same object at contiguous offsets with equal attributes. So vm_region's
 * address, size, attributes, offset and object are compared as they are, not only the pages.
 * The model's constants and checks are its own (from the Mach headers and semantics.md), not the
 * kernel's vm_param helpers.
 *
 * The map has 2^20 bytes (256 pages of 4 KiB), so the searches, holes and the end of the map are
 * all reached often. Masks are of the form 2^k - 1 (and ~0): the rule start = (start + mask) & ~mask
 * is only "the lowest aligned address" for such masks, which is what vm_map's callers pass.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInvariants, type MergedRange } from './invariants';
import { kernReturnName } from './kern_return';
import { Kernel } from './kernel';
import { task_terminate, vm_allocate, vm_deallocate, vm_inherit, vm_map, vm_protect, vm_region } from './vm_user';

const P = 4096;
const BITS = 20;
const MAX = 2 ** BITS;
const PAGES = MAX / P;
const TWO64 = 1n << 64n;
const RUNS = Number(process.env.VM_PROPERTY_RUNS ?? 3000);

// The model's own values (mach/kern_return.h, vm_prot.h, vm_inherit.h) and checks (semantics.md)
const KERN_SUCCESS = 0;
const KERN_INVALID_ADDRESS = 1;
const KERN_PROTECTION_FAILURE = 2;
const KERN_NO_SPACE = 3;
const KERN_INVALID_ARGUMENT = 4;
const KERN_INVALID_OBJECT = 29;
const VM_PROT_READ = 1;
const VM_PROT_DEFAULT = 3;
const VM_PROT_ALL = 7;
const VM_INHERIT_COPY = 1;
/** READ | WRITE | EXECUTE and nothing else. */
const validProt = (p: number): boolean => Number.isInteger(p) && p >= 0 && p <= 7;
/** SHARE (0), COPY (1) or NONE (2). */
const validInherit = (i: number): boolean => i === 0 || i === 1 || i === 2;

// ---------------------------------------------------------------------------------------------
// The reference model
// ---------------------------------------------------------------------------------------------

interface Page {
  cur: number;
  max: number;
  inh: number;
  obj: string; // 'null' for no object yet
  off: number;
  needsCopy: boolean;
  /** A map entry begins at this page (else the page continues the entry of the page before). */
  start: boolean;
}

interface PagerSpec {
  name: string;
  pages: number;
  max: number;
  failInit: boolean;
}

const PAGERS: PagerSpec[] = [
  { name: 'F', pages: 32, max: VM_PROT_ALL, failInit: false },
  { name: 'RO', pages: 4, max: VM_PROT_READ, failInit: false },
  { name: 'BAD', pages: 4, max: VM_PROT_ALL, failInit: true },
];

const u64 = (x: number): bigint => ((BigInt(x) % TWO64) + TWO64) % TWO64;
const roundUp = (x: bigint): bigint => ((x + BigInt(P) - 1n) / BigInt(P)) * BigInt(P);

class Model {
  tasks: Array<Array<Page | null> | null> = [];
  /** pager index → symbol of its current (unmodified) copy object */
  copyOf = new Map<number, string>();
  nextCopy = 1;

  constructor(ntasks: number) {
    for (let i = 0; i < ntasks; i++) this.tasks.push(new Array<Page | null>(PAGES).fill(null));
  }

  private live(sym: string): boolean {
    return this.tasks.some((t) => t !== null && t.some((p) => p !== null && p.obj === sym));
  }

  /** The placement rules: returns kr and the start page. */
  private place(t: Array<Page | null>, addr: number, size: number, mask: bigint, anywhere: boolean): { kr: number; page: number; n: number } {
    const len = roundUp(u64(size));
    if (anywhere) {
      const n = Number(len / BigInt(P) > BigInt(PAGES) ? BigInt(PAGES + 1) : len / BigInt(P));
      let best = -1;
      for (let p = 1; p < PAGES; p++) {
        const s = BigInt(p * P) + mask;
        if (s >= TWO64) continue;
        const a = s & ~mask & (TWO64 - 1n);
        if (a % BigInt(P) !== 0n || a + len > BigInt(MAX)) continue;
        const q = Number(a) / P;
        let free = true;
        for (let i = q; i < q + n; i++) if (t[i] !== null) free = false;
        if (free && (best < 0 || q < best)) best = q;
      }
      return best < 0 ? { kr: KERN_NO_SPACE, page: 0, n } : { kr: KERN_SUCCESS, page: best, n };
    }
    // fixed: placement rounding, round_page(size) bytes from the page containing addr
    const start = (u64(addr) / BigInt(P)) * BigInt(P);
    if ((start & mask) !== 0n) return { kr: KERN_NO_SPACE, page: 0, n: 0 };
    const end = start + len;
    if (end >= TWO64 || end > BigInt(MAX) || start >= end) return { kr: KERN_INVALID_ADDRESS, page: 0, n: 0 };
    const p0 = Number(start) / P;
    const p1 = Number(end) / P;
    for (let i = p0; i < p1; i++) if (t[i] !== null) return { kr: KERN_NO_SPACE, page: 0, n: 0 };
    return { kr: KERN_SUCCESS, page: p0, n: p1 - p0 };
  }

  /** Fills pages; an anonymous range continues the previous page's entry when attributes match. */
  private fill(t: Array<Page | null>, page: number, n: number, make: (i: number) => Omit<Page, 'start'>): void {
    const first = make(0);
    let base = 0;
    let extends_ = false;
    const prev = page > 0 ? t[page - 1] : null;
    if (first.obj === 'null' && prev !== null && prev.obj === 'null' && !prev.needsCopy &&
      prev.cur === first.cur && prev.max === first.max && prev.inh === first.inh) {
      base = prev.off + P; // vm_map_enter extended the previous entry
      extends_ = true;
    }
    for (let i = 0; i < n; i++) {
      const pg = { ...make(i), start: i === 0 && !extends_ };
      t[page + i] = first.obj === 'null' ? { ...pg, off: base + i * P } : pg;
    }
  }

  /** _vm_map_clip: an entry begins at page p (if p is mapped). */
  private clip(t: Array<Page | null>, p: number): void {
    const pg = p < PAGES ? t[p] : null;
    if (pg !== null) t[p] = { ...pg, start: true };
  }

  /** vm_map_simplify_entry over the boundaries at pages p0..p1: neighbours merge when they can. */
  private simplify(t: Array<Page | null>, p0: number, p1: number): void {
    for (let p = Math.max(1, p0); p <= Math.min(p1, PAGES - 1); p++) {
      const a = t[p - 1];
      const b = t[p];
      if (a === null || b === null || !b.start) continue;
      if (a.obj === b.obj && a.off + P === b.off && a.cur === b.cur && a.max === b.max && a.inh === b.inh && a.needsCopy === b.needsCopy) {
        t[p] = { ...b, start: false };
      }
    }
  }

  /** The entry holding page p: its first page and its end page (p mapped). */
  entryAt(t: Array<Page | null>, p: number): { first: number; end: number } {
    let first = p;
    while (!t[first]!.start) first--;
    let end = p + 1;
    while (end < PAGES && t[end] !== null && !t[end]!.start) end++;
    return { first, end };
  }

  allocate(task: number, addr: number, size: number, anywhere: boolean): { kr: number; address: number } {
    const t = this.tasks[task];
    if (t === null) return { kr: KERN_INVALID_ARGUMENT, address: addr };
    if (size === 0) return { kr: KERN_SUCCESS, address: 0 };
    if (roundUp(u64(size)) % TWO64 === 0n) return { kr: KERN_INVALID_ARGUMENT, address: addr };
    const pl = this.place(t, addr, size, 0n, anywhere);
    if (pl.kr !== KERN_SUCCESS) return { kr: pl.kr, address: addr };
    this.fill(t, pl.page, pl.n, () => ({ cur: VM_PROT_DEFAULT, max: VM_PROT_ALL, inh: VM_INHERIT_COPY, obj: 'null', off: 0, needsCopy: false }));
    return { kr: KERN_SUCCESS, address: pl.page * P };
  }

  map(task: number, addr: number, size: number, mask: bigint, anywhere: boolean, pager: number | null, unknown: boolean,
    offset: number, copy: boolean, cur: number, max: number, inh: number): { kr: number; address: number } {
    const t = this.tasks[task];
    const fail = (kr: number) => ({ kr, address: addr });
    if (t === null) return fail(KERN_INVALID_ARGUMENT);
    if (!validProt(cur) || !validProt(max)) return fail(KERN_INVALID_ARGUMENT);
    cur &= max;
    if (!validInherit(inh)) return fail(KERN_INVALID_ARGUMENT);
    if (size === 0 || roundUp(u64(size)) % TWO64 === 0n || u64(offset) + u64(size) >= TWO64) return fail(KERN_INVALID_ARGUMENT);
    if (pager === null && !unknown) {
      const pl = this.place(t, addr, size, mask, anywhere);
      if (pl.kr !== KERN_SUCCESS) return fail(pl.kr);
      this.fill(t, pl.page, pl.n, () => ({ cur, max, inh, obj: 'null', off: 0, needsCopy: false }));
      return { kr: KERN_SUCCESS, address: pl.page * P };
    }
    if (unknown || pager === null) return fail(KERN_INVALID_OBJECT);
    const spec = PAGERS[pager];
    const off = u64(offset);
    if (off % BigInt(P) !== 0n) return fail(KERN_INVALID_ARGUMENT);
    // the object must cover every mapped page: round_page(size) bytes, wherever they are placed
    if (off + roundUp(u64(size)) > BigInt(spec.pages * P)) return fail(KERN_INVALID_ARGUMENT);
    if ((max & spec.max) !== max) return fail(KERN_PROTECTION_FAILURE);
    if (spec.failInit) return fail(KERN_INVALID_OBJECT);
    const pl = this.place(t, addr, size, mask, anywhere);
    if (pl.kr !== KERN_SUCCESS) return fail(pl.kr);
    let sym = `file ${spec.name}`;
    if (copy) {
      const old = this.copyOf.get(pager);
      if (old !== undefined && this.live(old)) {
        sym = old; // an unmodified copy object is reused
      } else {
        sym = `copy #${this.nextCopy++}`;
        this.copyOf.set(pager, sym);
      }
    }
    const o = Number(off);
    this.fill(t, pl.page, pl.n, (i) => ({ cur, max, inh, obj: sym, off: o + i * P, needsCopy: copy }));
    return { kr: KERN_SUCCESS, address: pl.page * P };
  }

  /** [start page, end page) of a call's range, 'wrap', clamped to the map. */
  private range(addr: number, size: number): { p0: number; p1: number } | 'wrap' {
    const start = (u64(addr) / BigInt(P)) * BigInt(P);
    const end = roundUp(u64(addr) + u64(size));
    if (end >= TWO64) return 'wrap';
    const s = start > BigInt(MAX) ? MAX : Number(start);
    const e = end > BigInt(MAX) ? MAX : Number(end);
    return { p0: s / P, p1: e / P };
  }

  deallocate(task: number, addr: number, size: number): number {
    const t = this.tasks[task];
    if (t === null) return KERN_INVALID_ARGUMENT;
    if (size === 0) return KERN_SUCCESS;
    const r = this.range(addr, size);
    if (r === 'wrap') return KERN_INVALID_ARGUMENT;
    for (let i = r.p0; i < r.p1; i++) t[i] = null;
    this.clip(t, r.p1);
    return KERN_SUCCESS;
  }

  protect(task: number, addr: number, size: number, setMax: boolean, prot: number): number {
    const t = this.tasks[task];
    if (t === null) return KERN_INVALID_ARGUMENT;
    if (size === 0) return KERN_SUCCESS;
    if (!validProt(prot)) return KERN_INVALID_ARGUMENT;
    const start = (u64(addr) / BigInt(P)) * BigInt(P);
    const end = roundUp(u64(addr) + u64(size));
    if (end >= TWO64) return KERN_INVALID_ARGUMENT;
    // pages past the end of the map count as a hole
    const p0 = start >= BigInt(MAX) ? PAGES : Number(start) / P;
    const p1 = end > BigInt(MAX) ? PAGES + 1 : Number(end) / P;
    for (let i = p0; i < p1; i++) {
      const pg = i < PAGES ? t[i] : null;
      if (pg === null) return KERN_INVALID_ADDRESS;
      if ((prot & pg.max) !== prot) return KERN_PROTECTION_FAILURE;
    }
    this.clip(t, p0);
    this.clip(t, p1);
    for (let i = p0; i < p1; i++) {
      const pg = t[i]!;
      if (setMax) t[i] = { ...pg, max: prot, cur: pg.cur & prot };
      else t[i] = { ...pg, cur: prot };
    }
    this.simplify(t, p0, p1);
    return KERN_SUCCESS;
  }

  inherit(task: number, addr: number, size: number, inh: number): number {
    const t = this.tasks[task];
    if (t === null) return KERN_INVALID_ARGUMENT;
    if (size === 0) return KERN_SUCCESS;
    if (!validInherit(inh)) return KERN_INVALID_ARGUMENT;
    const r = this.range(addr, size);
    if (r === 'wrap') return KERN_INVALID_ARGUMENT;
    this.clip(t, r.p0);
    this.clip(t, r.p1);
    for (let i = r.p0; i < r.p1; i++) {
      const pg = t[i];
      if (pg !== null) t[i] = { ...pg, inh };
    }
    return KERN_SUCCESS;
  }

  terminate(task: number): number {
    if (this.tasks[task] === null) return KERN_INVALID_ARGUMENT;
    this.tasks[task] = null;
    return KERN_SUCCESS;
  }

  /**
   * For the shared flag: how many pages (of every task) map each (object, offset) without
   * copy-on-write. A page is shared when its (object, offset) is mapped by another page too.
   */
  sharers(): Map<string, number> {
    const n = new Map<string, number>();
    for (const t of this.tasks) {
      if (t === null) continue;
      for (const q of t) {
        if (q === null || q.obj === 'null' || q.needsCopy) continue;
        const key = `${q.obj}@${q.off}`;
        n.set(key, (n.get(key) ?? 0) + 1);
      }
    }
    return n;
  }

  /** The address of the n-th mapped page of a task (mod their number), or page n when none is. */
  nearMapped(task: number, n: number): number {
    const t = this.tasks[task];
    const mapped: number[] = [];
    if (t !== null) t.forEach((q, i) => q !== null && mapped.push(i));
    return (mapped.length === 0 ? n % PAGES : mapped[n % mapped.length]) * P;
  }
}

/** A page is shared when its (object, offset) is mapped by another page too, neither copy-on-write. */
function isShared(pg: Page, sharers: Map<string, number>): boolean {
  return pg.obj !== 'null' && !pg.needsCopy && (sharers.get(`${pg.obj}@${pg.off}`) ?? 0) > 1;
}

interface ModelRegion { kr: number; address: number; size: number; cur: number; max: number; inh: number; offset: number; shared: boolean; obj: string }

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

/** A literal address, or one near what the model has mapped (resolved when the step runs). */
type Addr = number | { near: number; plus: number };

type Op =
  | { kind: 'allocate'; task: number; addr: Addr; size: number; anywhere: boolean }
  | { kind: 'map'; task: number; addr: Addr; size: number; mask: number; anywhere: boolean; object: number; offset: number; copy: boolean; cur: number; max: number; inh: number }
  | { kind: 'deallocate'; task: number; addr: Addr; size: number }
  | { kind: 'protect'; task: number; addr: Addr; size: number; setMax: boolean; prot: number }
  | { kind: 'inherit'; task: number; addr: Addr; size: number; inh: number }
  | { kind: 'region'; task: number; addr: Addr }
  | { kind: 'terminate'; task: number };

const task = fc.nat({ max: 1 });
// most addresses fall where anywhere placement puts things (the low pages), some anywhere in the map
const lowPage = fc.nat({ max: 40 }).map((p) => p * P);
const pageAddr = fc.nat({ max: PAGES + 2 }).map((p) => p * P);
const addr = fc.oneof(
  { weight: 10, arbitrary: lowPage },
  { weight: 3, arbitrary: pageAddr },
  { weight: 2, arbitrary: fc.tuple(pageAddr, fc.nat({ max: P - 1 })).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.constantFrom(0, MAX - P, MAX, -P, -1, 2 ** 40) },
);
// an address near what is mapped: the n-th mapped page of the task, plus a few bytes or pages
const near = fc.record({ near: fc.nat({ max: 255 }), plus: fc.oneof(fc.constant(0), fc.integer({ min: -2, max: 2 }).map((x) => x * P), fc.nat({ max: P - 1 })) });
const anyAddr: fc.Arbitrary<Addr> = fc.oneof({ weight: 3, arbitrary: addr }, { weight: 2, arbitrary: near });
const rangeAddr: fc.Arbitrary<Addr> = fc.oneof({ weight: 1, arbitrary: addr }, { weight: 3, arbitrary: near });
const pages = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.integer({ min: 7, max: 40 }) }).map((n) => n * P);
const size = fc.oneof(
  { weight: 6, arbitrary: pages },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 6 * P }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, -P, MAX, MAX - P, 2 ** 40) },
);
const prot = fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 7 }) }, { weight: 1, arbitrary: fc.constantFrom(8, -1, 2 ** 32 + 1, 2 ** 32 + 3) });
const inh = fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 2 }) }, { weight: 1, arbitrary: fc.constantFrom(3, -1) });
const mask = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 17 }).map((b) => 2 ** b - 1) },
  { weight: 1, arbitrary: fc.constant(-1) },
);
// object: 0 = MEMORY_OBJECT_NULL, 1..3 = the declared pagers, 4 = an unknown port
const object = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 5, arbitrary: fc.constant(1) },
  { weight: 2, arbitrary: fc.constant(2) },
  { weight: 1, arbitrary: fc.constantFrom(3, 4) },
);
const offset = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 8 }).map((p) => p * P) },
  { weight: 1, arbitrary: fc.nat({ max: 40 }).map((p) => p * P) },
  { weight: 1, arbitrary: fc.constantFrom(0x10, -P, 2 ** 40) },
);

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 25, arbitrary: fc.record({ kind: fc.constant('allocate' as const), task, addr: anyAddr, size, anywhere: fc.boolean() }) },
  { weight: 25, arbitrary: fc.record({
    kind: fc.constant('map' as const), task, addr: anyAddr, size, mask, anywhere: fc.boolean(), object, offset, copy: fc.boolean(),
    cur: prot, max: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(VM_PROT_ALL, VM_PROT_READ, 3) }, { weight: 2, arbitrary: prot }), inh,
  }) },
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('deallocate' as const), task, addr: anyAddr, size }) },
  { weight: 25, arbitrary: fc.record({ kind: fc.constant('protect' as const), task, addr: rangeAddr, size: fc.oneof({ weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((n) => n * P) }, { weight: 1, arbitrary: size }), setMax: fc.boolean(), prot }) },
  { weight: 15, arbitrary: fc.record({ kind: fc.constant('inherit' as const), task, addr: rangeAddr, size, inh }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('region' as const), task, addr: anyAddr }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('terminate' as const), task }) },
);

// ---------------------------------------------------------------------------------------------
// Running both and comparing
// ---------------------------------------------------------------------------------------------

class Run {
  readonly k = new Kernel({ addressBits: BITS });
  readonly model = new Model(2);
  readonly taskIds: number[];
  readonly ports: number[];
  /** model symbol ↔ kernel object id */
  private symToId = new Map<string, number>([['null', 0]]);
  private idToSym = new Map<number, string>([[0, 'null']]);

  constructor() {
    this.taskIds = [this.k.createTask('A').id, this.k.createTask('B').id];
    this.ports = PAGERS.map((p) => this.k.declarePager(p.name, p.pages * P, new Uint8Array(0), p.max, p.failInit));
  }

  step(o: Op, log: string[]): void {
    const k = this.k;
    const m = this.model;
    const t = this.taskIds[o.task];
    let merged: MergedRange | undefined;
    const a = !('addr' in o) ? 0 : typeof o.addr === 'number' ? o.addr : m.nearMapped(o.task, o.addr.near) + o.addr.plus;
    let got: { kr: number; address?: number };
    let want: { kr: number; address?: number };
    switch (o.kind) {
      case 'allocate':
        got = vm_allocate(k, t, a, o.size, o.anywhere);
        want = m.allocate(o.task, a, o.size, o.anywhere);
        break;
      case 'map': {
        const port = o.object === 0 ? 0 : o.object <= PAGERS.length ? this.ports[o.object - 1] : 0x7777;
        got = vm_map(k, t, a, o.size, o.mask, o.anywhere, port, o.offset, o.copy, o.cur, o.max, o.inh);
        want = m.map(o.task, a, o.size, u64(o.mask), o.anywhere, o.object === 0 || o.object > PAGERS.length ? null : o.object - 1,
          o.object > PAGERS.length, o.offset, o.copy, o.cur, o.max, o.inh);
        break;
      }
      case 'deallocate':
        got = { kr: vm_deallocate(k, t, a, o.size) };
        want = { kr: m.deallocate(o.task, a, o.size) };
        break;
      case 'protect':
        got = { kr: vm_protect(k, t, a, o.size, o.setMax, o.prot) };
        want = { kr: m.protect(o.task, a, o.size, o.setMax, o.prot) };
        if (got.kr === KERN_SUCCESS && o.size !== 0) {
          const start = Number((u64(a) / BigInt(P)) * BigInt(P));
          merged = { task: t, start, end: Number(roundUp(u64(a) + u64(o.size))) };
        }
        break;
      case 'inherit':
        got = { kr: vm_inherit(k, t, a, o.size, o.inh) };
        want = { kr: m.inherit(o.task, a, o.size, o.inh) };
        break;
      case 'region': {
        // the entry holding the first mapped page at or above trunc_page(addr), all of it
        const r = vm_region(k, t, a);
        const w = this.modelRegion(o.task, a);
        got = { kr: r.kr, address: r.kr === KERN_SUCCESS ? r.address : undefined };
        want = { kr: w.kr, address: w.kr === KERN_SUCCESS ? w.address : undefined };
        if (r.kr === KERN_SUCCESS && w.kr === KERN_SUCCESS) {
          const kernel = { size: r.size, cur: r.protection, max: r.maxProtection, inh: r.inheritance, offset: r.offset, shared: r.shared };
          const model = { size: w.size, cur: w.cur, max: w.max, inh: w.inh, offset: w.offset, shared: w.shared };
          const clash = this.identity(w.obj, r.object);
          if (clash !== null) expect(clash, log.join('\n')).toBeNull();
          if (JSON.stringify(kernel) !== JSON.stringify(model)) expect(kernel, `vm_region(${a})\n${log.join('\n')}`).toEqual(model);
        }
        break;
      }
      case 'terminate':
        got = { kr: task_terminate(k, t) };
        want = { kr: m.terminate(o.task) };
        break;
    }
    log.push(`${JSON.stringify(o)}${a !== ('addr' in o ? o.addr : 0) ? ` (addr ${a})` : ''} → ${kernReturnName(got.kr)}${got.address !== undefined ? ` @${got.address}` : ''}`);
    // plain comparisons on the hot path; expect() only to report a difference
    if (got.kr !== want.kr || got.address !== want.address) expect(got, log.join('\n')).toEqual(want);
    this.compareMaps(log);
    const problems = checkInvariants(k, merged);
    if (problems.length > 0) expect(problems, log.join('\n')).toEqual([]);
  }

  private modelRegion(ti: number, address: number): ModelRegion {
    const none = { address: 0, size: 0, cur: 0, max: 0, inh: 0, offset: 0, shared: false, obj: 'null' };
    const t = this.model.tasks[ti];
    if (t === null) return { kr: KERN_INVALID_ARGUMENT, ...none };
    const start = u64(address) / BigInt(P);
    if (start >= BigInt(PAGES)) return { kr: KERN_INVALID_ADDRESS, ...none };
    for (let p = Number(start); p < PAGES; p++) {
      if (t[p] === null) continue;
      const { first, end } = this.model.entryAt(t, p);
      const pg = t[first]!;
      const sharers = this.model.sharers();
      let shared = false;
      for (let q = first; q < end; q++) if (isShared(t[q]!, sharers)) shared = true;
      return { kr: KERN_SUCCESS, address: first * P, size: (end - first) * P, cur: pg.cur, max: pg.max, inh: pg.inh, offset: pg.off, shared, obj: pg.obj };
    }
    return { kr: KERN_INVALID_ADDRESS, ...none };
  }

  /** Keeps model symbols and kernel ids one-to-one; a description of the clash, or null. */
  private identity(sym: string, id: number): string | null {
    const known = this.symToId.get(sym);
    const back = this.idToSym.get(id);
    if (known === undefined && back === undefined) {
      this.symToId.set(sym, id);
      this.idToSym.set(id, sym);
      return null;
    }
    if (known === id && back === sym) return null;
    return `model object ${sym} is kernel object ${id}, but earlier ${sym} was ${known ?? 'unseen'} and ${id} was ${back ?? 'unseen'}`;
  }

  compareMaps(log: string[]): void {
    const sharers = this.model.sharers();
    const problems: string[] = [];
    for (let ti = 0; ti < this.taskIds.length && problems.length === 0; ti++) {
      const mt = this.model.tasks[ti];
      const tid = this.taskIds[ti];
      if (mt === null) {
        const kr = vm_region(this.k, tid, 0).kr;
        if (kr !== KERN_INVALID_ARGUMENT) problems.push(`task ${ti} is dead but vm_region gives ${kernReturnName(kr)}`);
        continue;
      }
      const seen = new Array<string | null>(PAGES).fill(null);
      let a = 0;
      for (;;) {
        const r = vm_region(this.k, tid, a);
        if (r.kr !== KERN_SUCCESS) {
          if (r.kr !== KERN_INVALID_ADDRESS) problems.push(`task ${ti}: vm_region(${a}) gives ${kernReturnName(r.kr)}`);
          break;
        }
        if (r.address < a || r.size <= 0 || r.address + r.size > MAX || r.address % P !== 0 || r.size % P !== 0) {
          problems.push(`task ${ti}: vm_region(${a}) gives [${r.address}, +${r.size})`);
          break;
        }
        let anyShared = false;
        const first = r.address / P;
        const end = (r.address + r.size) / P;
        // the region is one model entry: it begins at its first page and ends where the next begins
        if (mt[first] !== null && (!mt[first]!.start || this.model.entryAt(mt, first).end !== end)) {
          const e = this.model.entryAt(mt, first);
          problems.push(`task ${ti}: kernel region [${first}, ${end}) (pages), model entry [${e.first}, ${e.end})`);
        }
        for (let p = first; p < end; p++) {
          seen[p] = `${r.protection}/${r.maxProtection} inh ${r.inheritance} @${r.offset + (p * P - r.address)}`;
          const pg = mt[p];
          if (pg === null) continue;
          const clash = this.identity(pg.obj, r.object);
          if (clash !== null) problems.push(`task ${ti} page ${p}: ${clash}`);
          if (isShared(pg, sharers)) anyShared = true;
        }
        if (r.shared !== anyShared) problems.push(`task ${ti}: region at ${r.address} shared=${r.shared}, model says ${anyShared}`);
        a = r.address + r.size;
      }
      for (let i = 0; i < PAGES; i++) {
        const pg = mt[i];
        const want = pg === null ? null : `${pg.cur}/${pg.max} inh ${pg.inh} @${pg.off}`;
        if (seen[i] !== want) problems.push(`task ${ti} page ${i}: kernel ${seen[i]}, model ${want}`);
      }
    }
    if (problems.length > 0) expect(problems, log.join('\n')).toEqual([]);
  }
}

describe('address maps against a naive per-page model', () => {
  it(`agree on every result, address, page attribute and invariant (${RUNS} sequences)`, () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 60, size: 'max' }), (ops) => {
        const run = new Run();
        const log: string[] = [];
        for (const o of ops) run.step(o, log);
      }),
      { numRuns: RUNS },
    );
  });
});
