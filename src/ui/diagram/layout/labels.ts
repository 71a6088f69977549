/**
 * labels: the accessible name of each element of the diagram (aria-label, the probe's status line,
 * the hover title): what a map entry maps and how, an object's chain and pages, where a page is,
 * what a TLB slot translates, whose page a frame holds. Read from the snapshot only.
 */
import type { EntrySnapshot, MachineSnapshot, ObjectSnapshot, PagerSnapshot, TaskSnapshot } from '../../../kernel/snapshot';
import { hex, inheritName, plural, protString } from '../format';

/** A map entry's label: its range, protections, inheritance, copy state and what it maps. */
export function entryLabel(task: TaskSnapshot, e: EntrySnapshot): string {
  const parts = [
    `map entry ${hex(e.start)} to ${hex(e.end)} of task ${task.name}`,
    `protection ${protString(e.protection)}, maximum ${protString(e.maxProtection)}`,
    `inheritance ${inheritName(e.inheritance)}`,
  ];
  if (e.needsCopy) parts.push('copy-on-write (needs copy)');
  if (e.shared) parts.push('shared');
  parts.push(e.object === 0 ? 'no object yet (zero fill on first touch)' : `maps object ${e.object} at offset ${hex(e.offset)}`);
  return parts.join(', ');
}

/** An object's label: its pages, what it shadows, size, references, copy strategy, pager, swap. */
export function objectLabel(o: ObjectSnapshot): string {
  const parts = [`VM object ${o.id}: ${plural(o.pages.length, 'resident page')}`];
  if (o.shadow !== 0) parts.push(`shadows object ${o.shadow}${o.shadowOffset !== 0 ? ` at offset ${hex(o.shadowOffset)}` : ''}`);
  parts.push(`size ${hex(o.size)}`, plural(o.refCount, 'reference'), `${o.copyStrategy} copy strategy`);
  if (o.copy !== 0) parts.push(`copy object ${o.copy}`);
  if (o.pager !== null) parts.push(`backed by file ${o.pager}`);
  if (o.swapped.length > 0) parts.push(`${plural(o.swapped.length, 'page')} in swap`);
  if (o.cached) parts.push('cached');
  return parts.join(', ');
}

/** A page's label: where it is (a frame, swap) or that it is not here. */
export function pageLabel(object: number, off: number, frame: number | null, swapped: boolean): string {
  const where = frame !== null ? `in frame ${frame}${swapped ? ', also in swap' : ''}` : swapped ? 'swapped out to the default pager' : 'not here (look further down the chain)';
  return `page at offset ${hex(off)} of object ${object}: ${where}`;
}

/** A TLB slot's label: empty, or which task's page it translates to which frame. */
export function tlbLabel(snap: MachineSnapshot, index: number): string {
  const ways = Math.max(1, snap.tlbWays);
  const [set, way] = [Math.floor(index / ways), index % ways];
  const e = snap.tlb.find((x) => x.index === index);
  if (e === undefined) return `TLB set ${set} way ${way}: empty`;
  const who = snap.tasks.find((t) => t.id === e.asid)?.name ?? `#${e.asid}`;
  return `TLB set ${set} way ${way}: task ${who}, virtual page ${hex(e.vpn)} (address ${hex(e.vpn * snap.pageSize)}) → frame ${e.pfn}, ${protString(e.prot)}`;
}

/** A frame's label: free, or whose page it holds and its flags. */
export function frameLabel(snap: MachineSnapshot, f: number): string {
  const owner = snap.frameOwner[f];
  if (owner === 0) return `frame ${f}: free`;
  const flags = snap.frameFlags[f];
  return `frame ${f}: object ${owner} at ${hex(snap.frameOffset[f])}${(flags & 1) !== 0 ? ', dirty' : ', clean'}${(flags & 2) !== 0 ? ', referenced' : ''}`;
}

/** A task's label: its name, how many map entries, whether it is terminated. */
export function taskLabel(t: TaskSnapshot): string {
  return `task ${t.name}: ${plural(t.entries.length, 'map entry', 'map entries')}${t.alive ? '' : ', terminated'}`;
}

/** The default pager's label: how many pages it holds in swap. */
export function defaultPagerLabel(swappedPages: number): string {
  return `default pager (swap): ${plural(swappedPages, 'page')} swapped out`;
}

/** A file pager's label: its size, maximum protection and object. */
export function filePagerLabel(p: PagerSnapshot): string {
  return `file ${p.name}: size ${hex(p.size)}, maximum protection ${protString(p.maxProtection)}${p.object !== 0 ? `, object ${p.object}` : ', no object yet'}`;
}
