/**
 * A scenario session: one loaded scenario and a cursor on it. Loading checks the scenario (its
 * statements are parsed as the run reaches them: scenario/check.ts) and runs it, recording each
 * statement once (so the UI can list every statement's result: step summaries, without their
 * events) and taking replay checkpoints on the way (checkpoints.ts). The check and the run may stop
 * after a first part (`load(source, work, checkLines)`) and go on later, a part at a time (`runOn`):
 * the worker answers the load early and does the rest between commands; nothing runs before the
 * whole text is checked. The machine that runs ahead (the runner) is the one the cursor uses while
 * it is at or behind the runner's position and ahead of everything else; a goto past the
 * statements run so far drives the run up to it.
 *
 *   statements   0 ────────────── ran ┄┄┄┄┄┄┄┄┄┄┄┄ N      recorded ──  not yet run ┄┄
 *   runner                         ▲ runOn(work) moves it on
 *   goto(k ≤ ran): the cursor's machine, the runner, a checkpoint or the start (restored into the
 *                  cursor's machine, or a new one), whichever is cheapest
 *   goto(k > ran): the runner runs on to k (and is then the cursor's machine)
 *
 * Moving the cursor steps forward, or goes back by restoring the nearest checkpoint at or before
 * the target and replaying the statements after it (the kernel is deterministic, so the machine is
 * exactly what it was); a checkpoint is never restored into the runner while it has statements to
 * run (a machine of its own is made). The last statement before the cursor is replayed watched, so
 * the caller gets the machine before it and after each of its events (event_states.ts). Runs in
 * the worker, and in-process in tests: it touches no DOM and no worker API.
 *
 * A statement that makes the machine too big to show (snapshot_budget.ts) is refused: it is not
 * recorded (the steps before it are the whole run), the run ends as a runtime error at its line,
 * and no machine past it is ever shown.
 */
import { ScenarioCheck } from '../scenario/check';
import { scanAnnotations } from '../scenario/annotations';
import { NO_NAMES, type NameCollector, type ScenarioNames } from '../scenario/names';
import { ResolvedProgram } from '../scenario/name_slots';
import type { ScenarioSyntaxError } from '../scenario/parser';
import { Interpreter, MAX_STATEMENTS, type InterpreterOptions, type InterpreterState, type StepRecord } from '../scenario/interpreter';
import type { StatementSource } from '../scenario/ast';
import { takeSnapshot, type MachineSnapshot } from '../kernel/snapshot';
import { stateSize } from '../kernel/kernel_state';
import { Checkpoints, DEFAULT_CHECKPOINT_POLICY, restoreWork, type CheckpointPolicy } from './checkpoints';
import { EventStateRecorder, type StateSink } from './event_states';
import type { LoadOptions, LoadOutcome, RunEnd } from './protocol';
import { summarize } from './step_summary';
import { overBudget } from './snapshot_budget';

export type { LoadOutcome };

/** The most statements a scenario may have (the interpreter refuses more, as the CLI does). */
export { MAX_STATEMENTS };

export class ScenarioSession {
  /**
   * How the loaded text's interpreters run (LoadOptions): every machine made for it, fresh or
   * restored, the same way, sharing the program's statements with their names numbered (each
   * statement resolved once: name_slots.ts).
   */
  private interpOptions: InterpreterOptions = {};
  /** The loaded program's statements, each parsed when the run first reaches it (the load only checks the text). */
  private program: StatementSource | null = null;
  /** The check of the loaded text while it goes on (a big text is checked a part at a time before anything runs), then null. */
  private check: ScenarioCheck | null = null;
  /** The syntax error the check found after the load had answered (the text does not run). */
  private checkError: ScenarioSyntaxError | null = null;
  /** The machine the cursor last used (null until a goto). */
  private interp: Interpreter | null = null;
  /** The machine running the scenario for the first time, recording it; null once the run has ended. */
  private runner: Interpreter | null = null;
  private records: StepRecord[] = [];
  /** The statement refused for making the machine too big to show (snapshot_budget.ts): the run ended before it. */
  private refused: { message: string; line: number; col: number } | null = null;
  /** The machine as configured (step 0), taken before the run: step 0 needs no machine of its own. */
  private zero: MachineSnapshot | null = null;
  /** Statements in the program (the most the run can reach). */
  private statements = 0;
  /** Work units done after each number of statements (workAt[0] = 0), known up to the statements run. */
  private workAt = new Float64Array(1);
  private checkpoints: Checkpoints<InterpreterState>;
  /** The run before its first statement (saved at the load): a goto back past every checkpoint restores it into the machine in use. */
  private startState: InterpreterState | null = null;
  /** The names the loaded text defines, collected by its check (the editor's completion). */
  private nameCollector: NameCollector | null = null;

