/// <reference lib="webworker" />
/**
 * The kernel worker: runs scenarios off the main thread and answers with summaries, records and
 * snapshot diffs; a big scenario's run goes on between commands (run_loop.ts), its summaries
 * following as notices.
 */
import { CommandHandler } from './handler';
import type { WorkerCommand, WorkerMessage } from './protocol';
import { RunLoop } from './run_loop';
import { transferablesOf } from './snapshot_diff';
import { summaryTransferables } from './step_summary';

/** Buffers smaller than this are copied with the rest of the reply: moving one costs more than copying it. */
const TRANSFER_MIN_BYTES = 4096;

/** The big typed arrays a message owns (the handler keeps none of them), moved rather than copied. */
function transferables(m: WorkerMessage): ArrayBuffer[] {
  const all =
    m.type === 'at' ? [...(m.before === null ? [] : [m.before]), ...m.states].flatMap(transferablesOf)
    : m.type === 'loaded' && m.outcome.status !== 'parse-error' ? summaryTransferables(m.outcome.steps)
    : m.type === 'ran' ? summaryTransferables(m.steps)
    : [];
  return all.filter((b) => b.byteLength >= TRANSFER_MIN_BYTES);
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

/**
 * Runs a function once the messages waiting have been handled: a background task of the
 * Prioritized Task Scheduling API where there is one (Chromium: a command waits for the chunk
 * running, not for the run), else a MessageChannel message (no timer clamping).
 */
type PostTask = (f: () => void, options: { priority: 'background' }) => Promise<void>;
const scheduler = (scope as unknown as { scheduler?: { postTask?: PostTask } }).scheduler;
const waiting: (() => void)[] = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => waiting.shift()?.();
const later = (f: () => void) => {
  if (scheduler?.postTask !== undefined) {
    void scheduler.postTask(f, { priority: 'background' });
    return;
  }
  waiting.push(f);
  channel.port2.postMessage(null);
};

const loop = new RunLoop(new CommandHandler(), (m) => scope.postMessage(m, transferables(m)), later);
scope.onmessage = (ev: MessageEvent<WorkerCommand>) => loop.receive(ev.data);
