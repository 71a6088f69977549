import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { takeSnapshot } from '../../kernel/snapshot';
import { pathFor } from './path';
import { keys } from './keys';

describe('pathFor', () => {
  it('follows a huge entry (2^36 bytes, 2^24 pages) to the few pages it holds, without visiting every page', () => {
    const it = new Interpreter(parseOrThrow('config address_bits=40\ntask A\nkr = vm_allocate(A, &x, 0x1000000000, TRUE)\nkr = write(A, x + 0x5000, "a")\ntask B = fork(A)\nkr = write(B, x + 0xfff000000, "b")\n'));
    while (!it.done) it.step();
    const snap = takeSnapshot(it.kernel);
    const B = snap.tasks.find((t) => t.name === 'B')!;
    const e = B.entries[0];
    const path = pathFor(snap, keys.entry(e.id));
    const top = snap.objects.find((o) => o.id === e.object)!;
    const below = snap.objects.find((o) => o.id === top.shadow)!;
    // B's own copy of its page at 0xfff000000, and the page at 0x5000 it still reads from A's object
    expect(path.has(keys.page(top.id, top.pages[0][0]))).toBe(true);
    expect(path.has(keys.page(below.id, 0x5000))).toBe(true);
    expect(path.has(keys.frame(top.pages[0][1]))).toBe(true);
    expect(path.has(keys.frame(below.pages[0][1]))).toBe(true);
    expect([...path].filter((k) => k.startsWith('page:'))).toHaveLength(2);
    expect(pathFor(snap, keys.object(below.id)).has(keys.page(below.id, 0x5000))).toBe(true);
  });
});
