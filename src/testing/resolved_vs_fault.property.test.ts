/**
 * Resolved pages against the fault path on random scenarios (src/worker/random_scenario.ts: few
 * frames, so pageouts and page-ins; forks, files, copies, remaps): after any number of statements,
 * every page the snapshot resolves is what a read of it gets (the same frame for a resident page;
 * the page-in of that object's offset for a page in swap or with a file's pager), and a page it
 * does not list zero-fills.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KernelEvent } from '../kernel/events';
import type { Kernel } from '../kernel/kernel';
import { resolvedView, type ResolvedPage } from '../kernel/resolved_view';
import { takeSnapshot } from '../kernel/snapshot';
import { user_translate } from '../kernel/vm_user';
import { VM_PROT_READ } from '../kernel/vm_param';
import { Interpreter } from '../scenario/interpreter';
import { parseOrThrow } from '../scenario/parser';
import { randomScenario } from '../worker/random_scenario';

const PS = 4096;

function runTo(src: string, steps: number): Interpreter {
  const it = new Interpreter(parseOrThrow(src));
  for (let i = 0; i < steps && !it.done; i++) it.step();
  return it;
}

/** What a read of `address` by task `id` does, traced: the frame it gets and the events. */
function readTraced(k: Kernel, id: number, address: number): { frame: number; events: KernelEvent[] } {
  const trace = k.startTrace();
  const frame = user_translate(k, id, address, VM_PROT_READ);
  return { frame, events: trace.take() };
}

describe('resolved pages against the fault path', () => {
  it('random scenarios: every resolved page is what a read gets, and every page not listed zero-fills', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 5, max: 90 }), (seed, steps) => {
        const src = randomScenario(seed, 90);
        const it = runTo(src, steps);
        const k = it.kernel;
        const view = resolvedView(takeSnapshot(k));
        const elsewhere: { task: number; address: number; page: ResolvedPage | null }[] = [];
        for (const t of view.snap.tasks) {
          if (!t.alive) continue;
          for (const e of t.entries) {
            const listed = new Set<number>();
            view.forEachPage(e, (p) => {
              listed.add(p.address);
              expect(view.pageAt(t.id, p.address)).toEqual(p);
              if (p.how === 'resident') {
                expect(p.frame).toBe(view.frameOf(p.object, p.offset));
                expect(view.snap.frameOwner[p.frame]).toBe(p.object);
                // a read of a resident page allocates nothing: the same machine can answer
                if ((e.protection & VM_PROT_READ) !== 0) expect(user_translate(k, t.id, p.address, VM_PROT_READ), `${t.name} ${p.address}`).toBe(p.frame);
              } else {
                expect(p.frame).toBe(-1);
                elsewhere.push({ task: t.id, address: p.address, page: p });
              }
            });
            if ((e.protection & VM_PROT_READ) === 0) continue;
            for (let addr = e.start; addr < e.end; addr += PS) {
              if (listed.has(addr)) continue;
              elsewhere.push({ task: t.id, address: addr, page: null });
              break;
            }
          }
        }
        // pages in swap or with a file's pager, and pages nobody holds: each read on a fresh replay
        for (const x of elsewhere.slice(0, 4)) {
          const entry = view.entryAt(x.task, x.address)!;
          if ((entry.protection & VM_PROT_READ) === 0) continue;
          const fresh = runTo(src, steps).kernel;
          const read = readTraced(fresh, x.task, x.address);
          expect(read.frame).toBeGreaterThanOrEqual(0);
          if (x.page !== null) {
            expect(read.events.find((ev) => ev.type === 'memory_object_data_supply')).toMatchObject({ object: x.page.object, offset: x.page.offset });
          } else {
            expect(read.events.find((ev) => ev.type === 'memory_object_data_supply')).toBeUndefined();
            expect(read.events.find((ev) => ev.type === 'zero_fill')).toBeDefined();
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
