/**
 * Named stops: a scenario's `# mark: NAME` lines (scanned by src/scenario/annotations.ts, sent by
 * the worker with the load's outcome) are stops on the timeline: ] and [ go to the next and the
 * previous, the Stops list names them, the step counter names the one shown. A mark's step is the
 * one that shows its statement run. Marks come in source order, so in step order; there are at most
 * MAX_ANNOTATIONS of them, so a linear search is bounded.
 */
import type { LoadOutcome } from '../worker/protocol';
import type { Mark } from '../scenario/annotations';

export type { Mark };

const NONE: readonly Mark[] = [];

/** The marks of a loaded scenario (none for a text that does not parse, or nothing loaded). */
export function marksOf(outcome: LoadOutcome | null): readonly Mark[] {
  return outcome === null || outcome.status === 'parse-error' ? NONE : outcome.annotations.marks;
}

/** The first mark after step `target`, or null. */
export function markAfter(marks: readonly Mark[], target: number): Mark | null {
  for (const m of marks) if (m.step > target) return m;
  return null;
}

/** The last mark before step `target`, or null. */
export function markBefore(marks: readonly Mark[], target: number): Mark | null {
  for (let i = marks.length - 1; i >= 0; i--) if (marks[i].step < target) return marks[i];
  return null;
}

/** The mark at step `step` (the first, when several name it), or null. */
export function markAt(marks: readonly Mark[], step: number): Mark | null {
  for (const m of marks) if (m.step === step) return m;
  return null;
}
