/**
 * An embed's autoplay (`autoplay=1`): each time a step has finished playing (MachineView's
 * onStepShown), wait AUTOPLAY_PAUSE_MS at the link's speed and step forward, until the last step
 * the timeline reaches (the link's end step, stepRange); there it stops. Under reduced motion the
 * page plays the steps at speed 'instant' (main.tsx: shown whole, nothing moves), still one after
 * another. Pause / Play (the embed's button) stops and restarts it; Play at the end starts over
 * from the first step.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScenarioStore } from '../../store/scenario_store';
import { stepRange } from '../../store/step_range';
import type { AutoplaySpeed } from './embed_options';

/** How long a step stays on screen, once it has played, before autoplay steps on (ms). */
export const AUTOPLAY_PAUSE_MS: Record<AutoplaySpeed, number> = { slow: 3000, normal: 1800, fast: 900 };

export function useAutoplay(store: ScenarioStore, on: boolean, speed: AutoplaySpeed) {
  const [playing, setPlaying] = useState(on);
  const playingRef = useRef(on);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const clear = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  const play = useCallback((p: boolean) => {
    playingRef.current = p;
    setPlaying(p);
    if (!p) clear();
  }, []);
  useEffect(() => {
    play(on);
  }, [on, play]);
  useEffect(() => clear, []);

  const onStepShown = useCallback(
    (step: number) => {
      clear();
      const s = store.getState();
      // nothing loaded yet (or a run still coming): not the end of anything
      if (!playingRef.current || s.loading || s.outcome === null || s.snapshot === null || step !== s.target) return;
      if (step >= stepRange(s).last) {
        play(false);
        return;
      }
      timer.current = setTimeout(() => {
        timer.current = null;
        if (playingRef.current) void store.getState().stepForward();
      }, AUTOPLAY_PAUSE_MS[speed]);
    },
    [store, speed, play],
  );

  /** The Pause / Play button: Play at the end starts over from the first step. */
  const toggle = useCallback(() => {
    if (playingRef.current) {
      play(false);
      return;
    }
    play(true);
    const s = store.getState();
    const { first, last } = stepRange(s);
    if (s.target >= last) void s.goto(first);
    else onStepShown(s.cursor);
  }, [store, play, onStepShown]);

  return { playing, toggle, onStepShown };
}
