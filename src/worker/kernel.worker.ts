/// <reference lib="webworker" />
/** The kernel worker: runs scenarios off the main thread and answers with their records. */
import { handleCommand } from './handler';
import type { WorkerCommand } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (ev: MessageEvent<WorkerCommand>) => {
  scope.postMessage(handleCommand(ev.data));
};
