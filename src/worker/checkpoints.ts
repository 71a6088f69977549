/**
 * Replay checkpoints: frozen copies of the machine (state_clone.ts) taken now and then while a
 * session runs forward, so that going back restores the nearest one at or before the target and
 * replays only the statements after it, instead of every statement from the start.
 *
 *   statements  0 ─────────────────────────────────────────────── N
 *   checkpoints      c1        c2        c3        c4        c5
 *   goto(k):                        restore c3 ──replay──▶ k
 *
 * Costs are counted in the interpreter's work units (interpreter.ts: MAX_WORK; about a µs each),
 * so where checkpoints fall is deterministic: freezing one reads every buffer (a unit per 4 KiB)
 * and copies every object (three units each); restoring one writes only what it stored (all-zero
 * 4 KiB chunks are left out) and rebuilds the objects (restoreWork). A checkpoint is taken once
 * the statements since the one before did RATIO times the work of freezing the machine (the last
 * freeze's, grown as it grew between the last two; before the first, the machine's size), and at
 * least MIN_WORK (replaying less is quick anyway); and only while all freezing so far stays
 * within MAX_OVERHEAD (half) of the work run so far. That bound matters when the machine grows
 * with the work (each fork adds a map of entries): the spacing alone would then let the freezes
 * cost more than the statements. Going back costs a restore plus at most one spacing of replay
 * (more where the overhead bound left a gap). The session picks, for each goto, the cheapest of
 * stepping on from where it is, restoring the nearest checkpoint at or before the target, and
 * starting afresh.
 *
 * Huge machines are not checkpointed: over MAX_MACHINE (128 MiB) of buffers, e.g. 16,384 frames
 * of 16 KiB, one freeze reads so much memory (page faults on every never-touched page included)
 * that a load would take much longer, for a step back that replays at most MAX_WORK anyway.
 *
 * Memory: at most MAX_COUNT checkpoints and BUDGET bytes. Past either bound every other
 * checkpoint goes (evenly thinned, the latest kept) and the spacing doubles. A single checkpoint
 * over BUDGET / 4 (a machine with more than 32 MiB of non-zero memory and tables, which the limits
 * allow: 65,536 frames of 16 KiB, files of 64 MiB) is not kept: such a machine replays from an
 * earlier checkpoint or from the start, as it did before checkpoints existed (and the spacing
 * doubles, so a machine that stays that big is frozen less and less often).
 */
import type { CopyStats, Frozen } from './state_clone';

export interface CheckpointPolicy {
  /** Bytes all checkpoints may hold together (as stored). */
  budget: number;
  maxCount: number;
  /** Work between checkpoints, in multiples of the work of freezing one. */
  ratio: number;
  /** The least work between checkpoints. */
  minWork: number;
  /** All freezing together may cost at most this fraction of the work run so far. */
  maxOverhead: number;
  /** Machines with more bytes of buffers than this are not checkpointed at all (freezing reads every byte). */
  maxMachine: number;
  /** Tests: going back always restores the nearest checkpoint there is, however cheap a replay. */
  alwaysRestore?: boolean;
}

const MIB = 1024 * 1024;

export const DEFAULT_CHECKPOINT_POLICY: Readonly<CheckpointPolicy> = { budget: 128 * MIB, maxCount: 64, ratio: 1, minWork: 1024, maxOverhead: 0.5, maxMachine: 128 * MIB };

export interface Checkpoint<T extends object> {
  /** Statements run. */
  position: number;
  /** The interpreter's work units done by then. */
  work: number;
  state: Frozen<T>;
}

/** Buffer bytes read or written per work unit. */
const BYTES_PER_UNIT = 4096;
/** Work units of copying one object (measured: a map entry costs about three times a unit of a fork's work). */
const OBJECT_UNITS = 3;

/** Work units of freezing a machine of these stats. */
export function freezeWork(s: Readonly<CopyStats>): number {
  return s.scanned / BYTES_PER_UNIT + OBJECT_UNITS * s.objects;
}

/**
 * Work units of restoring a checkpoint of these stats: the new buffers (allocating them and
 * collecting the skeleton's costs about half a unit per 4 KiB), the bytes written into them (four
 * units per 4 KiB, as new memory costs page faults), the objects.
 */
export function restoreWork(s: Readonly<CopyStats>): number {
  return (s.scanned / 2 + 4 * s.stored) / BYTES_PER_UNIT + OBJECT_UNITS * s.objects;
}

export class Checkpoints<T extends object> {
  private list: Checkpoint<T>[] = [];
  private bytes = 0;
  /** Doubles each time the checkpoints are thinned. */
  private scale = 1;
  /** The work of every freeze so far. */
  private spent = 0;

  /** What the last freeze cost, at what work; and how fast that cost grew with the work between the last two. */
  private lastCost: number;
  private lastWork = 0;
  private growth = 0;
  /** False for a machine too big to checkpoint. */
  readonly enabled: boolean;

  constructor(
    private readonly policy: Readonly<CheckpointPolicy> = DEFAULT_CHECKPOINT_POLICY,
    /** The machine's size before it runs (state_clone sizeOf): what freezing it costs until one is frozen. */
    size: Readonly<CopyStats> = { objects: 0, scanned: 0, stored: 0 },
  ) {
    this.lastCost = freezeWork(size);
    this.enabled = size.scanned <= policy.maxMachine;
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

  /** What freezing the machine would cost after `work` units: the last freeze's, grown as it grew before. */
  costAt(work: number): number {
    return this.lastCost + this.growth * Math.max(0, work - this.lastWork);
  }

  /**
   * Whether to take a checkpoint now: `work` units have been run, `sinceLast` of them since the
   * checkpoint before this point, and freezing fits in the overhead allowed so far.
   */
  due(work: number, sinceLast: number): boolean {
    const cost = this.costAt(work);
    return sinceLast >= this.spacingAt(work) && this.spent + cost <= this.policy.maxOverhead * work;
  }

  /** The work that should separate a checkpoint at `work` from the one before it. */
  spacingAt(work: number): number {
    if (!this.enabled) return Infinity;
    return this.scale * Math.max(this.policy.minWork, this.policy.ratio * this.costAt(work));
  }

  /** Keeps a checkpoint (or only learns what it cost, when it is too big to keep). */
  add(c: Checkpoint<T>): void {
    const cost = freezeWork(c.state.stats);
    if (c.work > this.lastWork && this.spent > 0) this.growth = Math.max(0, (cost - this.lastCost) / (c.work - this.lastWork));
    this.lastCost = cost;
    this.lastWork = c.work;
    this.spent += cost;
    if (c.state.bytes > this.policy.budget / 4) {
      this.scale *= 2; // the machine is too big to keep: try less often
      return;
    }
    const i = this.list.findIndex((x) => x.position >= c.position);
    if (i >= 0 && this.list[i].position === c.position) return;
    this.list.splice(i < 0 ? this.list.length : i, 0, c);
    this.bytes += c.state.bytes;
    while (this.list.length > this.policy.maxCount || this.bytes > this.policy.budget) this.thin();
  }

  /** Drops every other checkpoint, keeping the latest, and doubles the spacing. */
  private thin(): void {
    const last = this.list.length - 1;
    this.list = this.list.filter((c, i) => {
      const keep = (last - i) % 2 === 0;
      if (!keep) this.bytes -= c.state.bytes;
      return keep;
    });
    this.scale *= 2;
  }
}
