/**
 * The one typed protocol between the UI and the kernel worker. The UI never mutates kernel state:
 * commands go in, replies come out; every message carries the id of the command it answers, so a stale
 * reply (the user already asked for something else) can be recognised and dropped.
 *
 * Lean by design: a load answers with one summary per statement (what the statement list and the
 * timeline show: no events), by column so that 16,384 statements cost well under a megabyte. A
 * step's events travel when the step is shown (`at`), with the machine before it and after each of
 * its events; a statement's full record can also be asked for alone (`record`: the quiz asks about
 * the next one).
 *
 * Early: a load answers once the scenario is parsed and its first statements have run (a small
 * scenario: all of them), so step 0 is drawn at once. The rest runs in the background, in chunks
 * between commands, and its summaries follow as `ran` notices, in order, each carrying the load's
 * id (the last one says how the run ended). A command for a statement not yet run drives the run
 * up to it; its notice goes out before its reply.
 *
 *   load ──▶ loaded { summaries so far }  ··▶ ran { from, summaries } ··▶ ran { ..., end }
 *   goto n ──▶ at { record n, before, states[event] }   (events: true)
 *   goto n ──▶ at { record n, states[after] }
 *   record i ──▶ record { record i }
 *   bytes i name offset ──▶ bytes { up to BYTE_PAGE bytes of the byte string statement i set name to }
 *   choices source ──▶ choices { the constant arguments another constant could replace (no run) }
 *
 * Records travel with their byte strings cut to SHOWN_BYTES (shown_record.ts); the UI asks for more
 * of one a page at a time (`bytes`), so it never holds a 16 MiB read whole.
 */
import type { StepRecord } from '../scenario/interpreter';
import type { SnapshotDiff } from './snapshot_diff';
import type { ShownValue } from '../scenario/values';
import type { Annotations } from '../scenario/annotations';
import type { ConstantChoice } from '../scenario/choices';
import type { ScenarioNames } from '../scenario/names';

/** A value as the statement list shows it: a number, a short byte string, or a long one cut to SHOWN_BYTES with its whole length (values.ts). */
export type { ShownValue };

/** One statement as the list and the timeline show it: its result, without its events. */
export interface StepSummary {
  /** Index of the statement in the program (0-based); the timeline's step index + 1 shows it run. */
  index: number;
  line: number;
  /** The statement as printed (for display only: nothing reads it to find out what it does). */
  text: string;
  kind: StepRecord['kind'];
  /** The call's kern_return_t, or null for statements that are not calls. */
  kr: number | null;
  /** The variables the statement set, but `kr` (the list shows kr by name), byte strings cut. */
  outs: Record<string, ShownValue>;
  /** For asserts: whether it held. */
  assert: { held: boolean } | null;
  error: { message: string; line: number; col: number } | null;
  /** How many kernel events the step recorded. */
  events: number;
  /** The step took a page fault / copied a page on write (cow_copy or copy_push) / paged a page out. */
  faulted: boolean;
  cow: boolean;
  pageout: boolean;
  /** The step shot down a TLB entry (tlb_shootdown). */
  shootdown: boolean;
}

/**
 * Every statement's summary, by column: one typed array per number and one string per text, so a
 * big scenario crosses the worker boundary cheaply (step_summary.ts builds and reads it).
 */
export interface StepSummaries {
  text: string[];
  line: Uint32Array;
  /** The statement's kind, numbered (step_summary.ts). */
  kind: Uint8Array;
  /** kern_return_t, or NO_KR. */
  kr: Int32Array;
  events: Uint32Array;
  /** STEP_FAULTED | STEP_COW | STEP_PAGEOUT | STEP_ASSERT | STEP_HELD | STEP_SHOOTDOWN. */
  flags: Uint8Array;
  /** Statements that set variables other than kr: [index, outs], by index. */
  outs: [number, Record<string, ShownValue>][];
  /** The statement that failed (the last one run), if one did. */
  error: { index: number; message: string; line: number; col: number } | null;
}

/**
 * `names`: the tasks, objects and variables the program defines (scenario/names.ts), for the
 * editor's completion; of the lines checked when the load answered (a big text's: its first
 * LOAD_CHECK_LINES), the whole text's in the `ran` notice that ends the run.
 */
