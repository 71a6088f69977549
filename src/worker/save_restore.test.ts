/**
 * Saving and restoring a running machine (Interpreter.save / restore, Kernel.save / restore, the
 * replay checkpoints' mechanism): a save taken at any statement, restored into another machine,
 * runs on exactly like the original (the same records, the same snapshot after every statement,
 * the invariants holding); a save is plain data that survives structuredClone; restoring it any
 * number of times, into new machines or machines that ran on, gives the same run, and nothing a
 * restored machine does writes into the save. Built-in scenarios and random ones (pageout, forks,
 * files, copies, remaps, terminations).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Interpreter, type InterpreterState, type StepRecord } from '../scenario/interpreter';
import { parseScenario } from '../scenario/parser';
import type { Program } from '../scenario/ast';
import { loadBuiltins } from '../scenario/builtins_node';
import { Kernel } from '../kernel/kernel';
import { stateSize } from '../kernel/kernel_state';
import { takeSnapshot, type MachineSnapshot } from '../kernel/snapshot';
import { checkInvariants } from '../kernel/invariants';
import { user_read } from '../kernel/vm_user';
import { randomScenario } from './random_scenario';
import { same } from '../testing/same';

function programOf(source: string): Program {
  const p = parseScenario(source);
  if (!p.ok) throw new Error(p.error.message);
  return p.program;
}

/** What a run looks like after each statement: its records and snapshots. */
interface Run {
  records: StepRecord[];
  snapshots: MachineSnapshot[];
}

function runOn(it: Interpreter, invariants = false): Run {
  const out: Run = { records: [], snapshots: [] };
  while (!it.done) {
    out.records.push(it.step());
    out.snapshots.push(takeSnapshot(it.kernel));
    if (invariants) expect(checkInvariants(it.kernel), `invariants after statement ${it.position}`).toEqual([]);
  }
  return out;
}

function at(program: Program, k: number): Interpreter {
  const it = new Interpreter(program);
  while (it.position < k && !it.done) it.step();
  return it;
}

function expectSameRun(got: Run, want: Run, what: string): void {
  expect(got.records.length, what).toBe(want.records.length);
  for (let i = 0; i < want.records.length; i++) {
    if (!same(got.records[i], want.records[i])) expect(got.records[i], `${what}: record ${i}`).toEqual(want.records[i]);
    if (!same(got.snapshots[i], want.snapshots[i])) expect(got.snapshots[i], `${what}: snapshot ${i}`).toEqual(want.snapshots[i]);
  }
}

