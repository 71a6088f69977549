/**
 * Plays a step's narration lines one after another: returns the index of the line being told, or
 * -1 when the whole step is shown at once (at the end of the play, at speed 'instant', or for a
 * step without lines). Each line has its own duration (motion.ts lineDurations: a line whose copy
 * travels stays longer). Under reduced motion the lines still play in turn (each event's state is
 * shown, nothing moves: MovingCopy only marks the ends). A new step restarts the play, from its
 * very first render: the render that brings a new step already returns 0 (not the previous step's
 * index, which would show the new step whole for a frame before its play starts).
 */
import { useEffect, useState } from 'react';

export { prefersReducedMotion } from './reduced_motion';

/** `durations[i]`: how long line i stays active, in ms (all 0: the step is shown whole at once). */
export function useEventPlayer(stepKey: string, durations: readonly number[]): number {
  const plays = durations.length > 0 && durations.every((d) => d > 0);
  // the effect restarts on a new list of durations only when its values change
  const durationsKey = durations.join(',');
  const [played, setPlayed] = useState({ key: stepKey, index: plays ? 0 : -1 });
  useEffect(() => {
    const times = durationsKey === '' ? [] : durationsKey.split(',').map(Number);
    if (!plays) {
      setPlayed({ key: stepKey, index: -1 });
      return;
    }
    setPlayed({ key: stepKey, index: 0 });
    let timer = 0;
    const show = (i: number) => {
      timer = window.setTimeout(() => {
        if (i + 1 >= times.length) setPlayed({ key: stepKey, index: -1 });
        else {
          setPlayed({ key: stepKey, index: i + 1 });
          show(i + 1);
        }
      }, times[i]);
    };
    show(0);
    return () => window.clearTimeout(timer);
  }, [stepKey, durationsKey, plays]);
  return played.key === stepKey ? played.index : plays ? 0 : -1;
}
