/// <reference lib="webworker" />
/** The kernel worker: runs scenarios off the main thread and answers with summaries, records and snapshot diffs. */
import { CommandHandler } from './handler';
import type { WorkerCommand, WorkerReply } from './protocol';
import { transferablesOf } from './snapshot_diff';
import { summaryTransferables } from './step_summary';

/** The typed arrays a reply owns (the handler keeps none of them), moved rather than copied. */
function transferables(reply: WorkerReply): ArrayBuffer[] {
  if (reply.type === 'at') return [reply.before, ...reply.states].flatMap(transferablesOf);
  if (reply.type === 'loaded' && reply.outcome.status !== 'parse-error') return summaryTransferables(reply.outcome.steps);
  return [];
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = new CommandHandler();
scope.onmessage = (ev: MessageEvent<WorkerCommand>) => {
  const reply = handler.handle(ev.data);
  scope.postMessage(reply, transferables(reply));
};
