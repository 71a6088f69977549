/**
 * resolve: the resolved pages of a map entry, for the snapshot: for each page of the entry that
 * some object of its chain holds (resident, in swap, or a file's pager can supply it), which
 * object serves it and at which offset, exactly as a fault would find it (page_source.ts
 * findPage, the function vm_fault walks the chain with). Pages nobody holds would zero-fill and
 * are not listed, so a 2^36-byte entry costs what its chain holds, not its size. Consecutive pages
 * served the same way by consecutive offsets of one object make one run (a resident run's frames
 * are that object's pages at those offsets: ObjectSnapshot.pages, see resolved_view.ts).
 *
 *   entry [start, end) at offset E ─▶ top ──shadow──▶ O1 ──shadow──▶ O2
 *   candidates: every offset t in [E, E + size) that top holds at t, O1 at t + d1, O2 at t + d2
 *   each candidate: findPage(top, t) → page start + t - E is served by (object, offset, how)
 *
 * Results are cached per entry and reused while nothing they depend on changed (the entry's
 * range and offset, and every object of its chain: its ObjectSnapshot is the same object exactly
 * when its pages, swap, pager and shadow link are unchanged), so consecutive snapshots share
 * them; a recomputed list reuses the unchanged runs of the last one. An entry this cache has never
 * seen (a machine restored or replayed is made of new entries) takes the runs resolved last for the
 * entry of its id when they were resolved for the same range and the same chain
 * (snapshot_memo.ts), as a fault would find the same pages there.
 */
import { findPage, SOURCE_NONE, SOURCE_PAGER, SOURCE_RESIDENT, SOURCE_SWAP } from './page_source';
import type { ObjectSnapshot, PageHow, ResolvedRun } from './snapshot';
import { sameChain, type ResolvedFor, type SnapshotMemo } from './snapshot_memo';
import type { VmMapEntry } from './vm_map_store';
import type { VmObject } from './vm_object';

const HOW: Record<number, PageHow> = { [SOURCE_RESIDENT]: 'resident', [SOURCE_PAGER]: 'pager', [SOURCE_SWAP]: 'swap' };

/** Each entry's runs the last time (the top object is the chain's first: its snapshot names it). */
const cache = new WeakMap<VmMapEntry, ResolvedFor>();
export const NO_RUNS: ResolvedRun[] = [];

/** The first index of a list sorted by `at` whose value is ≥ lo. */
function lowerBound<T>(list: readonly T[], lo: number, at: (x: T) => number): number {
  let a = 0;
  let b = list.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (at(list[m]) < lo) a = m + 1;
    else b = m;
  }
  return a;
}
const pageOffset = (p: readonly [number, number]) => p[0];
const itself = (n: number) => n;

/**
 * The entry's resolved pages as runs, by address. `snapshotOf` gives the (memoised) snapshot of a chain
 * object: its sorted resident pages and swapped offsets are the candidates' source. `memo`: the
 * kernel's snapshot memo, asked for an entry never resolved before and told of every new result.
 */
export function resolveEntry(e: VmMapEntry, pageSize: number, snapshotOf: (o: VmObject) => ObjectSnapshot, memo: SnapshotMemo | null = null): ResolvedRun[] {
  const top = e.object;
  if (top === null) return NO_RUNS;
  const chain: ObjectSnapshot[] = [];
  for (let o: VmObject | null = top; o !== null; o = o.shadow) chain.push(snapshotOf(o));
  // (the chain's first snapshot is the top object's, and the same snapshot only for equal contents)
  const own = cache.get(e);
  if (own !== undefined && resolvedFor(own, e, chain)) return own.runs;
  const earlier = own === undefined ? memo?.entry(e.id) : undefined;
  if (earlier !== undefined && resolvedFor(earlier, e, chain)) {
    cache.set(e, earlier);
    return earlier.runs;
  }
  const runs = resolve(e, top, pageSize, chain, own?.runs ?? earlier?.runs ?? NO_RUNS);
  const now: ResolvedFor = { offset: e.offset, start: e.start, end: e.end, chain, runs };
  cache.set(e, now);
  memo?.keepEntry(e.id, now);
  return runs;
}

