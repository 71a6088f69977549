/**
 * The UI's side of the worker: send a command, get a promise of its reply. If the worker dies
 * (an error event), every pending command is answered with 'crashed' and the next command starts
 * a fresh worker, so the app keeps working.
 */
import type { WorkerCommand, WorkerReply } from './protocol';

type Pending = { resolve: (r: WorkerReply) => void };
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export interface KernelClient {
  send(cmd: DistributiveOmit<WorkerCommand, 'id'>): Promise<WorkerReply>;
}

export class WorkerKernelClient implements KernelClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();

  send(cmd: DistributiveOmit<WorkerCommand, 'id'>): Promise<WorkerReply> {
    const id = this.nextId++;
    const w = this.ensureWorker();
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      w.postMessage({ ...cmd, id } as WorkerCommand);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const w = new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<WorkerReply>) => {
      const p = this.pending.get(ev.data.id);
      if (p === undefined) return;
      this.pending.delete(ev.data.id);
      p.resolve(ev.data);
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      this.failAll(`the simulator stopped unexpectedly: ${ev.message || 'worker error'}`);
      w.terminate();
      this.worker = null;
    };
    this.worker = w;
    return w;
  }

  private failAll(message: string): void {
    for (const [id, p] of this.pending) p.resolve({ type: 'crashed', id, message });
    this.pending.clear();
  }
}