  constructor(private readonly policy: Readonly<CheckpointPolicy> | null = DEFAULT_CHECKPOINT_POLICY) {
    this.checkpoints = new Checkpoints(policy ?? undefined);
  }

  /**
   * Checks `source` and runs it: all of it, or (with `work`) until at least that many work units
   * have run; `runOn` does the rest. With `checkLines`, only that many lines are checked first (and
   * the config lines): a longer text answers 'running' with nothing run, the machine as configured
   * at step 0, and `runOn` checks the rest before it runs anything (a syntax error then ends the run
   * as a parse error: end()). The outcome is 'running' while statements remain.
   */
  load(source: string, work = Infinity, checkLines = Infinity, options: LoadOptions = {}): LoadOutcome {
    this.interpOptions = options.failedAssertsGoOn === true ? { failedAssertsGoOn: true } : {};
    this.check = null;
    this.checkError = null;
    this.interp = null;
    this.runner = null;
    this.records = [];
    this.refused = null;
    this.zero = null;
    this.statements = 0;
    this.workAt = new Float64Array(1);
    this.checkpoints = new Checkpoints(this.policy ?? undefined);
    this.program = null;
    this.nameCollector = null;
    this.startState = null;
    const check = new ScenarioCheck(source);
    check.step(checkLines);
    check.stepThroughConfig();
    // the interpreter refuses a text of too many statements at once: its errors come first, as in the CLI
    if (check.statementCount > MAX_STATEMENTS) check.step(Infinity);
    if (check.error !== null) return { status: 'parse-error', message: check.error.message, line: check.error.pos.line, col: check.error.pos.col };
    this.program = check.statements;
    this.interpOptions = { ...this.interpOptions, resolved: new ResolvedProgram(check.statements, MAX_STATEMENTS) };
    this.nameCollector = check.names;
    const names = check.names.names();
    // the marks and notes the text's comments give its statements: scanned once, sent with every outcome
    const annotations = scanAnnotations(source);
    const run = new Interpreter(check.statements, this.interpOptions);
    if (run.refusal !== null) return { status: 'runtime-error', steps: summarize([]), total: 0, annotations, names, ...run.refusal };
    this.check = check.done ? null : check;
    this.startState = run.save();
    // until one is made, saving the machine costs what saving it before it runs does
    if (this.policy !== null) this.checkpoints = new Checkpoints(this.policy, stateSize(this.startState.kernel));
    this.statements = run.statements.length;
    this.workAt = new Float64Array(this.statements + 1);
    this.zero = takeSnapshot(run.kernel);
    this.runner = run;
    if (this.check === null) this.runOn(work);
    const steps = summarize(this.records);
    if (this.runner !== null) return { status: 'running', steps, total: this.records.length, statements: this.statements, annotations, names };
    const end = this.end()!;
    return end.status === 'ok'
      ? { status: 'ok', steps, total: this.records.length, annotations, names }
      : { ...(end as Extract<RunEnd, { status: 'runtime-error' }>), steps, total: this.records.length, annotations, names };
  }

  /** The tasks, objects and variables the loaded text defines, as far as it is checked (all of it once the run has ended). */
  names(): ScenarioNames {
    return this.nameCollector?.names() ?? NO_NAMES;
  }

  /**
   * Goes on by at least `work` units (whole statements), or to the end: while the text is still
   * being checked, checks `work` more lines of it instead. True while statements remain.
   */
  runOn(work: number): boolean {
    if (this.check !== null) {
      this.check.step(work);
      this.afterCheck();
      return this.runner !== null;
    }
    const r = this.runner;
    if (r === null) return false;
    const until = r.work + work;
    this.advance(r, Infinity, null, until);
    return this.settle();
  }

  /** Checks the rest of the text now (a command needs a statement run). False when it has an error. */
  private checked(): boolean {
    this.check?.step(Infinity);
    this.afterCheck();
    return this.checkError === null;
  }

