/**
 * Timeline ticks: where the timeline marks the steps worth finding (a page fault, a copy-on-write
 * copy, a TLB shootdown, a pageout: the flags of the step summaries) and the scenario's named stops
 * (`# mark:` lines, stops.ts). Bounded whatever the step count: the bar is cut into at most
 * MAX_TIMELINE_TICKS columns (fewer on a narrow bar: one per TICK_SPACING pixels), and each column
 * holds at most one tick: at the first marked step in it, with the kinds of every step in it. One
 * pass over the flags (a byte a statement) per outcome; nothing per key press.
 */
import type { StepSummaries } from '../worker/protocol';
import { STEP_COW, STEP_FAULTED, STEP_PAGEOUT, STEP_SHOOTDOWN } from '../worker/step_summary';
import type { Mark } from './stops';

/** The step summaries' flags (step_summary.ts) the timeline marks. */
export const TICK_FLAG = { faulted: STEP_FAULTED, cow: STEP_COW, pageout: STEP_PAGEOUT, shootdown: STEP_SHOOTDOWN } as const;

/** The most ticks a timeline draws (of each sort: events, named stops). */
export const MAX_TIMELINE_TICKS = 400;

/** What a tick can mark, in the order of the bar's lanes (top to bottom after the stops' lane). */
export const TICK_KINDS = [
  { flag: TICK_FLAG.faulted, name: 'fault', label: 'page fault', plural: 'page faults' },
  { flag: TICK_FLAG.cow, name: 'cow', label: 'copy-on-write copy', plural: 'copy-on-write copies' },
  { flag: TICK_FLAG.shootdown, name: 'shootdown', label: 'TLB shootdown', plural: 'TLB shootdowns' },
  { flag: TICK_FLAG.pageout, name: 'pageout', label: 'pageout', plural: 'pageouts' },
] as const;

/** The flags a tick is drawn for. */
export const TICK_FLAGS = TICK_KINDS.reduce((all, k) => all | k.flag, 0);

export interface EventTick {
  /** The first marked step of its column: where a click goes. */
  step: number;
  /** TICK_FLAGS of every step of its column. */
  flags: number;
}

export interface StopTick {
  step: number;
  /** The names of the stops in its column (the first few: MAX_NAMES_PER_TICK). */
  names: string[];
}

const MAX_NAMES_PER_TICK = 3;

/** How many columns a bar `width` pixels wide is cut into (at least 1). */
export function tickColumns(width: number, spacing: number): number {
  return Math.max(1, Math.min(MAX_TIMELINE_TICKS, Math.floor(width / Math.max(1, spacing))));
}

/** The column of step `step` (1 … total) on a bar of `columns`. */
function columnOf(step: number, total: number, columns: number): number {
  return Math.min(columns - 1, Math.floor((step / Math.max(1, total)) * columns));
}

/** The event ticks of the steps run so far (of a timeline of `total` steps), at most one per column. */
export function eventTicks(steps: StepSummaries, total: number, columns: number): EventTick[] {
  const ticks: EventTick[] = [];
  const known = Math.min(steps.text.length, total);
  let column = -1;
  for (let i = 0; i < known; i++) {
    const f = steps.flags[i] & TICK_FLAGS;
    if (f === 0) continue;
    const c = columnOf(i + 1, total, columns);
    if (c === column) ticks[ticks.length - 1].flags |= f;
    else ticks.push({ step: i + 1, flags: f });
    column = c;
  }
  return ticks;
}

/** The named stops' ticks (marks on steps the timeline reaches), at most one per column. */
export function stopTicks(marks: readonly Mark[], total: number, columns: number): StopTick[] {
  const ticks: StopTick[] = [];
  let column = -1;
  for (const m of marks) {
    if (m.step > total || m.step < 0) continue;
    const c = columnOf(m.step, total, columns);
    if (c === column) {
      const names = ticks[ticks.length - 1].names;
      if (names.length < MAX_NAMES_PER_TICK) names.push(m.name);
    } else ticks.push({ step: m.step, names: [m.name] });
    column = c;
    if (ticks.length >= MAX_TIMELINE_TICKS) break;
  }
  return ticks;
}

/** How many steps run so far have each kind (the legend's counts). */
export function tickCounts(steps: StepSummaries): number[] {
  const counts = TICK_KINDS.map(() => 0);
  const n = steps.text.length;
  for (let i = 0; i < n; i++) {
    const f = steps.flags[i];
    if ((f & TICK_FLAGS) === 0) continue;
    TICK_KINDS.forEach((k, j) => {
      if ((f & k.flag) !== 0) counts[j]++;
    });
  }
  return counts;
}

/** A tick's text: "step 16: copy-on-write copy, page fault". */
export function eventTickLabel(t: EventTick): string {
  return `step ${t.step}: ${TICK_KINDS.filter((k) => (t.flags & k.flag) !== 0).map((k) => k.label).join(', ')}`;
}

/** A stop tick's text: "step 16: stop “the copy”". */
export function stopTickLabel(t: StopTick): string {
  return `step ${t.step}: stop ${t.names.map((n) => `“${n}”`).join(', ')}`;
}
