/**
 * Event-by-event states: the machine after each event of one step, so the diagram can show the
 * machine as it was when the narration tells an event ("TLB miss" shows the machine before the
 * fault filled the page, not after the whole step). The session replays the step with this
 * watching the trace (TraceBuffer.onEmit): at each event it takes a snapshot, and hands it on when
 * the next event comes (so it was not the last one). The last state is always the machine after
 * the whole step: the kernel may still set a bit after its last event (the referenced and dirty
 * bits after a TLB fill), and the diagram shows the step whole at the end.
 *
 *   events     e0     e1     e2   (end)
 *   snapshots  S0     S1     S2    final
 *   states     S0     S1           final      (S2 is dropped: the final machine replaces it)
 *
 * A giant step (a fork or a deallocation of thousands of pages) has thousands of events: past
 * MAX_EVENT_STATES - 1 events no snapshot is taken, and the remaining events share the final state
 * (the reply says so: `cut`). On a big machine each snapshot costs its size (snapshotWeight): the
 * states of one step weigh at most MAX_STEP_STATES_WEIGHT in all, so fewer are taken (a fork of a
 * task of 2,000 entries among 20,000 took 15 s and 670 MB of diffs with 512 of them).
 */
import { TraceBuffer } from '../kernel/events';
import { takeSnapshot, type MachineSnapshot } from '../kernel/snapshot';
import type { Kernel } from '../kernel/kernel';

/** The most states one step sends (the last one: the machine after the step). */
export const MAX_EVENT_STATES = 512;

/** The most a step's states may weigh in all (snapshotWeight: map entries, resolved runs, pmap entries, objects, pages). */
export const MAX_STEP_STATES_WEIGHT = 1_000_000;

/**
 * What a snapshot costs to take and diff, in items: tasks and their map entries (4 each: an entry is
 * an object of ten fields, compared field by field), resolved runs and pmap entries, objects and
 * their pages, pagers (the frame tables are typed arrays: next to nothing).
 */
export function snapshotWeight(s: MachineSnapshot): number {
  let n = s.pagers.length;
  for (const t of s.tasks) {
    n += 1 + 4 * t.entries.length + t.pmap.length;
    for (const e of t.entries) n += e.resolved.length;
  }
  for (const o of s.objects) n += 1 + o.pages.length + o.swapped.length;
  return n;
}

/** Who gets the states: the handler diffs each against the one before. */
export interface StateSink {
  /** The machine before the step. */
  before(s: MachineSnapshot): void;
  /** The machine after the next event; the last call of a step is the machine after the whole step. */
  after(s: MachineSnapshot): void;
  /** Forget the states handed on so far (the step was refused: session.ts); they come again from `before`. */
  reset?(): void;
}

export class EventStateRecorder {
  private held: MachineSnapshot | null = null;
  private count = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly sink: StateSink,
    private limit = MAX_EVENT_STATES,
  ) {}

  /** Before the step: hands on the machine as it is (and, by its weight, how many states the step may have). */
  begin(): void {
    const s = takeSnapshot(this.kernel);
    this.limit = Math.min(this.limit, Math.max(2, Math.floor(MAX_STEP_STATES_WEIGHT / Math.max(1, snapshotWeight(s)))));
    this.sink.before(s);
  }

  /** Runs the statement with the trace watched (only then: nothing else may see the hook, a checkpoint least of all). */
  during<T>(run: () => T): T {
    const trace = this.kernel.sink;
    if (!(trace instanceof TraceBuffer)) throw new Error('per-event states need a traced machine');
    trace.onEmit = this.onEvent;
    try {
      return run();
    } finally {
      trace.onEmit = null;
      this.held = null;
    }
  }

  /** After the step: hands on the machine after it, the last state, and returns it. */
  end(): { snapshot: MachineSnapshot; cut: boolean } {
    const snapshot = takeSnapshot(this.kernel);
    this.sink.after(snapshot);
    return { snapshot, cut: this.count > this.limit };
  }

  private readonly onEvent = (): void => {
    this.count++;
    if (this.held !== null) {
      this.sink.after(this.held);
      this.held = null;
    }
    // event count - 1 has just been recorded; states after events 0 .. limit - 2 are snapshots of their own
    if (this.count < this.limit) this.held = takeSnapshot(this.kernel);
  };
}
