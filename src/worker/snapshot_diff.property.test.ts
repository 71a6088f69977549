/**
 * Snapshot diffs on random snapshots (fast-check): prev → next through diffSnapshot and applyDiff
 * gives next exactly, whether next is a small edit of prev, a large one, the same, or has another
 * frame count (across PREVIEW_FRAME_LIMIT too: previews appear or go); tasks whose only change is
 * their pmap and frames whose only change is their first bytes are among the edits; prev is never
 * written; one changed frame of 16,384 costs a few hundred bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PREVIEW_BYTES, PREVIEW_FRAME_LIMIT, type EntrySnapshot, type MachineSnapshot, type ObjectSnapshot, type PmapEntrySnapshot, type ResolvedRun, type TaskSnapshot, type TlbEntrySnapshot } from '../kernel/snapshot';
import { applyDiff, diffBytes, diffSnapshot, transferablesOf, type SnapshotDiff } from './snapshot_diff';
import type { ListPatch } from './list_patch';

type Rng = () => number;
function rngOf(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (r: Rng, n: number) => Math.floor(r() * n);

/** n distinct sorted numbers below limit. */
function distinct(r: Rng, n: number, limit: number): number[] {
  const s = new Set<number>();
  while (s.size < Math.min(n, limit)) s.add(int(r, limit));
  return [...s].sort((a, b) => a - b);
}

const HOWS = ['resident', 'pager', 'swap'] as const;

/** Runs of resolved pages of an entry at `start` of 16 pages: a few one-page runs, by address. */
function resolved(r: Rng, start: number): ResolvedRun[] {
  return distinct(r, int(r, 8), 16).map((p) => ({ address: start + p * 0x1000, pages: 1, object: 1 + int(r, 5), offset: p * 0x1000, how: HOWS[int(r, 3)] }));
}

function entries(r: Rng): EntrySnapshot[] {
  const ids = distinct(r, int(r, 6), 12);
  const starts = distinct(r, ids.length, 64);
  return starts.map((s, i) => ({
    id: ids[i], start: s * 0x10000, end: s * 0x10000 + 0x10000, protection: int(r, 8), maxProtection: 7,
    inheritance: int(r, 3), needsCopy: r() < 0.5, shared: r() < 0.2, object: int(r, 5), offset: int(r, 4) * 0x1000,
    resolved: resolved(r, s * 0x10000),
  }));
}

/** The entries with about `rate` of them given other resolved pages (an edit of theirs, or a new list). */
function editResolved(r: Rng, list: EntrySnapshot[], rate: number): EntrySnapshot[] {
  return list.map((e) => {
    if (r() >= rate) return e;
    const fresh = resolved(r, e.start);
    return { ...e, resolved: edit(r, e.resolved, rate, () => fresh, (p) => p.address, (p) => p.address) };
  });
}

/** A task's pmap mappings: a few vpns, ascending, with frames and protections. */
function pmap(r: Rng): PmapEntrySnapshot[] {
  return distinct(r, int(r, 10), 64).map((vpn) => ({ vpn, frame: int(r, 64), prot: int(r, 8) }));
}

function task(r: Rng, id: number): TaskSnapshot {
  const mappings = pmap(r);
  return {
    id, name: `T${id}`, alive: r() < 0.9, parent: r() < 0.5 ? null : 1, entries: entries(r), tlbHits: int(r, 3), tlbMisses: int(r, 3), shootdowns: 0, faults: int(r, 3), cowFaults: 0,
    pmap: mappings, pmapCount: mappings.length + int(r, 2) * 100,
  };
}

/** The task with about `rate` of its pmap mappings changed, dropped or added (nothing else of it changes). */
function editPmap(r: Rng, t: TaskSnapshot, rate: number): TaskSnapshot {
  const mappings = edit(r, t.pmap.map((m) => (r() < rate ? { ...m, prot: (m.prot + 1) % 8 } : m)), rate, () => pmap(r), (m) => m.vpn, (m) => m.vpn);
  return { ...t, pmap: mappings, pmapCount: mappings.length };
}

function object(r: Rng, id: number): ObjectSnapshot {
  const offsets = distinct(r, int(r, 10), 40);
  return {
    id, size: 0x10000, refCount: int(r, 3), shadow: int(r, 3), shadowOffset: 0, copy: 0, pager: r() < 0.3 ? 'f' : null, copyStrategy: 'symmetric',
    pages: offsets.map((o) => [o * 0x1000, int(r, 64)] as [number, number]), swapped: distinct(r, int(r, 4), 40).map((o) => o * 0x1000), cached: false,
  };
}

