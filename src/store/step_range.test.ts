import { describe, expect, it } from 'vitest';
import { createScenarioStore } from './scenario_store';
import { stepRange } from './step_range';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';
import type { Builtin } from '../scenario/builtins';

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\ntask B = fork(A)\nkr = write(B, x, "yo")\nassert x == 0x1000\n';
const builtins: Builtin[] = [{ name: 'one', title: 'One', goal: 'g', source: SRC }];

/** Until the load has answered and the step it went to is shown. */
async function settle(store: { getState(): { outcome: unknown; snapshot: unknown; cursor: number; target: number } }): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const s = store.getState();
    if (s.outcome !== null && s.snapshot !== null && s.cursor === s.target) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('stepRange', () => {
  it('is every step without bounds, and the bounds clamped to the total (end never before start)', () => {
    expect(stepRange({ bounds: null, total: 6 })).toEqual({ first: 0, last: 6 });
    expect(stepRange({ bounds: { start: 2, end: 4 }, total: 6 })).toEqual({ first: 2, last: 4 });
    expect(stepRange({ bounds: { start: 2, end: null }, total: 6 })).toEqual({ first: 2, last: 6 });
    expect(stepRange({ bounds: { start: 9, end: 99 }, total: 6 })).toEqual({ first: 6, last: 6 });
    expect(stepRange({ bounds: { start: 4, end: 1 }, total: 6 })).toEqual({ first: 4, last: 4 });
  });
});

describe('the scenario store within bounds (an embed)', () => {
  it('opens at the start step and never leaves [start, end], whatever is asked', async () => {
    const handler = new CommandHandler();
    const store = createScenarioStore(inProcessClient((c) => handler.handle(c)), builtins);
    store.getState().setBounds({ start: 2, end: 4 });
    store.getState().loadBuiltin('one', 0);
    await settle(store);
    expect(store.getState().cursor).toBe(2);
    await store.getState().runToEnd();
    expect(store.getState().cursor).toBe(4);
    await store.getState().stepForward();
    expect(store.getState().cursor).toBe(4);
    await store.getState().reset();
    expect(store.getState().cursor).toBe(2);
    await store.getState().goto(6);
    expect(store.getState().cursor).toBe(4);
    store.getState().setBounds(null);
    await store.getState().goto(6);
    expect(store.getState().cursor).toBe(6);
  });
});
