/**
 * Any integer in any argument of any call or access (arbitrary_ops.ts): the kernel answers a
 * kern_return_t or a memory exception's code and never throws, its invariants hold after every
 * operation, and it agrees with the reference model on every result (codes, addresses, cur/max,
 * bytes) and on what vm_region, object_of and shadow_depth show (compare_kernel_model.ts).
 *
 *   VM_ARBITRARY_RUNS   sequences against the model (default 10,000; npm run fuzz raises it)
 *   VM_ARBITRARY_SEED   replay one seed
 *   VM_ARBITRARY_STATS  print the sequence and operation counts and what the ops did
 *
 * A second property runs the kernel alone in 48-bit maps (the model maps page by page and cannot
 * hold a 2^40-byte mapping): no exception, invariants, and no operation slower than a second.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../kernel/invariants';
import { Kernel } from '../kernel/kernel';
import { vm_remap } from '../kernel/vm_remap';
import * as vm from '../kernel/vm_user';
import { Addresses, arbitraryMachine, arbitraryOp, type ArbitraryOp, type TaskArg } from './arbitrary_ops';
import { compareContents, compareMaps, compareRegionAt, newStats, ObjectKinds } from './compare_kernel_model';
import { ReferenceModel } from './reference_model';
import { cpuTime } from './cpu_time';

const RUNS = Number(process.env.VM_ARBITRARY_RUNS ?? 10_000);
const SEED = process.env.VM_ARBITRARY_SEED === undefined ? undefined : Number(process.env.VM_ARBITRARY_SEED);
const SHOW = process.env.VM_ARBITRARY_STATS !== undefined;
const KERNEL_ONLY_RUNS = Math.max(200, Math.floor(RUNS / 4));

const STATS: Record<string, number> = {};
const REGIONS = newStats();
const count = (key: string) => (STATS[key] = (STATS[key] ?? 0) + 1);

/** The kernel and the model side by side, with two tasks that have memory and three pagers. */
class Pair {
  readonly k: Kernel;
  readonly m: ReferenceModel;
  readonly tasks: number[] = [];
  readonly ports: number[] = [0]; // MEMORY_OBJECT_NULL, then the pagers
  readonly kinds = new ObjectKinds();
  readonly addrs: Addresses;

  constructor(machine: { pageSize: number; addressBits: number; frames: number }) {
    const { pageSize, addressBits, frames } = machine;
    this.k = new Kernel({ pageSize, addressBits, frames, tlbEntries: 4, tlbWays: 2 });
    this.m = new ReferenceModel({ pageSize, addressBits });
    this.addrs = new Addresses(pageSize, [pageSize, 4 * pageSize, 2 ** addressBits - pageSize]);
    for (let i = 0; i < 2; i++) {
      const id = this.k.createTask(`T${i}`).id;
      expect(this.m.createTask()).toBe(id);
      this.tasks.push(id);
      const r = vm.vm_allocate(this.k, id, 0, 4 * pageSize, true);
      expect(this.m.vm_allocate(id, 0, 4 * pageSize, true)).toEqual(r);
      this.addrs.remember(r.address);
      const d = new Uint8Array([65 + i, 48]);
      expect(vm.user_write(this.k, id, r.address + 8, d)).toBe(this.m.write(id, r.address + 8, d));
      // one page rwx, so that exec meets something it may run
      expect(vm.vm_protect(this.k, id, r.address + 2 * pageSize, pageSize, false, 7)).toBe(this.m.vm_protect(id, r.address + 2 * pageSize, pageSize, false, 7));
    }
    const file = new TextEncoder().encode('the file F. '.repeat(3000));
    for (const [name, size, d, max, fail] of [['F', 4 * pageSize, file, 7, false], ['R', 2 * pageSize, file, 1, false], ['BAD', pageSize, file, 7, true]] as const) {
      const port = this.k.declarePager(name, size, d, max, fail);
      expect(this.m.declarePager(name, size, d, max, fail)).toBe(port);
      this.ports.push(port);
    }
  }

