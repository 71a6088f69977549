/**
 * Sessions with replay checkpoints: wherever the cursor goes (forward, back, back again, a jump),
 * the machine is the one a fresh session going straight there would have.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { ScenarioSession } from './session';
import { loadBuiltins } from '../scenario/builtins_node';
import { randomScenario } from './random_scenario';
import type { CheckpointPolicy } from './checkpoints';
import { same } from '../testing/same';
import { Interpreter } from '../scenario/interpreter';
import { parseOrThrow } from '../scenario/parser';
import { takeSnapshot, type MachineSnapshot } from '../kernel/snapshot';

/** Checkpoints every few statements, restored whenever there is one, so that tests meet many of them. */
const DENSE: CheckpointPolicy = { budget: 64 * 1024 * 1024, maxCount: 8, ratio: 0, minWork: 4, maxOverhead: Infinity, maxInUse: 64 * 1024 * 1024, alwaysRestore: true };

function straight(source: string, step: number): string {
  const s = new ScenarioSession(null);
  s.load(source);
  return JSON.stringify(s.goto(step));
}

/** Restores seen by walk(), so the tests can tell they went through checkpoints. */
let restores = 0;

function walk(source: string, steps: number[], policy: CheckpointPolicy = DENSE): void {
  const s = new ScenarioSession(policy);
  s.load(source);
  for (const step of steps) expect(JSON.stringify(s.goto(step)), `goto(${step}) after ${steps.join(', ')}`).toBe(straight(source, step));
  restores += s.starts.checkpoint;
}

describe('a session with checkpoints', () => {
  beforeEach(() => {
    restores = 0;
  });

  it('goto(n), back, forward again: the same machine as going straight there, in every built-in', () => {
    for (const b of loadBuiltins()) {
      const s = new ScenarioSession(DENSE);
      s.load(b.source);
      const n = s.total;
      walk(b.source, [n, Math.floor(n / 3), Math.floor((2 * n) / 3), n - 1, 0, n]);
    }
    expect(restores).toBeGreaterThan(20);
  });

  it('random walks over random scenarios', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(fc.nat(80), { minLength: 1, maxLength: 6 }), (seed, steps) => {
        walk(randomScenario(seed, 80), steps);
      }),
      { numRuns: 40 },
    );
    expect(restores).toBeGreaterThan(20);
  });

  it('keeps checkpoints along a long run and goes back from them', () => {
    const lines = ['config frames=64', 'task A', 'kr = vm_allocate(A, &x, 0x10000, TRUE)'];
    for (let i = 0; i < 2000; i++) lines.push(`kr = write(A, x + ${(i % 16) * 0x1000}, "w${i}")`);
    const source = lines.join('\n') + '\n';
    const s = new ScenarioSession();
    s.load(source);
    const kept = s.checkpointPositions;
    expect(kept.length).toBeGreaterThan(2);
    expect(kept.length).toBeLessThanOrEqual(64);
    for (const step of [s.total - 1, kept[1] + 3, kept[0], 5]) expect(JSON.stringify(s.goto(step))).toBe(straight(source, step));
    expect(s.starts.checkpoint).toBeGreaterThanOrEqual(2);
  });

  it('checkpoints a big machine (65,536 frames) and steps back across its checkpoints', () => {
    const lines = ['config frames=65536 tlb_entries=1024', 'task A', 'kr = vm_allocate(A, &x, 0x1000000, TRUE)'];
    for (let i = 0; i < 800; i++) lines.push(`kr = write(A, x + ${(i % 600) * 0x1000}, "w${i}")`);
    lines.push('task B = fork(A)');
    for (let i = 0; i < 150; i++) lines.push(`kr = write(B, x + ${i * 0x3000}, "b${i}")`, `kr = read(A, x + ${i * 0x3000}, 2, &v)`);
    const source = lines.join('\n') + '\n';
    const s = new ScenarioSession();
    expect(s.load(source).status).toBe('ok');
    const kept = s.checkpointPositions;
    expect(kept.length).toBeGreaterThanOrEqual(2);
    const fresh = new ScenarioSession(null);
    fresh.load(source);
    for (const step of [s.total - 1, kept[kept.length - 1] + 1, kept[1] - 1, kept[0] + 5]) {
      const got = s.goto(step)!;
      const want = fresh.goto(step)!;
      if (!same(got, want)) expect(got, `goto(${step})`).toEqual(want);
    }
    expect(s.starts.checkpoint).toBeGreaterThanOrEqual(2);
  });

  it('checkpoints a scenario that stops on a runtime error, and goes back in it', () => {
    const source = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "a")\nkr = write(A, x + 0x1000, "b")\nkr = read(A, x, 1, &v)\nassert v == "b"\nkr = write(A, x, "c")\n';
    const s = new ScenarioSession(DENSE);
    expect(s.load(source).status).toBe('runtime-error');
    walk(source, [s.total, 2, s.total - 1, 1]);
  });
});

