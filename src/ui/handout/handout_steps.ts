/**
 * Which steps a handout prints, one page each: the scenario's marked steps (`# mark: NAME` lines:
 * the annotations the worker sends with the load, scenario/annotations.ts); a text without marks offers every step with a fault or a
 * copy-on-write copy (the step summaries' flags: sheet_words.ts), or the step at the cursor. At most
 * MAX_HANDOUT_PAGES pages (the rest is left off, and the view says so). Pure: it reads the load's
 * outcome, never the text.
 */
import type { Mark } from '../../scenario/annotations';
import type { LoadOutcome } from '../../worker/protocol';
import type { SheetWords } from '../sheet_words';

/** The most pages a handout has (each page holds a machine: the cost stays bounded). */
export const MAX_HANDOUT_PAGES = 24;

export type HandoutBasis = 'marks' | 'faults' | 'current';

export interface HandoutPageStep {
  /** The step shown (statements run: step n shows statement n - 1 run). */
  step: number;
  /** The mark's name (basis 'marks'), else null. */
  mark: string | null;
}

export interface HandoutPlan {
  basis: HandoutBasis;
  pages: HandoutPageStep[];
  /** How many steps qualified but were left off (over MAX_HANDOUT_PAGES). */
  leftOff: number;
}

/** The steps with a fault or a copy (sheet_words.ts, from the step summaries' flags). */
type FaultSteps = SheetWords['faultSteps'];

type MarkLike = Pick<Mark, 'step' | 'name'>;

/** The load's marks that fall on a step the run reached, in step order (a statement marked twice: once). */
export function marksOf(outcome: LoadOutcome | null, total: number): MarkLike[] {
  const marks = outcome === null || outcome.status === 'parse-error' ? [] : outcome.annotations.marks;
  const seen = new Set<number>();
  const out: MarkLike[] = [];
  for (const m of marks) {
    if (!Number.isInteger(m.step) || m.step < 1 || m.step > total || seen.has(m.step)) continue;
    seen.add(m.step);
    out.push({ step: m.step, name: m.name });
  }
  return out.sort((a, b) => a.step - b.step);
}

/** The basis offered first: the marks if there are any, else the faults and copies if any, else the current step. */
export function defaultBasis(outcome: LoadOutcome | null, total: number, faultSteps: FaultSteps): HandoutBasis {
  if (marksOf(outcome, total).length > 0) return 'marks';
  return faultSteps(outcome, total).length > 0 ? 'faults' : 'current';
}

function bounded(pages: HandoutPageStep[], basis: HandoutBasis): HandoutPlan {
  return { basis, pages: pages.slice(0, MAX_HANDOUT_PAGES), leftOff: Math.max(0, pages.length - MAX_HANDOUT_PAGES) };
}

export function handoutPlan(outcome: LoadOutcome | null, total: number, cursor: number, basis: HandoutBasis, faultSteps: FaultSteps): HandoutPlan {
  switch (basis) {
    case 'marks':
      return bounded(marksOf(outcome, total).map((m) => ({ step: m.step, mark: m.name })), basis);
    case 'faults':
      return bounded(faultSteps(outcome, total).map((step) => ({ step, mark: null })), basis);
    case 'current':
      return bounded([{ step: Math.max(0, Math.min(cursor, total)), mark: null }], basis);
  }
}
