/**
 * The step counter ("step 16 / 37") of the timeline's controls and of presentation mode's header,
 * in a box of its own: as wide as the longest count of the timeline (its total's digits, and never
 * narrower than `minCh`: the counter does not move when the total arrives or from step to step) and
 * one line high. The text's box is a relayout boundary (size and layout containment, inside a box
 * that is the flex item: a flex item cannot be one in Chrome), so a step's new count is laid out
 * alone, not with the header and the page below it (issue 18, stepframe).
 */

export function StepCounter({ shown, total, minCh, className }: { shown: number; total: number; minCh: number; className: string }) {
  // "step " + shown + " / " + total, in a monospaced font: 8 characters and twice the total's digits
  const width = Math.max(minCh, 8 + 2 * String(total).length);
  return (
    <span className={`font-code inline-block shrink-0 whitespace-nowrap ${className}`} style={{ width: `${width}ch` }}>
      <span data-testid="step-counter" className="block h-[1lh] [contain:size_layout_style]">
        step {shown} / {total}
      </span>
    </span>
  );
}
