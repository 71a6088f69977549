/**
 * A scenario session: one loaded scenario and a cursor on it. Loading runs the whole scenario once
 * (so the UI can list every statement's result); moving the cursor replays the deterministic kernel
 * from the start when it must go back, and steps forward otherwise. Runs in the worker, and
 * in-process in tests: it touches no DOM and no worker API.
 */
import { parseScenario } from '../scenario/parser';
import { Interpreter, MAX_STATEMENTS, type StepRecord } from '../scenario/interpreter';
import type { Program } from '../scenario/ast';
import { takeSnapshot, type MachineSnapshot } from '../kernel/snapshot';

export type LoadOutcome =
  | { status: 'parse-error'; message: string; line: number; col: number }
  | { status: 'ok' | 'runtime-error'; records: StepRecord[]; total: number; message?: string; line?: number; col?: number };

/** The most statements a scenario may have (the interpreter refuses more, as the CLI does). */
export { MAX_STATEMENTS };

export class ScenarioSession {
  private program: Program | null = null;
  private interp: Interpreter | null = null;
  private records: StepRecord[] = [];

  load(source: string): LoadOutcome {
    const parsed = parseScenario(source);
    this.interp = null;
    this.records = [];
    if (!parsed.ok) {
      this.program = null;
      return { status: 'parse-error', message: parsed.error.message, line: parsed.error.pos.line, col: parsed.error.pos.col };
    }
    this.program = parsed.program;
    const full = new Interpreter(parsed.program);
    if (full.refusal !== null) return { status: 'runtime-error', records: [], total: 0, ...full.refusal };
    this.records = full.runAll();
    const last = this.records[this.records.length - 1];
    if (last?.error !== undefined) return { status: 'runtime-error', records: this.records, total: this.records.length, ...last.error };
    return { status: 'ok', records: this.records, total: this.records.length };
  }

  /** Number of statements that can be run (up to and including a failing one). */
  get total(): number {
    return this.records.length;
  }

  /** Puts the machine after `step` statements (clamped) and returns what it looks like then. */
  goto(step: number): { step: number; record: StepRecord | null; snapshot: MachineSnapshot } | null {
    if (this.program === null) return null;
    const target = Math.max(0, Math.min(this.records.length, Math.floor(step)));
    if (this.interp === null || this.interp.position > target) this.interp = new Interpreter(this.program);
    while (this.interp.position < target && !this.interp.done) this.interp.step();
    return { step: target, record: target === 0 ? null : this.records[target - 1], snapshot: takeSnapshot(this.interp.kernel) };
  }

  /** Task id → name, for narration. */
  taskNames(): Record<number, string> {
    const out: Record<number, string> = {};
    if (this.interp !== null) for (const t of this.interp.kernel.tasks.values()) out[t.id] = t.name;
    return out;
  }
}
