/** What the worker does with each command: pure apart from its session, so it also runs in-process in tests. */
import type { MachineSnapshot } from '../kernel/snapshot';
import type { WorkerCommand, WorkerReply } from './protocol';
import { ScenarioSession } from './session';
import { diffSnapshot } from './snapshot_diff';

export class CommandHandler {
  private session = new ScenarioSession();
  private lastSent: MachineSnapshot | null = null;

  handle(cmd: WorkerCommand): WorkerReply {
    try {
      switch (cmd.type) {
        case 'load':
          this.lastSent = null;
          return { type: 'loaded', id: cmd.id, outcome: this.session.load(cmd.source) };
        case 'goto': {
          const at = this.session.goto(cmd.step);
          if (at === null) return { type: 'crashed', id: cmd.id, message: 'no scenario is loaded' };
          const diff = diffSnapshot(cmd.fresh === true ? null : this.lastSent, at.snapshot);
          this.lastSent = at.snapshot;
          return { type: 'at', id: cmd.id, step: at.step, record: at.record, diff, taskNames: this.session.taskNames() };
        }
      }
    } catch (e) {
      // a bug in the simulator, not in the scenario: report it instead of dying silently
      this.lastSent = null;
      return { type: 'crashed', id: cmd.id, message: e instanceof Error ? e.message : String(e) };
    }
  }
}
