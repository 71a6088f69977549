import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { takeSnapshot } from '../../kernel/snapshot';
import { fileOverAnonymous } from '../../kernel/testkit';
import { user_translate } from '../../kernel/vm_user';
import { VM_PROT_READ } from '../../kernel/vm_param';
import { resolvedView } from '../../kernel/resolved_view';
import { randomScenario } from '../../worker/random_scenario';
import { ref, refKey, type RefSet } from './element_ref';
import { pathFor } from './path';

const framesOf = (path: RefSet) => [...path].flatMap((r) => (r.kind === 'frame' ? [r.frame] : [])).sort((a, b) => a - b);

describe('pathFor', () => {
  it('follows a huge entry (2^36 bytes, 2^24 pages) to the few pages it holds, without visiting every page', () => {
    const it = new Interpreter(parseOrThrow('config address_bits=40\ntask A\nkr = vm_allocate(A, &x, 0x1000000000, TRUE)\nkr = write(A, x + 0x5000, "a")\ntask B = fork(A)\nkr = write(B, x + 0xfff000000, "b")\n'));
    while (!it.done) it.step();
    const snap = takeSnapshot(it.kernel);
    const B = snap.tasks.find((t) => t.name === 'B')!;
    const e = B.entries[0];
    const path = pathFor(snap, ref.entry(e.id));
    const top = snap.objects.find((o) => o.id === e.object)!;
    const below = snap.objects.find((o) => o.id === top.shadow)!;
    // B's own copy of its page at 0xfff000000, and the page at 0x5000 it still reads from A's object
    expect([...path].filter((r) => r.kind === 'page').map(refKey).sort()).toEqual([refKey(ref.page(below.id, 0x5000)), refKey(ref.page(top.id, top.pages[0][0]))].sort());
    expect(framesOf(path)).toEqual([top.pages[0][1], below.pages[0][1]].sort((a, b) => a - b));
    expect(pathFor(snap, ref.object(below.id)).has(ref.page(below.id, 0x5000))).toBe(true);
  });

  it("agrees with the kernel where a file's pager cannot supply a page: the path goes on to the shadow's page and frame", () => {
    const { k, A, address, F, L, frame } = fileOverAnonymous();
    const snap = takeSnapshot(k);
    const entry = snap.tasks[0].entries[0];
    const path = pathFor(snap, ref.entry(entry.id));
    // page 0x1000 is L's, in `frame` (a chain walk that stops at F's pager never reached it)
    expect(path.has(ref.page(L.id, 0x1000))).toBe(true);
    expect(framesOf(path)).toEqual([frame]);
    expect(path.has(ref.pager('F'))).toBe(true); // page 0 comes from the file
    expect(path.has(ref.object(F.id)) && path.has(ref.object(L.id))).toBe(true);
    expect(user_translate(k, A, address + 0x1000, VM_PROT_READ)).toBe(frame);
  });

  it('random scenarios: the frames on an entry\'s path are exactly those its task reads at the entry\'s resident pages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 5, max: 90 }), (seed, steps) => {
        const it = new Interpreter(parseOrThrow(randomScenario(seed, 90)));
        for (let i = 0; i < steps && !it.done; i++) it.step();
        const k = it.kernel;
        const snap = takeSnapshot(k);
        const view = resolvedView(snap);
        for (const t of snap.tasks) {
          if (!t.alive) continue;
          for (const e of t.entries) {
            if ((e.protection & VM_PROT_READ) === 0) continue;
            const read = new Set<number>();
            view.forEachPage(e, (p) => {
              // a read of a resident page allocates nothing: this machine itself answers
              if (p.how === 'resident') read.add(user_translate(k, t.id, p.address, VM_PROT_READ));
            });
            expect(framesOf(pathFor(snap, ref.entry(e.id))), `${t.name} entry ${e.id}`).toEqual([...read].sort((a, b) => a - b));
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
