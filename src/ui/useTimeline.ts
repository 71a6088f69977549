/**
 * useTimeline: what a timeline (the normal Controls, the presentation header) shows of the
 * scenario store, subscribed to so it re-renders: the step asked for (target: the scrubber's
 * value, and what enables the buttons; the store's shownTarget, so a step key re-renders the
 * timeline with the step's picture, not in a frame of its own), the step shown, the total, the first and last step it
 * reaches (an embed's bounds), the background run's progress,
 * goto, and whether the run has been slow enough to offer Stop (useSlowRun).
 */
import { useStore } from 'zustand';
import { stepRange, type ScenarioStore } from '../store/scenario_store';
import { useSlowRun } from './useSlowRun';

export function useTimeline(store: ScenarioStore) {
  const target = useStore(store, (s) => s.shownTarget);
  const total = useStore(store, (s) => s.total);
  const shown = useStore(store, (s) => s.cursor);
  const running = useStore(store, (s) => s.running);
  const goto = useStore(store, (s) => s.goto);
  const slow = useSlowRun(store);
  // the steps the timeline reaches (an embed's start and end step)
  const first = useStore(store, (s) => stepRange(s).first);
  const last = useStore(store, (s) => stepRange(s).last);
  return { target, total, shown, running, goto, slow, first, last };
}
