/**
 * The kernel against the naive reference model (semantics.md "Invariants": the contents every task
 * reads equal those of a model that copies eagerly and aliases for sharing). Random sequences of
 * every call and access, with few frames so pageout and page-in happen all the time, must give the
 * same result codes, addresses, bytes and page attributes in both, and the kernel's invariants must
 * hold after every operation. After every operation each task's vm_region walk, object_of and
 * shadow_depth are compared with what the model knows of entries and objects
 * (compare_kernel_model.ts), and 'region' steps ask vm_region at any address.
 * VM_MODEL_RUNS sets the number of sequences (npm run fuzz raises it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import { checkInvariants } from '../kernel/invariants';
import * as vm from '../kernel/vm_user';
import { vm_remap } from '../kernel/vm_remap';
import { VM_PROT_READ } from '../kernel/vm_param';
import { ReferenceModel } from './reference_model';
import { compareContents, compareMaps, compareRegionAt, newStats, ObjectKinds } from './compare_kernel_model';

const PS = 4096;
const BITS = 20;
const RUNS = Number(process.env.VM_MODEL_RUNS ?? 10_000);
const SEED = process.env.VM_MODEL_SEED === undefined ? undefined : Number(process.env.VM_MODEL_SEED);

type Where = { base: number; pages: number; byte: number };
// an address: a recently returned one (negative base: counted from the newest) or any remembered
// one, a few pages around it, sometimes unaligned; biased so that calls keep meeting each other
const where = fc.record({
  base: fc.oneof(fc.integer({ min: -3, max: -1 }), fc.nat(15)),
  pages: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: -1, max: 4 }) }),
  byte: fc.oneof(fc.constant(0), fc.nat(PS - 1)),
});
const task = fc.nat(5);
const size = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => n * PS) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 * PS }) },
  { weight: 1, arbitrary: fc.constant(0) },
);
const prot = fc.nat(7);
const inh = fc.oneof(fc.nat(2), fc.constant(3));
const data = fc.uint8Array({ minLength: 1, maxLength: 12 });
// vm_write's data: mostly short, sometimes up to two pages, so that its range meets a hole and a
// protection problem in either order (the first one in address order decides)
const longData = fc.oneof(
  { weight: 2, arbitrary: data },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 2 * PS }), fc.nat(255)).map(([n, b]) => new Uint8Array(n).fill(b)) },
);

const op = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('allocate' as const), task, at: where, size, anywhere: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('map' as const), task, at: where, size, mask: fc.constantFrom(0, 0, 0xffff), anywhere: fc.boolean(), obj: fc.constantFrom(0, 0, 0, 1, 2, 3), offset: fc.oneof(fc.constant(0), fc.nat(3)), copy: fc.boolean(), cur: fc.oneof(fc.constantFrom(3, 7, 1), prot), max: fc.oneof(fc.constant(7), prot), inh }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('remap' as const), task, at: where, size, anywhere: fc.boolean(), src: task, from: where, copy: fc.boolean(), inh }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('deallocate' as const), task, at: where, size }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('protect' as const), task, at: where, size, setMax: fc.boolean(), prot }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('inherit' as const), task, at: where, size, inh }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('write' as const), task, at: where, data }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('read' as const), task, at: where, n: fc.integer({ min: 1, max: 2 * PS }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('exec' as const), task, at: where }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('vm_read' as const), task, at: where, n: fc.integer({ min: 0, max: 2 * PS }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('vm_write' as const), task, at: where, data: longData }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('vm_copy' as const), task, at: where, n: fc.integer({ min: 1, max: 2 * PS }), to: where }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('fork' as const), task }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('terminate' as const), task }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('region' as const), task, at: where }) },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

class Pair {
  readonly k: Kernel;
  readonly m: ReferenceModel;
  readonly tasks: number[] = [];
  readonly addrs: number[] = [0x1000, 0x4000, 0x10000, 0x80000];
  readonly ports: number[] = [];
  readonly kinds = new ObjectKinds();

  constructor(frames: number) {
    this.k = new Kernel({ pageSize: PS, addressBits: BITS, frames, tlbEntries: 4, tlbWays: 2 });
    this.m = new ReferenceModel({ pageSize: PS, addressBits: BITS });
    for (let i = 0; i < 2; i++) {
      const a = this.k.createTask(`T${i}`).id;
      expect(this.m.createTask()).toBe(a);
      this.tasks.push(a);
    }
    // a start that gives the random ops something to work on: each task has memory, some of it touched
    for (const [i, t] of this.tasks.entries()) {
      const r = vm.vm_allocate(this.k, t, 0, 6 * PS, true);
      expect(this.m.vm_allocate(t, 0, 6 * PS, true)).toEqual(r);
      this.remember(r.address);
      for (let pg = 0; pg < 6; pg += 2) {
        const d = new Uint8Array([65 + i, 48 + pg]);
        expect(vm.user_write(this.k, t, r.address + pg * PS + 8, d)).toBe(this.m.write(t, r.address + pg * PS + 8, d));
      }
    }
    const file = new TextEncoder().encode('the file F: page zero. '.repeat(200));
    const specs: [string, number, Uint8Array, number, boolean][] = [
      ['F', 4 * PS, file, 7, false],
      ['R', 2 * PS, new TextEncoder().encode('read-only file'), VM_PROT_READ, false],
      ['BAD', PS, new Uint8Array(0), 7, true],
    ];
    for (const [name, sz, d, max, fail] of specs) {
      const p = this.k.declarePager(name, sz, d, max, fail);
      expect(this.m.declarePager(name, sz, d, max, fail)).toBe(p);
      this.ports.push(p);
    }
  }

  task(i: number): number {
    return this.tasks[i % this.tasks.length];
  }

  addr(w: Where): number {
    const n = this.addrs.length;
    const base = w.base < 0 ? this.addrs[Math.max(0, n + w.base)] : this.addrs[w.base % n];
    return Math.max(0, base + w.pages * PS + w.byte);
  }

  remember(a: number): void {
    const i = this.addrs.indexOf(a);
    if (i >= 0) this.addrs.splice(i, 1);
    this.addrs.push(a); // newest last
  }

  /** Runs one op on both; returns a description of the first difference, or null. */
  step(o: Op): string | null {
    const { k, m } = this;
    const t = this.task(o.task);
    const same = (what: string, a: unknown, b: unknown) => {
      LAST.ok = a === 0 || (typeof a === 'object' && a !== null && (a as { kr?: number }).kr === 0);
      return JSON.stringify(a) === JSON.stringify(b) ? null : `${what}: kernel ${JSON.stringify(a)}, model ${JSON.stringify(b)}`;
    };
    switch (o.t) {
      case 'allocate': {
        const a = this.addr(o.at);
        const r1 = vm.vm_allocate(k, t, a, o.size, o.anywhere);
        const r2 = m.vm_allocate(t, a, o.size, o.anywhere);
        if (r1.kr === 0) this.remember(r1.address);
        return same('vm_allocate', r1, r2);
      }
      case 'map': {
        const a = this.addr(o.at);
        const port = o.obj === 3 ? 0 : this.ports[o.obj];
        const r1 = vm.vm_map(k, t, a, o.size, o.mask, o.anywhere, port, o.offset * PS, o.copy, o.cur, o.max, o.inh);
        const r2 = m.vm_map(t, a, o.size, o.mask, o.anywhere, port, o.offset * PS, o.copy, o.cur, o.max, o.inh);
        if (r1.kr === 0) this.remember(r1.address);
        return same('vm_map', r1, r2);
      }
      case 'remap': {
        const a = this.addr(o.at);
        const src = this.task(o.src);
        const from = this.addr(o.from);
        const r1 = vm_remap(k, t, a, o.size, 0, o.anywhere, src, from, o.copy, o.inh);
        const r2 = m.vm_remap(t, a, o.size, 0, o.anywhere, src, from, o.copy, o.inh);
        if (r1.kr === 0) this.remember(r1.address);
        return same('vm_remap', r1, r2);
      }
      case 'deallocate': {
        const a = this.addr(o.at);
        return same('vm_deallocate', vm.vm_deallocate(k, t, a, o.size), m.vm_deallocate(t, a, o.size));
      }
      case 'protect': {
        const a = this.addr(o.at);
        return same('vm_protect', vm.vm_protect(k, t, a, o.size, o.setMax, o.prot), m.vm_protect(t, a, o.size, o.setMax, o.prot));
      }
      case 'inherit': {
        const a = this.addr(o.at);
        return same('vm_inherit', vm.vm_inherit(k, t, a, o.size, o.inh), m.vm_inherit(t, a, o.size, o.inh));
      }
      case 'write': {
        const a = this.addr(o.at);
        return same('write', vm.user_write(k, t, a, o.data), m.write(t, a, o.data));
      }
      case 'read': {
        const a = this.addr(o.at);
        const r1 = vm.user_read(k, t, a, o.n);
        const r2 = m.read(t, a, o.n);
        return same('read kr', r1.kr, r2.kr) ?? (r1.kr === 0 ? same('read bytes', [...r1.data], [...r2.data]) : null);
      }
      case 'exec': {
        const a = this.addr(o.at);
        return same('exec', vm.user_exec(k, t, a), m.exec(t, a));
      }
      case 'vm_read': {
        const a = this.addr(o.at);
        const r1 = vm.vm_read(k, t, a, o.n);
        const r2 = m.vm_read(t, a, o.n);
        return same('vm_read kr', r1.kr, r2.kr) ?? (r1.kr === 0 ? same('vm_read bytes', [...r1.data], [...r2.data]) : null);
      }
      case 'vm_write': {
        const a = this.addr(o.at);
        return same('vm_write', vm.vm_write(k, t, a, o.data), m.vm_write(t, a, o.data));
      }
      case 'vm_copy': {
        const a = this.addr(o.at);
        const b = this.addr(o.to);
        return same('vm_copy', vm.vm_copy(k, t, a, o.n, b), m.vm_copy(t, a, o.n, b));
      }
      case 'fork': {
        if (this.tasks.length >= 6) return null;
        const child = k.fork(t, `T${this.tasks.length}`);
        if (child === null) {
          expect(m.isAlive(t)).toBe(false);
          return null;
        }
        expect(m.fork(t)).toBe(child.id);
        this.tasks.push(child.id);
        return null;
      }
      case 'terminate':
        return same('task_terminate', vm.task_terminate(k, t), m.task_terminate(t));
      case 'region':
        LAST.ok = vm.vm_region(k, t, this.addr(o.at)).kr === 0;
        return compareRegionAt(k, m, t, this.addr(o.at));
    }
  }

  /** Regions, attributes, objects of every task agree (compare_kernel_model.ts). */
  compareMaps(): string | null {
    return compareMaps(this.k, this.m, this.tasks, this.kinds, REGION_STATS);
  }

  /** Every readable page of every task holds the same bytes (checked at the end: it faults pages in). */
  compareContents(): string | null {
    return compareContents(this.k, this.m, this.tasks);
  }
}

