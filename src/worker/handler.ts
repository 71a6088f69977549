/**
 * What the worker does with each command: pure apart from its session, so it also runs in-process
 * in tests. It remembers the last machine it sent, so each `at` is a chain of small diffs: the
 * machine before the step against that one, then the machine after each event against the one
 * before it (or, when the step is not played, only the machine after it); the receiver applies them
 * in order (replies come back in command order).
 *
 * A load answers once the scenario is checked and its first LOAD_WORK units have run (a text of
 * more than LOAD_CHECK_LINES lines: once its config is, with nothing run); `work()` does the rest
 * (checks the rest of the text first), CHUNK_WORK units a call (the worker calls it between commands once the load's first
 * step has been shown: `busy`, run_loop.ts, so nothing gets between a load and its step 0), and
 * `news()` hands over the summaries run since the last news as a `ran` notice (the last one with
 * how the run ended). A goto or record past the statements run drives the run there; the news of
 * those statements is to go out before the reply (run_loop.ts asks for it after each command).
 *
 *   handle(load) ─▶ loaded { 0 .. a }    work() work() ...    news() ─▶ ran { a .. b }   news() ─▶ ran { b .. N, end }
 */
import type { MachineSnapshot } from '../kernel/snapshot';
import type { StepRecord } from '../scenario/interpreter';
import type { WorkerCommand, WorkerNotice, WorkerReply } from './protocol';
import { DEFAULT_CHECKPOINT_POLICY, type CheckpointPolicy } from './checkpoints';
import { ScenarioSession } from './session';
import { diffSnapshot, type SnapshotDiff } from './snapshot_diff';
import { summarize } from './step_summary';
import { bytePage, shownRecord } from './shown_record';
import { findChoices } from '../scenario/find_choices';

/**
 * Work units a load runs before it answers (a unit is about a µs: a ms or two). Every built-in runs
 * whole within it (the heaviest is 257 units), so a lesson loads as it always did: all at once. A
 * bigger scenario answers with the statements run so far (about 90 writes): few rows for the list
 * to draw before step 0 is.
 */
export const LOAD_WORK = 1024;
/**
 * Lines a load checks before it answers (and the config lines, which come first): a longer text
 * answers with step 0 (the machine as configured) and nothing run, and is checked in the background,
 * a chunk of lines at a time, before any statement runs. Every built-in is checked whole at once.
 */
export const LOAD_CHECK_LINES = 500;
/** Work units a background chunk runs (or lines it checks): a few ms, so a command waits at most about that long (a checkpoint taken in the chunk adds its save). */
export const CHUNK_WORK = 1024;

export interface HandlerOptions {
  loadWork?: number;
  loadCheckLines?: number;
  chunkWork?: number;
  /** The session's checkpoint policy (null: none). */
  policy?: Readonly<CheckpointPolicy> | null;
}

/** A record as it is sent: its byte strings cut (shown_record.ts). */
function shown(rec: StepRecord | null): StepRecord | null {
  return rec === null ? null : shownRecord(rec);
}

export class CommandHandler {
  private readonly session: ScenarioSession;
  private lastSent: MachineSnapshot | null = null;
  private readonly loadWork: number;
  private readonly loadCheckLines: number;
  private readonly chunkWork: number;
  /** The id of the load whose run goes on (its notices carry it), and how many statements' summaries went out. */
  private loadId = 0;
  private sent = 0;
  /** Whether the end of the run is still to be told (a load that answered 'running'). */
  private endToTell = false;
  /** Whether a step of the load has been shown (a goto or record answered): the background run waits for it. */
  private shown = false;
  /** A bug met in the background run, to be told. */
  private crash: string | null = null;

  constructor(options: HandlerOptions = {}) {
    this.session = new ScenarioSession(options.policy === undefined ? DEFAULT_CHECKPOINT_POLICY : options.policy);
    this.loadWork = options.loadWork ?? LOAD_WORK;
    this.loadCheckLines = options.loadCheckLines ?? LOAD_CHECK_LINES;
    this.chunkWork = options.chunkWork ?? CHUNK_WORK;
  }

