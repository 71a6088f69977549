import { describe, expect, it, vi } from 'vitest';
import { WorkerKernelClient } from './client';
import { CommandHandler } from './handler';
import type { WorkerCommand, WorkerReply } from './protocol';
import { applyDiff } from './snapshot_diff';

/** A stand-in for a module worker: answers through the real handler, or dies, or hangs. */
class FakeWorker {
  onmessage: ((ev: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  terminated = false;
  private handler = new CommandHandler();
  constructor(private mode: { value: 'ok' | 'die' | 'hang' }) {}
  postMessage(cmd: WorkerCommand): void {
    const mode = this.mode.value;
    setTimeout(() => {
      if (this.terminated) return;
      if (mode === 'die') this.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
      else if (mode === 'ok') this.onmessage?.({ data: this.handler.handle(cmd) } as MessageEvent<WorkerReply>);
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function client(timeoutMs = 50) {
  const mode = { value: 'ok' as 'ok' | 'die' | 'hang' };
  const made: FakeWorker[] = [];
  const c = new WorkerKernelClient(() => {
    const w = new FakeWorker(mode);
    made.push(w);
    return w as unknown as Worker;
  }, timeoutMs);
  return { c, mode, made };
}

describe('worker client', () => {
  it('answers each command through the worker', async () => {
    const { c } = client();
    const r = await c.send({ type: 'load', source: 'task A\n' });
    expect(r.type === 'loaded' && r.outcome.status).toBe('ok');
    const at = await c.send({ type: 'goto', step: 1, events: true });
    if (at.type !== 'at' || at.before === null) throw new Error(`expected 'at' with the machine before, got ${JSON.stringify(at)}`);
    const before = applyDiff(null, at.before);
    expect(before.tasks).toEqual([]);
    expect(at.states.reduce(applyDiff, before).tasks.map((t) => t.name)).toEqual(['A']);
    const rec = await c.send({ type: 'record', index: 0 });
    expect(rec.type === 'record' && rec.record?.events.map((e) => e.type)).toEqual(['task_created']);
  });

  it('a dead worker answers "crashed" and the next command gets a fresh one', async () => {
    const { c, mode, made } = client();
    mode.value = 'die';
    const r = await c.send({ type: 'load', source: 'task A\n' });
    expect(r).toMatchObject({ type: 'crashed', message: 'out of memory' });
    expect(made[0].terminated).toBe(true);
    mode.value = 'ok';
    expect((await c.send({ type: 'load', source: 'task A\n' })).type).toBe('loaded');
    expect(made).toHaveLength(2);
  });

  it('a hung worker is declared dead after the time limit, terminated and replaced', async () => {
    vi.useRealTimers();
    const { c, mode, made } = client(30);
    mode.value = 'hang';
    const r = await c.send({ type: 'load', source: 'task A\n' });
    expect(r.type).toBe('crashed');
    expect(r.type === 'crashed' && r.message).toContain('did not answer');
    expect(made[0].terminated).toBe(true);
    mode.value = 'ok';
    expect((await c.send({ type: 'load', source: 'task A\n' })).type).toBe('loaded');
  });
});

describe('Stop', () => {
  it('ends a busy worker: the pending command answers "stopped", and the next one gets a fresh worker', async () => {
    const { c, mode, made } = client(5_000);
    mode.value = 'hang';
    const pending = c.send({ type: 'load', source: 'task A\n' });
    c.stop();
    expect(await pending).toMatchObject({ type: 'crashed', stopped: true });
    expect(made[0].terminated).toBe(true);
    mode.value = 'ok';
    expect((await c.send({ type: 'load', source: 'task A\n' })).type).toBe('loaded');
  });
});
