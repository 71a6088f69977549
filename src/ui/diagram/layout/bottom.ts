/**
 * bottom: where the bottom band's two parts go, under the top band (tasks, objects, pagers) and
 * its reserve. The TLB on the left and the frames on the right when the frames fit beside it in
 * 4 columns; else the frames first, full width, and the TLB under them; compact frames (a grid
 * that may be tall) under the TLB.
 *
 *   beside:  ┌ TLB ┐   ┌ frames ┐      above:  ┌ frames ─────┐      compact:  ┌ TLB ┐
 *            └─────┘   └────────┘              └─────────────┘                └─────┘
 *                                              ┌ TLB ┐                        ┌ frames grid ┐
 *                                              └─────┘                        └─────────────┘
 */
import type { Geometry } from './geometry';
import type { FramesShape } from './frames';
import type { TlbShape } from './tlb';

export interface BottomBand {
  tlbX: number;
  tlbY: number;
  framesY: number;
  /** The picture's height: the bottom band's end and the margin. */
  height: number;
}

/** The bottom band under a top band that ends at `bodyBottom` (its reserve included). */
export function placeBottomBand(geo: Geometry, bodyBottom: number, tlb: TlbShape, frames: FramesShape): BottomBand {
  const { g } = geo;
  const bottomY = bodyBottom + g.bandGap;
  const tlbY = frames.beside || frames.compact ? bottomY : bottomY + frames.h + g.bandGap;
  const framesY = frames.compact ? tlbY + tlb.h + g.bandGap : bottomY;
  return { tlbX: g.margin, tlbY, framesY, height: Math.max(framesY + frames.h, tlbY + tlb.h) + g.margin };
}
