/**
 * What the presenter view says at a step, read from what the worker sent (the step summaries'
 * statement texts and lines, the annotations' notes and marks): never from the scenario text.
 *
 * At step k (k statements run): "now" is statement k − 1 (the one just run; none at step 0) and
 * "next" statement k (none at the end). A `# note:` attaches to the statement after it, and is
 * shown at the step where that statement has run (now), and one step earlier as the next one's.
 * The stops are the lecture item's key steps when a lecture runs, else the scenario's `# mark:`s.
 * Texts are cut to MAX_SHOWN_TEXT characters, and at most MAX_SHOWN_STOPS stops are listed.
 */
import type { LoadOutcome } from '../../worker/protocol';
import { annotationsOf } from './annotations_seen';

export const MAX_SHOWN_TEXT = 600;
export const MAX_SHOWN_STOPS = 64;

export interface ShownStatement {
  line: number;
  text: string;
}

export interface Stop {
  step: number;
  name: string;
}

export interface PresenterNotes {
  now: ShownStatement | null;
  next: ShownStatement | null;
  noteNow: string | null;
  noteNext: string | null;
  stops: Stop[];
}


const cut = (text: string) => (text.length > MAX_SHOWN_TEXT ? `${text.slice(0, MAX_SHOWN_TEXT - 1)}…` : text);

export function presenterNotes(outcome: LoadOutcome | null, step: number, keySteps: readonly number[] | null): PresenterNotes {
  const steps = outcome !== null && outcome.status !== 'parse-error' ? outcome.steps : null;
  const statement = (i: number): ShownStatement | null => (steps !== null && i >= 0 && i < steps.text.length ? { line: steps.line[i], text: cut(steps.text[i]) } : null);
  const { marks, notes } = annotationsOf(outcome);
  const noteOf = (i: number) => {
    const n = notes.find((x) => x.statement === i);
    return n === undefined ? null : cut(n.text);
  };
  const stops = keySteps !== null ? keySteps.map((s) => ({ step: s, name: '' })) : marks.map((m) => ({ step: m.step, name: cut(m.name) }));
  return { now: statement(step - 1), next: statement(step), noteNow: step > 0 ? noteOf(step - 1) : null, noteNext: noteOf(step), stops: stops.slice(0, MAX_SHOWN_STOPS) };
}
