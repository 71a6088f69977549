/**
 * motion: what the diagram shows for the kernel event the narration is explaining. Pure.
 *
 * Every event lights up the elements it names (its task, entries, objects, pages, frames, pager,
 * TLB entry). The events that carry a page somewhere also get a "moving copy": a small box labelled
 * with the page offset that travels from the source element to the destination element:
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
import type { MachineSnapshot } from '../../kernel/snapshot';
import { DEFAULT_PAGER } from '../../kernel/vm_pageout';
import { hex } from './format';
import { keys } from './keys';

export interface Move {
  /**
   * Keys of the source and destination elements (see keys.ts). A null source (a collapse whose
   * absorbed object is gone) means: from just right of the destination, where that shadow stood.
   */
  from: string | null;
  to: string;
  /** The page offset, in hex. */
  label: string;
}

export interface EventFocus {
  /** Every element the event names, to light up (the ends of the moves included). */
  keys: Set<string>;
  moves: Move[];
}

/** The event types that draw a moving copy. */
export const MOVING_EVENTS = new Set<KernelEvent['type']>(['cow_copy', 'copy_push', 'page_moved', 'memory_object_data_supply', 'pageout', 'memory_object_data_return']);

const pagerKey = (name: string | null | undefined) => keys.pager(name === undefined || name === null || name === DEFAULT_PAGER ? null : name);

/**
 * The elements an event names and the copies it moves. `has` says whether the drawing has an
 * element of that key (the layout's boxes); without it every key is taken as drawn.
 */
export function eventFocus(e: KernelEvent, snap: MachineSnapshot, has: (key: string) => boolean = () => true): EventFocus {
  const out = new Set<string>();
  const objs = new Map(snap.objects.map((o) => [o.id, o]));
  const r = e as unknown as Record<string, unknown>;
  const num = (k: string): number | null => (typeof r[k] === 'number' ? (r[k] as number) : null);
  const add = (key: string | null) => {
    if (key !== null && has(key)) out.add(key);
  };
  // tasks, entries, objects, frames by their fields
  const task = num('task');
  if (task !== null && task > 0) add(keys.task(task));
  for (const k of ['entry', 'newEntry', 'kept']) {
    const v = num(k);
    if (v !== null && v > 0) add(keys.entry(v));
  }
  for (const k of ['object', 'shadow', 'copy', 'source', 'from', 'to', 'absorbed', 'bypassed']) {
    const v = num(k);
    if (v !== null && v > 0) add(keys.object(v));
  }
  for (const k of ['frame', 'fromFrame']) {
    const v = num(k);
    if (v !== null && v >= 0 && v < snap.frameOwner.length) add(keys.frame(v));
  }
  // pages: (object, offset), (from, fromOffset), (to, toOffset)
  const object = num('object');
  const offset = num('offset');
  if (object !== null && offset !== null) add(keys.page(object, offset));
  if (e.type === 'cow_copy' || e.type === 'page_moved') {
    add(keys.page(e.from, e.fromOffset));
    add(keys.page(e.to, e.toOffset));
  }
  // pagers
  if (typeof r.pager === 'string') add(pagerKey(r.pager));
  // the task's entry at an address, its TLB entry for a page
  const t = task === null ? undefined : snap.tasks.find((x) => x.id === task);
  if (t !== undefined) {
    const vpn = num('vpn');
    const address = num('address') ?? (vpn !== null ? vpn * snap.pageSize : null);
    if (address !== null) {
      const entry = t.entries.find((x) => x.start <= address && address < x.end);
      if (entry !== undefined) add(keys.entry(entry.id));
    }
    if (vpn !== null) for (const x of snap.tlb) if (x.asid === t.id && x.vpn === vpn) add(keys.tlb(x.index));
  }

  /** The first candidate that is drawn. */
  const first = (...candidates: (string | null)[]): string | null => candidates.find((k): k is string => k !== null && has(k)) ?? null;
  const pageOr = (obj: number, off: number, frame: number | null) =>
    first(keys.page(obj, off), keys.object(obj), frame !== null && frame >= 0 ? keys.frame(frame) : null);
  const frameOf = (obj: number, off: number): number | null => objs.get(obj)?.pages.find(([o]) => o === off)?.[1] ?? null;
  const moves: Move[] = [];
  const move = (from: string | null, to: string | null, off: number, fromRight = false) => {
    if ((from === null && !fromRight) || to === null || from === to) return;
    if (from !== null) out.add(from);
    out.add(to);
    moves.push({ from, to, label: hex(off) });
  };
  switch (e.type) {
    case 'cow_copy':
      move(first(keys.page(e.from, e.fromOffset)), first(keys.page(e.to, e.toOffset)), e.fromOffset);
      move(first(keys.frame(e.fromFrame)), first(keys.frame(e.frame)), e.fromOffset);
      break;
    case 'copy_push': {
      const copyOffset = e.offset - (objs.get(e.copy)?.shadowOffset ?? 0);
      move(first(keys.page(e.object, e.offset)), first(keys.page(e.copy, copyOffset)), e.offset);
      const old = frameOf(e.object, e.offset);
      if (old !== null) move(first(keys.frame(old)), first(keys.frame(e.frame)), e.offset);
      break;
    }
    case 'page_moved':
      move(first(keys.page(e.from, e.fromOffset), keys.object(e.from)), pageOr(e.to, e.toOffset, e.frame), e.fromOffset, true);
      break;
    case 'memory_object_data_supply':
      move(first(pagerKey(e.pager)), pageOr(e.object, e.offset, e.frame), e.offset);
      break;
    case 'pageout':
      move(pageOr(e.object, e.offset, e.frame), first(pagerKey(objs.get(e.object)?.pager)), e.offset);
      break;
    case 'memory_object_data_return':
      move(pageOr(e.object, e.offset, null), first(pagerKey(e.pager)), e.offset);
      break;
    default:
      break;
  }
  return { keys: out, moves };
}