  task(a: TaskArg): number {
    return 'index' in a ? this.tasks[a.index % this.tasks.length] : a.id;
  }

  /** Runs one op on both; the first difference, or null. */
  step(o: ArbitraryOp): string | null {
    const { k, m } = this;
    const t = this.task(o.task);
    const at = 'at' in o ? this.addrs.of(o.at) : 0;
    const same = (what: string, a: unknown, b: unknown): string | null => {
      const kr = typeof a === 'number' ? a : (a as { kr: number }).kr;
      count(`${o.t}:${kr === 0 ? 'ok' : kr}`);
      return JSON.stringify(a) === JSON.stringify(b) ? null : `${what}: kernel ${JSON.stringify(a)}, model ${JSON.stringify(b)}`;
    };
    switch (o.t) {
      case 'allocate': {
        const r = vm.vm_allocate(k, t, at, o.size, o.anywhere !== 0);
        if (r.kr === 0) this.addrs.remember(r.address);
        return same('vm_allocate', r, m.vm_allocate(t, at, o.size, o.anywhere !== 0));
      }
      case 'map': {
        const port = 'pager' in o.object ? this.ports[o.object.pager] : o.object.lit;
        const args = [at, o.size, o.mask, o.anywhere !== 0, port, o.offset, o.copy !== 0, o.cur, o.max, o.inh] as const;
        const r = vm.vm_map(k, t, ...args);
        if (r.kr === 0) this.addrs.remember(r.address);
        return same('vm_map', r, m.vm_map(t, ...args));
      }
      case 'remap': {
        const args = [at, o.size, o.mask, o.anywhere !== 0, this.task(o.src), this.addrs.of(o.from), o.copy !== 0, o.inh] as const;
        const r = vm_remap(k, t, ...args);
        if (r.kr === 0) this.addrs.remember(r.address);
        return same('vm_remap', r, m.vm_remap(t, ...args));
      }
      case 'deallocate':
        return same('vm_deallocate', vm.vm_deallocate(k, t, at, o.size), m.vm_deallocate(t, at, o.size));
      case 'protect':
        return same('vm_protect', vm.vm_protect(k, t, at, o.size, o.setMax !== 0, o.prot), m.vm_protect(t, at, o.size, o.setMax !== 0, o.prot));
      case 'inherit':
        return same('vm_inherit', vm.vm_inherit(k, t, at, o.size, o.inh), m.vm_inherit(t, at, o.size, o.inh));
      case 'vm_read':
      case 'read': {
        const r1 = o.t === 'read' ? vm.user_read(k, t, at, o.size) : vm.vm_read(k, t, at, o.size);
        const r2 = o.t === 'read' ? m.read(t, at, o.size) : m.vm_read(t, at, o.size);
        return same(o.t, r1.kr, r2.kr) ?? (r1.kr === 0 && !equalBytes(r1.data, r2.data) ? `${o.t}: the bytes differ` : null);
      }
      case 'vm_write':
        return same('vm_write', vm.vm_write(k, t, at, o.data), m.vm_write(t, at, o.data));
      case 'write':
        return same('write', vm.user_write(k, t, at, o.data), m.write(t, at, o.data));
      case 'exec':
        return same('exec', vm.user_exec(k, t, at), m.exec(t, at));
      case 'vm_copy': {
        const to = this.addrs.of(o.to);
        return same('vm_copy', vm.vm_copy(k, t, at, o.size, to), m.vm_copy(t, at, o.size, to));
      }
      case 'region':
        count(`region:${vm.vm_region(k, t, at).kr}`);
        return compareRegionAt(k, m, t, at);
      case 'fork': {
        if (this.tasks.length >= 6) return null;
        const child = k.fork(t, `T${this.tasks.length}`);
        count(`fork:${child === null ? 'null' : 'ok'}`);
        if (child === null) return m.isAlive(t) ? `fork of live task ${t} gave nothing` : null;
        if (!m.isAlive(t)) return `fork of dead task ${t} gave task ${child.id}`;
        const id = m.fork(t);
        this.tasks.push(child.id);
        return id === child.id ? null : `fork: kernel task ${child.id}, model ${id}`;
      }
      case 'terminate':
        return same('task_terminate', vm.task_terminate(k, t), m.task_terminate(t));
    }
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

let operations = 0;

function runSequence(machine: { pageSize: number; addressBits: number; frames: number }, ops: ArbitraryOp[]): void {
  const p = new Pair(machine);
  ops.forEach((o, i) => {
    let diff: string | null;
    try {
      diff = p.step(o);
    } catch (e) {
      throw new Error(`op ${i} ${JSON.stringify(o)} threw: ${String(e)}`, { cause: e });
    }
    operations++;
    diff ??= compareMaps(p.k, p.m, p.tasks, p.kinds, REGIONS);
    if (diff !== null) throw new Error(`op ${i} ${JSON.stringify(o)}: ${diff}`);
    const problems = checkInvariants(p.k);
    if (problems.length > 0) throw new Error(`op ${i} ${JSON.stringify(o)}: invariants: ${problems.slice(0, 5).join('; ')}`);
  });
  const diff = compareContents(p.k, p.m, p.tasks);
  if (diff !== null) throw new Error(`at the end: ${diff}`);
}

describe('arbitrary integers in every argument', () => {
  it(`kernel and model agree, no exception, invariants after every op (${RUNS} sequences)`, () => {
    fc.assert(
      fc.property(arbitraryMachine, fc.array(arbitraryOp, { minLength: 1, maxLength: 14 }), runSequence),
      { numRuns: RUNS, seed: SEED },
    );
    if (SHOW) {
      console.log(`arbitrary integers: ${RUNS} sequences, ${operations} operations against the model`);
      console.log(`results: ${JSON.stringify(Object.fromEntries(Object.entries(STATS).sort()))}`);
      console.log(`vm_region walks: ${REGIONS.regions} regions, ${REGIONS.exactRegions} with both ends known; backing known for ${REGIONS.knownBacking} of ${REGIONS.pages} pages`);
    }
    if (RUNS >= 1000) {
      // odd arguments must meet memory: every call succeeds sometimes and fails sometimes
      for (const call of ['allocate', 'map', 'remap', 'deallocate', 'protect', 'inherit', 'vm_read', 'vm_write', 'vm_copy', 'read', 'write', 'exec', 'terminate']) {
        expect(STATS[`${call}:ok`] ?? 0, `successful ${call}`).toBeGreaterThan(RUNS / 500);
        const failures = Object.entries(STATS).filter(([key]) => key.startsWith(`${call}:`) && key !== `${call}:ok`).reduce((n, [, v]) => n + v, 0);
        expect(failures, `failed ${call}`).toBeGreaterThan(RUNS / 500);
      }
      // the transfer limit and the wraps are reached
      expect(STATS['vm_read:4'] ?? 0, 'vm_read past VM_MAX_TRANSFER').toBeGreaterThan(RUNS / 500);
      expect(STATS['read:4'] ?? 0, 'read past VM_MAX_TRANSFER').toBeGreaterThan(RUNS / 500);
    }
  }, 120_000 + RUNS * 20);

  it(`the kernel alone in 48-bit maps: no exception, invariants, no op over a second (${KERNEL_ONLY_RUNS} sequences)`, () => {
    const big = arbitraryMachine.map((m) => ({ ...m, addressBits: 48 }));
    fc.assert(
      fc.property(big, fc.array(arbitraryOp, { minLength: 1, maxLength: 12 }), (machine, ops) => {
        const k = new Kernel({ ...machine, tlbEntries: 4, tlbWays: 2 });
        const p = { k, tasks: [k.createTask('A').id, k.createTask('B').id], ports: [0] };
        for (const [name, size] of [['F', 4], ['R', 2], ['BAD', 1]] as const) p.ports.push(k.declarePager(name, size * machine.pageSize, new Uint8Array(0), name === 'R' ? 1 : 7, name === 'BAD'));
        const addrs = new Addresses(machine.pageSize, [machine.pageSize, 2 ** 47, 2 ** 48 - machine.pageSize]);
        // a huge lazily mapped entry for ranges of 2^40 bytes to meet, some of it touched
        addrs.remember(vm.vm_allocate(k, p.tasks[0], 2 ** 46, 2 ** 42, false).address);
        vm.user_write(k, p.tasks[0], 2 ** 46 + 2 ** 41, new Uint8Array([1]));
        for (const o of ops) {
          const { ms } = cpuTime(() => {
            try {
              kernelStep(k, p.tasks, p.ports, addrs, o);
            } catch (e) {
              throw new Error(`${JSON.stringify(o)} threw: ${String(e)}`, { cause: e });
            }
          });
          if (ms > 1000) throw new Error(`${JSON.stringify(o)} took ${Math.round(ms)} ms of CPU`);
          const problems = checkInvariants(k);
          if (problems.length > 0) throw new Error(`${JSON.stringify(o)}: invariants: ${problems.slice(0, 5).join('; ')}`);
        }
      }),
      { numRuns: KERNEL_ONLY_RUNS, seed: SEED },
    );
  }, 120_000 + KERNEL_ONLY_RUNS * 50);
});

/** One op on the kernel alone (the calls as Pair.step makes them, without the model). */
function kernelStep(k: Kernel, tasks: number[], ports: number[], addrs: Addresses, o: ArbitraryOp): void {
  const task = (a: TaskArg) => ('index' in a ? tasks[a.index % tasks.length] : a.id);
  const t = task(o.task);
  const at = 'at' in o ? addrs.of(o.at) : 0;
  const keep = (r: { kr: number; address: number }) => r.kr === 0 && addrs.remember(r.address);
  switch (o.t) {
    case 'allocate':
      return void keep(vm.vm_allocate(k, t, at, o.size, o.anywhere !== 0));
    case 'map':
      return void keep(vm.vm_map(k, t, at, o.size, o.mask, o.anywhere !== 0, 'pager' in o.object ? ports[o.object.pager] : o.object.lit, o.offset, o.copy !== 0, o.cur, o.max, o.inh));
    case 'remap':
      return void keep(vm_remap(k, t, at, o.size, o.mask, o.anywhere !== 0, task(o.src), addrs.of(o.from), o.copy !== 0, o.inh));
    case 'deallocate':
      return void vm.vm_deallocate(k, t, at, o.size);
    case 'protect':
      return void vm.vm_protect(k, t, at, o.size, o.setMax !== 0, o.prot);
    case 'inherit':
      return void vm.vm_inherit(k, t, at, o.size, o.inh);
    case 'vm_read':
      return void vm.vm_read(k, t, at, o.size);
    case 'read':
      return void vm.user_read(k, t, at, o.size);
    case 'vm_write':
      return void vm.vm_write(k, t, at, o.data);
    case 'write':
      return void vm.user_write(k, t, at, o.data);
    case 'exec':
      return void vm.user_exec(k, t, at);
    case 'vm_copy':
      return void vm.vm_copy(k, t, at, o.size, addrs.of(o.to));
    case 'region':
      vm.vm_region(k, t, at);
      vm.objectOf(k, t, at);
      return void vm.shadowDepth(k, t, at);
    case 'fork': {
      if (tasks.length >= 6) return;
      const child = k.fork(t, 'C');
      if (child !== null) tasks.push(child.id);
      return;
    }
    case 'terminate':
      return void vm.task_terminate(k, t);
  }
}
