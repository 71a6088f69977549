/**
 * The step fetched one ahead (scenario_store prepareNext, prepared_step.ts): what a step forward
 * shows from it is what the worker would have sent for the key (record, machines event by event,
 * task names), without asking the worker again; a prepared step that no longer fits (another move,
 * a load, an edit, another play setting) is dropped and never shown, and the diff chain stays whole.
 */
import { describe, expect, it } from 'vitest';
import { createScenarioStore } from './scenario_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';
import type { Builtin } from '../scenario/builtins';
import type { WorkerCommand } from '../worker/protocol';

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\ntask B = fork(A)\nkr = write(B, x, "yo")\nassert x == 0x1000\n';
const OTHER = 'task C\nkr = vm_allocate(C, &y, 0x1000, TRUE)\nkr = write(C, y, "zz")\n';
const builtins: Builtin[] = [{ name: 'one', title: 'One', goal: 'g', source: SRC }];

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

/** A store on an in-process worker, with the commands it sent. */
function storeWithLog(plays: () => boolean = () => true, skips: () => boolean = () => false) {
  const sent: WorkerCommand[] = [];
  const h = new CommandHandler();
  const client = inProcessClient((c: WorkerCommand) => {
    sent.push(c);
    return h.handle(c);
  });
  return { store: createScenarioStore(client, builtins, undefined, plays, skips), sent, gotos: () => sent.filter((c) => c.type === 'goto').length };
}

/** What a store that never prepares shows at `step`, reached by a step forward from step - 1. */
async function truthAt(step: number, plays = true) {
  const { store } = storeWithLog(() => plays);
  store.getState().loadBuiltin('one', step - 1);
  await settle();
  await store.getState().stepForward();
  return store.getState();
}

describe('scenario store: the step fetched ahead', () => {
  it('a step forward shows the prepared step without asking the worker again: the same record, machines and task names', async () => {
    const { store, gotos } = storeWithLog();
    store.getState().loadBuiltin('one', 4);
    await settle();
    const shownBefore = store.getState().snapshot;
    const prepared = await store.getState().prepareNext();
    expect(prepared?.step).toBe(5);
    expect(store.getState().prepared).toBe(prepared);
    // nothing shown moved while it was fetched
    expect(store.getState().cursor).toBe(4);
    expect(store.getState().snapshot).toBe(shownBefore);
    const asked = gotos();
    await store.getState().stepForward();
    expect(gotos()).toBe(asked);
    const s = store.getState();
    expect(s.cursor).toBe(5);
    expect(s.prepared).toBeNull();
    expect(s.snapshot).toBe(prepared!.states.after);
    const truth = await truthAt(5);
    expect(s.record).toEqual(truth.record);
    expect(s.snapshot).toEqual(truth.snapshot);
    expect(s.taskNames).toEqual(truth.taskNames);
    expect(s.states?.count).toBe(truth.states?.count);
    expect(s.states?.before).toEqual(truth.states?.before);
    for (let i = 0; i < s.states!.count; i++) expect(s.states?.afterEvent(i)).toEqual(truth.states?.afterEvent(i));
  });

  it('with the prepared step here, a step forward shows it in one update: the target, the counter and the machine together', async () => {
    const { store } = storeWithLog();
    store.getState().loadBuiltin('one', 1);
    await settle();
    await store.getState().prepareNext();
    const updates: { target: number; shownTarget: number; cursor: number }[] = [];
    const unsubscribe = store.subscribe((s) => void updates.push({ target: s.target, shownTarget: s.shownTarget, cursor: s.cursor }));
    void store.getState().stepForward();
    unsubscribe();
    expect(updates).toEqual([{ target: 2, shownTarget: 2, cursor: 2 }]);
  });

  it('a step forward pressed while the prepared step is on its way waits for it: one goto, not two', async () => {
    const { store, gotos } = storeWithLog();
    store.getState().loadBuiltin('one', 2);
    await settle();
    const asked = gotos();
    const ahead = store.getState().prepareNext();
    const key = store.getState().stepForward();
    await Promise.all([ahead, key]);
    expect(gotos()).toBe(asked + 1);
    expect(store.getState().cursor).toBe(3);
    expect(store.getState().snapshot).toEqual((await truthAt(3)).snapshot);
  });

  it('another move drops the prepared step; the machines shown after it stay exact (the chain went through it)', async () => {
    const { store } = storeWithLog();
    store.getState().loadBuiltin('one', 3);
    await settle();
    await store.getState().prepareNext();
    await store.getState().stepBack();
    expect(store.getState().prepared).toBeNull();
    expect(store.getState().cursor).toBe(2);
    expect(store.getState().snapshot).toEqual((await truthAt(2)).snapshot);
    await store.getState().stepForward();
    await store.getState().stepForward();
    expect(store.getState().cursor).toBe(4);
    expect(store.getState().snapshot).toEqual((await truthAt(4)).snapshot);
  });

  it('a prepared step is never shown for another text: a load drops it, even one sent while it was on its way', async () => {
    const { store } = storeWithLog();
    store.getState().loadBuiltin('one', 1);
    await settle();
    const ahead = store.getState().prepareNext();
    store.getState().loadSource(OTHER);
    expect(await ahead).toBeNull();
    await settle();
    expect(store.getState().prepared).toBeNull();
    await store.getState().stepForward();
    const s = store.getState();
    expect(s.cursor).toBe(1);
    expect(s.record?.text).toBe('task C');
    expect(s.snapshot?.tasks.map((t) => t.name)).toEqual(['C']);
  });

  it('an edit drops it; a play setting changed since it was fetched makes the step forward ask the worker', async () => {
    let plays = true;
    const { store, gotos, sent } = storeWithLog(() => plays);
    store.getState().loadBuiltin('one', 3);
    await settle();
    await store.getState().prepareNext();
    store.getState().editSource(SRC + '\n');
    expect(store.getState().prepared).toBeNull();
    store.getState().editSource(SRC);
    await store.getState().prepareNext();
    expect(store.getState().prepared?.states.count).toBeGreaterThan(0);
    plays = false;
    const asked = gotos();
    await store.getState().stepForward();
    expect(gotos()).toBe(asked + 1);
    expect(sent.at(-1)).toMatchObject({ type: 'goto', step: 4, events: false });
    expect(store.getState().states?.count).toBe(0);
    expect(store.getState().snapshot).toEqual((await truthAt(4, false)).snapshot);
  });

  it('prepares nothing at the end, while a move is on its way, or twice; skipping quiet steps, it prepares the next loud one', async () => {
    const { store, gotos } = storeWithLog();
    store.getState().loadBuiltin('one', 6);
    await settle();
    expect(await store.getState().prepareNext()).toBeNull();
    const moving = store.getState().stepBack();
    expect(await store.getState().prepareNext()).toBeNull();
    await moving;
    const first = store.getState().prepareNext();
    const asked = gotos();
    expect(await store.getState().prepareNext()).toBeNull();
    expect(gotos()).toBe(asked);
    expect((await first)?.step).toBe(6);

    const QUIET = 'config frames=16\ntask A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\ny = x + 1\nassert kr == KERN_SUCCESS\nassert y == x + 1\nkr = write(A, x, "hi")\nassert kr == 0\n';
    const skipping = storeWithLog(() => true, () => true).store;
    skipping.getState().loadSource(QUIET, 3);
    await settle();
    expect((await skipping.getState().prepareNext())?.step).toBe(7);
    await skipping.getState().stepForward();
    expect(skipping.getState().cursor).toBe(7);
    expect(skipping.getState().record?.text).toBe('kr = write(A, x, "hi")');
  });
});
