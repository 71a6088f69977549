/**
 * touches: the diagram elements a kernel event concerns, read from its typed fields (one case per
 * event type; a new event type does not compile until it has its case). The snapshot (the one on
 * screen) adds what the event implies without naming it: the map entry at an address, the TLB
 * slot of a task's virtual page, a page's pager, a copy object's offset. Pure.
 */
import type { KernelEventBody } from '../../kernel/events';
import { resolvedView, type ResolvedView } from '../../kernel/resolved_view';
import type { MachineSnapshot } from '../../kernel/snapshot';
import { DEFAULT_PAGER } from '../../kernel/vm_pageout';
import { ref, RefSet, type ElementRef } from './element_ref';

/** A pager's ref from the name an event gives (the default pager has a name in events, null here). */
export const pagerRef = (name: string | null): ElementRef => ref.pager(name === null || name === DEFAULT_PAGER ? null : name);

/** The pager of an object's pages (its file's, or the default pager), from the snapshot. */
export function pagerOf(v: ResolvedView, object: number): ElementRef {
  return ref.pager(v.object(object)?.pager ?? null);
}

export function touches(e: KernelEventBody, snap: MachineSnapshot): ElementRef[] {
  const v = resolvedView(snap);
  const out: ElementRef[] = [];
  const task = (id: number) => {
    if (id > 0) out.push(ref.task(id));
  };
  const entry = (id: number) => {
    if (id > 0) out.push(ref.entry(id));
  };
  const object = (id: number) => {
    if (id > 0) out.push(ref.object(id));
  };
  const frame = (f: number) => {
    if (f >= 0 && f < snap.frameOwner.length) out.push(ref.frame(f));
  };
  const page = (id: number, offset: number) => {
    if (id > 0) out.push(ref.page(id, offset));
  };
  /** The task's map entry at an address (when it still has one). */
  const entryAt = (id: number, address: number) => {
    const x = v.entryAt(id, address);
    if (x !== undefined) out.push(ref.entry(x.id));
  };
  /** A task's virtual page: its map entry, and its TLB slot when it has one. */
  const virtualPage = (id: number, vpn: number) => {
    entryAt(id, vpn * snap.pageSize);
    const slot = v.tlbSlotOf(id, vpn);
    if (slot >= 0) out.push(ref.tlb(slot));
  };
  switch (e.type) {
    case 'task_created':
    case 'task_terminated':
      task(e.task);
      break;
    case 'entry_inserted':
      task(e.task);
      entry(e.entry);
      object(e.object);
      break;
    case 'entry_extended':
    case 'entry_removed':
    case 'entry_protected':
    case 'entry_inherit':
      task(e.task);
      entry(e.entry);
      break;
    case 'entry_clipped':
      task(e.task);
      entry(e.entry);
      entry(e.newEntry);
      break;
    case 'entries_merged':
      task(e.task);
      entry(e.kept);
      break;
    case 'object_created':
      object(e.object);
      if (e.pager !== null) out.push(pagerRef(e.pager));
      break;
    case 'object_extended':
    case 'object_freed':
    case 'object_shared':
      object(e.object);
      break;
    case 'object_cached':
      object(e.object);
      out.push(pagerRef(e.pager));
      break;
    case 'copy_object_reused':
      object(e.object);
      object(e.source);
      break;
    case 'memory_object_init':
      object(e.object);
      out.push(pagerRef(e.pager));
      break;
    case 'object_attached':
    case 'needs_copy_set':
    case 'needs_copy_cleared':
      task(e.task);
      entry(e.entry);
      object(e.object);
      break;
    case 'shadow_created':
      task(e.task);
      entry(e.entry);
      object(e.object);
      object(e.shadow);
      break;
    case 'object_collapsed':
      object(e.object);
      object(e.absorbed);
      object(e.shadow);
      break;
    case 'object_bypassed':
      object(e.object);
      object(e.bypassed);
      object(e.shadow);
      break;
    case 'frame_allocated':
    case 'frame_freed':
      object(e.object);
      page(e.object, e.offset);
      frame(e.frame);
      break;
    case 'page_moved':
      object(e.from);
      object(e.to);
      page(e.from, e.fromOffset);
      page(e.to, e.toOffset);
      frame(e.frame);
      break;
    case 'zero_fill':
      task(e.task);
      object(e.object);
      page(e.object, e.offset);
      frame(e.frame);
      break;
    case 'cow_copy':
      task(e.task);
      object(e.from);
      object(e.to);
      page(e.from, e.fromOffset);
      page(e.to, e.toOffset);
      frame(e.fromFrame);
      frame(e.frame);
      break;
    case 'copy_push':
      object(e.object);
      object(e.copy);
      page(e.object, e.offset);
      page(e.copy, e.copyOffset);
      frame(e.frame);
      break;
    case 'pageout':
      object(e.object);
      page(e.object, e.offset);
      frame(e.frame);
      out.push(pagerOf(v, e.object));
      break;
    case 'memory_object_data_request':
    case 'memory_object_data_unavailable':
    case 'memory_object_data_return':
      object(e.object);
      page(e.object, e.offset);
      out.push(pagerRef(e.pager));
      break;
    case 'memory_object_data_supply':
      object(e.object);
      page(e.object, e.offset);
      frame(e.frame);
      out.push(pagerRef(e.pager));
      break;
    case 'tlb_hit':
    case 'tlb_fill':
    case 'pmap_enter':
    case 'pmap_remove':
    case 'pmap_protect':
      task(e.task);
      virtualPage(e.task, e.vpn);
      frame(e.frame);
      break;
    case 'tlb_miss':
    case 'tlb_shootdown':
      task(e.task);
      virtualPage(e.task, e.vpn);
      break;
    case 'fault_begin':
      task(e.task);
      entryAt(e.task, e.address);
      break;
    case 'fault_end':
      task(e.task);
      entryAt(e.task, e.address);
      frame(e.frame);
      break;
    default: {
      const unhandled: never = e;
      throw new Error(`touches: unknown event ${JSON.stringify(unhandled)}`);
    }
  }
  return out;
}

/** Everything a list of events touches (a whole step), without repeats. */
export function touchesAll(events: readonly KernelEventBody[], snap: MachineSnapshot): RefSet {
  const out = new RefSet();
  for (const e of events) for (const r of touches(e, snap)) out.add(r);
  return out;
}
