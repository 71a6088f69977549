/**
 * Prepares the next step while the student reads this one (issue 18: a step forward commits what
 * is ready). Once a step is shown and the page is idle, the store fetches the machines of the step
 * a step forward would show (prepareNext: applied to the diff chain, not shown); then, a slice per
 * idle period, its narration is told (narrationOf) and the machine its play shows first and the one
 * after it are laid out for the diagram's box (prepareLayout: the diagram's own cache). The step
 * forward then finds them ready, and the code that makes them has run before the first key.
 *
 * Nothing here changes what is shown: the store shows a prepared step only for the move it was made
 * for, and the caches are keyed by the record and machine they were made from. The work is bounded
 * (one step ahead, IDLE_SLICES slices of one narration or one layout each) and waits for long idle
 * periods only (at least MIN_IDLE_MS left): never in a frame of an animation (a copy travelling, the
 * page loading), where a slice would cost a frame.
 */
import { useEffect } from 'react';
import type { MachineSnapshot } from '../kernel/snapshot';
import type { PreparedStep, ScenarioStore } from '../store/scenario_store';
import { prepareLayout, type LayoutTarget } from './diagram/MachineDiagram';
import { narrationOf } from './narration/narration_of';
import { machineIn, playedState } from './played_state';

/**
 * A slice runs only in an idle period with at least this long left: the browser's idle periods
 * between animation frames are shorter than a frame (16.7 ms), those of a page with nothing to draw
 * up to 50 ms.
 */
export const MIN_IDLE_MS = 20;
/** Without requestIdleCallback (Safari): a slice this long after the last change. */
export const IDLE_FALLBACK_MS = 250;

/** `f` in the next idle period long enough for a slice; returns the cancel. */
function whenLongIdle(f: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const id = setTimeout(f, IDLE_FALLBACK_MS);
    return () => clearTimeout(id);
  }
  let id = 0;
  const wait = (deadline: IdleDeadline) => {
    if (deadline.timeRemaining() >= MIN_IDLE_MS) f();
    else id = requestIdleCallback(wait);
  };
  id = requestIdleCallback(wait);
  return () => cancelIdleCallback(id);
}

/** The machines of a prepared step to lay out, in the order they are shown: the one its play shows first, then the one after it. */
export function machinesToLayOut(step: PreparedStep): MachineSnapshot[] {
  const { record, states, taskNames } = step;
  if (record === null || states.count === 0) return [states.after];
  const lines = narrationOf(record, taskNames, states.after.pageSize);
  const shown = machineIn(states, playedState(lines, lines.length > 0 ? 0 : -1));
  return shown === states.after ? [states.after] : [shown, states.after];
}

/** The slices of work for a prepared step: its narration, then each machine's layout for the diagram's box. */
function slicesFor(step: PreparedStep, layoutFor: LayoutTarget): (() => void)[] {
  const narration = () => void (step.record !== null && narrationOf(step.record, step.taskNames, step.states.after.pageSize));
  let machines: MachineSnapshot[] = [];
  const lay = (i: number) => () => {
    if (i === 0) machines = machinesToLayOut(step);
    const options = layoutFor.current;
    // shared with the layout on screen just before it: the one drawn now, then the play's first machine
    if (options !== null && machines[i] !== undefined) prepareLayout(machines[i], options, machines[i - 1]);
  };
  return [narration, lay(0), lay(1)];
}

/** While mounted: after each step shown, fetches the next one in idle time and prepares its narration and layouts. */
export function usePrepareNext(store: ScenarioStore, layoutFor: LayoutTarget): void {
  useEffect(() => {
    let cancel: (() => void) | null = null;
    let work: { step: PreparedStep; slices: (() => void)[] } | null = null;
    const slice = () => {
      cancel = null;
      const s = store.getState();
      if (s.prepared === null) {
        work = null;
        void s.prepareNext(); // its arrival (prepared set) schedules the next slice
        return;
      }
      if (work?.step !== s.prepared) work = { step: s.prepared, slices: slicesFor(s.prepared, layoutFor) };
      work.slices.shift()?.();
      if (work.slices.length > 0) schedule();
    };
    const schedule = () => {
      cancel?.();
      cancel = whenLongIdle(slice);
    };
    const unsubscribe = store.subscribe((s, prev) => {
      // a step shown (the page paints it first: idle periods come after the frame), or one fetched ahead
      if (s.snapshot !== prev.snapshot || s.prepared !== prev.prepared) schedule();
    });
    schedule();
    return () => {
      unsubscribe();
      cancel?.();
    };
  }, [store, layoutFor]);
}
