/**
 * The page's side of the step fetched ahead: its narration, told in idle time, is the very one the
 * step shows (narrationOf: kept per record for the same names), and the machines laid out ahead are
 * the ones the step's play shows first and last.
 */
import { describe, expect, it } from 'vitest';
import { createScenarioStore } from '../store/scenario_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';
import { narrate } from './narration/narrate';
import { narrationNames, narrationOf } from './narration/narration_of';
import { machinesToLayOut } from './prepare_next';
import { playedState } from './played_state';

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\ntask B = fork(A)\nkr = write(B, x, "yo")\n';

async function preparedAt(step: number, plays = true) {
  const h = new CommandHandler();
  const store = createScenarioStore(inProcessClient((c) => h.handle(c)), [], undefined, () => plays);
  store.getState().loadSource(SRC, step - 1);
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  return (await store.getState().prepareNext())!;
}

describe('preparing the next step', () => {
  it('tells a step once per record and names: the lines the step shows are those told ahead', async () => {
    const p = await preparedAt(5);
    const lines = narrationOf(p.record!, p.taskNames, p.states.after.pageSize);
    expect(lines).toEqual(narrate(p.record!, narrationNames(p.taskNames, p.states.after.pageSize)));
    expect(narrationOf(p.record!, p.taskNames, p.states.after.pageSize)).toBe(lines);
    // other names: told again, with them
    const renamed = narrationOf(p.record!, { ...p.taskNames, 2: 'child' }, p.states.after.pageSize);
    expect(renamed).not.toBe(lines);
    expect(renamed.map((l) => l.text).join(' ')).toContain('child');
  });

  it("lays out the machine the step's play shows first, then the one after it; an instant step, only the one after it", async () => {
    const p = await preparedAt(5);
    const lines = narrationOf(p.record!, p.taskNames, p.states.after.pageSize);
    const first = playedState(lines, 0);
    const machines = machinesToLayOut(p);
    expect(machines.at(-1)).toBe(p.states.after);
    const expected = first.kind === 'before' ? p.states.before : first.kind === 'after-event' ? p.states.afterEvent(first.event) : p.states.after;
    expect(machines[0]).toBe(expected);
    const instant = await preparedAt(5, false);
    expect(machinesToLayOut(instant)).toEqual([instant.states.after]);
  });
});
