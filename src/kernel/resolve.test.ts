/**
 * Resolved pages (resolve.ts, resolved_view.ts) against the kernel's own fault path: what the
 * snapshot says serves a page is what a read of it gets, in the cases where a pager cannot supply
 * the page (the walk goes on to the shadow), and for huge entries (random scenarios:
 * src/testing/resolved_vs_fault.property.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { Interpreter } from '../scenario/interpreter';
import { parseOrThrow } from '../scenario/parser';
import type { KernelEvent } from './events';
import { Kernel, partsOf } from './kernel';
import { resolvedView, type ResolvedPage } from './resolved_view';
import { takeSnapshot } from './snapshot';
import { translate } from './trap';
import { VM_PROT_READ } from './vm_param';
import { fileOverAnonymous, withoutCause } from './testkit';
import { user_write, vm_allocate } from './vm_user';

const PS = 4096;

function runTo(src: string, steps = Infinity): Interpreter {
  const it = new Interpreter(parseOrThrow(src));
  for (let i = 0; i < steps && !it.done; i++) it.step();
  return it;
}

/** What a read of `address` by task `id` does, traced: the frame it gets and the events. */
function readTraced(k: Kernel, id: number, address: number): { frame: number; events: KernelEvent[] } {
  const trace = k.startTrace();
  const frame = translate(partsOf(k).vm, partsOf(k).tasks.get(id)!, address, VM_PROT_READ);
  return { frame, events: trace.take() };
}

describe('resolved pages', () => {
  it("a file object whose pager cannot supply an offset: the page comes from its shadow, for the fault and for the snapshot", () => {
    const { k, A, address: a, F, L, frame: lFrame } = fileOverAnonymous();
    const view = resolvedView(takeSnapshot(k));
    const e = view.task(A)!.entries[0];
    expect(e.resolved).toEqual([
      { address: a, pages: 1, object: F.id, offset: 0, how: 'pager' },
      { address: a + PS, pages: 1, object: L.id, offset: PS, how: 'resident' },
    ]);
    expect(view.pageAt(A, a + PS)).toEqual({ address: a + PS, object: L.id, offset: PS, frame: lFrame, how: 'resident' });

    // the kernel: F's pager is not asked for 0x1000 (past its data), L's page is mapped read-only
    const read = readTraced(k, A, a + PS);
    expect(read.frame).toBe(lFrame);
    expect(read.events.filter((x) => x.type.startsWith('memory_object'))).toEqual([]);
    // and page 0 is the file's: its pager supplies it
    const first = readTraced(k, A, a);
    expect(first.events.find((x) => x.type === 'memory_object_data_supply')).toMatchObject({ object: F.id, offset: 0, pager: 'F' });
    expect(partsOf(k).mem.page(first.frame).subarray(0, 4)).toEqual(new TextEncoder().encode('file'));
  });

  it("an object whose default pager lacks a page: the fault asks, hears data_unavailable, and reads the page below, as the snapshot says", () => {
    // B's shadow S holds page 0 only, in swap (evicted); page 0x1000 is still A's, below S
    const src = `config frames=4
task A
kr = vm_allocate(A, &x, 0x2000, TRUE)
kr = write(A, x, "a0")
kr = write(A, x + 0x1000, "a1")
task B = fork(A)
kr = write(B, x, "b0")
task C
kr = vm_allocate(C, &y, 0x3000, TRUE)
kr = write(C, y, "c")
kr = write(C, y + 0x1000, "c")
kr = write(C, y + 0x2000, "c")
kr = read(A, x + 0x1000, 2, &v)
`;
    const it = runTo(src);
    const k = it.kernel;
    const B = it.tasks.get('B')!;
    const snap = takeSnapshot(k);
    const view = resolvedView(snap);
    const e = view.task(B)!.entries[0];
    const S = view.object(e.object)!;
    expect(S.swapped).toContain(0);
    expect(S.pages.some(([off]) => off === PS)).toBe(false);
    const page = view.pageAt(B, e.start + PS)!;
    expect(page.object).not.toBe(S.id);
    expect(page.how).toBe('resident');
    const read = readTraced(k, B, e.start + PS);
    expect(read.frame).toBe(page.frame);
    expect(read.events.filter((x) => x.type.startsWith('memory_object')).map(withoutCause)).toEqual([
      { type: 'memory_object_data_request', object: S.id, offset: PS, pager: 'default pager' },
      { type: 'memory_object_data_unavailable', object: S.id, offset: PS, pager: 'default pager' },
    ]);
  });

  it('a 2^36-byte entry costs the pages its chain holds: two runs, found without visiting its 2^24 pages', () => {
    const it = runTo('config address_bits=40\ntask A\nkr = vm_allocate(A, &x, 0x1000000000, TRUE)\nkr = write(A, x + 0x5000, "a")\ntask B = fork(A)\nkr = write(B, x + 0xfff000000, "b")\n');
    const snap = takeSnapshot(it.kernel);
    const view = resolvedView(snap);
    const e = view.task(it.tasks.get('B')!)!.entries[0];
    expect(e.resolved.map((r) => [r.address - e.start, r.pages, r.object === e.object])).toEqual([
      [0x5000, 1, false],
      [0xfff000000, 1, true],
    ]);
    const pages: ResolvedPage[] = [];
    view.forEachPage(e, (p) => void pages.push(p));
    expect(pages.map((p) => p.frame)).toEqual(pages.map((p) => view.frameOf(p.object, p.offset)));
    expect(pages.every((p) => p.frame >= 0)).toBe(true);
  });

  it('contiguous pages of one object make one run; consecutive snapshots share what did not change', () => {
    const k = new Kernel({ frames: 64 });
    const A = k.createTask('A').id;
    const B = k.createTask('B').id;
    const a = vm_allocate(k, A, 0, 8 * PS, true).address;
    const b = vm_allocate(k, B, 0, 8 * PS, true).address;
    for (let i = 0; i < 6; i++) user_write(k, A, a + i * PS, new Uint8Array([i]));
    user_write(k, B, b, new Uint8Array([1]));
    const s1 = takeSnapshot(k);
    const runsA = s1.tasks[0].entries[0].resolved;
    expect(runsA).toEqual([{ address: a, pages: 6, object: s1.tasks[0].entries[0].object, offset: 0, how: 'resident' }]);
    user_write(k, B, b + 2 * PS, new Uint8Array([2])); // B's entry changes, A's does not
    const s2 = takeSnapshot(k);
    expect(s2.tasks[0].entries[0].resolved).toBe(runsA);
    const runsB = s2.tasks[1].entries[0].resolved;
    expect(runsB.map((r) => [r.address - b, r.pages])).toEqual([[0, 1], [2 * PS, 1]]);
    expect(runsB[0]).toBe(s1.tasks[1].entries[0].resolved[0]); // the unchanged run is the same record
  });
});
