/**
 * A scenario session: one loaded scenario and a cursor on it. Loading runs the whole scenario once
 * (so the UI can list every statement's result: step summaries, without their events), taking
 * replay checkpoints on the way (checkpoints.ts); moving the cursor steps forward, or goes back by
 * restoring the nearest checkpoint at or before the target and replaying the statements after it
 * (the kernel is deterministic, so the machine is exactly what it was). The last statement before
 * the cursor is replayed watched, so the caller gets the machine before it and after each of its
 * events (event_states.ts). Runs in the worker, and in-process in tests: it touches no DOM and no
 * worker API.
 */
import { parseScenario } from '../scenario/parser';
import { Interpreter, MAX_STATEMENTS, type InterpreterState, type StepRecord } from '../scenario/interpreter';
import type { Program } from '../scenario/ast';
import { takeSnapshot, type MachineSnapshot } from '../kernel/snapshot';
import { stateSize } from '../kernel/kernel_state';
import { Checkpoints, DEFAULT_CHECKPOINT_POLICY, restoreWork, type CheckpointPolicy } from './checkpoints';
import { EventStateRecorder, type StateSink } from './event_states';
import type { LoadOutcome } from './protocol';
import { summarize } from './step_summary';

export type { LoadOutcome };

/** The most statements a scenario may have (the interpreter refuses more, as the CLI does). */
export { MAX_STATEMENTS };

export class ScenarioSession {
  private program: Program | null = null;
  private interp: Interpreter | null = null;
  private records: StepRecord[] = [];
  /** Work units done after each number of statements (workAt[0] = 0), known from the load. */
  private workAt = new Float64Array(1);
  private checkpoints: Checkpoints<InterpreterState>;

  constructor(private readonly policy: Readonly<CheckpointPolicy> | null = DEFAULT_CHECKPOINT_POLICY) {
    this.checkpoints = new Checkpoints(policy ?? undefined);
  }

  load(source: string): LoadOutcome {
    const parsed = parseScenario(source);
    this.interp = null;
    this.records = [];
    this.workAt = new Float64Array(1);
    this.checkpoints = new Checkpoints(this.policy ?? undefined);
    if (!parsed.ok) {
      this.program = null;
      return { status: 'parse-error', message: parsed.error.message, line: parsed.error.pos.line, col: parsed.error.pos.col };
    }
    this.program = parsed.program;
    const full = new Interpreter(parsed.program);
    if (full.refusal !== null) return { status: 'runtime-error', steps: summarize([]), total: 0, ...full.refusal };
    // until one is made, saving the machine costs what saving it before it runs does
    if (this.policy !== null) this.checkpoints = new Checkpoints(this.policy, stateSize(full.kernel.save()));
    this.workAt = new Float64Array(full.statements.length + 1);
    this.records = this.advance(full, Infinity);
    this.interp = full;
    const steps = summarize(this.records);
    const last = this.records[this.records.length - 1];
    if (last?.error !== undefined) return { status: 'runtime-error', steps, total: this.records.length, ...last.error };
    return { status: 'ok', steps, total: this.records.length };
  }

  /** Statement `index`'s record, with its events (null past the statements run). */
  record(index: number): StepRecord | null {
    return Number.isInteger(index) ? (this.records[index] ?? null) : null;
  }

  /** Number of statements that can be run (up to and including a failing one). */
  get total(): number {
    return this.records.length;
  }

  /** How each goto started: from where the machine was, a restored checkpoint, a new machine (tests, benchmarks). */
  readonly starts = { current: 0, checkpoint: 0, fresh: 0 };

  /** Checkpoints kept, for tests and the benchmarks. */
  get checkpointPositions(): number[] {
    return this.checkpoints.positions();
  }

  /**
   * Puts the machine after `step` statements (clamped) and returns what it looks like then. `states`,
   * if given, gets the machine before the last of those statements and after each of its events (at
   * step 0: the machine as configured, twice); `cut` says a giant step's states stopped at
   * MAX_EVENT_STATES.
   */
  goto(step: number, states: StateSink | null = null): { step: number; record: StepRecord | null; snapshot: MachineSnapshot; cut: boolean } | null {
    if (this.program === null) return null;
    const target = Math.max(0, Math.min(this.records.length, Math.floor(step)));
    const record = target === 0 ? null : this.records[target - 1];
    if (states === null) {
      this.interp = this.startFor(this.program, target);
      this.advance(this.interp, target);
      return { step: target, record, snapshot: takeSnapshot(this.interp.kernel), cut: false };
    }
    const from = Math.max(0, target - 1);
    this.interp = this.startFor(this.program, from);
    this.advance(this.interp, from);
    const watch = new EventStateRecorder(this.interp.kernel, states);
    watch.begin();
    this.advance(this.interp, target, watch);
    const { snapshot, cut } = watch.end();
    return { step: target, record, snapshot, cut };
  }

  /** The cheapest machine to step forward to `target` from: the current one, a restored checkpoint, or a new one. */
  private startFor(program: Program, target: number): Interpreter {
    const cur = this.interp;
    const c = this.policy === null ? null : this.checkpoints.atOrBefore(target);
    const fromCurrent = cur !== null && cur.position <= target ? this.workAt[target] - this.workAt[cur.position] : Infinity;
    const fromCheckpoint = c === null ? Infinity : this.policy?.alwaysRestore === true ? 0 : restoreWork(c.size) + this.workAt[target] - c.work;
    if (fromCurrent <= fromCheckpoint && fromCurrent <= this.workAt[target]) {
      this.starts.current++;
      return cur!;
    }
    if (c === null || fromCheckpoint >= this.workAt[target]) {
      this.starts.fresh++;
      return new Interpreter(program);
    }
    this.starts.checkpoint++;
    // into the machine in use when there is one: no new memory to allocate and to fault in
    const it = cur ?? new Interpreter(program);
    it.restore(c.state);
    return it;
  }

  /** Steps `it` until `target` statements have run (or it stops), taking checkpoints on the way; `watch` watches each statement. */
  private advance(it: Interpreter, target: number, watch: EventStateRecorder | null = null): StepRecord[] {
    const out: StepRecord[] = [];
    let base = this.checkpoints.atOrBefore(it.position)?.work ?? 0;
    while (it.position < target && !it.done) {
      out.push(watch === null ? it.step() : watch.during(() => it.step()));
      this.workAt[it.position] = it.work;
      const known = this.checkpoints.atOrBefore(it.position);
      if (known !== null && known.work > base) base = known.work;
      if (this.policy !== null && !it.done && this.checkpoints.due(it.work, it.work - base, it.kernel.memoryInUse)) {
        const state = it.save();
        this.checkpoints.add({ position: it.position, work: it.work, state, size: stateSize(state.kernel) });
        base = it.work;
      }
    }
    return out;
  }

  /** Task id → name, for narration. */
  taskNames(): Record<number, string> {
    const out: Record<number, string> = {};
    if (this.interp !== null) for (const t of this.interp.kernel.taskList()) out[t.id] = t.name;
    return out;
  }
}
