/**
 * The words of an exam sheet or a handout page for one step: the lesson's title, "step 16 / 37",
 * the statement (the step summary's text: never re-parsed) and the caption (the step's narration
 * headline, sheet_words.ts, handed in). Pure: read from what the store already holds, so the
 * export menu and the handout view say the same thing; every text shown as it is (hidden
 * characters named) and cut to MAX_SHEET_TEXT.
 */
import type { StoreBuiltin } from '../../store/scenario_store';
import type { LoadOutcome } from '../../worker/protocol';
import type { SheetWords } from '../sheet_words';

export interface SheetText {
  title: string;
  /** "step 16 / 37". */
  step: string;
  /** The statement run at the step ("" at step 0). */
  statement: string;
  /** The step's narration headline (narration/caption.ts). */
  caption: string;
}

/** The title of a text that is no lesson. */
export const UNTITLED_SHEET = 'Mach VM Playground scenario';
/** The longest statement or caption a sheet carries (characters): a longer one is cut with an ellipsis. */
export const MAX_SHEET_TEXT = 400;

/** The lesson's title while the text is an unedited built-in, "TITLE (changed)" for a lesson changed (`origin`: edited, a what-if), else UNTITLED_SHEET. */
export function sheetTitle(builtins: readonly StoreBuiltin[], builtinName: string | null, origin: string | null = null): string {
  const changed = builtinName === null ? builtins.find((b) => b.name === origin) : undefined;
  if (changed !== undefined) return `${changed.title} (changed)`;
  return builtins.find((b) => b.name === builtinName)?.title ?? UNTITLED_SHEET;
}

/** Cut to MAX_SHEET_TEXT. */
const cut = (s: string) => (s.length > MAX_SHEET_TEXT ? `${s.slice(0, MAX_SHEET_TEXT - 1)}…` : s);

export interface SheetSource {
  builtins: readonly StoreBuiltin[];
  builtinName: string | null;
  /** The lesson a changed text came from (the store's origin). */
  origin?: string | null;
  outcome: LoadOutcome | null;
  total: number;
  /** The step shown (statements run). */
  step: number;
  /** The step's caption (sheet_words.ts captionOf: its narration's result line). */
  caption: string;
  /** From the main script (sheet_words.ts): the text display and the statement's summary. */
  words: Pick<SheetWords, 'shown' | 'statementAt'>;
}

export function sheetText(s: SheetSource): SheetText {
  return {
    title: cut(s.words.shown(sheetTitle(s.builtins, s.builtinName, s.origin))),
    step: `step ${s.step} / ${s.total}`,
    statement: cut(s.words.shown(s.words.statementAt(s.outcome, s.step))),
    caption: cut(s.words.shown(s.caption)),
  };
}
