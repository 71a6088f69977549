/**
 * The scenario picker's options before the page has settled (issue 18): the whole list (40 lessons
 * in 10 unit groups) was 149 of the elements styled in the page's first frame, and the browser shapes every
 * title to size the closed picker (a native <select> is as wide as its widest option). Until the
 * list is needed, the picker holds only the lesson shown and the titles that decide its width (the
 * longest ones), each in its unit's group, so the closed picker looks exactly the same; the whole
 * list comes when the picker is pointed at or focused, or once the page is idle with no step on its
 * way (after a student's first click, not in its window), or PICKER_LATEST_MS after it is drawn.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore, StoreBuiltin } from '../store/scenario_store';
import { whenIdle } from './after_first_step';

/**
 * Titles at least this share of the longest title's length (in characters) are kept before the
 * whole list: a shorter one would need glyphs this much wider on average to be the widest on
 * screen (e2e/layout_shift.spec.ts checks the picker keeps its width when the whole list comes).
 */
export const WIDTH_HOLDER_SHARE = 0.85;
/** Once the page has settled, the whole list comes when it is next idle, at the latest this long on. */
export const PICKER_IDLE_MS = 1000;
/** The whole list comes at the latest this long after the picker's first render (a worker that never answers). */
export const PICKER_LATEST_MS = 5000;

/** The lessons the picker holds before its whole list: `current` and the titles that decide its width, in the list's order. */
export function widthHolders(builtins: readonly StoreBuiltin[], current: string | null): StoreBuiltin[] {
  const longest = builtins.reduce((n, b) => Math.max(n, b.title.length), 0);
  return builtins.filter((b) => b.name === current || b.title.length >= longest * WIDTH_HOLDER_SHARE);
}

/**
 * Whether the picker shows its whole list, and `wanted`: call it when the picker is pointed at or
 * focused (React commits the list before the browser opens the picker's menu).
 */
export function useWholeList(store: ScenarioStore): { whole: boolean; wanted: () => void } {
  const [whole, setWhole] = useState(false);
  // settled: the first run has answered, no lesson is opening and no step is on its way
  const settled = useStore(store, (s) => s.outcome !== null && !s.loading && s.cursor === s.target);
  useEffect(() => (settled && !whole ? whenIdle(() => setWhole(true), PICKER_IDLE_MS) : undefined), [settled, whole]);
  useEffect(() => {
    const latest = window.setTimeout(() => setWhole(true), PICKER_LATEST_MS);
    return () => window.clearTimeout(latest);
  }, []);
  return { whole, wanted: () => setWhole(true) };
}
