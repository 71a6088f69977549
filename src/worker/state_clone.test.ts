/**
 * Copies of a running machine (state_clone.ts): a copy taken at any statement, live or frozen and
 * restored, runs on exactly like the original (the same records, the same snapshot after every
 * statement, the same memory, the invariants holding), and copy and original never affect each
 * other. For every built-in scenario and for random ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Interpreter, type StepRecord } from '../scenario/interpreter';
import { parseScenario } from '../scenario/parser';
import type { Program } from '../scenario/ast';
import { loadBuiltins } from '../scenario/builtins_node';
import { takeSnapshot, type MachineSnapshot } from '../kernel/snapshot';
import { checkInvariants } from '../kernel/invariants';
import { freeze, restore, sizeOf } from './state_clone';
import { randomScenario } from './random_scenario';

function programOf(source: string): Program {
  const p = parseScenario(source);
  if (!p.ok) throw new Error(p.error.message);
  return p.program;
}

/** What a run looks like after each statement from `from` on: records, snapshots, final memory. */
interface Run {
  records: StepRecord[];
  snapshots: MachineSnapshot[];
  memory: Uint8Array;
}

function runOn(it: Interpreter, invariants = false): Run {
  const out: Run = { records: [], snapshots: [], memory: new Uint8Array(0) };
  while (!it.done) {
    out.records.push(it.step());
    out.snapshots.push(takeSnapshot(it.kernel));
    if (invariants) expect(checkInvariants(it.kernel), `invariants after statement ${it.position}`).toEqual([]);
  }
  out.memory = it.kernel.mem.bytes.slice();
  return out;
}

function at(program: Program, k: number): Interpreter {
  const it = new Interpreter(program);
  while (it.position < k && !it.done) it.step();
  return it;
}

/** The reference run from statement k on, from a machine of its own. */
function reference(program: Program, k: number): Run {
  return runOn(at(program, k));
}

/** Deep equality of plain data and typed arrays (fast; toEqual then names a difference). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function expectSameRun(got: Run, want: Run, what: string): void {
  expect(got.records.length, what).toBe(want.records.length);
  for (let i = 0; i < want.records.length; i++) {
    if (!same(got.records[i], want.records[i])) expect(got.records[i], `${what}: record ${i}`).toEqual(want.records[i]);
    if (!same(got.snapshots[i], want.snapshots[i])) expect(got.snapshots[i], `${what}: snapshot ${i}`).toEqual(want.snapshots[i]);
  }
  expect(got.memory.length, what).toBe(want.memory.length);
  expect(Buffer.from(got.memory).equals(Buffer.from(want.memory)), `${what}: memory`).toBe(true);
}

/**
 * Takes copies of a machine after k statements (live and frozen) and runs everything to the end
 * in an order that would show any sharing: the live copy first, then the original, then the
 * frozen copy restored twice (the checkpoint stays as it was).
 */
function checkCopiesAt(program: Program, k: number, what: string): void {
  const want = reference(program, k);
  const original = at(program, k);
  const before = takeSnapshot(original.kernel);
  const live = restore(original, new Interpreter(program));
  const frozen = freeze(original, new Interpreter(program));
  expect(takeSnapshot(live.kernel), `${what}: the copy looks the same`).toEqual(before);
  expect(live.position).toBe(original.position);
  expect(live.work).toBe(original.work);
  expect(checkInvariants(live.kernel)).toEqual([]);

  expectSameRun(runOn(live, true), want, `${what}: live copy`);
  expect(takeSnapshot(original.kernel), `${what}: running the copy left the original alone`).toEqual(before);
  const again = restore(frozen, new Interpreter(program));
  expectSameRun(runOn(original), want, `${what}: original`);
  expectSameRun(runOn(again, true), want, `${what}: frozen copy`);
  expectSameRun(runOn(restore(frozen, new Interpreter(program))), want, `${what}: frozen copy, restored again`);
  // into a machine that ran to the end, in place, its variables' values kept as they are
  const values = [...original.vars.values()].filter((v) => typeof v === 'object');
  const copies = values.map((v) => v.slice());
  const reused = restore(frozen, original, { inPlace: true, keep: new Set(values) });
  expect(reused).toBe(original);
  expectSameRun(runOn(reused, true), want, `${what}: frozen copy restored in place`);
  values.forEach((v, i) => expect(v, `${what}: a kept value`).toEqual(copies[i]));
}