  /** Once the check has ended: on a syntax error nothing runs (end() says so). */
  private afterCheck(): void {
    const c = this.check;
    if (c === null || !c.done) return;
    this.check = null;
    if (c.error === null) return;
    this.checkError = c.error;
    this.runner = null;
    this.interp = null;
  }

  /** Runs the scenario on until `n` statements have run (or it ends). */
  private runTo(n: number): void {
    if (this.runner === null || n <= this.records.length || !this.checked()) return;
    this.advance(this.runner, n);
    this.settle();
  }

  /** Lets go of the runner once it has run everything; true while statements remain. */
  private settle(): boolean {
    if (this.runner?.done === true || this.refused !== null) this.runner = null;
    return this.runner !== null;
  }

  /** Whether statements remain to be run for the first time. */
  get running(): boolean {
    return this.runner !== null;
  }

  /** How the run ended (null while it goes on, or with nothing loaded). */
  end(): RunEnd | null {
    const e = this.checkError;
    if (e !== null) return { status: 'parse-error', message: e.message, line: e.pos.line, col: e.pos.col };
    if (this.program === null || this.runner !== null) return null;
    if (this.refused !== null) return { status: 'runtime-error', ...this.refused };
    const error = this.records[this.records.length - 1]?.error;
    return error === undefined ? { status: 'ok' } : { status: 'runtime-error', ...error };
  }

  /** Statements in the loaded program (0 with none, or one the interpreter refused). */
  get statementCount(): number {
    return this.statements;
  }

  /** The records of statements [from, to) run so far. */
  recordsRun(from: number, to = this.records.length): readonly StepRecord[] {
    return this.records.slice(from, to);
  }

  /** Statement `index`'s record, with its events (null past the statements the program runs); runs the scenario up to it if need be. */
  record(index: number): StepRecord | null {
    if (!Number.isInteger(index) || index < 0 || !this.checked()) return null;
    this.runTo(index + 1);
    return this.records[index] ?? null;
  }

  /** Statements run so far: while the run goes on, those run yet; then every one that can run (up to and including a failing one). */
  get total(): number {
    return this.records.length;
  }

  /** How each goto started: from where the machine was (the cursor's or the runner's), a restored checkpoint, a new machine (tests, benchmarks). */
  readonly starts = { current: 0, checkpoint: 0, fresh: 0 };

  /** Checkpoints kept, for tests and the benchmarks. */
  get checkpointPositions(): number[] {
    return this.checkpoints.positions();
  }

  /**
   * Puts the machine after `step` statements (clamped to the statements the program runs, which
   * it runs up to there first if need be) and returns what it looks like then. `states`, if given,
   * gets the machine before the last of those statements and after each of its events (at step 0:
   * the machine as configured, twice); `cut` says a giant step's states stopped at MAX_EVENT_STATES.
   */
  goto(step: number, states: StateSink | null = null): { step: number; record: StepRecord | null; snapshot: MachineSnapshot; cut: boolean } | null {
    if (this.program === null) return null;
    // a step past 0 runs statements: the whole text must be checked first (with an error, only step 0 remains)
    let target = Math.max(0, Math.floor(step));
    if (target > 0 && !this.checked()) target = 0;
    // past the statements run: the runner runs up to the one before, and the last one below (watched if asked)
    if (target > this.records.length) this.runTo(target - 1);
    target = Math.min(target, this.records.length + (this.runner === null ? 0 : 1));
    if (target === 0 && this.zero !== null) {
      // the machine as configured, taken at the load: no machine moves (the runner may be far ahead)
      states?.before(this.zero);
      states?.after(this.zero);
      return { step: 0, record: null, snapshot: this.zero, cut: false };
    }
    if (states === null) {
      this.interp = this.startFor(this.program, target);
      this.advance(this.interp, target);
      this.settle();
      if (this.pastRefusal()) return this.goto(this.records.length, states);
      return { step: target, record: this.recordBefore(target), snapshot: takeSnapshot(this.interp.kernel), cut: false };
    }
    const from = Math.max(0, target - 1);
    this.interp = this.startFor(this.program, from);
    this.advance(this.interp, from);
    const watch = new EventStateRecorder(this.interp.kernel, states);
    watch.begin();
    this.advance(this.interp, target, watch);
    this.settle();
    if (this.pastRefusal()) {
      // the step was refused: its states are forgotten, and the machine shown is the one before it
      states.reset?.();
      return this.goto(this.records.length, states);
    }
    const { snapshot, cut } = watch.end();
    return { step: target, record: this.recordBefore(target), snapshot, cut };
  }

