/**
 * Every built-in scenario, stepped statement by statement with the kernel's invariants checked after
 * each one (semantics.md, "Invariants"): frame and object reference counts, shadow chains, pmap and
 * TLB agreement... A lesson that breaks an invariant names its line and statement. Each built-in is
 * also run twice to check that the interpreter is deterministic: the same StepRecords (results, out
 * values and kernel events), which is what the UI relies on to travel in time.
 */
import { describe, expect, test } from 'vitest';
import { loadBuiltins } from './builtins_node';
import { Interpreter, type StepRecord } from './interpreter';
import { parseOrThrow } from './parser';
import { checkInvariants } from '../kernel/invariants';

const builtins = loadBuiltins();

/** JSON of the step records, byte strings written out as arrays so that they compare by content. */
function serialize(records: StepRecord[]): string {
  return JSON.stringify(records, (_key, value: unknown) =>
    value instanceof Uint8Array ? { bytes: Array.from(value) } : value,
  );
}

/** Steps a scenario to the end, checking the invariants after every statement. */
function stepChecked(name: string, source: string): StepRecord[] {
  const interp = new Interpreter(parseOrThrow(source));
  const before = checkInvariants(interp.kernel);
  expect(before, `${name}: invariants broken before the first statement:\n${before.join('\n')}`).toEqual([]);
  const records: StepRecord[] = [];
  while (!interp.done) {
    const rec = interp.step();
    records.push(rec);
    const where = `${name}.vms:${rec.line}: ${rec.text}`;
    expect(rec.error, `${where}: stopped with an error: ${rec.error?.message}`).toBeUndefined();
    const problems = checkInvariants(interp.kernel);
    expect(problems, `${where}: invariants broken after this statement:\n${problems.join('\n')}`).toEqual([]);
  }
  expect(interp.position, `${name}: not every statement ran`).toBe(interp.statements.length);
  return records;
}

/** Runs a scenario to the end without checks (the second, determinism run). */
function runPlain(source: string): StepRecord[] {
  return new Interpreter(parseOrThrow(source)).runAll();
}

describe('the built-in scenarios keep the kernel invariants', () => {
  test('there are built-ins to check', () => {
    expect(builtins.length).toBeGreaterThanOrEqual(17);
  });

  test.each(builtins.map((b) => [b.name, b] as const))('%s: invariants hold after every statement, no error', (name, b) => {
    const records = stepChecked(name, b.source);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) if (r.assert !== undefined) expect(r.assert.held, `${name}.vms:${r.line}: ${r.text}`).toBe(true);
  });

  test.each(builtins.map((b) => [b.name, b] as const))('%s: a second run gives identical step records', (name, b) => {
    const first = runPlain(b.source);
    const second = runPlain(b.source);
    expect(second.length).toBe(first.length);
    first.forEach((r, i) => {
      // statement by statement, so that a difference names its line
      expect(serialize([second[i]]), `${name}.vms:${r.line}: ${r.text}: run 2 differs from run 1`).toBe(serialize([r]));
    });
    expect(serialize(second)).toBe(serialize(first));
  });
});
