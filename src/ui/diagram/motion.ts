/**
 * motion: what the diagram shows for the kernel event the narration is explaining. Pure.
 *
 * Every event lights up the elements it names (touches.ts: its task, entries, objects, pages,
 * frames, pager, TLB entry). The events that carry a page somewhere also get a "moving copy": a
 * small box labelled with the page offset that travels from the source element to the destination:
 *
 *   cow_copy                   page of `from` → page of `to`, and frame fromFrame → frame
 *   copy_push                  page of `object` → page of `copy`, and its frame → the new frame
 *   page_moved (collapse)      page of `from` → page of `to`
 *   memory_object_data_supply  the pager → the new page (or its frame)
 *   pageout, data_return       the page (or its frame) → its pager
 *
 * The snapshot drawn is the one after the step, so an element may be gone (an absorbed object,
 * a page that is no longer resident): a page falls back to its object, then to its frame; a
 * collapsed page whose absorbed object is gone comes from just right of its new object (where the
 * shadow stood); any other move whose two ends cannot both be found is not drawn.
 */
import type { KernelEvent } from '../../kernel/events';
import { resolvedView } from '../../kernel/resolved_view';
import type { MachineSnapshot } from '../../kernel/snapshot';
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
}

export interface EventFocus {
  /** Every element the event names that is drawn, to light up (the ends of the moves included). */
  refs: RefSet;
  moves: Move[];
}

/** The event types that draw a moving copy. */
export const MOVING_EVENTS = new Set<KernelEvent['type']>(['cow_copy', 'copy_push', 'page_moved', 'memory_object_data_supply', 'pageout', 'memory_object_data_return']);

/**
 * The elements an event names and the copies it moves. `has` says whether the drawing has an
 * element (the layout's boxes); without it every element is taken as drawn.
 */
export function eventFocus(e: KernelEvent, snap: MachineSnapshot, has: (r: ElementRef) => boolean = () => true): EventFocus {
  const out = new RefSet();
  for (const r of touches(e, snap)) if (has(r)) out.add(r);
  const v = resolvedView(snap);

  /** The first candidate that is drawn. */
  const first = (...candidates: (ElementRef | null)[]): ElementRef | null => candidates.find((r): r is ElementRef => r !== null && has(r)) ?? null;
  const pageOr = (obj: number, off: number, frame: number | null) => first(ref.page(obj, off), ref.object(obj), frame !== null && frame >= 0 ? ref.frame(frame) : null);
  const moves: Move[] = [];
  const move = (from: ElementRef | null, to: ElementRef | null, off: number, fromRight = false) => {
    if ((from === null && !fromRight) || to === null || (from !== null && refKey(from) === refKey(to))) return;
    if (from !== null) out.add(from);
    out.add(to);
    moves.push({ from, to, label: hex(off) });
  };
  switch (e.type) {
    case 'cow_copy':
      move(first(ref.page(e.from, e.fromOffset)), first(ref.page(e.to, e.toOffset)), e.fromOffset);
      move(first(ref.frame(e.fromFrame)), first(ref.frame(e.frame)), e.fromOffset);
      break;
    case 'copy_push': {
      move(first(ref.page(e.object, e.offset)), first(ref.page(e.copy, e.copyOffset)), e.offset);
      const old = v.frameOf(e.object, e.offset);
      if (old >= 0) move(first(ref.frame(old)), first(ref.frame(e.frame)), e.offset);
      break;
    }
    case 'page_moved':
      move(first(ref.page(e.from, e.fromOffset), ref.object(e.from)), pageOr(e.to, e.toOffset, e.frame), e.fromOffset, true);
      break;
    case 'memory_object_data_supply':
      move(first(pagerRef(e.pager)), pageOr(e.object, e.offset, e.frame), e.offset);
      break;
    case 'pageout':
      move(pageOr(e.object, e.offset, e.frame), first(pagerOf(v, e.object)), e.offset);
      break;
    case 'memory_object_data_return':
      move(pageOr(e.object, e.offset, null), first(pagerRef(e.pager)), e.offset);
      break;
    default:
      break;
  }
  return { refs: out, moves };
}