function snapshot(r: Rng, frames: number): MachineSnapshot {
  const tlb: TlbEntrySnapshot[] = distinct(r, int(r, 16), 32).map((index) => ({ index, asid: int(r, 3), vpn: int(r, 100), pfn: int(r, frames), prot: int(r, 8) }));
  return {
    pageSize: 4096, addressBits: 32, tlbEntries: 32, tlbWays: 4,
    tasks: distinct(r, int(r, 5), 8).map((id) => task(r, id + 1)),
    objects: distinct(r, int(r, 6), 10).map((id) => object(r, id + 1)),
    pagers: r() < 0.5 ? [] : [{ port: 0x103, name: 'f', size: 0x2000, maxProtection: 7, object: int(r, 3) }],
    frameOwner: Int32Array.from({ length: frames }, () => int(r, 4)),
    frameOffset: Float64Array.from({ length: frames }, () => int(r, 8) * 0x1000),
    frameFlags: Uint8Array.from({ length: frames }, () => int(r, 4)),
    frameMaps: Int32Array.from({ length: frames }, () => int(r, 3)),
    framePreview: frames > PREVIEW_FRAME_LIMIT ? new Uint8Array(0) : Uint8Array.from({ length: frames * PREVIEW_BYTES }, () => (r() < 0.5 ? 0 : int(r, 256))),
    tlb, freeFrames: int(r, frames), pageouts: int(r, 3), pageins: int(r, 3),
  };
}

/** Replaces about `rate` of the list's items by fresh ones of the same key, drops and adds a few, keeps the order. */
function edit<T>(r: Rng, list: T[], rate: number, fresh: () => T[], key: (x: T) => number, order: (x: T) => number): T[] {
  const keep = list.filter(() => r() >= rate / 2);
  const add = r() < rate * 2 ? fresh() : [];
  const byKey = new Map(keep.map((x) => [key(x), x]));
  for (const x of add) if (!byKey.has(key(x))) byKey.set(key(x), x);
  const out = [...byKey.values()].sort((a, b) => order(a) - order(b));
  // the same key and order twice would not be a snapshot: drop duplicates of order
  return out.filter((x, i) => i === 0 || order(out[i - 1]) !== order(x));
}

/** next: prev with some of it changed (rate 0: nothing, 1: most things), maybe another frame count. */
function edited(r: Rng, prev: MachineSnapshot, rate: number, frames: number): MachineSnapshot {
  const other = snapshot(r, frames);
  const n = prev.frameOwner.length;
  const copy = <A extends Int32Array | Float64Array | Uint8Array>(a: A, b: A): A => {
    if (frames !== n) return b;
    const c = a.slice() as A;
    for (let i = 0; i < n; i++) if (r() < rate * rate) c[i] = b[i];
    return c;
  };
  // a frame's first bytes change alone (a write into a page already mapped): the whole PREVIEW_BYTES of a few frames
  const preview = (a: Uint8Array, b: Uint8Array): Uint8Array => {
    if (frames !== n) return b;
    const c = a.slice();
    for (let i = 0; i < c.length / PREVIEW_BYTES; i++) if (r() < rate * rate) c.set(b.subarray(i * PREVIEW_BYTES, (i + 1) * PREVIEW_BYTES), i * PREVIEW_BYTES);
    return c;
  };
  const editTask = (t: TaskSnapshot): TaskSnapshot => {
    const u = r() < rate ? { ...t, tlbHits: t.tlbHits + 1, entries: editResolved(r, edit(r, t.entries, rate, () => entries(r), (e) => e.id, (e) => e.start), rate) } : t;
    return r() < rate ? editPmap(r, u, rate) : u;
  };
  return {
    ...prev,
    tasks: edit(r, prev.tasks.map(editTask), rate, () => other.tasks, (t) => t.id, (t) => t.id),
    objects: edit(r, prev.objects.map((o) => (r() < rate ? { ...o, pages: edit(r, o.pages, rate, () => object(r, 0).pages, (p) => p[0], (p) => p[0]) } : o)), rate, () => other.objects, (o) => o.id, (o) => o.id),
    pagers: r() < rate ? other.pagers : prev.pagers,
    frameOwner: copy(prev.frameOwner, other.frameOwner),
    frameOffset: copy(prev.frameOffset, other.frameOffset),
    frameFlags: copy(prev.frameFlags, other.frameFlags),
    frameMaps: copy(prev.frameMaps, other.frameMaps),
    framePreview: preview(prev.framePreview, other.framePreview),
    tlb: edit(r, prev.tlb, rate, () => other.tlb, (e) => e.index, (e) => e.index),
    freeFrames: r() < rate ? other.freeFrames : prev.freeFrames,
  };
}

