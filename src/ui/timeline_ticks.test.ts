import { describe, expect, it } from 'vitest';
import type { StepSummaries } from '../worker/protocol';
import { STEP_COW, STEP_FAULTED, STEP_PAGEOUT, STEP_SHOOTDOWN } from '../worker/step_summary';
import { eventTickLabel, eventTicks, MAX_TIMELINE_TICKS, stopTickLabel, stopTicks, TICK_FLAG, tickColumns, tickCounts } from './timeline_ticks';
import type { Mark } from './stops';

function withFlags(flags: number[]): StepSummaries {
  const n = flags.length;
  return {
    text: new Array<string>(n).fill('s'), line: new Uint32Array(n), kind: new Uint8Array(n).fill(3), kr: new Int32Array(n),
    events: new Uint32Array(n), flags: Uint8Array.from(flags), outs: [], error: null,
  };
}
const mark = (step: number, name: string): Mark => ({ statement: step - 1, step, name, line: step });

describe('timeline ticks', () => {
  it('reads the same flags as the step summaries set', () => {
    expect(TICK_FLAG).toEqual({ faulted: STEP_FAULTED, cow: STEP_COW, pageout: STEP_PAGEOUT, shootdown: STEP_SHOOTDOWN });
  });

  it('a tick at each step with a fault, a copy-on-write copy, a shootdown or a pageout; asserts and quiet steps get none', () => {
    // statements 0..5 = steps 1..6; 8 | 16 = an assert that held: no tick
    const s = withFlags([0, STEP_FAULTED, STEP_FAULTED | STEP_COW, 8 | 16, STEP_SHOOTDOWN, STEP_PAGEOUT]);
    const ticks = eventTicks(s, 6, 100);
    expect(ticks).toEqual([
      { step: 2, flags: STEP_FAULTED },
      { step: 3, flags: STEP_FAULTED | STEP_COW },
      { step: 5, flags: STEP_SHOOTDOWN },
      { step: 6, flags: STEP_PAGEOUT },
    ]);
    expect(eventTickLabel(ticks[1])).toBe('step 3: page fault, copy-on-write copy');
    expect(tickCounts(s)).toEqual([2, 1, 1, 1]); // faults, COW copies, shootdowns, pageouts
  });

  it('at most one tick per column whatever the step count: 25,000 faulting steps on a 300-pixel bar', () => {
    const n = 25_000;
    const s = withFlags(Array.from({ length: n }, (_, i) => (i % 7 === 0 ? STEP_COW : STEP_FAULTED)));
    const columns = tickColumns(300, 4);
    expect(columns).toBe(75);
    const ticks = eventTicks(s, n, columns);
    expect(ticks.length).toBeLessThanOrEqual(columns);
    expect(ticks.length).toBeGreaterThan(columns - 2);
    // each column's tick says every kind met in it, and goes to its first marked step
    expect(ticks[0]).toEqual({ step: 1, flags: STEP_FAULTED | STEP_COW });
    expect(ticks.every((t, i) => i === 0 || t.step > ticks[i - 1].step)).toBe(true);
    expect(tickColumns(1_000_000, 1)).toBe(MAX_TIMELINE_TICKS);
  });

  it('while a run goes on, only the steps run so far have ticks, placed on the whole timeline', () => {
    const s = withFlags([STEP_FAULTED, STEP_FAULTED]); // 2 of 1000 statements run
    expect(eventTicks(s, 1000, 100)).toEqual([{ step: 1, flags: STEP_FAULTED }]);
  });

  it('named stops: a tick each, those close together sharing one, and none past the timeline', () => {
    const ticks = stopTicks([mark(3, 'fork'), mark(50, 'a'), mark(51, 'b'), mark(200, 'after the end')], 100, 10);
    expect(ticks).toEqual([
      { step: 3, names: ['fork'] },
      { step: 50, names: ['a', 'b'] },
    ]);
    expect(stopTickLabel(ticks[1])).toBe('step 50: stop “a”, “b”');
  });
});