  /** True when the cursor's machine ran the refused statement (too big to show): it is let go. */
  private pastRefusal(): boolean {
    if (this.refused === null || this.interp === null || this.interp.position <= this.records.length) return false;
    this.interp = null;
    return true;
  }

  private recordBefore(step: number): StepRecord | null {
    return step === 0 ? null : this.records[step - 1];
  }

  /** The cheapest machine to step forward to `target` from: the cursor's, the runner, a restored checkpoint, or a new one. */
  private startFor(program: StatementSource, target: number): Interpreter {
    const ran = this.records.length;
    // the runner alone can run a statement for the first time
    if (target > ran) {
      this.starts.current++;
      return this.runner!;
    }
    const forward = (m: Interpreter | null) => (m !== null && m.position <= target ? this.workAt[target] - this.workAt[m.position] : Infinity);
    const cur = forward(this.runner) < forward(this.interp) ? this.runner : this.interp;
    const fromCurrent = forward(cur);
    const c = this.policy === null ? null : this.checkpoints.atOrBefore(target);
    const fromCheckpoint = c === null ? Infinity : this.policy?.alwaysRestore === true ? 0 : restoreWork(c.size) + this.workAt[target] - c.work;
    if (fromCurrent <= fromCheckpoint && fromCurrent <= this.workAt[target]) {
      this.starts.current++;
      return cur!;
    }
    // a machine the cursor may take over: never the runner while it has statements to run
    const own = this.interp !== null && this.interp !== this.runner ? this.interp : null;
    if (c === null || fromCheckpoint >= this.workAt[target]) {
      this.starts.fresh++;
      // the run from its start: restored into the machine in use when there is one (its frames'
      // memory is allocated and touched already: a new machine of 8,192 frames is 32 MiB to fault in)
      if (own !== null && this.startState !== null) {
        own.restore(this.startState);
        return own;
      }
      return new Interpreter(program, this.interpOptions);
    }
    this.starts.checkpoint++;
    // into the machine in use when there is one: no new memory to allocate and to fault in
    const it = own ?? new Interpreter(program, this.interpOptions);
    it.restore(c.state);
    return it;
  }

  /**
   * Steps `it` until `target` statements have run, it has done `until` work units, or it stops,
   * taking checkpoints on the way and recording each statement run for the first time; `watch`
   * watches each statement.
   */
  private advance(it: Interpreter, target: number, watch: EventStateRecorder | null = null, until = Infinity): void {
    let base = this.checkpoints.atOrBefore(it.position)?.work ?? 0;
    while (it.position < target && !it.done && it.work < until) {
      if (this.refused !== null && it.position >= this.records.length) break;
      // a statement recorded before runs again quietly (its record is not needed: no text, no
      // events made; its work is the first run's); the first run of a statement, and a watched one, are traced
      const again = watch === null && it.position < this.records.length;
      it.replaying = again;
      const rec = again ? it.step(this.workAt[it.position + 1]) : watch === null ? it.step() : watch.during(() => it.step());
      // a statement that ran before was not too big then, and the machine is the same
      const tooBig = rec.error === undefined && !again ? overBudget(it.kernel) : null;
      if (tooBig !== null) {
        // the machine past this statement is never shown: the run ends before it (it is run once only)
        if (rec.index === this.records.length) this.refused = { message: tooBig, line: rec.line, col: 1 };
        break;
      }
      if (rec.index === this.records.length) this.records.push(rec);
      this.workAt[it.position] = it.work;
      const known = this.checkpoints.atOrBefore(it.position);
      if (known !== null && known.work > base) base = known.work;
      if (this.policy !== null && !it.done && this.checkpoints.due(it.work, it.work - base, it.kernel.memoryInUse)) {
        const state = it.save();
        this.checkpoints.add({ position: it.position, work: it.work, state, size: stateSize(state.kernel) });
        base = it.work;
      }
    }
  }

  /** Task id → name, for narration. */
  taskNames(): Record<number, string> {
    const out: Record<number, string> = {};
    if (this.interp !== null) for (const t of this.interp.kernel.taskList()) out[t.id] = t.name;
    return out;
  }
}
