/**
 * The snapshot memo (snapshot_memo.ts): a machine restored and run on is made of new objects and
 * entries; its snapshot takes what earlier snapshots made for their ids only where the contents
 * are equal. Each case compares with the snapshot of a new kernel that made the same calls (no
 * memo, nothing to share), and checks what was shared.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { takeSnapshot, type MachineSnapshot } from './snapshot';
import { SnapshotMemo, SNAPSHOT_MEMO_IDS } from './snapshot_memo';
import { user_write, vm_allocate, vm_deallocate, vm_map } from './vm_user';
import { VM_INHERIT_COPY, VM_PROT_ALL, VM_PROT_DEFAULT } from './vm_param';

const PS = 4096;
const CONFIG = { frames: 6 };
const text = (s: string) => new TextEncoder().encode(s);

/** Task A with a file F mapped copy-on-write and anonymous memory; a fork B that writes over both (so chains, and pageouts with 6 frames). */
function firstCalls(k: Kernel): void {
  const A = k.createTask('A').id;
  const port = k.declarePager('F', 4 * PS, text('file page 0'));
  const f = vm_map(k, A, 0, 4 * PS, 0, true, port, 0, true, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY).address;
  const x = vm_allocate(k, A, 0, 8 * PS, true).address;
  for (let i = 0; i < 8; i += 2) user_write(k, A, x + i * PS, text(`a${i}`));
  user_write(k, A, f + PS, text('A over the file'));
  const B = k.fork(A, 'B')!.id;
  for (let i = 0; i < 8; i += 3) user_write(k, B, x + i * PS, text(`b${i}`));
  user_write(k, B, f, text('B over the file'));
}

/** Other calls on the same start: the same ids come back with other ranges, pages and frames. */
function otherCalls(k: Kernel): void {
  const A = k.createTask('A').id;
  const port = k.declarePager('F', 4 * PS, text('file page 0'));
  const x = vm_allocate(k, A, 0, 8 * PS, true).address; // gets the ids the file's object and entry had
  for (let i = 7; i >= 0; i -= 2) user_write(k, A, x + i * PS, text(`c${i}`)); // other offsets, other frame order
  const f = vm_map(k, A, 0, 2 * PS, 0, true, port, 0, true, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY).address;
  user_write(k, A, f, text('A again'));
  const B = k.fork(A, 'B')!.id;
  vm_deallocate(k, B, x, 2 * PS);
  for (let i = 4; i < 8; i++) user_write(k, B, x + i * PS, text(`d${i}`));
}

/** The snapshot a new kernel gives after `calls` (nothing for it to share). */
function fresh(calls: (k: Kernel) => void): MachineSnapshot {
  const k = new Kernel(CONFIG);
  calls(k);
  return takeSnapshot(k);
}

const runsOf = (s: MachineSnapshot) => s.tasks.flatMap((t) => t.entries.map((e) => e.resolved));

describe('snapshot memo', () => {
  it('a machine restored and run again gives the same snapshot, its objects and runs shared with the snapshot before', () => {
    const k = new Kernel(CONFIG);
    const start = k.save();
    firstCalls(k);
    const before = takeSnapshot(k);
    expect(before.pageouts).toBeGreaterThan(0); // swap is part of what is compared
    k.restore(start);
    takeSnapshot(k); // the small machine in between (as a goto to step 1 takes)
    firstCalls(k);
    const again = takeSnapshot(k);
    expect(again).toEqual(fresh(firstCalls));
    expect(again.objects.length).toBeGreaterThan(3);
    again.objects.forEach((o, i) => expect(o).toBe(before.objects[i]));
    const runs = runsOf(again);
    expect(runs.some((r) => r.length > 0)).toBe(true);
    runs.forEach((r, i) => expect(r).toBe(runsOf(before)[i]));
  });

  it('the same ids with other contents after a restore: the snapshot is the one of those calls, nothing stale taken', () => {
    const k = new Kernel(CONFIG);
    const start = k.save();
    firstCalls(k);
    const before = takeSnapshot(k);
    k.restore(start);
    otherCalls(k);
    const other = takeSnapshot(k);
    expect(other).toEqual(fresh(otherCalls));
    expect(other).not.toEqual(before);
    // and back: the first calls again are the first snapshot again
    k.restore(start);
    firstCalls(k);
    expect(takeSnapshot(k)).toEqual(before);
  });

  it('the same pages of the same object in other frames: the object is snapshotted anew', () => {
    const writes = (order: number[]) => (k: Kernel) => {
      const A = k.createTask('A').id;
      const x = vm_allocate(k, A, 0, 2 * PS, true).address;
      for (const i of order) user_write(k, A, x + i * PS, text(`p${i}`));
    };
    const k = new Kernel(CONFIG);
    const start = k.save();
    writes([0, 1])(k);
    const before = takeSnapshot(k);
    k.restore(start);
    writes([1, 0])(k);
    const after = takeSnapshot(k);
    expect(after).toEqual(fresh(writes([1, 0])));
    expect(after.objects[0].pages.map(([, frame]) => frame)).toEqual([...before.objects[0].pages.map(([, frame]) => frame)].reverse());
  });

  it(`holds at most SNAPSHOT_MEMO_IDS ids (${SNAPSHOT_MEMO_IDS.toLocaleString('en')}), then starts again`, () => {
    const memo = new SnapshotMemo();
    const objectOf = (id: number) => ({ id, size: PS, refCount: 1, shadow: 0, shadowOffset: 0, copy: 0, pager: null, copyStrategy: 'symmetric', pages: [], swapped: [], cached: false });
    for (let id = 1; id < SNAPSHOT_MEMO_IDS; id++) memo.keepObject(objectOf(id));
    expect(memo.object(1)?.id).toBe(1);
    memo.keepEntry(7, { offset: 0, start: 0, end: PS, chain: [], runs: [] }); // the 100,000th id
    expect(memo.object(1)?.id).toBe(1);
    memo.keepObject(objectOf(SNAPSHOT_MEMO_IDS));
    expect(memo.object(1)).toBeUndefined();
    expect(memo.entry(7)).toBeUndefined();
    expect(memo.object(SNAPSHOT_MEMO_IDS)?.id).toBe(SNAPSHOT_MEMO_IDS);
  });
});
