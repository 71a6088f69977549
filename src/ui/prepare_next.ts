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
 * Once per view, after the first step is prepared, three more slices render the picture's step off
 * the document (diagram/warm_picture.tsx): a fresh page's first key then runs warm picture code.
 */
import { useEffect } from 'react';
import type { MachineSnapshot } from '../kernel/snapshot';
import type { PreparedStep, ScenarioStore } from '../store/scenario_store';
import { laidOut, prepareLayout, type LayoutTarget } from './diagram/MachineDiagram';
import { warmPictureSlices } from './diagram/warm_picture';
import { narrationOf } from './narration/narration_of';
import { playedState } from './played_state';

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
  const first = playedState(lines, lines.length > 0 ? 0 : -1);
  const shown = first.kind === 'after' ? states.after : first.kind === 'before' ? states.before : states.afterEvent(first.event);
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

/**
 * The picture's warm-up (diagram/warm_picture.tsx), once per view: when the first step fetched ahead
 * is laid out, the picture on screen is rendered and updated to it off the document, so the first key
 * runs warm code. Null when there is nothing to warm from yet (the layouts are not both made).
 */
function warmUpFor(step: PreparedStep, shown: MachineSnapshot | null, layoutFor: LayoutTarget): (() => boolean)[] | null {
  const options = layoutFor.current;
  if (options === null || shown === null) return null;
  const from = laidOut(shown, options);
  if (from === undefined) return null;
  // the last machine the step shows that is drawn otherwise (a play's first machine is often the one on screen)
  const next = [...machinesToLayOut(step)].reverse().find((m) => {
    const l = laidOut(m, options);
    return l !== undefined && l !== from;
  });
  const to = next === undefined ? undefined : laidOut(next, options);
  if (next === undefined || to === undefined) return null;
  return warmPictureSlices({ snapshot: shown, layout: from }, { snapshot: next, layout: to }, options.stage !== undefined);
}

/** While mounted: after each step shown, fetches the next one in idle time and prepares its narration and layouts. */
export function usePrepareNext(store: ScenarioStore, layoutFor: LayoutTarget): void {
  useEffect(() => {
    let cancel: (() => void) | null = null;
    let work: { step: PreparedStep; slices: (() => void)[] } | null = null;
    // the picture's warm-up: not yet made (undefined), its slices left (run to the end once begun), or done (null)
    let warmUp: (() => boolean)[] | null | undefined;
    const slice = () => {
      cancel = null;
      const s = store.getState();
      if (s.prepared === null) {
        work = null;
        void s.prepareNext(); // its arrival (prepared set) schedules the next slice
        return;
      }
      if (work?.step !== s.prepared) work = { step: s.prepared, slices: slicesFor(s.prepared, layoutFor) };
      if (work.slices.length > 0) {
        work.slices.shift()?.();
        // the step is ready: the warm-up (once per view) can begin from it
        if (work.slices.length === 0 && warmUp === undefined) warmUp = warmUpFor(s.prepared, s.snapshot, layoutFor) ?? undefined;
      } else if (warmUp !== undefined && warmUp !== null) {
        if (warmUp[0]?.() ?? true) warmUp.shift();
        if (warmUp.length === 0) warmUp = null;
      }
      if (work.slices.length > 0 || (warmUp !== undefined && warmUp !== null)) schedule();
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
      // a warm-up begun: its picture unmounted (its last slice)
      if (warmUp !== undefined && warmUp !== null && warmUp.length < 3) warmUp.at(-1)?.();
    };
  }, [store, layoutFor]);
}
