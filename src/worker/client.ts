/**
 * The UI's side of the worker: send a command, get a promise of its reply; notices (a background
 * run's summaries) go to the listener. If the worker dies (an error event) or does not answer a
 * command within the time limit (a hang), it is terminated, every pending command is answered with
 * 'crashed', and the next command starts a fresh worker; the store then replays the session to
 * where the user was. Only commands are timed: a background run between them is not a hang (it
 * yields between chunks, so the commands' replies still come in time).
 */
import { isNotice, type WorkerCommand, type WorkerMessage, type WorkerNotice, type WorkerReply } from './protocol';
import { RunLoop, type LoopHandler } from './run_loop';

type Pending = { resolve: (r: WorkerReply) => void; timer: ReturnType<typeof setTimeout> };
export type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type CommandBody = DistributiveOmit<WorkerCommand, 'id'>;

export interface KernelClient {
  send(cmd: CommandBody): Promise<WorkerReply>;
  /** Ends whatever the worker is doing (the user pressed Stop); pending commands answer 'crashed' with stopped. */
  stop?(): void;
  /** Where the worker's notices go (one listener: the store). */
  listen?(listener: (n: WorkerNotice) => void): void;
}

/** How long a command may take before the worker is declared hung. */
export const WORKER_TIMEOUT_MS = 10_000;

export class WorkerKernelClient implements KernelClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listener: (n: WorkerNotice) => void = () => {};

  constructor(
    private readonly makeWorker: () => Worker = () => new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module' }),
    private readonly timeoutMs = WORKER_TIMEOUT_MS,
  ) {}

  send(cmd: CommandBody): Promise<WorkerReply> {
    const id = this.nextId++;
    const w = this.ensureWorker();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.fail(`it did not answer within ${this.timeoutMs / 1000} s`), this.timeoutMs);
      this.pending.set(id, { resolve, timer });
      w.postMessage({ ...cmd, id } as WorkerCommand);
    });
  }

  /** Starts the worker now (the page, before its first render: the worker's script loads while the page draws). */
  start(): void {
    this.ensureWorker();
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const w = this.makeWorker();
    w.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      if (isNotice(ev.data)) {
        this.listener(ev.data);
        return;
      }
      const p = this.pending.get(ev.data.id);
      if (p === undefined) return;
      clearTimeout(p.timer);
      this.pending.delete(ev.data.id);
      p.resolve(ev.data);
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      this.fail(ev.message || 'the worker stopped');
    };
    this.worker = w;
    return w;
  }

  stop(): void {
    this.fail('stopped', true);
  }

  listen(listener: (n: WorkerNotice) => void): void {
    this.listener = listener;
  }

  /** Ends the current worker and answers everything pending with 'crashed'. */
  private fail(message: string, stopped = false): void {
    this.worker?.terminate();
    this.worker = null;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve(stopped ? { type: 'crashed', id, message, stopped } : { type: 'crashed', id, message });
    }
    this.pending.clear();
  }
}

/**
 * The same protocol without a worker (tests, and node): a bare handle function, or a handler with a
 * background run, run by the worker's own loop (the chunks on timers).
 */
export function inProcessClient(handler: ((cmd: WorkerCommand) => WorkerReply) | LoopHandler): KernelClient {
  const h: LoopHandler = typeof handler === 'function' ? { handle: handler, busy: false, work: () => false, news: () => null } : handler;
  let listener: (n: WorkerNotice) => void = () => {};
  const waiting = new Map<number, (r: WorkerReply) => void>();
  const deliver = (m: WorkerMessage) => {
    if (isNotice(m)) return listener(m);
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  };
  const loop = new RunLoop(h, deliver, (f) => setTimeout(f, 0));
  let id = 1;
  return {
    send: (cmd) => new Promise((resolve) => {
      const i = id++;
      waiting.set(i, resolve);
      loop.receive({ ...cmd, id: i } as WorkerCommand);
    }),
    listen: (l) => {
      listener = l;
    },
  };
}
