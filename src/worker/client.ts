/**
 * The UI's side of the worker: send a command, get a promise of its reply. If the worker dies (an
 * error event) or does not answer within the time limit (a hang), it is terminated, every pending
 * command is answered with 'crashed', and the next command starts a fresh worker; the store then
 * replays the session to where the user was.
 */
import type { WorkerCommand, WorkerReply } from './protocol';

type Pending = { resolve: (r: WorkerReply) => void; timer: ReturnType<typeof setTimeout> };
export type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type CommandBody = DistributiveOmit<WorkerCommand, 'id'>;

export interface KernelClient {
  send(cmd: CommandBody): Promise<WorkerReply>;
  /** Ends whatever the worker is doing (the user pressed Stop); pending commands answer 'crashed' with stopped. */
  stop?(): void;
}

/** How long a command may take before the worker is declared hung. */
export const WORKER_TIMEOUT_MS = 10_000;

export class WorkerKernelClient implements KernelClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();

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

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const w = this.makeWorker();
    w.onmessage = (ev: MessageEvent<WorkerReply>) => {
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

/** The same protocol without a worker (tests, and node). */
export function inProcessClient(handle: (cmd: WorkerCommand) => WorkerReply): KernelClient {
  let id = 1;
  return { send: async (cmd) => handle({ ...cmd, id: id++ } as WorkerCommand) };
}
