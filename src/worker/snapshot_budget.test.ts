/**
 * The size budget (snapshot_budget.ts): the statement that would take the machine past
 * MAX_MACHINE_ENTRIES map entries is refused at its line, the limit named; the steps before it stay
 * and no machine past it is ever shown, whichever way the cursor gets there (a goto, a watched step
 * played through its events, the background run); a scenario under the budget runs to its end.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioSession } from './session';
import { CommandHandler } from './handler';
import { MAX_MACHINE_ENTRIES } from './snapshot_budget';
import { crowdedText as crowded } from '../testing/crowded_scenario';
import { applyDiff, type SnapshotDiff } from './snapshot_diff';
import type { MachineSnapshot } from '../kernel/snapshot';
import type { WorkerReply } from './protocol';


const entriesOf = (m: MachineSnapshot) => m.tasks.reduce((n, t) => n + t.entries.length, 0);

// 2,000 entries a task: 25 tasks hold 50,000; the 26th (task F24 = fork(F23), line 2 + 1,000 + 25) is refused
const SOURCE = crowded(2000, 30);
const REFUSED_LINE = 1027;

describe('the machine size budget', () => {
  it('refuses the fork past MAX_MACHINE_ENTRIES at its line, naming the limit; the steps before it stay', () => {
    expect(MAX_MACHINE_ENTRIES).toBe(50_000);
    const s = new ScenarioSession();
    const out = s.load(SOURCE);
    expect(out.status).toBe('runtime-error');
    if (out.status !== 'runtime-error') return;
    expect(out.line).toBe(REFUSED_LINE);
    expect(out.message).toBe(
      'this statement would give the machine 52,000 map entries; the playground shows at most 50,000 (MAX_MACHINE_ENTRIES). It was not run: the steps before it remain',
    );
    expect(out.total).toBe(REFUSED_LINE - 1);
    expect(s.total).toBe(REFUSED_LINE - 1);
    // past the end: the last step kept, its machine within the budget
    const at = s.goto(5000)!;
    expect(at.step).toBe(REFUSED_LINE - 1);
    expect(entriesOf(at.snapshot)).toBe(MAX_MACHINE_ENTRIES);
    expect(at.snapshot.tasks).toHaveLength(25);
    expect(s.record(REFUSED_LINE - 1)).toBeNull();
    // and back, then forward again: the same
    expect(s.goto(3)!.snapshot.tasks).toHaveLength(1);
    expect(entriesOf(s.goto(REFUSED_LINE)!.snapshot)).toBe(MAX_MACHINE_ENTRIES);
  });

  it('a watched step that runs into the refusal shows the machine before it, its states forgotten', () => {
    const h = new CommandHandler({ loadWork: 10 });
    const loaded = h.handle({ type: 'load', id: 1, source: SOURCE });
    expect(loaded.type === 'loaded' && loaded.outcome.status).toBe('running');
    // a goto past the refused statement before the background run got there, played through its events
    const at = h.handle({ type: 'goto', id: 2, step: REFUSED_LINE, fresh: true, events: true }) as Extract<WorkerReply, { type: 'at' }>;
    expect(at.type).toBe('at');
    expect(at.step).toBe(REFUSED_LINE - 1);
    expect(at.record?.line).toBe(REFUSED_LINE - 1);
    // the chain of states (from nothing) ends at the machine of the last step kept
    let m: MachineSnapshot | null = null;
    for (const d of [at.before, ...at.states] as SnapshotDiff[]) {
      m = applyDiff(m, d);
      // no state of the refused fork (its child half made) is ever sent
      expect(entriesOf(m)).toBeLessThanOrEqual(MAX_MACHINE_ENTRIES);
    }
    expect(m!.tasks).toHaveLength(25);
    expect(entriesOf(m!)).toBe(MAX_MACHINE_ENTRIES);
    const news = h.news();
    expect(news?.type === 'ran' && news.end).toEqual({ status: 'runtime-error', line: REFUSED_LINE, col: 1, message: expect.stringContaining('52,000 map entries') });
  });

  it('a machine within the budget runs to its end', () => {
    const s = new ScenarioSession();
    const out = s.load(crowded(2000, 24));
    expect(out.status).toBe('ok');
    expect(entriesOf(s.goto(Infinity)!.snapshot)).toBe(MAX_MACHINE_ENTRIES);
  });
});
