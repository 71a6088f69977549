/**
 * What presentation mode's narration puts on the screen: one line at a time, large (the
 * "headline"), and on request (key d) that line's why and rule. Pure: it picks among the lines
 * narrate() made; the panel draws them.
 *
 * While a step plays, the headline is the line being told. When the step has finished playing (or
 * is shown whole at once: speed Instant, reduced motion), the headline is the step's result line:
 * the first line, "write returned KERN_SUCCESS: task C stored "child data!" at 0x1000." (or the
 * error that stopped the scenario). That is what a lecturer wants on the screen when they stop
 * talking: the room has heard each event as it was drawn, the diagram now shows the whole step
 * with its changes marked, and the result is what the statement did, in the terms of the code on
 * the statement line above it (the same thing the quiz asks to predict).
 */
import type { NarrationLine } from './line';

export interface Headline {
  /** The index of the line shown large. */
  index: number;
  /** True when the step has finished playing (the headline is its result line). */
  finished: boolean;
  /** The line whose why and rule key d shows (null: no line has any to show). */
  details: NarrationLine | null;
}

/** The step's result line: the error that stopped the scenario if there is one, else the first line (what the statement did). */
export function summaryIndex(lines: readonly NarrationLine[]): number {
  const error = lines.findIndex((l) => l.tone === 'error');
  return error >= 0 ? error : 0;
}

const explains = (l: NarrationLine | undefined): l is NarrationLine => l !== undefined && (l.why !== undefined || l.rule !== undefined);
const reasons = (l: NarrationLine): boolean => l.why !== undefined;

/**
 * The headline for the line being played (`activeIndex`; -1 or past the end: the step has
 * finished playing), or null when there are no lines. The details are the headline's own why and
 * rule; once the step has finished, a result line that explains nothing lends them from the last
 * line told that gives a reason (why), else the last that names a rule: the room last heard that
 * reason (e.g. why a write copied the page: more use than "vm_fault, then pmap_enter").
 */
export function headlineOf(lines: readonly NarrationLine[], activeIndex: number): Headline | null {
  if (lines.length === 0) return null;
  const playing = activeIndex >= 0 && activeIndex < lines.length;
  const index = playing ? activeIndex : summaryIndex(lines);
  let details: NarrationLine | null = explains(lines[index]) ? lines[index] : null;
  if (details === null && !playing) {
    const told = [...lines].reverse();
    details = told.find(reasons) ?? told.find(explains) ?? null;
  }
  return { index, finished: !playing, details };
}
