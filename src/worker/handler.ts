/** What the worker does with each command: pure, so it also runs in-process in tests. */
import { runScenario } from '../scenario/run';
import type { WorkerCommand, WorkerReply } from './protocol';

export function handleCommand(cmd: WorkerCommand): WorkerReply {
  try {
    switch (cmd.type) {
      case 'run':
        return { type: 'ran', id: cmd.id, outcome: runScenario(cmd.source) };
    }
  } catch (e) {
    // a bug in the simulator, not in the scenario: report it instead of dying silently
    return { type: 'crashed', id: cmd.id, message: e instanceof Error ? e.message : String(e) };
  }
}
