/**
 * Replay checkpoints: saves of the machine (Interpreter.save, Kernel.save: plain data, see
 * kernel/kernel_state.ts) taken now and then while a session runs forward, so that going back
 * restores the nearest one at or before the target and replays only the statements after it,
 * instead of every statement from the start.
 *
 *   statements  0 ─────────────────────────────────────────────── N
 *   checkpoints      c1        c2        c3        c4        c5
 *   goto(k):                        restore c3 ──replay──▶ k
 *
 * Costs are counted in the interpreter's work units (interpreter.ts: MAX_WORK; about a µs each), so
 * where checkpoints fall is deterministic: a save reads the per-frame tables and every used frame
 * (a unit per 2 KiB scanned) and copies the rest of the machine (a unit per 2 KiB stored, and a
 * unit per record); a restore writes back what the save stored and rebuilds its records
 * (restoreWork). A checkpoint is taken once the statements since the one before did RATIO times the
 * work of saving the machine (the last save's, grown as it grew between the last two; before the
 * first, a save of the machine before it ran), and at least MIN_WORK (2,048 units, 2 to 3 ms of
 * replay: measured, 1,024 doubled the load's CPU time at 10,000 statements, mostly the collector's
 * work on the saves kept, for a step back 1 ms shorter); and only while all saving so far stays
 * within MAX_OVERHEAD (half) of the work run so far. That bound matters when the machine grows with
 * the work (each fork adds a map of entries): the spacing alone would then let the saves cost more
 * than the statements. Going back costs a restore plus at most one spacing of replay (more where
 * the overhead bound left a gap). The session picks, for each goto, the cheapest of stepping on
 * from where it is, restoring the nearest checkpoint at or before the target, and starting afresh.
 *
 * A save holds what the machine uses, not its size (frames are saved sparsely; pages the machine
 * never writes in place are shared, not copied), so a big machine is checkpointed like a small
 * one. Only while a machine uses more than MAX_IN_USE (128 MiB) of frames is it not saved: a save
 * would copy them all, for a step back that replays at most MAX_WORK anyway.
 *
 * Memory: at most MAX_COUNT checkpoints and BUDGET bytes. Past either bound every other
 * checkpoint goes (evenly thinned, the latest kept) and the spacing doubles. A single checkpoint
 * over BUDGET / 4 (a machine with more than 32 MiB of non-zero memory in use and tables) is not
 * kept: such a machine replays from an earlier checkpoint or from the start, as it did before
 * checkpoints existed (and the spacing doubles, so a machine that stays that big is saved less and
 * less often). Nor is a save made that would be thrown away: one is not due while the frames in
 * use, at the bytes the last save held per byte of frames in use, come to more than BUDGET / 4 (a
 * save of 16,384 written pages copies 64 MiB: 150-500 ms of a background run, for nothing).
 */
import type { StateSize } from '../kernel/kernel_state';

export interface CheckpointPolicy {
  /** Bytes all checkpoints may hold together (as stored). */
  budget: number;
  maxCount: number;
  /** Work between checkpoints, in multiples of the work of saving one. */
  ratio: number;
  /** The least work between checkpoints. */
  minWork: number;
  /** All saving together may cost at most this fraction of the work run so far. */
  maxOverhead: number;
  /** A machine using more bytes of frames than this is not saved while it does (a save copies them). */
  maxInUse: number;
  /** Tests: going back always restores the nearest checkpoint there is, however cheap a replay. */
  alwaysRestore?: boolean;
}

const MIB = 1024 * 1024;

export const DEFAULT_CHECKPOINT_POLICY: Readonly<CheckpointPolicy> = { budget: 128 * MIB, maxCount: 64, ratio: 1, minWork: 2048, maxOverhead: 0.5, maxInUse: 128 * MIB };

export interface Checkpoint<T> {
  /** Statements run. */
  position: number;
  /** The interpreter's work units done by then. */
  work: number;
  /** The saved machine: plain data, never written (restoring copies out of it). */
  state: T;
  /** What it holds and what making it cost (kernel_state.ts stateSize). */
  size: Readonly<StateSize>;
}

/** Buffer bytes read or written per work unit (a save allocates what it stores: the collector's share counts too). */
const BYTES_PER_UNIT = 2048;
/**
 * Work units a save spends per record (map entries, objects, pages in swap...), and a restore: it
 * makes an object of each and links it, and the collector then has them to trace. Measured against
 * the run's own units on 282 tasks of 500 map entries each: a save about 0.5 to 1 unit a record,
 * the collector's share included, a restore about 2.
 */
