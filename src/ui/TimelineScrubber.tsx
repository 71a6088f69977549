/**
 * TimelineScrubber: the timeline's range input (Controls, the presentation header). Its value is
 * set by hand when the step changes, and the input element itself re-renders only when its bounds,
 * look or enabled state do: React re-renders a controlled input by setting its name, type, value
 * and value attribute again on every render of it, which a step paid for (issue 18: ≈ 2 ms of the
 * step's render at 1× CPU, in a profile of fork_copy). Dragging it moves the timeline (goto); the
 * value then set is the step the timeline went to.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';

export interface TimelineScrubberProps {
  /** The step the timeline shows as asked for (the store's shownTarget). */
  value: number;
  min: number;
  max: number;
  disabled?: boolean;
  className: string;
  /** Moves the timeline (the store's goto: stable, so the input is not re-rendered for it). */
  goto: (step: number) => unknown;
}

export function TimelineScrubber({ value, min, max, disabled = false, className, goto }: TimelineScrubberProps) {
  const input = useRef<HTMLInputElement>(null);
  // after the bounds too: a value outside new bounds was clamped by the browser
  useLayoutEffect(() => {
    const el = input.current;
    if (el !== null && el.value !== String(value)) el.value = String(value);
  }, [value, min, max]);
  return useMemo(
    () => (
      <input
        ref={input}
        type="range"
        aria-label="Timeline position"
        data-testid="scrubber"
        className={className}
        min={min}
        max={max}
        disabled={disabled}
        onChange={(e) => void goto(Number(e.target.value))}
      />
    ),
    [className, min, max, disabled, goto],
  );
}
