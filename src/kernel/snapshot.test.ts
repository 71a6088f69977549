import { describe, expect, it } from 'vitest';
import { Kernel, partsOf } from './kernel';
import { takeSnapshot } from './snapshot';
import { user_write, vm_allocate } from './vm_user';

const PS = 4096;
const byte = new Uint8Array([7]);

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
});