  handle(cmd: WorkerCommand): WorkerReply {
    try {
      switch (cmd.type) {
        case 'load': {
          this.lastSent = null;
          this.crash = null;
          const outcome = this.session.load(cmd.source, this.loadWork, this.loadCheckLines, { failedAssertsGoOn: cmd.failedAssertsGoOn === true });
          this.loadId = cmd.id;
          this.sent = outcome.status === 'parse-error' ? 0 : outcome.total;
          this.endToTell = outcome.status === 'running';
          this.shown = false;
          return { type: 'loaded', id: cmd.id, outcome };
        }
        case 'goto':
          this.shown = true;
          return this.goto(cmd.id, cmd.step, cmd.fresh === true, cmd.events === true);
        case 'record':
          this.shown = true;
          return { type: 'record', id: cmd.id, index: cmd.index, record: shown(this.session.record(cmd.index)) };
        case 'bytes': {
          this.shown = true;
          const page = bytePage(this.session.record(cmd.index), cmd.name, cmd.offset);
          return { type: 'bytes', id: cmd.id, index: cmd.index, name: cmd.name, offset: cmd.offset, bytes: page?.bytes ?? null, length: page?.length ?? 0 };
        }
        case 'choices':
          // parses the text given, runs nothing: the session loaded stays as it is
          return { type: 'choices', id: cmd.id, ...findChoices(cmd.source) };
      }
    } catch (e) {
      // a bug in the simulator, not in the scenario: report it instead of dying silently
      this.lastSent = null;
      this.stopRun();
      return { type: 'crashed', id: cmd.id, message: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Whether the loaded scenario has statements to run in the background, and a step of it has been shown (the loop then calls work). */
  get busy(): boolean {
    return this.shown && this.running;
  }

  private get running(): boolean {
    return this.endToTell && this.crash === null && this.session.running;
  }

  /** Runs the loaded scenario on by a chunk (whether or not a step was shown); true while there is more to run. */
  work(): boolean {
    if (!this.running) return false;
    try {
      return this.session.runOn(this.chunkWork);
    } catch (e) {
      this.crash = e instanceof Error ? e.message : String(e);
      this.lastSent = null;
      return false;
    }
  }

  /** The summaries run since the last news, with how the run ended once it has; null when there is nothing new to tell. */
  news(): WorkerNotice | null {
    if (this.crash !== null) {
      const message = this.crash;
      this.stopRun();
      return { type: 'run-crashed', id: this.loadId, message };
    }
    if (!this.endToTell) return null;
    const end = this.session.end();
    const ran = this.session.total;
    if (ran === this.sent && end === null) return null;
    const from = this.sent;
    this.sent = ran;
    if (end !== null) this.endToTell = false;
    const steps = summarize(this.session.recordsRun(from, ran));
    // with the end, the names of the whole text: the load told those of the lines it had checked
    return end === null ? { type: 'ran', id: this.loadId, from, steps, end } : { type: 'ran', id: this.loadId, from, steps, end, names: this.session.names() };
  }

  /** Runs nothing more in the background (after a bug: the store loads the scenario again). */
  private stopRun(): void {
    this.crash = null;
    this.endToTell = false;
  }

  private goto(id: number, step: number, fresh: boolean, events: boolean): WorkerReply {
    const start = fresh ? null : this.lastSent;
    let base = start;
    const diffs: SnapshotDiff[] = [];
    const next = (s: MachineSnapshot) => {
      diffs.push(diffSnapshot(base, s));
      base = s;
    };
    const reset = () => {
      diffs.length = 0;
      base = start;
    };
    // watching every event costs a snapshot each (a few frame tables' worth): only when the step is played
    const at = this.session.goto(step, events ? { before: next, after: next, reset } : null);
    if (at === null) return { type: 'crashed', id, message: 'no scenario is loaded' };
    if (!events) next(at.snapshot);
    this.lastSent = at.snapshot;
    const before = events ? (diffs.shift() ?? null) : null;
    return { type: 'at', id, step: at.step, record: shown(at.record), before, states: diffs, cut: at.cut, taskNames: at.step === 0 ? {} : this.session.taskNames() };
  }
}
