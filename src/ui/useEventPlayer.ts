/**
 * Plays a step's events one after another: returns the index of the event being shown, or -1
 * when the whole step is shown at once (at the end of the animation, at speed 'instant', or when
 * the user prefers reduced motion). A new step restarts the play, from its very first render: the
 * render that brings a new step already returns 0 (not the previous step's index, which would
 * show the new step whole for a frame before its play starts).
 */
import { useEffect, useState } from 'react';

export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function useEventPlayer(stepKey: string, eventCount: number, msPerEvent: number): number {
  const plays = msPerEvent > 0 && eventCount > 0 && !prefersReducedMotion();
  const [played, setPlayed] = useState({ key: stepKey, index: plays ? 0 : -1 });
  useEffect(() => {
    if (!plays) {
      setPlayed({ key: stepKey, index: -1 });
      return;
    }
    setPlayed({ key: stepKey, index: 0 });
    let i = 0;
    const timer = window.setInterval(() => {
      i++;
      if (i >= eventCount) {
        window.clearInterval(timer);
        setPlayed({ key: stepKey, index: -1 });
      } else {
        setPlayed({ key: stepKey, index: i });
      }
    }, msPerEvent);
    return () => window.clearInterval(timer);
  }, [stepKey, eventCount, msPerEvent, plays]);
  return played.key === stepKey ? played.index : plays ? 0 : -1;
}
