/**
 * In presentation mode a button or the timeline slider clicked (or dragged) with the mouse gives
 * the focus back to the page, so a presenter's clicker keys are never taken by it: Enter or Space
 * after a click on "Next lesson" steps (commands.ts' rule) instead of opening the lesson after it.
 * A control reached with Tab keeps the focus (and Space / Enter press it); controls inside a
 * dialog (the shortcuts list) keep it too.
 */
import { useEffect } from 'react';

const RELEASED = 'button, input[type="range"]';

export function useReleasePointerFocus(on: boolean): void {
  useEffect(() => {
    if (!on) return;
    const onUp = () => {
      const el = document.activeElement;
      if (el instanceof HTMLElement && el.matches(RELEASED) && el.closest('[role="dialog"]') === null) el.blur();
    };
    document.addEventListener('pointerup', onUp);
    return () => document.removeEventListener('pointerup', onUp);
  }, [on]);
}
