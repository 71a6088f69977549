/**
 * useSlowRun: true once the scenario has been loading or running in the worker for a noticeable
 * time (700 ms), so Stop is offered for a long run and does not flash on every edit. The time
 * counts from when the run began, not from when the hook's component appeared: pressing p in the
 * middle of a long run mounts the presentation header, whose Stop must show at once.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';

export const SLOW_RUN_MS = 700;

/** When each store's current run began (as the first hook that saw it busy saw it). */
const busySince = new WeakMap<ScenarioStore, number>();

export function useSlowRun(store: ScenarioStore): boolean {
  const loading = useStore(store, (s) => s.loading);
  const running = useStore(store, (s) => s.running);
  const busy = loading || running !== null;
  const [slow, setSlow] = useState(() => busy && performance.now() - (busySince.get(store) ?? Infinity) >= SLOW_RUN_MS);
  useEffect(() => {
    if (!busy) {
      busySince.delete(store);
      setSlow(false);
      return;
    }
    const since = busySince.get(store) ?? performance.now();
    busySince.set(store, since);
    const left = SLOW_RUN_MS - (performance.now() - since);
    if (left <= 0) {
      setSlow(true);
      return;
    }
    const t = window.setTimeout(() => setSlow(true), left);
    return () => window.clearTimeout(t);
  }, [busy, store]);
  return slow;
}
