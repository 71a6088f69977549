/**
 * Loud and quiet steps: presentation mode's → and ← skip the steps that change nothing on screen
 * (a `config` line runs nothing, an assignment only names a value, an assert only checks one),
 * read from the step summaries' statement kind (never the text). Step k shows statement k - 1 run,
 * so step k is loud when statement k - 1 is of a loud kind. Step 0 and the last step are always
 * reachable. Each search starts at the cursor and stops at the first loud step it meets: a key
 * press costs the run of quiet statements it skips (bytes of a typed array), never a scan of all.
 *
 * While a big run goes on in the worker, the summaries cover only the statements run so far
 * (`known`): past them nothing is known, so forward goes to the first step not yet run (the worker
 * runs up to it) and, from there, one step at a time.
 */
import type { StepSummaries } from '../worker/protocol';
import { kindAt, stepCount } from '../worker/step_summary';

/** Whether statement i (0-based) changes nothing on screen: config, assignment, assert. */
export function isQuietStatement(steps: StepSummaries, i: number): boolean {
  const k = kindAt(steps, i);
  return k === 'config' || k === 'assign' || k === 'assert';
}

/** The step → goes to from step `from` when quiet steps are skipped (capped at `total`). */
export function nextLoudStep(steps: StepSummaries, from: number, total: number): number {
  const known = Math.min(stepCount(steps), total);
  for (let k = Math.max(from + 1, 1); k <= known; k++) if (!isQuietStatement(steps, k - 1)) return k;
  // none loud among the steps run: the last step, or (a run going on) the first step not yet known
  return Math.min(total, Math.max(from + 1, known + 1));
}

/** The step ← goes to from step `from` when quiet steps are skipped (0 when no loud step comes before). */
export function previousLoudStep(steps: StepSummaries, from: number): number {
  const known = stepCount(steps);
  // a step past those run (the user went ahead of a run going on): nothing known to skip
  if (from - 1 > known) return from - 1;
  for (let k = from - 1; k >= 1; k--) if (!isQuietStatement(steps, k - 1)) return k;
  return 0;
}
