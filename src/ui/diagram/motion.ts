/**
 * motion: what the diagram shows for the kernel event the narration is explaining. Pure.
 *
 * Every event lights up the elements it names (touches.ts: its task, entries, objects, pages,
 * frames, pager, TLB entry). The events that carry a page somewhere also get ONE "moving copy": a
 * large chip carrying the page's first bytes (its frame's preview, snapshot.framePreview; the page
 * offset when there is none) that travels from the source element to the destination, one copy at
 * a time, while everything not involved is dimmed (MovingCopy.tsx draws it):
 *
 *   cow_copy                   page of `from` → page of `to` (frames fromFrame and frame lit)
 *   copy_push                  page of `object` → page of `copy` (its frame and the new frame lit)
 *   page_moved (collapse)      page of `from` → page of `to`
 *   memory_object_data_supply  the pager → the new page (or its frame)
 *   pageout, data_return       the page (or its frame) → its pager
 *
 * A page that is not drawn (a compact grid) falls back to its object, then to its frame. The
 * snapshot drawn is the one after the event, so an element may be gone (an absorbed object, a
 * page that is no longer resident): a collapsed page whose absorbed object is gone comes from just
 * right of its new object (where the shadow stood); any other move whose two ends cannot both be
 * found is not drawn.
 *
 * lineDurations gives each narration line its time: a line whose event moves a copy stays active
 * at least as long as the chip travels and rests (moveMs + MOVE_REST_MS).
 */
import type { KernelEvent } from '../../kernel/events';
import { resolvedView } from '../../kernel/resolved_view';
import type { MachineSnapshot } from '../../kernel/snapshot';
import { PREVIEW_BYTES } from '../../kernel/snapshot_limits';
import { framePreviewText, ZEROS_TEXT } from './preview';
import { ref, refKey, RefSet, type ElementRef } from './element_ref';
import { hex } from './format';
import { pagerOf, pagerRef, touches } from './touches';

export interface Move {
  /**
   * The source and destination elements. A null source (a collapse whose absorbed object is
   * gone) means: from just right of the destination, where that shadow stood.
   */
  from: ElementRef | null;
  to: ElementRef;
  /** The page offset, in hex. */
  label: string;
  /** The frame whose first bytes the copy carries (-1: none known). */
  frame: number;
}

export interface EventFocus {
  /** Every element the event names that is drawn, to light up (the ends of the move included). */
  refs: RefSet;
  /** At most one: the copy the event carries. */
  moves: Move[];
  /**
   * What the copy concerns, left undimmed while it travels: its two ends, their objects, and the
   * frames of the copy (the old and the new one). Empty when nothing moves.
   */
  involved: RefSet;
}

/** The event types that draw a moving copy. */
export const MOVING_EVENTS = new Set<KernelEvent['type']>(['cow_copy', 'copy_push', 'page_moved', 'memory_object_data_supply', 'pageout', 'memory_object_data_return']);

/** How long a chip rests at its destination after its travel, before the narration moves on. */
export const MOVE_REST_MS = 350;

/**
 * The elements an event names and the copy it moves. `has` says whether the drawing has an
 * element (the layout's boxes); without it every element is taken as drawn.
 */
