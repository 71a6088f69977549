/**
 * What the worker does with each command: pure apart from its session, so it also runs in-process
 * in tests. It remembers the last machine it sent, so each `at` is a chain of small diffs: the
 * machine before the step against that one, then the machine after each event against the one
 * before it; the receiver applies them in order (replies come back in command order).
 */
import type { MachineSnapshot } from '../kernel/snapshot';
import type { WorkerCommand, WorkerReply } from './protocol';
import { ScenarioSession } from './session';
import { diffSnapshot, type SnapshotDiff } from './snapshot_diff';

export class CommandHandler {
  private session = new ScenarioSession();
  private lastSent: MachineSnapshot | null = null;

  handle(cmd: WorkerCommand): WorkerReply {
    try {
      switch (cmd.type) {
        case 'load':
          this.lastSent = null;
          return { type: 'loaded', id: cmd.id, outcome: this.session.load(cmd.source) };
        case 'goto':
          return this.goto(cmd.id, cmd.step, cmd.fresh === true);
        case 'record':
          return { type: 'record', id: cmd.id, index: cmd.index, record: this.session.record(cmd.index) };
      }
    } catch (e) {
      // a bug in the simulator, not in the scenario: report it instead of dying silently
      this.lastSent = null;
      return { type: 'crashed', id: cmd.id, message: e instanceof Error ? e.message : String(e) };
    }
  }

  private goto(id: number, step: number, fresh: boolean): WorkerReply {
    let base = fresh ? null : this.lastSent;
    let before: SnapshotDiff | null = null;
    const states: SnapshotDiff[] = [];
    const at = this.session.goto(step, {
      before: (s) => {
        before = diffSnapshot(base, s);
        base = s;
      },
      after: (s) => {
        states.push(diffSnapshot(base, s));
        base = s;
      },
    });
    if (at === null || before === null) return { type: 'crashed', id, message: 'no scenario is loaded' };
    this.lastSent = at.snapshot;
    return { type: 'at', id, step: at.step, record: at.record, before, states, cut: at.cut, taskNames: this.session.taskNames() };
  }
}
