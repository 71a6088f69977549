/**
 * The steps a timeline reaches: all of them, or an embed's start to end step (the scenario store's
 * bounds), clamped to the steps there are. A module of its own: the embed's lazy chunk reads it too.
 */
/** The first and last step the timeline may reach (end null: the last step there is). */
export interface StepBounds {
  start: number;
  end: number | null;
}

/** The steps the timeline reaches now: the bounds, if any, clamped to [0, total] (end ≥ start). */
export function stepRange(s: { bounds: StepBounds | null; total: number }): { first: number; last: number } {
  const first = Math.min(Math.max(0, s.bounds?.start ?? 0), s.total);
  const last = Math.max(first, Math.min(s.bounds?.end ?? s.total, s.total));
  return { first, last };
}

