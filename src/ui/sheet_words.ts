/**
 * What a handout or an exam sheet needs from the main script: a step's caption, its narration's
 * result line (headline.ts summaryIndex: what presentation mode shows once the step has played),
 * a text as the page shows it (hidden characters named, a long one cut: visible_text.ts), the
 * statement a step ran (its step summary's text), the steps with a fault or a copy (the
 * summaries' flags), and what a step touched and changed (the diagram's own touches.ts and
 * changes.ts, as the playground lights them).
 * Handed to the lazy export and handout views as SheetWords: a lazy chunk importing these modules
 * itself made the bundler split them out of the main script (more files and bytes up front).
 */
import type { StepRecord } from '../scenario/interpreter';
import { clipText, visibleText } from '../scenario/visible_text';
import type { LoadOutcome } from '../worker/protocol';
import { stepCount, summaryAt } from '../worker/step_summary';
import { changes } from './diagram/changes';
import { touchesAll } from './diagram/touches';
import { summaryIndex } from './narration/headline';
import { narrate, type NarrationNames } from './narration/narrate';

/** The caption of step 0, when nothing has run. */
export const NOTHING_RUN_CAPTION = 'The machine as configured, before any statement has run.';

export interface SheetWords {
  captionOf(record: StepRecord | null, names: NarrationNames): string;
  /** A text as the page shows it: hidden characters named, cut past SHOWN_TEXT. */
  shown(text: string): string;
  /** The statement run at `step` (step n shows statement n - 1 run), from its summary; '' at step 0 or past the summaries. */
  statementAt(outcome: LoadOutcome | null, step: number): string;
  /** The steps (1-based) up to `total` with a page fault or a copy-on-write copy. */
  faultSteps(outcome: LoadOutcome | null, total: number): number[];
  touchesAll: typeof touchesAll;
  changes: typeof changes;
}

const summaries = (outcome: LoadOutcome | null) => (outcome === null || outcome.status === 'parse-error' ? null : outcome.steps);

export const SHEET_WORDS: SheetWords = {
  captionOf(record, names) {
    if (record === null) return NOTHING_RUN_CAPTION;
    const lines = narrate(record, names);
    return lines.length === 0 ? '' : lines[summaryIndex(lines)].text;
  },
  shown: (text) => visibleText(clipText(text)),
  statementAt(outcome, step) {
    const steps = summaries(outcome);
    return steps === null || step < 1 || step > stepCount(steps) ? '' : summaryAt(steps, step - 1).text;
  },
  faultSteps(outcome, total) {
    const steps = summaries(outcome);
    const out: number[] = [];
    for (let i = 0; steps !== null && i < Math.min(stepCount(steps), total); i++) {
      const s = summaryAt(steps, i);
      if (s.faulted || s.cow) out.push(i + 1);
    }
    return out;
  },
  touchesAll,
  changes,
};