/** A structured clone, as postMessage makes it (the frame arrays transferred). */
function wire(d: SnapshotDiff): SnapshotDiff {
  return structuredClone(d, { transfer: transferablesOf(d) });
}

function frozenCopy(s: MachineSnapshot): MachineSnapshot {
  return structuredClone(s);
}

/** Records which kinds of patch a diff holds ('frames some', 'pages all', ...). */
function note(d: SnapshotDiff, seen: Set<string>): void {
  const kind = (p: ListPatch<unknown>) => ('all' in p ? 'all' : p.set.length + p.removed.length > 0 ? 'some' : null);
  const add = (what: string, k: string | null) => k !== null && seen.add(`${what} ${k}`);
  if (d.rest === undefined) return;
  add('frames', d.rest.frames.index === null ? 'all' : d.rest.frames.index.length > 0 ? 'some' : null);
  add('previews', d.rest.frames.preview.length === 0 ? null : d.rest.frames.index === null ? 'all' : 'some');
  add('tlb', kind(d.rest.tlb));
  for (const t of d.tasks ?? []) {
    add('entries', kind(t.entries));
    add('pmap', kind(t.pmap));
    for (const e of 'all' in t.entries ? t.entries.all : t.entries.set) add('resolved', kind(e.resolved));
  }
  for (const o of d.objects ?? []) add('pages', kind(o.pages));
}

