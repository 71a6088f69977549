/**
 * MovingCopy: the copy an event carries (motion.ts eventFocus: a copy-on-write copy, a copy push,
 * a collapse's page, a page in from its pager or out to it), drawn over the picture as ONE large
 * chip in its own colour (theme.chip, text CHIP_SCALE × the layout's font size) carrying the page's first
 * bytes, travelling from its source's box to its destination's in `moveMs` (eased), then resting
 * there MOVE_REST_MS before it goes. While it travels and rests everything not involved is dimmed
 * (a veil of the background colour with holes at the involved boxes: data-testid="dim-overlay"),
 * and a page or frame that receives the copy is drawn empty until the chip arrives (the snapshot
 * shown is the one after the event: the copy is already there). Under reduced motion nothing
 * moves: the ends are only lit (the picture's outlines). Every position comes from the layout's
 * boxes (boxOf), so the chip follows whichever layout is drawn. Not exported (data-export="skip").
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KernelEvent } from '../../kernel/events';
import type { MachineSnapshot } from '../../kernel/snapshot';
import type { DiagramLayout } from './layout/types';
import { textWidth } from './layout/geometry';
import { boxOf } from './layout/lookup';
import { refKey } from './element_ref';
import { chipText, MOVE_REST_MS, type EventFocus } from './motion';
import type { Theme } from './theme';

/** The chip's text size, relative to the diagram's. */
export const CHIP_SCALE = 1.7;
/** How opaque the veil over what the copy does not concern is. */
export const DIM_OPACITY = 0.72;

export interface MovingCopyProps {
  layout: DiagramLayout;
  snapshot: MachineSnapshot;
  /** The machine before the step: the bytes of a page whose frame is free by now (a page-out). */
  earlier: MachineSnapshot | null;
  /** The active event's focus (null: no event); only its first move is drawn. */
  focus: EventFocus | null;
  /** The active event: a new one (even the same event shown again) moves anew. */
  event: KernelEvent | null;
  theme: Theme;
  /** One px at 14 px text. */
  u: number;
  /** How long the chip travels, ms. */
  moveMs: number;
  reduced: boolean;
}

export function MovingCopy({ layout, snapshot, earlier, focus, event, theme, u, moveMs, reduced }: MovingCopyProps) {
  const fontSize = layout.fontSize;
  const move = focus?.moves[0];
  const chip = useMemo(() => {
    if (move === undefined) return null;
    const to = boxOf(layout, move.to);
    const from = move.from === null ? null : boxOf(layout, move.from);
    if (to === null || (move.from !== null && from === null)) return null;
    const size = Math.round(fontSize * CHIP_SCALE);
    const label = chipText(snapshot, move, earlier);
    const w = textWidth(label, size) + size;
    const h = Math.round(size * 1.5);
    const [x2, y2] = [to.x + to.w / 2, to.y + to.h / 2];
    const [x1, y1] = from === null ? [Math.min(to.x + to.w + 60 * u + w / 2, layout.width - w / 2 - 2), y2] : [from.x + from.w / 2, from.y + from.h / 2];
    // the destination is drawn empty until the chip arrives when it is a page or a frame receiving the copy
    const cover = move.to.kind === 'page' || move.to.kind === 'frame' ? to : null;
    const holes = [...(focus?.involved ?? [])].map((r) => boxOf(layout, r)).filter((b) => b !== null);
    return { label, size, w, h, x1, y1, x2, y2, cover, holes, involved: [...(focus?.involved ?? [])].map(refKey).join(' ') };
  }, [move, focus, layout, snapshot, earlier, fontSize, u]);

  // the event whose copy has arrived and rested (no longer drawn); forgotten when the event changes,
  // so that the same event shown again moves again
  const [doneFor, setDoneFor] = useState<KernelEvent | null>(null);
  const [arrivedFor, setArrivedFor] = useState<KernelEvent | null>(null);
  const [shownEvent, setShownEvent] = useState<KernelEvent | null>(event);
  if (shownEvent !== event) {
    setShownEvent(event);
    setDoneFor(null);
    setArrivedFor(null);
  }
  const moving = !reduced && chip !== null && moveMs > 0 && doneFor !== event;
  const chipRef = useRef<SVGGElement | null>(null);
  // requestAnimationFrame moves the chip (its transform attribute, no React render per frame); a
  // layout effect so that a chip reused from the previous event starts at its source before paint
  useLayoutEffect(() => {
    if (!moving || chip === null) return;
    let raf = 0;
    let start: number | null = null;
    let arrived = false;
    const ease = (t: number) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);
    const place = (k: number) => chipRef.current?.setAttribute('transform', `translate(${chip.x1 + (chip.x2 - chip.x1) * k},${chip.y1 + (chip.y2 - chip.y1) * k})`);
    const tick = (now: number) => {
      start ??= now;
      const t = Math.min(1, (now - start) / moveMs);
      place(ease(t));
      if (t >= 1 && !arrived) {
        arrived = true;
        setArrivedFor(event);
      }
      if (now - start < moveMs + MOVE_REST_MS) raf = requestAnimationFrame(tick);
      else setDoneFor(event);
    };
    place(0);
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [moving, chip, moveMs, event]);

  if (!moving || chip === null) return null;
  const pad = 6 * u;
  const maskId = 'md-dim-holes';
  return (
    <g data-export="skip" pointerEvents="none" aria-hidden="true">
      <mask id={maskId} maskUnits="userSpaceOnUse" x={0} y={0} width={layout.width} height={layout.height}>
        <rect x={0} y={0} width={layout.width} height={layout.height} fill="white" />
        {chip.holes.map((b, i) => (
          <rect key={i} x={b.x - pad} y={b.y - pad} width={b.w + 2 * pad} height={b.h + 2 * pad} rx={pad} fill="black" />
        ))}
      </mask>
      <rect
        data-testid="dim-overlay" data-involved={chip.involved}
        x={0} y={0} width={layout.width} height={layout.height} fill={theme.background} opacity={DIM_OPACITY} mask={`url(#${maskId})`}
      />
      {chip.cover !== null && arrivedFor !== event && (
        <rect
          data-testid="copy-destination-empty"
          x={chip.cover.x} y={chip.cover.y} width={chip.cover.w} height={chip.cover.h} rx={3 * u}
          fill={theme.panel} stroke={theme.chip} strokeWidth={2 * u} strokeDasharray="6 4"
        />
      )}
      <g ref={chipRef} data-testid="moving-page" data-label={chip.label} transform={`translate(${chip.x1},${chip.y1})`}>
        <rect x={-chip.w / 2} y={-chip.h / 2} width={chip.w} height={chip.h} rx={chip.h / 4} fill={theme.chip} stroke={theme.background} strokeWidth={2 * u} />
        <text x={0} y={chip.size * 0.36} fontSize={chip.size} textAnchor="middle" fontWeight={700} fill={theme.chipText}>
          {chip.label}
        </text>
      </g>
    </g>
  );
}
