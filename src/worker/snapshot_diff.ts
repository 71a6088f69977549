/**
 * Snapshot diffs: what the worker sends per step. Tasks, objects and pagers travel only when they
 * changed since the last snapshot the UI has (compared by value), and a changed task or object
 * carries only the map entries, pages and swapped offsets that changed (list_patch.ts), a changed map
 * entry only the runs of resolved pages that changed, a changed pmap (TaskSnapshot.pmap: a task
 * whose pmap changed counts as changed) only its changed mappings, by vpn. The frame
 * tables (and the frames' first bytes, framePreview) travel as the changed frames' indices and
 * values (frame_patch.ts), the TLB as its changed slots, so a step of a 16,384-frame machine costs a few hundred bytes instead of ~280 KiB. The
 * first snapshot is a diff against an empty machine (no tasks, every frame free). The UI
 * rebuilds the full snapshot with applyDiff: a new object with new frame arrays every time (the
 * previous snapshot may still be on screen, and React compares by identity), never writing prev.
 */
import { PREVIEW_BYTES, PREVIEW_FRAME_LIMIT } from '../kernel/snapshot_limits';
import type { EntrySnapshot, MachineSnapshot, ObjectSnapshot, PagerSnapshot, PmapEntrySnapshot, ResolvedRun, TaskSnapshot, TlbEntrySnapshot } from '../kernel/snapshot';
import { applyFrames, diffFrames, frameTransferables, type FramePatch } from './frame_patch';
import { applyList, diffList, sameValue, type ListPatch } from './list_patch';

/** A changed map entry: its fields, with its runs of resolved pages as a patch (against the entry of the same id). */
export type EntryDelta = Omit<EntrySnapshot, 'resolved'> & { resolved: ListPatch<ResolvedRun> };
/** A changed task: its fields, with its map entries and its pmap mappings as patches. */
export type TaskDelta = Omit<TaskSnapshot, 'entries' | 'pmap'> & { entries: ListPatch<EntryDelta>; pmap: ListPatch<PmapEntrySnapshot> };
/** A changed object: its fields, with its pages and swapped offsets as patches. */
export type ObjectDelta = Omit<ObjectSnapshot, 'pages' | 'swapped'> & { pages: ListPatch<[number, number]>; swapped: ListPatch<number> };

type Bulky = 'tasks' | 'objects' | 'pagers' | 'tlb' | 'frameOwner' | 'frameOffset' | 'frameFlags' | 'frameMaps' | 'framePreview';
/** Everything else of a snapshot (a few numbers), with the frames and the TLB as patches. */
export type SnapshotRest = Omit<MachineSnapshot, Bulky> & { frames: FramePatch; tlb: ListPatch<TlbEntrySnapshot> };

export interface SnapshotDiff {
  /**
   * Present when the receiver has nothing to apply the diff to (the first snapshot, or after a
   * reset): the diff is then made against an empty machine of this many frames (emptyMachine: no
   * tasks, objects, pagers or TLB entries, every frame table zero), so a big machine that uses few
   * of its frames costs little, and one that uses many sends its whole tables (copies, so
   * transferring them leaves the sender's snapshot whole).
   */
  fromEmpty?: number;
  tasks?: TaskDelta[];
  removedTasks?: number[];
  objects?: ObjectDelta[];
  removedObjects?: number[];
  pagers?: PagerSnapshot[];
  rest?: SnapshotRest;
}

const byId = (x: { id: number }) => x.id;
const byStart = (e: EntrySnapshot) => e.start;
const byAddress = (r: ResolvedRun) => r.address;
const byOffset = (p: [number, number]) => p[0];
const itself = (n: number) => n;
const bySlot = (e: TlbEntrySnapshot) => e.index;
const byVpn = (m: PmapEntrySnapshot) => m.vpn;

/** Items of next that differ from prev's item of the same id, and prev's ids next lacks. */
function changed<T extends { id: number }>(prev: readonly T[], next: readonly T[]): { changed: [T | undefined, T][]; removed: number[] } {
  const before = new Map(prev.map((x) => [x.id, x]));
  const out: [T | undefined, T][] = [];
  for (const x of next) {
    const p = before.get(x.id);
    if (p === undefined || !sameValue(p, x)) out.push([p, x]);
    before.delete(x.id);
  }
  return { changed: out, removed: [...before.keys()] };
}

function taskDelta(prev: TaskSnapshot | undefined, next: TaskSnapshot): TaskDelta {
  const before = prev?.entries ?? [];
  const patch = diffList(before, next.entries, byId);
  const prevById = new Map(before.map((e) => [e.id, e]));
  const delta = (e: EntrySnapshot): EntryDelta => ({ ...e, resolved: diffList(prevById.get(e.id)?.resolved ?? [], e.resolved, byAddress) });
  return {
    ...next, entries: 'all' in patch ? { all: patch.all.map(delta) } : { set: patch.set.map(delta), removed: patch.removed },
    pmap: diffList(prev?.pmap ?? [], next.pmap, byVpn),
  };
}

