/**
 * Plays a step's narration lines one after another: returns the index of the line being told, or
 * -1 when the whole step is shown at once (at the end of the play, at speed 'instant', or for a
 * step without lines). Each line has its own duration (motion.ts lineDurations: a line whose copy
 * travels stays longer). Under reduced motion the lines still play in turn (each event's state is
 * shown, nothing moves: MovingCopy only marks the ends). A new step restarts the play, from its
 * very first render: the render that brings a new step already returns 0 (not the previous step's
 * index, which would show the new step whole for a frame before its play starts).
 */
import { useEffect, useRef, useState } from 'react';

export { prefersReducedMotion } from './reduced_motion';

/** `durations[i]`: how long line i stays active, in ms (all 0: the step is shown whole at once). */
export function useEventPlayer(stepKey: string, durations: readonly number[]): number {
  const plays = durations.length > 0 && durations.every((d) => d > 0);
  // the play restarts on a new step, or a new list of durations (only when its values change)
  const key = `${stepKey}|${durations.join(',')}`;
  // the line told of the play `key`; another key's (a play not yet begun) is read as its start below
  const [played, setPlayed] = useState({ key, index: plays ? 0 : -1 });
  /** The play whose line the state holds (set by its timers): a step gone back to before its play there moved on. */
  const timed = useRef('');
  useEffect(() => {
    // a play's start is what the render already shows for a new key: no state to set (a second
    // render of the step, in a task of its own, between the key and the step's picture: issue 18);
    // only the state of an earlier play of the same key (a step left and come back to) is dropped
    if (timed.current === key) {
      timed.current = '';
      setPlayed({ key: '', index: -1 });
    }
    if (!plays) return;
    const times = key.slice(key.lastIndexOf('|') + 1).split(',').map(Number);
    let timer = 0;
    const show = (i: number) => {
      timer = window.setTimeout(() => {
        timed.current = key;
        if (i + 1 >= times.length) setPlayed({ key, index: -1 });
        else {
          setPlayed({ key, index: i + 1 });
          show(i + 1);
        }
      }, times[i]);
    };
    show(0);
    return () => window.clearTimeout(timer);
  }, [key, plays]);
  return played.key === key ? played.index : plays ? 0 : -1;
}
