/**
 * Plays a step's events one after another: returns the index of the event being shown, or -1
 * when the whole step is shown at once (at the end of the animation, at speed 'instant', or when
 * the user prefers reduced motion). A new step restarts the play.
 */
import { useEffect, useState } from 'react';

export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function useEventPlayer(stepKey: string, eventCount: number, msPerEvent: number): number {
  const [index, setIndex] = useState(-1);
  useEffect(() => {
    if (msPerEvent <= 0 || eventCount === 0 || prefersReducedMotion()) {
      setIndex(-1);
      return;
    }
    setIndex(0);
    let i = 0;
    const timer = window.setInterval(() => {
      i++;
      if (i >= eventCount) {
        window.clearInterval(timer);
        setIndex(-1);
      } else {
        setIndex(i);
      }
    }, msPerEvent);
    return () => window.clearInterval(timer);
  }, [stepKey, eventCount, msPerEvent]);
  return index;
}
