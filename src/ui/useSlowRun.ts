/**
 * useSlowRun: true once the scenario has been loading or running in the worker for a noticeable
 * time (700 ms), so Stop is offered for a long run and does not flash on every edit.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';

export const SLOW_RUN_MS = 700;

export function useSlowRun(store: ScenarioStore): boolean {
  const loading = useStore(store, (s) => s.loading);
  const running = useStore(store, (s) => s.running);
  const busy = loading || running !== null;
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!busy) {
      setSlow(false);
      return;
    }
    const t = window.setTimeout(() => setSlow(true), SLOW_RUN_MS);
    return () => window.clearTimeout(t);
  }, [busy]);
  return slow;
}
