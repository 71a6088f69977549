/**
 * When the page's secondary parts may come: once the first run has answered (its first step is drawn,
 * or its error shown) and the page is then idle, or SECONDARY_LATEST_MS after the first render at the
 * latest (a worker that never answers). Until then App shows the stand-ins of the scenario toolbar and
 * Share (the same boxes, not yet working), so their lazy chunk (export/lazy_views.ts: the share-link
 * codec, the export menu, the import control) is neither fetched nor evaluated while the first step is
 * on its way: on a slow laptop that evaluation was a task of its own in the first second (issue 18).
 * The switch is a transition: while the chunk is fetched React keeps the stand-ins on screen as they
 * are, instead of hiding them (display: none) behind a Suspense fallback of the same look, which left
 * two Share buttons in the header for a moment, one of them of no size.
 */
import { startTransition, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';

/** The secondary parts come at the latest this long after the first render. */
export const SECONDARY_LATEST_MS = 3000;
/** Once the first run has answered, they come when the page is idle, at the latest this long after. */
export const SECONDARY_IDLE_MS = 1000;

/** `f` when the page is next idle, at most `timeout` ms on; returns the cancel. */
export function whenIdle(f: () => void, timeout: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(f, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(f, 0);
  return () => clearTimeout(id);
}

/** True from when the page's secondary parts may come (and from then on). */
export function useAfterFirstStep(store: ScenarioStore): boolean {
  const answered = useStore(store, (s) => s.outcome !== null);
  const [ready, setReadyNow] = useState(false);
  const setReady = (v: boolean) => startTransition(() => setReadyNow(v));
  useEffect(() => {
    const latest = window.setTimeout(() => setReady(true), SECONDARY_LATEST_MS);
    return () => window.clearTimeout(latest);
  }, []);
  useEffect(() => (answered && !ready ? whenIdle(() => setReady(true), SECONDARY_IDLE_MS) : undefined), [answered, ready]);
  return ready;
}
