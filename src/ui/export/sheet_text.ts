/**
 * The words of an exam sheet or a handout page for one step: the lesson's title, "step 16 / 37",
 * the statement (the step summary's text: never re-parsed) and the caption, the step's narration
 * headline (headline.ts summaryIndex: the result line presentation mode shows once a step has
 * played). Pure: read from what the store already holds (step summaries, the step's record, the
 * task names), so the export menu and the handout view say the same thing.
 */
import type { StepRecord } from '../../scenario/interpreter';
import type { StoreBuiltin } from '../../store/scenario_store';
import type { LoadOutcome } from '../../worker/protocol';
import { stepCount, summaryAt } from '../../worker/step_summary';
import { summaryIndex } from '../narration/headline';
import { narrate, type NarrationNames } from '../narration/narrate';
import { clipText, visibleText } from '../../scenario/visible_text';

export interface SheetText {
  title: string;
  /** "step 16 / 37". */
  step: string;
  /** The statement run at the step ("" at step 0). */
  statement: string;
  /** The step's narration headline (at step 0: NOTHING_RUN_CAPTION). */
  caption: string;
}

/** The title of a text that is no lesson. */
export const UNTITLED_SHEET = 'Mach VM Playground scenario';
/** The caption of step 0. */
export const NOTHING_RUN_CAPTION = 'The machine as configured, before any statement has run.';
/** The longest statement or caption a sheet carries (characters): a longer one is cut with an ellipsis. */
export const MAX_SHEET_TEXT = 400;

/** The lesson's title while the text is an unedited built-in, else UNTITLED_SHEET. */
export function sheetTitle(builtins: readonly StoreBuiltin[], builtinName: string | null): string {
  return builtins.find((b) => b.name === builtinName)?.title ?? UNTITLED_SHEET;
}

/** The statement run at `step` (1-based: step n shows statement n - 1 run), from the step summaries; '' at step 0 or past them. */
export function statementAt(outcome: LoadOutcome | null, step: number): string {
  if (outcome === null || outcome.status === 'parse-error' || step < 1 || step > stepCount(outcome.steps)) return '';
  return summaryAt(outcome.steps, step - 1).text;
}

/** The step's caption: its narration's result line (what presentation mode shows once the step has played). */
export function captionOf(record: StepRecord | null, names: NarrationNames): string {
  if (record === null) return NOTHING_RUN_CAPTION;
  const lines = narrate(record, names);
  return lines.length === 0 ? '' : lines[summaryIndex(lines)].text;
}

/** Shown as it is (hidden characters named: visible_text.ts), cut to MAX_SHEET_TEXT. */
const cut = (raw: string) => {
  const s = visibleText(clipText(raw));
  return s.length > MAX_SHEET_TEXT ? `${s.slice(0, MAX_SHEET_TEXT - 1)}…` : s;
};

export interface SheetSource {
  builtins: readonly StoreBuiltin[];
  builtinName: string | null;
  outcome: LoadOutcome | null;
  total: number;
  /** The step shown (statements run). */
  step: number;
  record: StepRecord | null;
  names: NarrationNames;
}

export function sheetText(s: SheetSource): SheetText {
  return {
    title: cut(sheetTitle(s.builtins, s.builtinName)),
    step: `step ${s.step} / ${s.total}`,
    statement: cut(statementAt(s.outcome, s.step)),
    caption: cut(captionOf(s.record, s.names)),
  };
}
