/**
 * Running a whole scenario text: parse, then interpret to the end or the first error. Shared by
 * the CLI, the worker and the tests, so every front end reports the same thing the same way.
 */
import { parseScenario } from './parser';
import { Interpreter, type StepRecord } from './interpreter';

export type ScenarioOutcome =
  | { status: 'ok'; steps: StepRecord[] }
  | { status: 'runtime-error'; steps: StepRecord[]; message: string; line: number; col: number }
  | { status: 'parse-error'; message: string; line: number; col: number };

export function runScenario(source: string, options: { trace?: boolean } = {}): ScenarioOutcome {
  const parsed = parseScenario(source);
  if (!parsed.ok) return { status: 'parse-error', message: parsed.error.message, line: parsed.error.pos.line, col: parsed.error.pos.col };
  const it = new Interpreter(parsed.program, options);
  if (it.refusal !== null) return { status: 'runtime-error', steps: [], ...it.refusal };
  const steps = it.runAll();
  const last = steps[steps.length - 1];
  if (last?.error !== undefined) return { status: 'runtime-error', steps, ...last.error };
  return { status: 'ok', steps };
}