/** Where a value that is not plain data sits in a state, or null (functions, class instances, Maps...). */
function notPlain(v: unknown, path = 'state', seen = new Set<unknown>()): string | null {
  if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' || typeof v === 'undefined') return `${path}: a ${typeof v}`;
  if (typeof v !== 'object' || v === null || seen.has(v)) return null;
  seen.add(v);
  if (ArrayBuffer.isView(v)) return v instanceof DataView ? `${path}: a DataView` : null;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== Array.prototype) return `${path}: an instance of ${proto?.constructor?.name ?? 'null'}`;
  for (const [k, x] of Object.entries(v)) {
    const found = notPlain(x, `${path}.${k}`, seen);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Saves a machine after k statements and checks, in an order that would show any sharing: the
 * original runs on to the end (the reference); the save, restored into a new machine, runs the
 * same; so does a structuredClone of it; so does the save restored again into the machine that
 * ran on from the first restore, and into the original itself. The save is as it was after all that.
 */
function checkSaveAt(program: Program, k: number, what: string): void {
  const original = at(program, k);
  const before = takeSnapshot(original.kernel);
  const [position, work] = [original.position, original.work];
  const saved = original.save();
  const pristine = structuredClone(saved);
  expect(notPlain(saved), what).toBeNull();
  const want = runOn(original);

  const first = new Interpreter(program);
  first.restore(saved);
  expect(takeSnapshot(first.kernel), `${what}: the restored machine looks the same`).toEqual(before);
  expect([first.position, first.work], `${what}: where the restored run is`).toEqual([position, work]);
  // every field came back, those no snapshot shows too (tree priorities, the clock's hand, LRU ages...)
  if (!same(first.save(), pristine)) expect(first.save(), `${what}: a save of the restored machine`).toEqual(pristine);
  expect(checkInvariants(first.kernel)).toEqual([]);
  expectSameRun(runOn(first, true), want, `${what}: restored`);

  const cloned = new Interpreter(program);
  cloned.restore(structuredClone(saved));
  expectSameRun(runOn(cloned), want, `${what}: restored from a structured clone`);

  first.restore(saved); // in place, into a machine that ran to the end
  expectSameRun(runOn(first, true), want, `${what}: restored again, in place`);
  original.restore(saved);
  expectSameRun(runOn(original), want, `${what}: restored into the original`);

  if (!same(saved, pristine)) expect(saved, `${what}: the save was written to`).toEqual(pristine);
}

describe('saving and restoring a running machine', () => {
  it('runs on like the original in every built-in scenario, from several points', () => {
    for (const b of loadBuiltins()) {
      const program = programOf(b.source);
      const n = at(program, Infinity).position;
      for (const k of new Set([0, 1, Math.floor(n / 2), Math.max(0, n - 1)])) checkSaveAt(program, k, `${b.name} at ${k}`);
    }
  });

  it('runs on like the original in random scenarios (pageout, forks, files, copies, remaps)', () => {
    let pageouts = 0;
    let forks = 0;
    let files = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 60 }), (seed, k) => {
        const program = programOf(randomScenario(seed, 60));
        checkSaveAt(program, k, `seed ${seed} at ${k}`);
        const end = at(program, Infinity).save().kernel;
        if (end.stats.pageouts > 0) pageouts++;
        if (end.tasks.length > 1) forks++;
        if (end.pagers.some((p) => p.object !== 0)) files++;
      }),
      { numRuns: 60 },
    );
    // the machines the saves were taken of paged out, forked and mapped files
    expect(pageouts).toBeGreaterThan(10);
    expect(forks).toBeGreaterThan(10);
    expect(files).toBeGreaterThan(10);
  });

  it('restores into a machine of another configuration only by refusing', () => {
    const saved = at(programOf('config frames=16\ntask A\n'), 2).save();
    const other = new Interpreter(programOf('config frames=32\ntask A\n'));
    expect(() => other.restore(saved)).toThrow(/frames 16 cannot be restored into one with 32/);
  });

  it('keeps a file\'s contents as they were saved, while the machine writes them back', () => {
    // the last mapping of the file goes: its dirty page goes back to the file (memory_object_data_return)
    const program = programOf('task A\nobject F size=0x2000 data="old"\nkr = vm_map(A, &x, 0x2000, 0, TRUE, F, 0, FALSE, VM_PROT_ALL, VM_PROT_ALL, VM_INHERIT_SHARE)\nkr = write(A, x, "new")\nkr = vm_deallocate(A, x, 0x2000)\n');
    const it = at(program, 4);
    const saved = it.save();
    runOn(it);
    const text = (page: Uint8Array) => new TextDecoder().decode(page.subarray(0, 3));
    expect(text(it.save().kernel.pagers[0].pages[0])).toBe('new');
    expect(text(saved.kernel.pagers[0].pages[0])).toBe('old');
    const again = Kernel.fromState(saved.kernel);
    expect(text(user_read(again, 1, it.vars.get('x') as number, 3).data)).toBe('new'); // from the frame, dirty
    checkSaveAt(program, 4, 'a file written back');
  });
});

describe('a save of a big machine', () => {
  it('holds the memory in use, not the machine: 65,536 frames, a few pages written', () => {
    const lines = ['config frames=65536 tlb_entries=1024', 'task A', 'kr = vm_allocate(A, &x, 0x1000000, TRUE)'];
    for (let i = 0; i < 64; i++) lines.push(`kr = write(A, x + ${i * 0x1000}, "page ${i}")`);
    lines.push('task B = fork(A)', 'kr = write(B, x, "B")', 'kr = read(A, x + 0x100000, 4, &v)');
    const program = programOf(lines.join('\n') + '\n');
    const it = at(program, Infinity);
    const saved: InterpreterState = it.save();
    const size = stateSize(saved.kernel);
    expect(saved.kernel.mem.pageFrames.length).toBe(65); // 64 written, B's copy; the zero page read is not stored
    expect(size.stored).toBeLessThan(65 * 4096 + 64 * 1024);
    const back = new Interpreter(program);
    back.restore(saved);
    expect(takeSnapshot(back.kernel)).toEqual(takeSnapshot(it.kernel));
    expect(new TextDecoder().decode(user_read(back.kernel, 1, 63 * 0x1000 + (it.vars.get('x') as number), 7).data)).toBe('page 63');
  });
});
