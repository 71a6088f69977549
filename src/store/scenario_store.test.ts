import { describe, expect, it } from 'vitest';
import { createScenarioStore } from './scenario_store';
import { handleCommand } from '../worker/handler';
import type { KernelClient } from '../worker/client';
import type { Builtin } from '../scenario/builtins';

const inProcess: KernelClient = { send: async (cmd) => handleCommand({ ...cmd, id: 1 }) };
const builtins: Builtin[] = [
  { name: 'one', title: 'One', goal: 'g', source: 'task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\nassert x == 0x1000\n' },
];

describe('scenario store', () => {
  it('loads a built-in and keeps the outcome the kernel sent back', async () => {
    const store = createScenarioStore(inProcess, builtins);
    expect(store.getState().loadBuiltin('one')).toBe(true);
    await store.getState().run();
    const o = store.getState().outcome;
    expect(o?.status).toBe('ok');
    if (o?.status !== 'ok') return;
    expect(o.steps.map((s) => s.kr)).toEqual([null, 0, null]);
    expect(o.steps[1].out.x).toBe(0x1000);
  });

  it('names an unknown built-in in a banner and keeps the text', () => {
    const store = createScenarioStore(inProcess, builtins);
    store.getState().editSource('task Z\n');
    expect(store.getState().loadBuiltin('nope')).toBe(false);
    expect(store.getState().banner).toContain('"nope"');
    expect(store.getState().source).toBe('task Z\n');
  });

  it('keeps the text and reports a crashed worker', async () => {
    const crashing: KernelClient = { send: async () => ({ type: 'crashed', id: 1, message: 'boom' }) };
    const store = createScenarioStore(crashing, builtins);
    store.getState().loadSource('task A\n');
    await store.getState().run();
    expect(store.getState().banner).toContain('boom');
    expect(store.getState().source).toBe('task A\n');
  });

  it('drops a stale reply when a newer run was asked for', async () => {
    let release: () => void = () => {};
    const slow: KernelClient = {
      send: (cmd) =>
        new Promise((resolve) => {
          const reply = handleCommand({ ...cmd, id: 1 });
          if (cmd.source.includes('slow')) release = () => resolve(reply);
          else resolve(reply);
        }),
    };
    const store = createScenarioStore(slow, builtins);
    store.getState().editSource('# slow\ntask A\n');
    const first = store.getState().run();
    store.getState().editSource('task B\n');
    await store.getState().run();
    release();
    await first;
    const o = store.getState().outcome;
    expect(o?.status === 'ok' && o.steps[0].text).toBe('task B');
  });
});
