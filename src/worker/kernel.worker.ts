/// <reference lib="webworker" />
/** The kernel worker: runs scenarios off the main thread and answers with records and snapshot diffs. */
import { CommandHandler } from './handler';
import type { WorkerCommand } from './protocol';
import { transferablesOf } from './snapshot_diff';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = new CommandHandler();
scope.onmessage = (ev: MessageEvent<WorkerCommand>) => {
  const reply = handler.handle(ev.data);
  scope.postMessage(reply, reply.type === 'at' ? transferablesOf(reply.diff) : []);
};