/** Counts of ops, successful ops and ops that paged out: evidence that the sequences reach the deep paths. */
const LAST = { ok: false };
const STATS: Record<string, number> = {};
const REGION_STATS = newStats();
function runSequence(frames: number, ops: Op[]): void {
  const p = new Pair(frames);
  ops.forEach((o, i) => {
    const before = JSON.stringify([p.k.pageouts]);
    const diff = p.step(o) ?? p.compareMaps();
    STATS[o.t] = (STATS[o.t] ?? 0) + 1;
    if (JSON.stringify([p.k.pageouts]) !== before) STATS.pageout_ops = (STATS.pageout_ops ?? 0) + 1;
    if (diff === null && LAST.ok) STATS[o.t + '_ok'] = (STATS[o.t + '_ok'] ?? 0) + 1;
    if (diff !== null) throw new Error(`op ${i} ${JSON.stringify(o)}: ${diff}`);
    const problems = checkInvariants(p.k);
    if (problems.length > 0) throw new Error(`op ${i} ${JSON.stringify(o)}: invariants: ${problems.slice(0, 5).join('; ')}`);
  });
  const diff = p.compareContents();
  if (diff !== null) throw new Error(`at the end: ${diff}`);
  const problems = checkInvariants(p.k);
  if (problems.length > 0) throw new Error(`at the end: invariants: ${problems.slice(0, 5).join('; ')}`);
}