describe('snapshot diffs of random snapshots', () => {
  it('rebuild next exactly from prev, never writing prev', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom(0, 0.02, 0.1, 0.5, 1),
        fc.constantFrom(1, 8, 64, PREVIEW_FRAME_LIMIT, 300),
        fc.boolean(),
        (seed, rate, frames, resize) => {
          const r = rngOf(seed);
          const prev = snapshot(r, frames);
          const next = edited(r, prev, rate, resize ? frames + 1 + int(r, 4) : frames);
          const prevBefore = frozenCopy(prev);
          const nextBefore = frozenCopy(next);
          const d = diffSnapshot(prev, next);
          note(d, seen);
          const sent = wire(d);
          const rebuilt = applyDiff(prev, sent);
          expect(rebuilt).toEqual(next);
          expect(prev).toEqual(prevBefore);
          expect(next).toEqual(nextBefore); // transferring the diff's arrays leaves the sender's snapshot whole
          expect(rebuilt).not.toBe(prev);
          for (const k of ['frameOwner', 'frameOffset', 'frameFlags', 'frameMaps', 'framePreview'] as const) {
            expect(rebuilt[k]).not.toBe(prev[k]);
            expect(rebuilt[k]).not.toBe(next[k]);
          }
        },
      ),
      // a fixed seed: the check below, that every kind of patch was met, must not depend on luck
      { numRuns: 400, seed: 20261206 },
    );
    // every kind of patch was met: small ones and whole ones
    expect([...seen].sort()).toEqual([
      'entries all', 'entries some', 'frames all', 'frames some', 'pages all', 'pages some', 'pmap all', 'pmap some', 'previews all', 'previews some',
      'resolved all', 'resolved some', 'tlb all', 'tlb some',
    ]);
  });

  it('a diff against nothing (the first snapshot) rebuilds next, with its own frame arrays', () => {
    const prev = snapshot(rngOf(1), 50);
    const d = diffSnapshot(null, prev);
    expect(d.fromEmpty).toBe(50);
    const rebuilt = applyDiff(null, wire(d));
    expect(rebuilt).toEqual(prev);
    expect(prev.frameOwner.length).toBe(50);
    // whatever the receiver had is ignored
    expect(applyDiff(snapshot(rngOf(2), 70), wire(diffSnapshot(null, prev)))).toEqual(prev);
  });

  it('sends only the changed frames: one changed frame of 16,384 is a few hundred bytes', () => {
    const r = rngOf(7);
    const prev = snapshot(r, 16384);
    const next = { ...prev, frameOwner: prev.frameOwner.slice(), frameFlags: prev.frameFlags.slice(), freeFrames: prev.freeFrames - 1 };
    next.frameOwner[1234] = 99;
    next.frameFlags[1234] = 3;
    const d = diffSnapshot(prev, next);
    expect(d.rest?.frames.index).toEqual(Uint32Array.of(1234));
    expect(diffBytes(d)).toBeLessThan(10 * 1024);
    expect(diffBytes(diffSnapshot(null, next))).toBeGreaterThan(16384 * 17);
    expect(applyDiff(prev, wire(d))).toEqual(next);
  });

  it("sends only an entry's changed runs of resolved pages: one of 8,192 is a few hundred bytes", () => {
    const prev = snapshot(rngOf(9), 64);
    const runs: ResolvedRun[] = Array.from({ length: 8192 }, (_, i) => ({ address: 0x100000 + i * 0x2000, pages: 1, object: 3, offset: i * 0x2000, how: 'resident' }));
    const entry: EntrySnapshot = { id: 99, start: 0x100000, end: 0x100000 + 16384 * 0x1000, protection: 3, maxProtection: 7, inheritance: 1, needsCopy: false, shared: false, object: 3, offset: 0, resolved: runs };
    const before = { ...prev, tasks: [{ ...task(rngOf(10), 1), entries: [entry] }] };
    const changedRuns = runs.slice();
    changedRuns[5000] = { ...runs[5000], object: 4, pages: 2 };
    const after = { ...before, tasks: [{ ...before.tasks[0], entries: [{ ...entry, resolved: changedRuns }] }] };
    const d = diffSnapshot(before, after);
    expect(diffBytes(d)).toBeLessThan(1024);
    const rebuilt = applyDiff(before, wire(d));
    expect(rebuilt).toEqual(after);
    expect(rebuilt.tasks[0].entries[0].resolved[5000]).toEqual({ address: 0x100000 + 5000 * 0x2000, pages: 2, object: 4, offset: 5000 * 0x2000, how: 'resident' });
  });

  it("a task whose only change is one pmap mapping's protection is sent, with that mapping alone", () => {
    const prev = snapshot(rngOf(11), 16);
    const t = { ...task(rngOf(12), 1), pmap: [{ vpn: 1, frame: 3, prot: 3 }, { vpn: 2, frame: 4, prot: 3 }, { vpn: 5, frame: 6, prot: 3 }, { vpn: 9, frame: 7, prot: 3 }, { vpn: 12, frame: 8, prot: 3 }], pmapCount: 5 };
    const before = { ...prev, tasks: [t] };
    const after = { ...before, tasks: [{ ...t, pmap: t.pmap.map((m) => (m.vpn === 5 ? { ...m, prot: 1 } : m)) }] };
    const d = diffSnapshot(before, after);
    expect(d.tasks?.map((x) => x.pmap)).toEqual([{ set: [{ vpn: 5, frame: 6, prot: 1 }], removed: [] }]);
    expect(applyDiff(before, wire(d)).tasks[0].pmap[2]).toEqual({ vpn: 5, frame: 6, prot: 1 });
  });

  it("a frame whose only change is its first bytes is sent, with its preview", () => {
    const prev = snapshot(rngOf(13), 16);
    const next = { ...prev, framePreview: prev.framePreview.slice() };
    next.framePreview.set(new TextEncoder().encode('child da'), 5 * PREVIEW_BYTES);
    const d = diffSnapshot(prev, next);
    expect(d.rest?.frames.index).toEqual(Uint32Array.of(5));
    expect(new TextDecoder().decode(d.rest?.frames.preview)).toBe('child da');
    expect(applyDiff(prev, wire(d))).toEqual(next);
  });

  it('sends the whole tables when many frames changed or their number did', () => {
    const r = rngOf(8);
    const prev = snapshot(r, 400);
    const many = { ...prev, frameMaps: prev.frameMaps.map((x) => x + 1) };
    expect(diffSnapshot(prev, many).rest?.frames.index).toBeNull();
    const more = snapshot(r, 401);
    expect(diffSnapshot(prev, more).rest?.frames.index).toBeNull();
    const same = diffSnapshot(prev, prev);
    expect(same.rest?.frames.index?.length).toBe(0);
    expect(same.tasks ?? same.objects ?? same.pagers).toBeUndefined();
    expect(applyDiff(prev, wire(same))).toEqual(prev);
  });
});