describe('a load whose failed asserts go on (the Compare view\'s other side)', () => {
  const text = 'task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\nassert x == 0x2000\nkr = write(A, x, "after")\nkr = read(A, x, 5, &v)\n';

  it('records the failed assert (✗) and runs on to the end, also when a step is replayed from the start', () => {
    const s = new ScenarioSession();
    const o = s.load(text, Infinity, Infinity, { failedAssertsGoOn: true });
    expect(o.status).toBe('ok');
    expect(o.status !== 'parse-error' && o.total).toBe(5);
    expect(s.goto(3)?.record?.assert).toMatchObject({ held: false });
    expect(s.goto(5)?.record?.error).toBeUndefined();
    // back before the assert and forward past it again: the machines replayed go on too
    expect(s.goto(1)?.record?.index).toBe(0);
    const end = s.goto(5);
    expect(end?.record?.error).toBeUndefined();
    expect(end?.record?.index).toBe(4);
  });

  it('stops at the failed assert otherwise, as the language says', () => {
    const o = new ScenarioSession().load(text);
    expect(o).toMatchObject({ status: 'runtime-error', line: 3, total: 3 });
  });
});

describe('replaying quietly (issue 18: a statement run again keeps no text and no events)', () => {
  it('every built-in: each step reached by replay is the machine, the work and the event states of a traced run', () => {
    for (const b of loadBuiltins()) {
      const s = new ScenarioSession(null);
      s.load(b.source);
      const traced = new Interpreter(parseOrThrow(b.source));
      for (let k = 1; k <= s.total; k++) {
        const rec = traced.step();
        const states: MachineSnapshot[] = [];
        // odd steps watched (the statement before runs traced, the ones before it quietly), even ones not
        const watched = k % 2 === 1;
        const r = s.goto(k, watched ? { before: () => {}, after: (x) => states.push(x) } : null)!;
        expect(r.step, `${b.name} step ${k}`).toBe(k);
        expect(same(r.snapshot, takeSnapshot(traced.kernel)), `${b.name} step ${k}: the machine`).toBe(true);
        expect(r.record!.events).toEqual(rec.events);
        expect(r.record!.text).toBe(rec.text);
        const cursor = (s as unknown as { interp: Interpreter }).interp;
        expect(cursor.work, `${b.name} step ${k}: work units`).toBe(traced.work);
        if (watched && !r.cut) expect(states.length, `${b.name} step ${k}: a state per event and one after`).toBe(Math.max(1, rec.events.length));
      }
      // and back to step 1, then to the end in one replay of every statement
      s.goto(1);
      const end = s.goto(s.total)!;
      expect(same(end.snapshot, takeSnapshot(traced.kernel)), `${b.name}: the end after a replay from step 1`).toBe(true);
    }
  });

  it('a text edited and loaded again: going back and forward runs the new statement, not the old one', () => {
    const before = 'task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\nkr = write(A, x, "old")\nkr = read(A, x, 3, &v)\n';
    const after = 'task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\nkr = write(A, x, "new")\nkr = read(A, x, 3, &v)\n';
    const s = new ScenarioSession(null);
    s.load(before);
    expect(new TextDecoder().decode(s.goto(4)!.record!.out.v as Uint8Array)).toBe('old');
    s.load(after);
    s.goto(4);
    s.goto(1);
    const r = s.goto(4)!; // statements 2 to 4 run again, quietly, from the new text
    expect(new TextDecoder().decode(r.record!.out.v as Uint8Array)).toBe('new');
    expect(r.record!.text).toBe('kr = read(A, x, 3, &v)');
    expect(s.starts.fresh + s.starts.current).toBeGreaterThan(0);
  });
});
