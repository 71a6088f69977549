/**
 * outline_style: how the box of each kind of element is outlined, shared by the picture (its own
 * outline, in the step colour when the current step touched it) and the hover layer (the same
 * outline in the path colour, drawn over it). Keeping one table keeps the two on the same pixels.
 *
 *   task   ┌─ 4 px outside its box, rx 6, 2 px (no outline until lit)
 *   entry  rx 4, 1.5 px;  object rx 6, 2 px;  page rx 3, 1 px;  pager rx 8, 2 px;
 *   TLB slot rx 3, 1.5 px;  frame rx 3, 1.5 px (1 px when free);
 *   changed by the step: 3.5 px, solid (the step colour); only touched: 2 px, dashed (the touched colour)
 */
import type { ElementRef } from './element_ref';

export interface OutlineStyle {
  /** Corner radius. */
  rx: number;
  /** Stroke width unlit, lit (on the path, or changed by the step), and only touched by the step. */
  width: number;
  litWidth: number;
  touchedWidth: number;
  /** How far outside the element's box the outline runs. */
  pad: number;
}

export const OUTLINE: Record<ElementRef['kind'], OutlineStyle> = {
  task: { rx: 6, width: 2, litWidth: 2, touchedWidth: 2, pad: 4 },
  entry: { rx: 4, width: 1.5, litWidth: 3.5, touchedWidth: 2, pad: 0 },
  object: { rx: 6, width: 2, litWidth: 3.5, touchedWidth: 2, pad: 0 },
  page: { rx: 3, width: 1, litWidth: 3.5, touchedWidth: 2, pad: 0 },
  pager: { rx: 8, width: 2, litWidth: 3.5, touchedWidth: 2, pad: 0 },
  tlb: { rx: 3, width: 1.5, litWidth: 3.5, touchedWidth: 2, pad: 0 },
  frame: { rx: 3, width: 1.5, litWidth: 3.5, touchedWidth: 2, pad: 0 },
};

/** The dash of an outline the step only touched. */
export const TOUCHED_DASH = '6 4';

/** Outlines fade in and out this way on a small machine (not under reduced motion). */
export const OUTLINE_FADE = { transition: 'stroke 120ms, stroke-width 120ms' } as const;