/** How a load runs its text. failedAssertsGoOn: a failed assert is a result (✗), not the end of the run (the Compare view's changed side). */
export interface LoadOptions {
  failedAssertsGoOn?: boolean;
}

export type LoadOutcome =
  | { status: 'parse-error'; message: string; line: number; col: number }
  | { status: 'ok' | 'runtime-error'; steps: StepSummaries; total: number; annotations: Annotations; names: ScenarioNames; message?: string; line?: number; col?: number }
  /**
   * The run goes on in the background: `steps` are the statements run so far (`total` of them), out
   * of the program's `statements` (the most it can reach: a failing statement ends it sooner).
   */
  | { status: 'running'; steps: StepSummaries; total: number; statements: number; annotations: Annotations; names: ScenarioNames };

/**
 * How a background run ended: every statement ran, or the last one run failed (its line, as the CLI
 * says it); or, for a big text checked in the background, nothing ran: it has a syntax error.
 */
export type RunEnd =
  | { status: 'ok' }
  | { status: 'runtime-error'; message: string; line: number; col: number }
  | { status: 'parse-error'; message: string; line: number; col: number };

export type WorkerCommand =
  | ({ type: 'load'; id: number; source: string } & LoadOptions)
  | {
      type: 'goto';
      id: number;
      step: number;
      /** the receiver has no snapshot to apply a diff to */
      fresh?: boolean;
      /** the receiver plays the step: send the machine before it and after each event, not only after it */
      events?: boolean;
    }
  | { type: 'record'; id: number; /** the statement's index (0-based) */ index: number }
  /** Bytes [offset, offset + BYTE_PAGE) of the byte string that statement `index` set variable `name` to. */
  | { type: 'bytes'; id: number; index: number; name: string; offset: number }
  /** The constants `source` passes to calls that another of their family could replace (choices.ts; the Compare view's "one choice changed"). */
  | { type: 'choices'; id: number; source: string };

/**
 * The machines of a step, as a chain of diffs: before the step (against what the UI had), then after
 * each event. Without `events` in the goto, only the machine after the step: `before` is null and
 * `states` holds one diff, against what the UI had.
 */
export interface StepStates {
  /** The machine before the step (after step - 1 statements; at step 0, the machine as configured). */
  before: SnapshotDiff | null;
  /**
   * The machine after each event of the step, each a diff against the one before (states[0] against
   * `before`). The last one is always the machine after the whole step, so there is at least one
   * (a step without events: the machine after it). Up to MAX_EVENT_STATES (event_states.ts).
   */
  states: SnapshotDiff[];
  /** The step had more events than MAX_EVENT_STATES: events from states.length - 1 on all show the last state. */
  cut: boolean;
}

/**
 * What the worker says unasked, about the load whose id it carries: the summaries of statements
 * from, from + 1, ... (`steps` indexes them from 0), in order and without gaps, the last with how
 * the run ended; or that the background run met a bug in the simulator.
 */
export type WorkerNotice =
  /** `names`: with the end, the names of the whole text (the load's outcome had those of the lines checked by then). */
  | { type: 'ran'; id: number; from: number; steps: StepSummaries; end: RunEnd | null; names?: ScenarioNames }
  | { type: 'run-crashed'; id: number; message: string };

export type WorkerReply =
  | { type: 'loaded'; id: number; outcome: LoadOutcome }
  | ({ type: 'at'; id: number; step: number; record: StepRecord | null; taskNames: Record<number, string> } & StepStates)
  | { type: 'record'; id: number; index: number; record: StepRecord | null }
  /** `bytes` null when statement `index` set no byte string `name` (or did not run); `length` is the whole string's. */
  | { type: 'bytes'; id: number; index: number; name: string; offset: number; bytes: Uint8Array | null; length: number }
  | { type: 'crashed'; id: number; message: string; /** the user pressed Stop: do not replay */ stopped?: boolean }
  /** Up to MAX_CHOICES of them (the rest counted in `more`); none for a text that does not parse. */
  | { type: 'choices'; id: number; choices: ConstantChoice[]; more: number };

/** Everything the worker posts. */
export type WorkerMessage = WorkerReply | WorkerNotice;

export function isNotice(m: WorkerMessage): m is WorkerNotice {
  return m.type === 'ran' || m.type === 'run-crashed';
}
