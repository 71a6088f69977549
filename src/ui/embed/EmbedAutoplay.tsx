/**
 * An embed's autoplay (`autoplay=1`, useAutoplay.ts) and its Pause / Play button, in the embed's
 * lazy chunk. MachineView tells the app when a step has finished playing; the app passes that on
 * through `stepShown`, which this component fills in. It may arrive after the first step was shown
 * (a chunk fetched): it starts from the step on screen then.
 */
import { useEffect, type MutableRefObject } from 'react';
import type { ScenarioStore } from '../../store/scenario_store';
import type { AutoplaySpeed } from './embed_options';
import { useAutoplay } from './useAutoplay';

const BUTTON = 'rounded border border-slate-500 bg-slate-800 px-3 py-1.5 font-medium text-slate-100 hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300';

export function EmbedAutoplay({ store, speed, stepShown }: { store: ScenarioStore; speed: AutoplaySpeed; stepShown: MutableRefObject<((step: number) => void) | null> }) {
  const { playing, toggle, onStepShown } = useAutoplay(store, true, speed);
  useEffect(() => {
    stepShown.current = onStepShown;
    // the step on screen may have been shown before this chunk came
    const s = store.getState();
    if (s.cursor === s.target) onStepShown(s.cursor);
    return () => {
      stepShown.current = null;
    };
  }, [stepShown, onStepShown, store]);
  return (
    <button type="button" onClick={toggle} aria-pressed={!playing} data-testid="autoplay" className={BUTTON} title={playing ? 'Stop stepping on by itself' : 'Step on by itself again (from the start once at the end)'}>
      {playing ? 'Pause' : 'Play'}
    </button>
  );
}
