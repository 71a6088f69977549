/// <reference lib="webworker" />
/** The kernel worker: runs scenarios off the main thread and answers with summaries, records and snapshot diffs. */
import { CommandHandler } from './handler';
import type { WorkerCommand, WorkerReply } from './protocol';
import { transferablesOf } from './snapshot_diff';
import { summaryTransferables } from './step_summary';

/** Buffers smaller than this are copied with the rest of the reply: moving one costs more than copying it. */
const TRANSFER_MIN_BYTES = 4096;

/** The big typed arrays a reply owns (the handler keeps none of them), moved rather than copied. */
function transferables(reply: WorkerReply): ArrayBuffer[] {
  const all = reply.type === 'at' ? [...(reply.before === null ? [] : [reply.before]), ...reply.states].flatMap(transferablesOf) : reply.type === 'loaded' && reply.outcome.status !== 'parse-error' ? summaryTransferables(reply.outcome.steps) : [];
  return all.filter((b) => b.byteLength >= TRANSFER_MIN_BYTES);
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = new CommandHandler();
scope.onmessage = (ev: MessageEvent<WorkerCommand>) => {
  const reply = handler.handle(ev.data);
  scope.postMessage(reply, transferables(reply));
};