export function eventFocus(e: KernelEvent, snap: MachineSnapshot, has: (r: ElementRef) => boolean = () => true): EventFocus {
  const out = new RefSet();
  const involved = new RefSet();
  for (const r of touches(e, snap)) if (has(r)) out.add(r);
  const v = resolvedView(snap);

  /** The first candidate that is drawn. */
  const first = (...candidates: (ElementRef | null)[]): ElementRef | null => candidates.find((r): r is ElementRef => r !== null && has(r)) ?? null;
  const frameRef = (f: number) => (f >= 0 && f < snap.frameOwner.length ? ref.frame(f) : null);
  const pageOr = (obj: number, off: number, frame: number | null) => first(ref.page(obj, off), ref.object(obj), frame !== null ? frameRef(frame) : null);
  const moves: Move[] = [];
  /** The one move of the event; `objects` and `frames` are involved with it (lit and undimmed). */
  const move = (from: ElementRef | null, to: ElementRef | null, off: number, frame: number, fromRight: boolean, objects: number[], frames: number[]) => {
    if ((from === null && !fromRight) || to === null || (from !== null && refKey(from) === refKey(to))) return;
    for (const r of [from, to, ...objects.map((o) => first(ref.object(o))), ...frames.map((f) => first(frameRef(f)))]) {
      if (r === null) continue;
      out.add(r);
      involved.add(r);
    }
    moves.push({ from, to, label: hex(off), frame });
  };
  switch (e.type) {
    case 'cow_copy':
      move(
        first(ref.page(e.from, e.fromOffset), frameRef(e.fromFrame)), first(ref.page(e.to, e.toOffset), frameRef(e.frame)),
        e.fromOffset, e.fromFrame, false, [e.from, e.to], [e.fromFrame, e.frame],
      );
      break;
    case 'copy_push': {
      const old = v.frameOf(e.object, e.offset);
      move(first(ref.page(e.object, e.offset), frameRef(old)), first(ref.page(e.copy, e.copyOffset), frameRef(e.frame)), e.offset, old, false, [e.object, e.copy], [old, e.frame]);
      break;
    }
    case 'page_moved':
      move(first(ref.page(e.from, e.fromOffset), ref.object(e.from)), pageOr(e.to, e.toOffset, e.frame), e.fromOffset, e.frame, true, [e.to], [e.frame]);
      break;
    case 'memory_object_data_supply':
      move(first(pagerRef(e.pager)), pageOr(e.object, e.offset, e.frame), e.offset, e.frame, false, [e.object], [e.frame]);
      break;
    case 'pageout':
      move(pageOr(e.object, e.offset, e.frame), first(pagerOf(v, e.object)), e.offset, e.frame, false, [e.object], [e.frame]);
      break;
    case 'memory_object_data_return': {
      const f = v.frameOf(e.object, e.offset);
      move(pageOr(e.object, e.offset, null), first(pagerRef(e.pager)), e.offset, f, false, [e.object], [f]);
      break;
    }
    default:
      break;
  }
  return { refs: out, moves, involved };
}

/** Whether an event draws a moving copy (in some drawing: the ends may still be missing). */
export function movesACopy(e: KernelEvent | undefined): boolean {
  return e !== undefined && MOVING_EVENTS.has(e.type);
}

/**
 * How long each narration line stays active: `msPerLine`, and for a line whose event moves a copy
 * at least the chip's travel (`moveMs`) and its rest at the destination.
 */
export function lineDurations(lines: readonly { event?: KernelEvent }[], msPerLine: number, moveMs: number): number[] {
  return lines.map((l) => (movesACopy(l.event) ? Math.max(msPerLine, moveMs + MOVE_REST_MS) : msPerLine));
}

/**
 * What the chip says: the first bytes of the frame it carries (preview.ts framePreviewText), a
 * text in quotes ("parent d"), zeros or hex pairs as they are; read from `earlier` (the machine
 * before the step) when the frame is free by now (a page-out); the page offset when there is no
 * preview (a big machine, no frame).
 */
export function chipText(snap: MachineSnapshot, m: Move, earlier: MachineSnapshot | null = null): string {
  const free = m.frame >= 0 && m.frame < snap.frameOwner.length && snap.frameOwner[m.frame] === 0;
  const from = free && earlier !== null ? earlier : snap;
  const text = framePreviewText(from, m.frame);
  if (text === null) return m.label;
  // a text (printable bytes up to the first NUL) is quoted; zeros and hex pairs are not
  const bytes = from.framePreview.subarray(m.frame * PREVIEW_BYTES, (m.frame + 1) * PREVIEW_BYTES);
  const nul = bytes.indexOf(0);
  const isText = text !== ZEROS_TEXT && bytes.subarray(0, nul < 0 ? bytes.length : nul).every((b) => b >= 0x20 && b <= 0x7e);
  return isText ? `"${text}"` : text;
}