const UNITS_PER_SAVED = 1;
const UNITS_PER_RESTORED = 2;
/** Bytes counted per record beyond its typed arrays, for a checkpoint's size. */
const RECORD_BYTES = 16;

/** Work units of saving a machine: what it reads, what it stores, its records. */
export function saveWork(s: Readonly<StateSize>): number {
  return (s.scanned + s.stored) / BYTES_PER_UNIT + UNITS_PER_SAVED * s.records;
}

/** Work units of restoring a save (into the machine in use): writing back what it stored, rebuilding the records. */
export function restoreWork(s: Readonly<StateSize>): number {
  return s.stored / BYTES_PER_UNIT + UNITS_PER_RESTORED * s.records;
}

/** About how many bytes a checkpoint holds. */
export function storedBytes(s: Readonly<StateSize>): number {
  return s.stored + RECORD_BYTES * s.records;
}

export class Checkpoints<T> {
  private list: Checkpoint<T>[] = [];
  private bytes = 0;
  /** Doubles each time the checkpoints are thinned. */
  private scale = 1;
  /** The work of every save so far. */
  private spent = 0;

  /** Bytes the last save held per byte of frames in use then (frames all zero are not held), and the frames in use when one was last due. */
  private storedPerInUse = 0;
  private dueInUse = 0;

  /** What the last save cost, at what work; and how fast that cost grew with the work between the last two. */
  private lastCost: number;
  private lastWork = 0;
  private growth = 0;

  constructor(
    private readonly policy: Readonly<CheckpointPolicy> = DEFAULT_CHECKPOINT_POLICY,
    /** The size of a save of the machine before it runs: what saving it costs until one is made. */
    size: Readonly<StateSize> = { records: 0, scanned: 0, stored: 0 },
  ) {
    this.lastCost = saveWork(size);
  }

  get count(): number {
    return this.list.length;
  }

  get storedBytes(): number {
    return this.bytes;
  }

  positions(): number[] {
    return this.list.map((c) => c.position);
  }

  /** The checkpoint with the largest position ≤ position, or null. */
  atOrBefore(position: number): Checkpoint<T> | null {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid].position <= position) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? null : this.list[lo - 1];
  }

  /** What saving the machine would cost after `work` units: the last save's, grown as it grew before. */
  costAt(work: number): number {
    return this.lastCost + this.growth * Math.max(0, work - this.lastWork);
  }

  /**
   * Whether to take a checkpoint now: `work` units have been run, `sinceLast` of them since the
   * checkpoint before this point, saving fits in the overhead allowed so far, and the machine uses
   * no more than maxInUse bytes of frames (`inUse`).
   */
  due(work: number, sinceLast: number, inUse: number): boolean {
    const cost = this.costAt(work);
    const due =
      inUse <= this.policy.maxInUse && inUse * this.storedPerInUse <= this.policy.budget / 4 && sinceLast >= this.spacingAt(work) && this.spent + cost <= this.policy.maxOverhead * work;
    if (due) this.dueInUse = inUse;
    return due;
  }

  /** The work that should separate a checkpoint at `work` from the one before it. */
  spacingAt(work: number): number {
    return this.scale * Math.max(this.policy.minWork, this.policy.ratio * this.costAt(work));
  }

  /** Keeps a checkpoint (or only learns what it cost, when it is too big to keep). */
  add(c: Checkpoint<T>): void {
    const cost = saveWork(c.size);
    if (c.work > this.lastWork && this.spent > 0) this.growth = Math.max(0, (cost - this.lastCost) / (c.work - this.lastWork));
    this.lastCost = cost;
    this.lastWork = c.work;
    this.spent += cost;
    const bytes = storedBytes(c.size);
    if (this.dueInUse > 0) this.storedPerInUse = bytes / this.dueInUse;
    if (bytes > this.policy.budget / 4) {
      this.scale *= 2; // the machine is too big to keep: try less often
      return;
    }
    const i = this.list.findIndex((x) => x.position >= c.position);
    if (i >= 0 && this.list[i].position === c.position) return;
    this.list.splice(i < 0 ? this.list.length : i, 0, c);
    this.bytes += bytes;
    while (this.list.length > this.policy.maxCount || this.bytes > this.policy.budget) this.thin();
  }

  /** Drops every other checkpoint, keeping the latest, and doubles the spacing. */
  private thin(): void {
    const last = this.list.length - 1;
    this.list = this.list.filter((c, i) => {
      const keep = (last - i) % 2 === 0;
      if (!keep) this.bytes -= storedBytes(c.size);
      return keep;
    });
    this.scale *= 2;
  }
}