describe('kernel vs reference model', () => {
  it(`agrees on codes, addresses, bytes and attributes over ${RUNS} random sequences, with invariants after every op`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.array(op, { minLength: 4, maxLength: 40, size: 'max' }), (frames, ops) => runSequence(frames, ops)),
      { numRuns: RUNS, seed: SEED },
    );
    const total = Object.entries(STATS).filter(([k]) => !k.includes('_')).reduce((n, [, v]) => n + v, 0);
    if (process.env.VM_MODEL_STATS !== undefined) {
      console.log(`${RUNS} sequences, ${total} operations: ${JSON.stringify(STATS)}`);
      console.log(`vm_region walks: ${REGION_STATS.regions} regions compared, ${REGION_STATS.exactRegions} of them with both ends known to the model; backing known for ${REGION_STATS.knownBacking} of ${REGION_STATS.pages} pages`);
    }
    if (RUNS >= 1000) {
      // the generator must reach the interesting paths, or agreement proves little
      for (const kind of ['allocate', 'map', 'remap', 'deallocate', 'protect', 'inherit', 'write', 'vm_write', 'vm_copy', 'fork', 'terminate', 'region'])
        expect(STATS[`${kind}_ok`] ?? 0, `successful ${kind} calls`).toBeGreaterThan(RUNS / 200);
      expect(STATS.pageout_ops ?? 0, 'operations that paged out').toBeGreaterThan(RUNS / 20);
      // the model decides most region boundaries: the comparison is not all 'maybe'
      expect(REGION_STATS.exactRegions, 'regions whose ends the model knew').toBeGreaterThan(REGION_STATS.regions / 2);
    }
  }, 60_000 + RUNS * 10);
});
