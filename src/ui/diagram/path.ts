/**
 * path: what lights up when an element is hovered or focused, as a set of element refs. Pure. It
 * reads the snapshot's resolved pages through resolved_view.ts (which object serves each page of
 * an entry, as the kernel's fault path decides): no chain walk here, and the work is proportional
 * to what lights up.
 */
import type { MachineSnapshot } from '../../kernel/snapshot';
import { resolvedView, type EntryOf, type ResolvedView } from '../../kernel/resolved_view';
import { ref, RefSet, type ElementRef } from './element_ref';

/** A link between two keyed elements (see layout.ts LinkLayout). */
interface KeyedLink {
  from: string;
  to: string;
}

/**
 * The whole path of an element:
 *   entry   its task, its top object and the chain below it (with their files' pagers), each page
 *           it reads (the resolved page: the first object of the chain that holds it) with its
 *           frame, or the pager it would come from (swap: the page and the default pager)
 *   object  the chain from it down, its own pages, and every entry that reaches it (maps it, or
 *           an object shadowing it) with the pages those entries read through it
 *   page    its object, its frame (or the default pager when it is in swap)
 *   frame   the page it holds; TLB slot: its frame, page, task and map entry
 *   task    all its entries;  pager: the objects it backs (the default pager: its swapped pages)
 * Every frame on the path brings the TLB slots that translate to it. Links light up when both
 * their ends do (linkOnPath).
 */
export function pathFor(snap: MachineSnapshot, target: ElementRef): RefSet {
  const v = resolvedView(snap);
  const out = new RefSet();
  const frames = new Set<number>();
  switch (target.kind) {
    case 'task': {
      const t = v.task(target.task);
      if (t === undefined) break;
      out.add(target);
      for (const entry of t.entries) entryPath(v, { task: t, entry }, out, frames);
      break;
    }
    case 'entry': {
      const e = v.entry(target.entry);
      if (e !== undefined) entryPath(v, e, out, frames);
      break;
    }
    case 'object':
      objectPath(v, target.object, out, frames);
      break;
    case 'page':
      pagePath(v, target.object, target.offset, out, frames);
      break;
    case 'frame': {
      const f = target.frame;
      if (!(Number.isInteger(f) && f >= 0 && f < snap.frameOwner.length)) break;
      frames.add(f);
      const owner = snap.frameOwner[f];
      if (owner !== 0) pagePath(v, owner, snap.frameOffset[f], out, frames);
      break;
    }
    case 'tlb': {
      const e = snap.tlb.find((x) => x.index === target.slot);
      if (e === undefined) break;
      out.add(target);
      frames.add(e.pfn);
      const owner = snap.frameOwner[e.pfn] ?? 0;
      if (owner !== 0) pagePath(v, owner, snap.frameOffset[e.pfn], out, frames);
      if (v.task(e.asid) !== undefined) {
        out.add(ref.task(e.asid));
        const entry = v.entryAt(e.asid, e.vpn * snap.pageSize);
        if (entry !== undefined) out.add(ref.entry(entry.id));
      }
      break;
    }
    case 'pager': {
      out.add(target);
      for (const o of snap.objects) {
        if (target.pager === null ? o.swapped.length > 0 : o.pager === target.pager) {
          out.add(ref.object(o.id));
          if (target.pager === null) for (const off of o.swapped) out.add(ref.page(o.id, off));
        }
      }
      break;
    }
  }
  for (const f of frames) {
    out.add(ref.frame(f));
    for (const slot of v.tlbSlotsOf(f)) out.add(ref.tlb(slot));
  }
  return out;
}

/** The objects from `id` down, and their files' pagers. */
function chainPath(v: ResolvedView, id: number, out: RefSet): void {
  for (const o of v.chain(id)) {
    out.add(ref.object(o.id));
    if (o.pager !== null) out.add(ref.pager(o.pager));
  }
}

/**
 * The resolved pages of an entry (those served by an object of `through` only, when given): each
 * page with its frame, a page in swap with the default pager, a file's page with its pager.
 */
function pagesOf(v: ResolvedView, e: EntryOf, out: RefSet, frames: Set<number>, through: Set<number> | null): void {
  for (const run of e.entry.resolved) {
    if (through !== null && !through.has(run.object)) continue;
    if (run.how === 'pager') {
      out.add(ref.pager(v.object(run.object)?.pager ?? null));
      continue;
    }
    if (run.how === 'swap') out.add(ref.pager(null));
    for (let i = 0, off = run.offset; i < run.pages; i++, off += v.snap.pageSize) out.add(ref.page(run.object, off));
  }
  v.forEachPage(e.entry, (p) => {
    if (p.frame >= 0 && (through === null || through.has(p.object))) frames.add(p.frame);
  });
}

function entryPath(v: ResolvedView, e: EntryOf, out: RefSet, frames: Set<number>): void {
  out.add(ref.task(e.task.id));
  out.add(ref.entry(e.entry.id));
  if (e.entry.object === 0) return;
  chainPath(v, e.entry.object, out);
  pagesOf(v, e, out, frames, null);
}

function objectPath(v: ResolvedView, id: number, out: RefSet, frames: Set<number>): void {
  const o = v.object(id);
  if (o === undefined) return;
  chainPath(v, id, out);
  for (const [off] of o.pages) pagePath(v, id, off, out, frames);
  for (const off of o.swapped) pagePath(v, id, off, out, frames);
  const below = new Set(v.chain(id).map((x) => x.id));
  for (const e of v.reachersOf(id)) {
    out.add(ref.task(e.task.id));
    out.add(ref.entry(e.entry.id));
    pagesOf(v, e, out, frames, below);
  }
}

function pagePath(v: ResolvedView, object: number, offset: number, out: RefSet, frames: Set<number>): void {
  if (v.object(object) === undefined) return;
  out.add(ref.object(object));
  out.add(ref.page(object, offset));
  const frame = v.frameOf(object, offset);
  if (frame >= 0) frames.add(frame);
  if (v.isSwapped(object, offset)) out.add(ref.pager(null));
}

/** True when a link's two ends are both on the path. */
export function linkOnPath(link: KeyedLink, path: RefSet): boolean {
  return path.hasKey(link.from) && path.hasKey(link.to);
}
