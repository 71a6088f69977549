import { describe, expect, it } from 'vitest';
import { createScenarioStore } from './scenario_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient, type KernelClient } from '../worker/client';
import type { Builtin } from '../scenario/builtins';
import type { WorkerCommand } from '../worker/protocol';

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\ntask B = fork(A)\nkr = write(B, x, "yo")\nassert x == 0x1000\n';
const builtins: Builtin[] = [{ name: 'one', title: 'One', goal: 'g', source: SRC }];

function fresh(): KernelClient {
  const h = new CommandHandler();
  return inProcessClient((c) => h.handle(c));
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('scenario store', () => {
  it('loads a built-in: every record is known, the cursor starts at 0 with an empty machine', async () => {
    const store = createScenarioStore(fresh(), builtins);
    expect(store.getState().loadBuiltin('one')).toBe(true);
    await settle();
    const s = store.getState();
    expect(s.outcome?.status).toBe('ok');
    expect(s.total).toBe(6);
    expect(s.cursor).toBe(0);
    expect(s.record).toBeNull();
    expect(s.snapshot?.tasks).toEqual([]);
  });

  it('steps asked for in quick succession add up (the target moves before the worker answers)', async () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().loadBuiltin('one');
    await settle();
    const a = store.getState().stepForward();
    const b = store.getState().stepForward();
    const c = store.getState().stepForward();
    await Promise.all([a, b, c]);
    expect(store.getState().cursor).toBe(3);
    expect(store.getState().record?.text).toBe('kr = write(A, x, "hi")');
  });

  it('steps forward and back; the snapshot follows (diffs applied in order)', async () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().loadBuiltin('one');
    await settle();
    await store.getState().stepForward();
    await store.getState().stepForward();
    let s = store.getState();
    expect(s.cursor).toBe(2);
    expect(s.record?.text).toBe('kr = vm_allocate(A, &x, 0x2000, TRUE)');
    expect(s.snapshot?.tasks[0].entries.map((e) => [e.start, e.end])).toEqual([[0x1000, 0x3000]]);
    await store.getState().runToEnd();
    s = store.getState();
    expect(s.cursor).toBe(6);
    expect(s.snapshot?.tasks.map((t) => t.name)).toEqual(['A', 'B']);
    expect(s.snapshot?.tasks[1].cowFaults).toBe(1);
    await store.getState().stepBack();
    await store.getState().stepBack();
    s = store.getState();
    expect(s.cursor).toBe(4);
    expect(s.snapshot?.tasks[1].cowFaults).toBe(0); // the child has not written yet
    await store.getState().reset();
    expect(store.getState().snapshot?.tasks).toEqual([]);
    await store.getState().goto(99);
    expect(store.getState().cursor).toBe(6); // clamped
  });

  it('opens at a given step (a link with &step=N)', async () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().loadBuiltin('one', 3);
    await settle();
    expect(store.getState().cursor).toBe(3);
    expect(store.getState().snapshot?.frameOwner.some((o) => o !== 0)).toBe(true);
  });

  it('names an unknown built-in in a banner and keeps the text', () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().editSource('task Z\n');
    expect(store.getState().loadBuiltin('nope')).toBe(false);
    expect(store.getState().banner).toContain('"nope"');
    expect(store.getState().source).toBe('task Z\n');
  });

  it('a parse error is an outcome with its line and column; the timeline is empty', async () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().loadSource('task A\nkr = vm_allocate(A, x, 1, TRUE)\n');
    await settle();
    const o = store.getState().outcome;
    expect(o?.status === 'parse-error' && [o.line, o.col]).toEqual([2, 21]);
    expect(store.getState().total).toBe(0);
  });

  it('a crashed worker is replaced and the session replayed to the cursor; the text is kept', async () => {
    let h = new CommandHandler();
    let crashNext = false;
    const client = inProcessClient((c: WorkerCommand) => {
      if (crashNext) {
        crashNext = false;
        h = new CommandHandler(); // the new worker knows nothing
        return { type: 'crashed', id: c.id, message: 'boom' };
      }
      return h.handle(c);
    });
    const store = createScenarioStore(client, builtins);
    store.getState().loadBuiltin('one');
    await settle();
    await store.getState().goto(4);
    crashNext = true;
    await store.getState().stepForward();
    await settle();
    const s = store.getState();
    expect(s.banner).toContain('boom');
    expect(s.banner).toContain('restarted');
    expect(s.cursor).toBe(5); // replayed to where the user was going
    expect(s.snapshot?.tasks.map((t) => t.name)).toEqual(['A', 'B']);
    expect(s.snapshot?.tasks[1].cowFaults).toBe(1);
    expect(s.source).toBe(SRC);
    await store.getState().stepForward();
    expect(store.getState().cursor).toBe(6);
  });
});
