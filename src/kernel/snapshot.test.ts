import { describe, expect, it } from 'vitest';
import { Kernel, partsOf } from './kernel';
import { PMAP_SNAPSHOT_LIMIT, PREVIEW_BYTES, PREVIEW_FRAME_LIMIT, takeSnapshot, type MachineSnapshot } from './snapshot';
import { user_write, vm_allocate } from './vm_user';
import { VM_PROT_READ, VM_PROT_WRITE } from './vm_param';

const PS = 4096;
const byte = new Uint8Array([7]);
const text = (s: string) => new TextEncoder().encode(s);

/** The first bytes of frame f as text (up to the first NUL). */
function previewOf(snap: MachineSnapshot, f: number): string {
  const bytes = snap.framePreview.subarray(f * PREVIEW_BYTES, (f + 1) * PREVIEW_BYTES);
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}

/** The frame of a task's page at addr, as its pmap maps it. */
function frameOf(snap: MachineSnapshot, task: number, addr: number): number {
  return snap.tasks.find((t) => t.id === task)!.pmap.find((m) => m.vpn === addr / PS)!.frame;
}

describe('takeSnapshot', () => {
  it('shares what did not change with the snapshot before (same object), and rebuilds what did', () => {
    const k = new Kernel({ frames: 64 });
    const A = k.createTask('A').id;
    const B = k.createTask('B').id;
    const a = vm_allocate(k, A, 0, 4 * PS, true).address;
    const b = vm_allocate(k, B, 0, 4 * PS, true).address;
    for (let i = 0; i < 3; i++) {
      user_write(k, A, a + i * PS, byte);
      user_write(k, B, b + i * PS, byte);
    }
    const s1 = takeSnapshot(k);
    const s2 = takeSnapshot(k);
    expect(s2.objects).toHaveLength(2);
    s2.objects.forEach((o, i) => expect(o).toBe(s1.objects[i]));

    user_write(k, B, b + 3 * PS, byte); // a new page in B's object only
    const s3 = takeSnapshot(k);
    const [oa, ob] = s3.objects;
    expect(oa).toBe(s1.objects[0]);
    expect(ob).not.toBe(s1.objects[1]);
    expect(ob.pages.map(([off]) => off)).toEqual([0, PS, 2 * PS, 3 * PS]);
    expect(s1.objects[1].pages).toHaveLength(3); // the earlier snapshot is untouched

    // a change of a field alone (a second reference) makes a new snapshot of the object too
    k.fork(A, 'C');
    const s4 = takeSnapshot(k);
    expect(s4.objects.find((o) => o.id === oa.id)!.refCount).not.toBe(oa.refCount);
  });

  it('page-table versions are never reused, across tables and machines (equal versions mean equal pages)', () => {
    const seen = new Set<number>();
    for (let m = 0; m < 3; m++) {
      const k = new Kernel({ frames: 16 });
      const A = k.createTask('A').id;
      const a = vm_allocate(k, A, 0, 2 * PS, true).address;
      user_write(k, A, a, byte);
      const C = k.fork(A, 'C')!.id;
      user_write(k, C, a, byte); // a copy-on-write copy in C's new object
      for (const o of partsOf(k).objects.live.values()) {
        if (o.pages.version === 0) continue;
        expect(seen.has(o.pages.version)).toBe(false);
        seen.add(o.pages.version);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(6);
  });

  it("carries each frame's first bytes: after a fork, the child's copy-on-write copy reads 'child da', the parent's page 'parent d'", () => {
    const k = new Kernel({ frames: 16 });
    const P = k.createTask('P').id;
    const x = vm_allocate(k, P, 0, 2 * PS, true).address;
    user_write(k, P, x, text('parent data'));
    const C = k.fork(P, 'C')!.id;
    user_write(k, C, x, text('child data!'));
    const s = takeSnapshot(k);
    expect(s.framePreview).toHaveLength(16 * PREVIEW_BYTES);
    // the copy-up took the parent's mapping of the old page down with it: its frame is its object's page 0
    const parentObject = s.tasks.find((t) => t.id === P)!.entries[0].object;
    const parentFrame = s.objects.find((o) => o.id === parentObject)!.pages[0][1];
    const childFrame = frameOf(s, C, x);
    expect(childFrame).not.toBe(parentFrame);
    expect(previewOf(s, parentFrame)).toBe('parent d');
    expect(previewOf(s, childFrame)).toBe('child da');
    // a free frame reads as zeros, whatever its bytes held before
    const free = [...s.frameOwner].findIndex((o) => o === 0);
    expect([...s.framePreview.subarray(free * PREVIEW_BYTES, (free + 1) * PREVIEW_BYTES)]).toEqual(new Array(PREVIEW_BYTES).fill(0));
  });

  it('carries no previews on a machine of more than PREVIEW_FRAME_LIMIT frames', () => {
    const k = new Kernel({ frames: PREVIEW_FRAME_LIMIT * 2 });
    const A = k.createTask('A').id;
    user_write(k, A, vm_allocate(k, A, 0, PS, true).address, text('big'));
    expect(takeSnapshot(k).framePreview).toHaveLength(0);
    const small = new Kernel({ frames: PREVIEW_FRAME_LIMIT });
    expect(takeSnapshot(small).framePreview).toHaveLength(PREVIEW_FRAME_LIMIT * PREVIEW_BYTES);
  });

  it("carries each task's pmap: after a fork with COPY the parent's page is r-- in its pmap while its map entry stays rw-", () => {
    const k = new Kernel({ frames: 16 });
    const P = k.createTask('P').id;
    const x = vm_allocate(k, P, 0, PS, true).address;
    user_write(k, P, x, text('parent data'));
    const before = takeSnapshot(k).tasks[0];
    expect(before.pmap).toEqual([{ vpn: x / PS, frame: frameOf(takeSnapshot(k), P, x), prot: VM_PROT_READ | VM_PROT_WRITE }]);
    k.fork(P, 'C');
    const parent = takeSnapshot(k).tasks.find((t) => t.id === P)!;
    expect(parent.entries[0].protection).toBe(VM_PROT_READ | VM_PROT_WRITE);
    expect(parent.pmap).toEqual([{ vpn: x / PS, frame: before.pmap[0].frame, prot: VM_PROT_READ }]);
    expect(parent.pmapCount).toBe(1);
    // the child has mapped nothing yet: its pmap is empty until it touches the page
    expect(takeSnapshot(k).tasks.find((t) => t.name === 'C')!.pmap).toEqual([]);
  });

  it('lists at most PMAP_SNAPSHOT_LIMIT mappings, the lowest vpns in order, and counts them all', () => {
    const k = new Kernel({ frames: 128 });
    const A = k.createTask('A').id;
    const n = PMAP_SNAPSHOT_LIMIT + 10;
    const a = vm_allocate(k, A, 0, n * PS, true).address;
    for (let i = n - 1; i >= 0; i--) user_write(k, A, a + i * PS, byte); // entered highest first
    const t = takeSnapshot(k).tasks[0];
    expect(t.pmapCount).toBe(n);
    expect(t.pmap.map((m) => m.vpn)).toEqual(Array.from({ length: PMAP_SNAPSHOT_LIMIT }, (_, i) => a / PS + i));
  });

  it("shares a task's pmap list between snapshots while its pmap is unchanged, and remakes it when it changes", () => {
    const k = new Kernel({ frames: 16 });
    const A = k.createTask('A').id;
    const a = vm_allocate(k, A, 0, 2 * PS, true).address;
    user_write(k, A, a, byte);
    const s1 = takeSnapshot(k);
    user_write(k, A, a, byte); // a TLB hit: the pmap is untouched
    const s2 = takeSnapshot(k);
    expect(s2.tasks[0].pmap).toBe(s1.tasks[0].pmap);
    user_write(k, A, a + PS, byte);
    const s3 = takeSnapshot(k);
    expect(s3.tasks[0].pmap).not.toBe(s1.tasks[0].pmap);
    expect(s3.tasks[0].pmap.map((m) => m.vpn)).toEqual([a / PS, a / PS + 1]);
    expect(s1.tasks[0].pmap).toHaveLength(1); // the earlier snapshot is untouched
  });
});
