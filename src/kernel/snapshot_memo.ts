/**
 * snapshot_memo: what a kernel's snapshots made, by id, for a machine that is made of new objects.
 * The caches of snapshot.ts (an object's snapshot, its sorted page list) and resolve.ts (an entry's
 * resolved runs) are keyed by the kernel's objects and entries themselves; a machine restored (a
 * checkpoint, the start of a replay) and run on has new ones, with the ids and, the kernel being
 * deterministic, mostly the contents of the ones snapshotted before. Those caches all missed, and
 * the snapshot after a 10,000-statement replay resolved every page of every entry again (51,649
 * runs, a sixth of the replay's time). Where they miss, the snapshot asks here:
 *
 *   object(id)   the ObjectSnapshot made last for an object of that id: snapshot.ts takes it when
 *                the new object's contents are the same (its page list compared pair by pair)
 *   entry(id)    the runs resolved last for an entry of that id, with the range, offset and chain
 *                (its objects' snapshots, top first) they were resolved for: resolve.ts takes them
 *                when the new entry has the same range and offset and its chain is made of the
 *                very same ObjectSnapshots (so of the same contents)
 *
 * Nothing is taken that is not equal: a snapshot's content is what it would be without this file.
 * One memo per kernel (snapshot.ts keeps them in a WeakMap: it goes with its kernel). It holds no
 * kernel object, only snapshot data, and at most SNAPSHOT_MEMO_IDS ids: past that it starts
 * again empty (ids are never reused in a run, so a long run's dead ones would otherwise pile up).
 */
import type { ObjectSnapshot, ResolvedRun } from './snapshot';

/** The most ids (objects and entries together) a kernel's snapshot memo holds: twice the playground's machine budget of 50,000 entries. */
export const SNAPSHOT_MEMO_IDS = 100_000;

/** An entry's resolved runs and what they were resolved for. */
export interface ResolvedFor {
  offset: number;
  start: number;
  end: number;
  /** The snapshots of the chain's objects, top first. */
  chain: ObjectSnapshot[];
  runs: ResolvedRun[];
}

export class SnapshotMemo {
  private readonly objects = new Map<number, ObjectSnapshot>();
  private readonly entries = new Map<number, ResolvedFor>();

  object(id: number): ObjectSnapshot | undefined {
    return this.objects.get(id);
  }

  entry(id: number): ResolvedFor | undefined {
    return this.entries.get(id);
  }

  keepObject(s: ObjectSnapshot): void {
    this.room();
    this.objects.set(s.id, s);
  }

  keepEntry(id: number, r: ResolvedFor): void {
    this.room();
    this.entries.set(id, r);
  }

  private room(): void {
    if (this.objects.size + this.entries.size < SNAPSHOT_MEMO_IDS) return;
    this.objects.clear();
    this.entries.clear();
  }
}

/** Two [offset, frame] lists with the same pairs in the same order. */
export function samePairs(a: readonly (readonly [number, number])[], b: readonly (readonly [number, number])[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i][0] !== b[i][0] || a[i][1] !== b[i][1]) return false;
  return true;
}

/** Two chains of the very same object snapshots. */
export function sameChain(a: readonly ObjectSnapshot[], b: readonly ObjectSnapshot[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
