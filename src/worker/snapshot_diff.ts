/**
 * Snapshot diffs: what the worker sends per step. Tasks, objects and pagers travel only when they
 * changed since the last snapshot the UI has (compared by value); frames and the TLB are typed
 * arrays and small tables that are sent whole (transferred, not copied). The UI rebuilds the full
 * snapshot with applyDiff, so no step ever ships the whole object graph again.
 */
import type { MachineSnapshot, ObjectSnapshot, PagerSnapshot, TaskSnapshot } from '../kernel/snapshot';

export interface SnapshotDiff {
  /** Present when the receiver has nothing to apply the diff to (the first snapshot, or after a reset). */
  full?: MachineSnapshot;
  tasks?: TaskSnapshot[];
  removedTasks?: number[];
  objects?: ObjectSnapshot[];
  removedObjects?: number[];
  pagers?: PagerSnapshot[];
  rest?: Omit<MachineSnapshot, 'tasks' | 'objects' | 'pagers'>;
}

function changed<T extends { id: number }>(prev: readonly T[], next: readonly T[]): { changed: T[]; removed: number[] } {
  const before = new Map(prev.map((x) => [x.id, JSON.stringify(x)]));
  const out: T[] = [];
  for (const x of next) if (before.get(x.id) !== JSON.stringify(x)) out.push(x);
  const ids = new Set(next.map((x) => x.id));
  return { changed: out, removed: prev.filter((x) => !ids.has(x.id)).map((x) => x.id) };
}

export function diffSnapshot(prev: MachineSnapshot | null, next: MachineSnapshot): SnapshotDiff {
  if (prev === null) return { full: next };
  const t = changed(prev.tasks, next.tasks);
  const o = changed(prev.objects, next.objects);
  const d: SnapshotDiff = {};
  if (t.changed.length > 0) d.tasks = t.changed;
  if (t.removed.length > 0) d.removedTasks = t.removed;
  if (o.changed.length > 0) d.objects = o.changed;
  if (o.removed.length > 0) d.removedObjects = o.removed;
  if (JSON.stringify(prev.pagers) !== JSON.stringify(next.pagers)) d.pagers = next.pagers;
  const { tasks: _t, objects: _o, pagers: _p, ...rest } = next;
  d.rest = rest;
  return d;
}

function merge<T extends { id: number }>(prev: readonly T[], changedItems: readonly T[] | undefined, removed: readonly number[] | undefined): T[] {
  const byId = new Map(prev.map((x) => [x.id, x]));
  for (const id of removed ?? []) byId.delete(id);
  for (const x of changedItems ?? []) byId.set(x.id, x);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export function applyDiff(prev: MachineSnapshot | null, d: SnapshotDiff): MachineSnapshot {
  if (d.full !== undefined) return d.full;
  if (prev === null || d.rest === undefined) throw new Error('a snapshot diff needs the snapshot it was made against');
  return {
    ...d.rest,
    tasks: merge(prev.tasks, d.tasks, d.removedTasks),
    objects: merge(prev.objects, d.objects, d.removedObjects),
    pagers: d.pagers ?? prev.pagers,
  };
}

/** The typed arrays of a diff, to hand to postMessage's transfer list. */
export function transferablesOf(d: SnapshotDiff): ArrayBuffer[] {
  const s = d.full ?? d.rest;
  if (s === undefined) return [];
  return [s.frameOwner.buffer, s.frameOffset.buffer, s.frameFlags.buffer, s.frameMaps.buffer] as ArrayBuffer[];
}