/** The runs `r` are the entry's: resolved for its range and offset over the same chain. */
function resolvedFor(r: ResolvedFor, e: VmMapEntry, chain: readonly ObjectSnapshot[]): boolean {
  return r.offset === e.offset && r.start === e.start && r.end === e.end && sameChain(r.chain, chain);
}

function resolve(e: VmMapEntry, top: VmObject, pageSize: number, chain: readonly ObjectSnapshot[], last: readonly ResolvedRun[]): ResolvedRun[] {
  const size = e.end - e.start;
  // the candidates: offsets (in top) of the entry's window that some object of the chain holds
  const candidates: number[] = [];
  /** Sorted lists the candidates came from; true while they are only the top object's resident pages. */
  let sources = 0;
  let onlyTopResident = true;
  let delta = 0;
  let o: VmObject | null = top;
  for (let i = 0; o !== null; o = o.shadow, i++) {
    const lo = e.offset + delta;
    const hi = lo + size;
    const snap = chain[i];
    let before = candidates.length;
    for (let k = lowerBound(snap.pages, lo, pageOffset); k < snap.pages.length && snap.pages[k][0] < hi; k++) candidates.push(snap.pages[k][0] - delta);
    if (candidates.length > before) {
      sources++;
      if (i > 0) onlyTopResident = false;
    }
    before = candidates.length;
    for (let k = lowerBound(snap.swapped, lo, itself); k < snap.swapped.length && snap.swapped[k] < hi; k++) candidates.push(snap.swapped[k] - delta);
    if (o.pager !== null) {
      const end = Math.min(hi, o.pager.size);
      for (let off = Math.max(0, Math.ceil(lo / pageSize) * pageSize); off < end; off += pageSize) candidates.push(off - delta);
    }
    if (candidates.length > before) {
      sources += 2; // swap and pager offsets: maybe two lists
      onlyTopResident = false;
    }
    delta += o.shadowOffset;
  }
  if (candidates.length === 0) return NO_RUNS;
  const out: ResolvedRun[] = [];
  const push = reuser(last, out);
  // only the top object's resident pages (one object, or shadows that hold nothing in the window):
  // each serves itself, no walk needed
  if (onlyTopResident) {
    let run: ResolvedRun | null = null;
    for (const t of candidates) {
      if (run !== null && run.offset + run.pages * pageSize === t) {
        run.pages++;
        continue;
      }
      if (run !== null) push(run);
      run = { address: e.start + (t - e.offset), pages: 1, object: top.id, offset: t, how: 'resident' };
    }
    if (run !== null) push(run);
    return out;
  }
  // one source is sorted already; more are merged by a sort
  const sorted = sources > 1 ? Float64Array.from(candidates).sort() : candidates;
  let run: ResolvedRun | null = null;
  let prev = NaN;
  for (let k = 0; k < sorted.length; k++) {
    const t = sorted[k];
    if (t === prev) continue;
    prev = t;
    const found = findPage(top, t);
    if (found.how === SOURCE_NONE || found.object === null) continue;
    const address = e.start + (t - e.offset);
    const object = found.object.id;
    const how = HOW[found.how];
    if (run !== null && run.address + run.pages * pageSize === address && run.object === object && run.offset + run.pages * pageSize === found.offset && run.how === how) {
      run.pages++;
      continue;
    }
    if (run !== null) push(run);
    run = { address, pages: 1, object, offset: found.offset, how };
  }
  if (run !== null) push(run);
  return out;
}

/** A function that appends a run to `out`, or the identical run of `last` (runs come by address). */
function reuser(last: readonly ResolvedRun[], out: ResolvedRun[]): (run: ResolvedRun) => void {
  let j = 0;
  return (run) => {
    while (j < last.length && last[j].address < run.address) j++;
    const old = j < last.length ? last[j] : undefined;
    const same = old !== undefined && old.address === run.address && old.pages === run.pages && old.object === run.object && old.offset === run.offset && old.how === run.how;
    out.push(same ? old : run);
  };
}
