/**
 * What the worker does with each command: pure apart from its session, so it also runs in-process
 * in tests. It remembers the last machine it sent, so each `at` is a chain of small diffs: the
 * machine before the step against that one, then the machine after each event against the one
 * before it (or, when the step is not played, only the machine after it); the receiver applies them
 * in order (replies come back in command order).
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
          return this.goto(cmd.id, cmd.step, cmd.fresh === true, cmd.events === true);
        case 'record':
          return { type: 'record', id: cmd.id, index: cmd.index, record: this.session.record(cmd.index) };
      }
    } catch (e) {
      // a bug in the simulator, not in the scenario: report it instead of dying silently
      this.lastSent = null;
      return { type: 'crashed', id: cmd.id, message: e instanceof Error ? e.message : String(e) };
    }
  }

  private goto(id: number, step: number, fresh: boolean, events: boolean): WorkerReply {
    let base = fresh ? null : this.lastSent;
    const diffs: SnapshotDiff[] = [];
    const next = (s: MachineSnapshot) => {
      diffs.push(diffSnapshot(base, s));
      base = s;
    };
    // watching every event costs a snapshot each (a few frame tables' worth): only when the step is played
    const at = this.session.goto(step, events ? { before: next, after: next } : null);
    if (at === null) return { type: 'crashed', id, message: 'no scenario is loaded' };
    if (!events) next(at.snapshot);
    this.lastSent = at.snapshot;
    const before = events ? (diffs.shift() ?? null) : null;
    return { type: 'at', id, step: at.step, record: at.record, before, states: diffs, cut: at.cut, taskNames: this.session.taskNames() };
  }
}
