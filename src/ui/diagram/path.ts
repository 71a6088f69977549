/**
 * path: what lights up when an element is hovered or focused, as a set of element refs. Pure. It
 * reads the snapshot's resolved pages through resolved_view.ts (which object serves each page of
 * an entry, as the kernel's fault path decides): no chain walk here, and the work is proportional
 * to what lights up.
 */
import type { MachineSnapshot } from '../../kernel/snapshot';
import { resolvedView, type EntryOf, type ResolvedView } from '../../kernel/resolved_view';
import { ref, RefSet, type ElementRef } from './element_ref';

/** A link between two elements (see LinkLayout in layout/types.ts). */
interface Link {
  fromRef: ElementRef;
  toRef: ElementRef;
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
  switch (target.kind) {
    case 'task': {
      const t = v.task(target.task);
      if (t === undefined) break;
      out.add(target);
      for (const entry of t.entries) entryPath(v, { task: t, entry }, out);
      break;
    }
    case 'entry': {
      const e = v.entry(target.entry);
      if (e !== undefined) entryPath(v, e, out);
      break;
    }
    case 'object':
      objectPath(v, target.object, out);
      break;
    case 'page':
      pagePath(v, target.object, target.offset, out);
      break;
    case 'frame': {
      const f = target.frame;
      if (!(Number.isInteger(f) && f >= 0 && f < snap.frameOwner.length)) break;
      lightFrame(v, out, f);
      const owner = snap.frameOwner[f];
      if (owner !== 0) pagePath(v, owner, snap.frameOffset[f], out);
      break;
    }
    case 'tlb': {
      const e = snap.tlb.find((x) => x.index === target.slot);
      if (e === undefined) break;
      out.add(target);
      lightFrame(v, out, e.pfn);
      const owner = snap.frameOwner[e.pfn] ?? 0;
      if (owner !== 0) pagePath(v, owner, snap.frameOffset[e.pfn], out);
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
  return out;
}

/** A frame, with the TLB slots that translate to it. */
function lightFrame(v: ResolvedView, out: RefSet, f: number): void {
  if (out.addFrame(f)) for (const slot of v.tlbSlotsOf(f)) out.add(ref.tlb(slot));
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
function pagesOf(v: ResolvedView, e: EntryOf, out: RefSet, through: Set<number> | null): void {
  for (const run of e.entry.resolved) {
    if (through !== null && !through.has(run.object)) continue;
    if (run.how === 'pager') {
      out.add(ref.pager(v.object(run.object)?.pager ?? null));
      continue;
    }
    if (run.how === 'swap') out.add(ref.pager(null));
    out.addPages(run.object, run.offset, run.pages, v.snap.pageSize);
    if (run.how === 'resident') v.forEachPageOfRun(run, (_address, _offset, frame) => (frame >= 0 ? lightFrame(v, out, frame) : undefined));
  }
}

function entryPath(v: ResolvedView, e: EntryOf, out: RefSet): void {
  out.add(ref.task(e.task.id));
  out.add(ref.entry(e.entry.id));
  if (e.entry.object === 0) return;
  chainPath(v, e.entry.object, out);
  pagesOf(v, e, out, null);
}

function objectPath(v: ResolvedView, id: number, out: RefSet): void {
  const o = v.object(id);
  if (o === undefined) return;
  chainPath(v, id, out);
  for (const [off, frame] of o.pages) {
    out.addPage(id, off);
    lightFrame(v, out, frame);
  }
  if (o.swapped.length > 0) out.add(ref.pager(null));
  for (const off of o.swapped) out.addPage(id, off);
  const below = new Set(v.chain(id).map((x) => x.id));
  for (const e of v.reachersOf(id)) {
    out.add(ref.task(e.task.id));
    out.add(ref.entry(e.entry.id));
    pagesOf(v, e, out, below);
  }
}

function pagePath(v: ResolvedView, object: number, offset: number, out: RefSet): void {
  if (v.object(object) === undefined) return;
  out.add(ref.object(object));
  out.addPage(object, offset);
  const frame = v.frameOf(object, offset);
  if (frame >= 0) lightFrame(v, out, frame);
  if (v.isSwapped(object, offset)) out.add(ref.pager(null));
}

/** True when a link's two ends are both on the path. */
export function linkOnPath(link: Link, path: RefSet): boolean {
  return path.has(link.fromRef) && path.has(link.toRef);
}
