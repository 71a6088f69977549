/**
 * A replayed statement skips the range walks that price its work when its first run ended within
 * MAX_WORK (interpreter.ts, `unpriced`); one whose first run went past the budget is priced again,
 * so it stops before its kernel call as it did then. Checked on a run the budget stops: a goto that
 * replays the stopped statement shows the machine of a straight run, not one the call changed.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioSession } from './session';
import { Interpreter } from '../scenario/interpreter';
import { parseOrThrow } from '../scenario/parser';
import { takeSnapshot } from '../kernel/snapshot';
import { same } from '../testing/same';

const TOO_MUCH_WORK = /too much work/;

describe('replaying past the work budget', () => {
  it('the statement stopped by the budget is stopped again, before its kernel call, when a goto replays it', () => {
    // a vm_copy over the same 16 MiB again and again until the budget stops one at its charge,
    // before the call: a stopped copy that ran anyway would move the pages' counters (pageouts, pageins)
    const src = 'task A\nkr = vm_allocate(A, &x, 0x2000000, TRUE)\n' + Array.from({ length: 1000 }, () => 'kr = vm_copy(A, x, 0x1000000, x + 0x1000000)').join('\n') + '\n';
    const straight = new Interpreter(parseOrThrow(src), { trace: false });
    const records = straight.runAll();
    expect(records.at(-1)?.error?.message).toMatch(TOO_MUCH_WORK);
    const want = takeSnapshot(straight.kernel);

    const s = new ScenarioSession(null); // no checkpoints: every goto back replays from the start
    const loaded = s.load(src);
    expect(loaded.status).toBe('runtime-error');
    expect(s.total).toBe(records.length);
    // the load let its machine go; this goto runs every statement again, quietly, on a new one
    const at = s.goto(s.total)!;
    expect(s.starts.fresh).toBe(1);
    expect(at.record?.error?.message).toMatch(TOO_MUCH_WORK);
    if (!same(at.snapshot, want)) expect(at.snapshot).toEqual(want);
  }, 120_000); // three runs to the budget: ~5 s on a quiet machine, 25-30 s on a loaded one
});