function objectDelta(prev: ObjectSnapshot | undefined, next: ObjectSnapshot): ObjectDelta {
  return { ...next, pages: diffList(prev?.pages ?? [], next.pages, byOffset), swapped: diffList(prev?.swapped ?? [], next.swapped, itself) };
}

/** A machine of `frames` free frames and nothing else: the base of a diff made against nothing. */
function emptyMachine(frames: number): MachineSnapshot {
  return {
    pageSize: 0, addressBits: 0, tlbEntries: 0, tlbWays: 0, tasks: [], objects: [], pagers: [],
    frameOwner: new Int32Array(frames), frameOffset: new Float64Array(frames), frameFlags: new Uint8Array(frames), frameMaps: new Int32Array(frames),
    framePreview: new Uint8Array(frames > PREVIEW_FRAME_LIMIT ? 0 : frames * PREVIEW_BYTES),
    tlb: [], freeFrames: frames, pageouts: 0, pageins: 0,
  };
}

export function diffSnapshot(prev: MachineSnapshot | null, next: MachineSnapshot): SnapshotDiff {
  if (prev === null) {
    const frames = next.frameOwner.length;
    return { fromEmpty: frames, ...diffSnapshot(emptyMachine(frames), next) };
  }
  const t = changed(prev.tasks, next.tasks);
  const o = changed(prev.objects, next.objects);
  const d: SnapshotDiff = {};
  if (t.changed.length > 0) d.tasks = t.changed.map(([p, x]) => taskDelta(p, x));
  if (t.removed.length > 0) d.removedTasks = t.removed;
  if (o.changed.length > 0) d.objects = o.changed.map(([p, x]) => objectDelta(p, x));
  if (o.removed.length > 0) d.removedObjects = o.removed;
  if (!sameValue(prev.pagers, next.pagers)) d.pagers = next.pagers;
  const { tasks: _t, objects: _o, pagers: _p, tlb, frameOwner: _fo, frameOffset: _ff, frameFlags: _fg, frameMaps: _fm, framePreview: _fp, ...scalars } = next;
  d.rest = { ...scalars, frames: diffFrames(prev, next), tlb: diffList(prev.tlb, tlb, bySlot) };
  return d;
}

/** prev's list by id with the removed ones dropped and the changed ones rebuilt, sorted by id. */
function merge<T extends { id: number }, D extends { id: number }>(prev: readonly T[], deltas: readonly D[] | undefined, removed: readonly number[] | undefined, rebuild: (p: T | undefined, d: D) => T): T[] {
  const ids = new Map(prev.map((x) => [x.id, x]));
  for (const id of removed ?? []) ids.delete(id);
  for (const d of deltas ?? []) ids.set(d.id, rebuild(ids.get(d.id), d));
  return [...ids.values()].sort((a, b) => a.id - b.id);
}

function applyTask(prev: TaskSnapshot | undefined, d: TaskDelta): TaskSnapshot {
  const before = prev?.entries ?? [];
  const prevById = new Map(before.map((e) => [e.id, e]));
  const entry = (x: EntryDelta): EntrySnapshot => ({ ...x, resolved: applyList(prevById.get(x.id)?.resolved ?? [], x.resolved, byAddress) });
  const patch: ListPatch<EntrySnapshot> = 'all' in d.entries ? { all: d.entries.all.map(entry) } : { set: d.entries.set.map(entry), removed: d.entries.removed };
  return { ...d, entries: applyList(before, patch, byId, byStart), pmap: applyList(prev?.pmap ?? [], d.pmap, byVpn) };
}

function applyObject(prev: ObjectSnapshot | undefined, d: ObjectDelta): ObjectSnapshot {
  return { ...d, pages: applyList(prev?.pages ?? [], d.pages, byOffset), swapped: applyList(prev?.swapped ?? [], d.swapped, itself) };
}

export function applyDiff(prev: MachineSnapshot | null, d: SnapshotDiff): MachineSnapshot {
  if (d.fromEmpty !== undefined) prev = emptyMachine(d.fromEmpty);
  if (prev === null || d.rest === undefined) throw new Error('a snapshot diff needs the snapshot it was made against');
  const { frames, tlb, ...scalars } = d.rest;
  return {
    ...scalars,
    ...applyFrames(prev, frames),
    tlb: applyList(prev.tlb, tlb, bySlot),
    tasks: merge(prev.tasks, d.tasks, d.removedTasks, applyTask),
    objects: merge(prev.objects, d.objects, d.removedObjects, applyObject),
    pagers: d.pagers ?? prev.pagers,
  };
}

/** The typed arrays of a diff, to hand to postMessage's transfer list (each is the diff's own). */
export function transferablesOf(d: SnapshotDiff): ArrayBuffer[] {
  return d.rest === undefined ? [] : frameTransferables(d.rest.frames);
}

/** About how many bytes a diff costs to send: its typed arrays' bytes plus the JSON of the rest. */
export function diffBytes(d: SnapshotDiff): number {
  let arrays = 0;
  const json = JSON.stringify(d, (_k, v: unknown) => {
    if (!ArrayBuffer.isView(v)) return v;
    arrays += v.byteLength;
    return undefined;
  });
  return arrays + json.length;
}
