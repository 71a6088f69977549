import { describe, expect, it, vi } from 'vitest';
import { WorkerKernelClient } from './client';
import { CommandHandler } from './handler';
import type { WorkerCommand, WorkerMessage, WorkerNotice, WorkerReply } from './protocol';
import { RunLoop } from './run_loop';
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

/** A stand-in for the worker with its loop: the background run goes on between commands, a chunk per timer. */
class LoopWorker {
  onmessage: ((ev: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  terminated = false;
  chunks = 0;
  private loop = new RunLoop(
    new CommandHandler({ loadWork: 20, chunkWork: 20 }),
    (m) => setTimeout(() => !this.terminated && this.onmessage?.({ data: structuredClone(m) } as MessageEvent<WorkerMessage>), 0),
    (f) =>
      setTimeout(() => {
        if (this.terminated) return;
        this.chunks++;
        // a slow chunk: the run takes many times the client's time limit, a command never waits long
        const t = Date.now();
        while (Date.now() - t < 10) {
          // busy
        }
        f();
      }, 0),
  );
  postMessage(cmd: WorkerCommand): void {
    setTimeout(() => !this.terminated && this.loop.receive(cmd), 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('a background run', () => {
  const source = ['task A', 'kr = vm_allocate(A, &x, 0x100000, TRUE)', ...Array.from({ length: 150 }, (_, i) => `kr = write(A, x + 0x${((i % 100) * 0x1000).toString(16)}, "w")`)].join('\n') + '\n';

  it('its notices go to the listener; it is no hang: only commands are timed, and they are answered between chunks', async () => {
    vi.useRealTimers();
    const workers: LoopWorker[] = [];
    const c = new WorkerKernelClient(() => {
      const w = new LoopWorker();
      workers.push(w);
      return w as unknown as Worker;
    }, 300);
    const notices: WorkerNotice[] = [];
    c.listen((n) => notices.push(n));
    const r = await c.send({ type: 'load', source });
    expect(r.type === 'loaded' && r.outcome.status).toBe('running');
    const at = await c.send({ type: 'goto', step: 5 });
    expect(at.type === 'at' && at.step).toBe(5);
    await new Promise<void>((resolve) => {
      const check = () => (notices.some((n) => n.type === 'ran' && n.end !== null) ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(false);
    expect(workers[0].chunks).toBeGreaterThan(40); // more than 400 ms of background work in all, and no time out
    expect(notices.every((n) => n.type === 'ran' && n.id === (r as { id: number }).id)).toBe(true);
    expect((await c.send({ type: 'goto', step: 9999 })).type).toBe('at');
  });

  it('Stop ends it', async () => {
    vi.useRealTimers();
    const workers: LoopWorker[] = [];
    const c = new WorkerKernelClient(() => {
      const w = new LoopWorker();
      workers.push(w);
      return w as unknown as Worker;
    });
    await c.send({ type: 'load', source });
    c.stop();
    expect(workers[0].terminated).toBe(true);
  });
});
