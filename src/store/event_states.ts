/**
 * The machines of the step at the cursor: before it, after each of its events, after it (the
 * worker's `at` reply: a chain of diffs, protocol.ts StepStates). The machine after the step is
 * rebuilt at once (it is the base of the next reply's diffs); the ones in between are rebuilt when
 * the diagram asks for them, walking the chain from the nearest one known (one is kept: a step
 * plays its events in order), so a step of hundreds of events on a big machine holds two or three
 * machines, not hundreds.
 */
import type { MachineSnapshot } from '../kernel/snapshot';
import type { StepStates } from '../worker/protocol';
import { applyDiff, type SnapshotDiff } from '../worker/snapshot_diff';

export class EventStates {
  private known: { index: number; snapshot: MachineSnapshot };

  private constructor(
    /** The machine before the step. */
    readonly before: MachineSnapshot,
    private readonly diffs: readonly SnapshotDiff[],
    /** The machine after the step. */
    readonly after: MachineSnapshot,
    /** The step had more events than states: the last state stands for the rest. */
    readonly cut: boolean,
  ) {
    this.known = { index: -1, snapshot: before };
  }

  /**
   * Applies a reply's chain to `base` (what the previous reply left): the diffs must be applied in
   * order. A reply without the machine before the step (it is not played) has one state, the
   * machine after it, which then also stands for the machine before.
   */
  static fromReply(base: MachineSnapshot | null, reply: StepStates): EventStates {
    if (reply.before === null) {
      let after = base;
      for (const d of reply.states) after = applyDiff(after, d);
      if (after === null) throw new Error('a step reply without any machine');
      return new EventStates(after, [], after, false);
    }
    const before = applyDiff(base, reply.before);
    let after = before;
    for (const d of reply.states) after = applyDiff(after, d);
    return new EventStates(before, reply.states, after, reply.cut);
  }

  /** How many states there are: one per event up to MAX_EVENT_STATES, at least one (the machine after the step); none when the step is not played. */
  get count(): number {
    return this.diffs.length;
  }

  /** The machine after event `i` of the step (an event past the last state: the machine after the step). */
  afterEvent(i: number): MachineSnapshot {
    const k = Math.max(0, Math.min(Math.floor(i), this.diffs.length - 1));
    if (k >= this.diffs.length - 1) return this.after;
    let { index, snapshot } = this.known.index <= k ? this.known : { index: -1, snapshot: this.before };
    while (index < k) snapshot = applyDiff(snapshot, this.diffs[++index]);
    this.known = { index, snapshot };
    return snapshot;
  }
}