describe('copies of a running machine', () => {
  it('run on like the original in every built-in scenario, from several points', () => {
    for (const b of loadBuiltins()) {
      const program = programOf(b.source);
      const n = at(program, Infinity).position;
      for (const k of new Set([1, Math.floor(n / 2), Math.max(0, n - 1)])) checkCopiesAt(program, k, `${b.name} at ${k}`);
    }
  });

  it('run on like the original in random scenarios (pageout, forks, files, copies, remaps)', () => {
    let pageouts = 0;
    let forks = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 60 }), (seed, k) => {
        const program = programOf(randomScenario(seed, 60));
        checkCopiesAt(program, k, `seed ${seed} at ${k}`);
        const end = takeSnapshot(at(program, Infinity).kernel);
        if (end.pageouts > 0) pageouts++;
        if (end.tasks.length > 1) forks++;
      }),
      { numRuns: 60 },
    );
    // the machines the copies were taken of did page out and fork
    expect(pageouts).toBeGreaterThan(10);
    expect(forks).toBeGreaterThan(10);
  });

  it('keep the interpreter\'s variables and the program shared, not copied', () => {
    const program = programOf('task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hello")\nkr = read(A, x, 5, &v)\n');
    const a = at(program, 4);
    const b = restore(a, new Interpreter(program));
    expect(b.vars.get('v')).toEqual(new TextEncoder().encode('hello'));
    expect(b.vars.get('v')).not.toBe(a.vars.get('v'));
    expect(b.statements[2]).toBe(a.statements[2]); // the AST is immutable: shared
    expect(b.kernel).not.toBe(a.kernel);
    expect(b.kernel.mem.bytes.buffer).not.toBe(a.kernel.mem.bytes.buffer);
  });

  it('a frozen machine holds nothing of the original and little of its zero memory', () => {
    const program = programOf('config frames=4096\ntask A\nkr = vm_allocate(A, &x, 0x4000, TRUE)\nkr = write(A, x, "a")\n');
    const a = at(program, 4);
    const f = freeze(a, new Interpreter(program));
    expect(f.stats.scanned).toBeGreaterThanOrEqual(4096 * 4096);
    expect(f.stats.stored).toBeLessThan(256 * 1024);
    expect(sizeOf(a.kernel).scanned).toBeGreaterThanOrEqual(4096 * 4096);
    const seen = new Set<unknown>();
    const stack: unknown[] = [f.root];
    const originals = new Set<unknown>([a, a.kernel, a.kernel.mem, a.kernel.vm, a.kernel.mapContext, a.kernel.objects, a.kernel.pmaps]);
    while (stack.length > 0) {
      const v = stack.pop();
      if (typeof v === 'function') throw new Error('a function in a frozen machine');
      if (typeof v !== 'object' || v === null || seen.has(v)) continue;
      seen.add(v);
      expect(originals.has(v)).toBe(false);
      if (ArrayBuffer.isView(v)) expect(v.buffer).not.toBe(a.kernel.mem.bytes.buffer);
      else if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
      else if (v instanceof Set) for (const x of v) stack.push(x);
      else for (const k of Reflect.ownKeys(v)) stack.push((v as Record<PropertyKey, unknown>)[k]);
    }
  });
});

describe('the copier on its own', () => {
  class Node {
    next: Node | null = null;
    constructor(public id: number) {}
  }
  class Machine {
    readonly nodes = new Map<number, Node>();
    readonly order = new Set<Node>();
    readonly bytes = new Uint8Array(200_000);
    readonly view = this.bytes.subarray(100, 110);
    counter = 0;
    readonly hook: () => number;
    constructor() {
      this.hook = () => this.counter;
    }
  }

  it('keeps cycles, aliasing, Map and Set order, views on the same buffer, and rebinds closures', () => {
    const m = new Machine();
    for (const id of [5, 1, 3]) m.nodes.set(id, new Node(id));
    m.nodes.get(5)!.next = m.nodes.get(1)!;
    m.nodes.get(1)!.next = m.nodes.get(5)!; // a cycle
    for (const id of [3, 5]) m.order.add(m.nodes.get(id)!);
    m.bytes[105] = 7;
    m.bytes[150_000] = 9;
    m.counter = 42;
    for (const c of [restore(m, new Machine()), restore(freeze(m, new Machine()), new Machine())]) {
      expect([...c.nodes.keys()]).toEqual([5, 1, 3]);
      expect(c.nodes.get(1)!.next).toBe(c.nodes.get(5));
      expect(c.nodes.get(5)!.next!.next).toBe(c.nodes.get(5));
      expect([...c.order]).toEqual([c.nodes.get(3), c.nodes.get(5)]);
      expect(c.nodes.get(3)).toBeInstanceOf(Node);
      expect(c.view.buffer).toBe(c.bytes.buffer);
      expect(c.view[5]).toBe(7);
      expect(c.bytes[150_000]).toBe(9);
      c.view[0] = 1;
      expect(c.bytes[100]).toBe(1);
      expect(m.bytes[100]).toBe(0);
      expect(c.hook()).toBe(42);
      c.counter = 43;
      expect(c.hook()).toBe(43); // the closure is the copy's own
      expect(m.hook()).toBe(42);
    }
  });

  it('refuses a closure made after construction, and objects whose state it cannot read', () => {
    const m = new Machine();
    (m as unknown as { late: () => number }).late = () => m.counter;
    expect(() => restore(m, new Machine())).toThrow(/closure/);
    const w = new Machine();
    (w as unknown as { cache: WeakMap<object, number> }).cache = new WeakMap();
    expect(() => restore(w, new Machine())).toThrow(/WeakMap/);
  });
});
