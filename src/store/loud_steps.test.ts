import { describe, expect, it } from 'vitest';
import type { StepSummaries } from '../worker/protocol';
import { isQuietStatement, nextLoudStep, previousLoudStep } from './loud_steps';
import { cpuTime } from '../testing/cpu_time';

/** Kinds by letter: c config, t task, o object, k call, = assign, a assert (step_summary.ts's numbering). */
const NUMBER: Record<string, number> = { c: 0, t: 1, o: 2, k: 3, '=': 4, a: 5 };
function summaries(kinds: string): StepSummaries {
  const n = kinds.length;
  return {
    text: Array.from({ length: n }, (_, i) => `statement ${i}`), line: new Uint32Array(n), kind: Uint8Array.from([...kinds].map((c) => NUMBER[c])),
    kr: new Int32Array(n), events: new Uint32Array(n), flags: new Uint8Array(n), outs: [], error: null,
  };
}

describe('loud steps', () => {
  // steps:            1 2 3 4 5 6 7 8 9
  const s = summaries('ctk=aaka=');

  it('config, assignments and asserts are quiet; tasks, objects and calls are loud', () => {
    expect([...'ctok=a'].map((_, i) => isQuietStatement(summaries('ctok=a'), i))).toEqual([true, false, false, false, true, true]);
  });

  it('forward goes to the next step whose statement is loud, skipping the quiet ones', () => {
    expect(nextLoudStep(s, 0, 9)).toBe(2); // the config line is skipped
    expect(nextLoudStep(s, 2, 9)).toBe(3);
    expect(nextLoudStep(s, 3, 9)).toBe(7); // the assignment and two asserts
    expect(nextLoudStep(s, 5, 9)).toBe(7); // from a quiet step too
  });

  it('the last step is always reachable, even when quiet', () => {
    expect(nextLoudStep(s, 7, 9)).toBe(9);
    expect(nextLoudStep(s, 9, 9)).toBe(9);
  });

  it('back goes to the previous loud step, and to step 0 when none is before', () => {
    expect(previousLoudStep(s, 9)).toBe(7);
    expect(previousLoudStep(s, 7)).toBe(3);
    expect(previousLoudStep(s, 3)).toBe(2);
    expect(previousLoudStep(s, 2)).toBe(0);
    expect(previousLoudStep(s, 1)).toBe(0);
    expect(previousLoudStep(s, 0)).toBe(0);
  });

  it('while a run goes on, forward past the steps known goes to the first step not yet run, then one at a time', () => {
    const run = summaries('k==='); // 4 of 10 statements run so far
    expect(nextLoudStep(run, 1, 10)).toBe(5);
    expect(nextLoudStep(run, 5, 10)).toBe(6);
    expect(nextLoudStep(run, 10, 10)).toBe(10);
    expect(previousLoudStep(run, 8)).toBe(7); // ahead of the run: nothing known to skip
    expect(previousLoudStep(run, 5)).toBe(1);
  });

  it('a long run of quiet statements is crossed in one search, quickly (25,000 statements)', () => {
    const big = summaries('t' + 'a'.repeat(24_998) + 'k');
    const { ms } = cpuTime(() => {
      expect(nextLoudStep(big, 1, 25_000)).toBe(25_000);
      expect(previousLoudStep(big, 25_000)).toBe(1);
    });
    expect(ms).toBeLessThan(50);
  });
});
