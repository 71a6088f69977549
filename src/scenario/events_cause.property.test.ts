/**
 * Events that say why, on whole runs: every statement of every built-in scenario and of many
 * random ones (pageout, forks, files, copies, remaps, protection changes, terminations) records a
 * well-formed cause tree (kernel/cause_testkit.ts: ids in order, op 0 the call, parents opened
 * first and of the kinds that may open them, ops properly nested) and leaves no op open.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { causeProblems } from '../kernel/cause_testkit';
import type { OpKind, TraceBuffer } from '../kernel/events';
import { randomScenario } from '../worker/random_scenario';
import { loadBuiltins } from './builtins_node';
import { Interpreter } from './interpreter';
import { parseOrThrow } from './parser';

/** Runs a scenario with tracing on; returns each statement's problems and the op kinds seen. */
function checkRun(source: string, what: string, kinds: Set<OpKind>): void {
  const it = new Interpreter(parseOrThrow(source));
  const trace = it.kernel.sink as TraceBuffer;
  while (!it.done) {
    const rec = it.step();
    expect(causeProblems(rec.events), `${what}, line ${rec.line}: ${rec.text}`).toEqual([]);
    expect(trace.depth, `${what}, line ${rec.line}: ops left open`).toBe(0);
    for (const e of rec.events) kinds.add(e.opKind);
  }
  expect(trace.unbalancedTakes, `${what}: statements whose ops did not balance`).toBe(0);
}

const ALL_KINDS: OpKind[] = ['call', 'trap', 'fault', 'shadow', 'zero_fill', 'page_in', 'cow_copy', 'copy_push', 'collapse', 'page_grab', 'pageout', 'shootdown', 'fork', 'terminate'];

describe('the cause tree of every statement', () => {
  it('is well formed in every built-in scenario', () => {
    const kinds = new Set<OpKind>();
    for (const b of loadBuiltins()) checkRun(b.source, b.name, kinds);
    expect([...kinds].sort()).toEqual([...ALL_KINDS].sort());
  });

  it('is well formed in random scenarios, and they open every kind of op', () => {
    const kinds = new Set<OpKind>();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        checkRun(randomScenario(seed, 80), `seed ${seed}`, kinds);
      }),
      { numRuns: 150 },
    );
    expect([...kinds].sort()).toEqual([...ALL_KINDS].sort());
  });
});
