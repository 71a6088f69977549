/**
 * path: what lights up when an element is hovered or focused, as a set of element keys. Pure.
 */
import type { EntrySnapshot, MachineSnapshot, TaskSnapshot } from '../../kernel/snapshot';
import { keys } from './keys';

/** A link between two keyed elements (see layout.ts LinkLayout). */
interface KeyedLink {
  from: string;
  to: string;
}

/**
 * The whole path of an element, as the set of layout keys to highlight: for a map entry, its task,
 * its top object and the shadow chain below it, the page each of its addresses reads (the first
 * one found walking down the chain), those pages' frames and the TLB entries of those frames (and
 * the pager a missing page would come from). Objects, pages, frames, TLB entries, tasks and pagers
 * have their own paths; links light up when both their ends do.
 */
export function pathFor(snap: MachineSnapshot, key: string): Set<string> {
  const out = new Set<string>();
  const objs = new Map(snap.objects.map((o) => [o.id, o]));
  const [kind, a, b] = key.split(':');
  const na = Number(a);
  const frames = new Set<number>();
  const addTlb = () => {
    for (const f of frames) out.add(keys.frame(f));
    for (const e of snap.tlb) if (frames.has(e.pfn)) out.add(keys.tlb(e.index));
  };
  /** Walks the chain from object `id` at `offset`: the page found (or the pager asked), and every object passed. */
  const walk = (id: number, offset: number) => {
    let o = objs.get(id);
    let off = offset;
    for (let guard = 0; o !== undefined && guard <= snap.objects.length; guard++) {
      out.add(keys.object(o.id));
      const frame = o.pages.find(([po]) => po === off)?.[1];
      if (frame !== undefined) {
        out.add(keys.page(o.id, off));
        frames.add(frame);
        return;
      }
      if (o.swapped.includes(off)) {
        out.add(keys.page(o.id, off));
        out.add(keys.pager(null));
        return;
      }
      if (o.pager !== null) {
        out.add(keys.pager(o.pager));
        return;
      }
      off += o.shadowOffset;
      o = objs.get(o.shadow);
    }
  };
  /**
   * walk() for every page of [start, end) of object `id` that some object of its chain holds (in
   * memory or in swap): the other pages find nothing, and their objects and pager are on the path
   * already (chain()). Counting held pages, not the range's pages, keeps a huge entry cheap.
   */
  const walkRange = (id: number, start: number, end: number) => {
    const tops = new Set<number>();
    let o = objs.get(id);
    for (let delta = 0, guard = 0; o !== undefined && guard <= snap.objects.length; delta += o.shadowOffset, o = objs.get(o.shadow), guard++) {
      for (const [off] of o.pages) if (off - delta >= start && off - delta < end) tops.add(off - delta);
      for (const off of o.swapped) if (off - delta >= start && off - delta < end) tops.add(off - delta);
    }
    for (const top of [...tops].sort((a, b) => a - b)) walk(id, top);
  };
  const chain = (id: number) => {
    let o = objs.get(id);
    for (let guard = 0; o !== undefined && guard <= snap.objects.length; guard++) {
      out.add(keys.object(o.id));
      if (o.pager !== null) out.add(keys.pager(o.pager));
      o = objs.get(o.shadow);
    }
  };
  const entryPath = (t: TaskSnapshot, e: EntrySnapshot) => {
    out.add(keys.task(t.id));
    out.add(keys.entry(e.id));
    if (e.object === 0) return;
    chain(e.object);
    walkRange(e.object, e.offset, e.offset + (e.end - e.start));
  };
  const pagePath = (obj: number, off: number) => {
    const o = objs.get(obj);
    if (o === undefined) return;
    out.add(keys.object(obj));
    out.add(keys.page(obj, off));
    const frame = o.pages.find(([po]) => po === off)?.[1];
    if (frame !== undefined) frames.add(frame);
    if (o.swapped.includes(off)) out.add(keys.pager(null));
  };
  switch (kind) {
    case 'task': {
      const t = snap.tasks.find((x) => x.id === na);
      if (t === undefined) break;
      out.add(key);
      for (const e of t.entries) entryPath(t, e);
      break;
    }
    case 'entry':
      for (const t of snap.tasks) for (const e of t.entries) if (e.id === na) entryPath(t, e);
      break;
    case 'object': {
      const o = objs.get(na);
      if (o === undefined) break;
      chain(na);
      walkRange(na, 0, o.size);
      for (const [off] of o.pages) pagePath(na, off);
      for (const t of snap.tasks) for (const e of t.entries) if (e.object === na) {
        out.add(keys.task(t.id));
        out.add(keys.entry(e.id));
      }
      break;
    }
    case 'page':
      pagePath(na, Number(b));
      break;
    case 'frame': {
      if (!(na >= 0 && na < snap.frameOwner.length)) break;
      frames.add(na);
      const owner = snap.frameOwner[na];
      if (owner !== 0) pagePath(owner, snap.frameOffset[na]);
      break;
    }
    case 'tlb': {
      const e = snap.tlb.find((x) => x.index === na);
      if (e === undefined) break;
      out.add(key);
      frames.add(e.pfn);
      const owner = snap.frameOwner[e.pfn] ?? 0;
      if (owner !== 0) pagePath(owner, snap.frameOffset[e.pfn]);
      const t = snap.tasks.find((x) => x.id === e.asid);
      if (t !== undefined) {
        out.add(keys.task(t.id));
        const va = e.vpn * snap.pageSize;
        const entry = t.entries.find((x) => x.start <= va && va < x.end);
        if (entry !== undefined) out.add(keys.entry(entry.id));
      }
      break;
    }
    case 'pager': {
      out.add(key);
      const name = a === 'default' ? null : key.slice('pager:'.length);
      for (const o of snap.objects) {
        if (name === null ? o.swapped.length > 0 : o.pager === name) {
          out.add(keys.object(o.id));
          for (const off of o.swapped) if (name === null) out.add(keys.page(o.id, off));
        }
      }
      break;
    }
    default:
      break;
  }
  addTlb();
  return out;
}

/** True when a link's two ends are both on the path. */
export function linkOnPath(link: KeyedLink, path: Set<string>): boolean {
  return path.has(link.from) && path.has(link.to);
}
