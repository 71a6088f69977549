/**
 * What a load tells the UI besides the steps: the text's marks and notes (annotations.ts), with
 * every outcome the session answers, and which steps shot down a TLB entry (a timeline mark).
 */
import { describe, expect, it } from 'vitest';
import { ScenarioSession } from './session';
import { summaryAt } from './step_summary';
import { loadBuiltins } from '../scenario/builtins_node';

const TEXT = `task A
x = 0x10000
# note: Allocate one page.
# mark: allocated
kr = vm_allocate(A, &x, 0x1000, FALSE)
kr = write(A, x, "hi")
# mark: shot down
kr = vm_protect(A, x, 0x1000, FALSE, VM_PROT_READ)
assert kr == KERN_SUCCESS
`;

describe('a load sends the annotations and the shootdown marks', () => {
  it('marks and notes come with the outcome, and the protect step is marked as a shootdown', () => {
    const s = new ScenarioSession(null);
    const o = s.load(TEXT);
    expect(o.status).toBe('ok');
    if (o.status === 'parse-error') return;
    expect(o.annotations.marks.map((m) => [m.step, m.name])).toEqual([[3, 'allocated'], [5, 'shot down']]);
    expect(o.annotations.notes).toEqual([{ statement: 2, text: 'Allocate one page.', line: 3 }]);
    expect([0, 1, 2, 3, 4, 5].map((i) => summaryAt(o.steps, i).shootdown)).toEqual([false, false, false, false, true, false]);
    expect(summaryAt(o.steps, 3).faulted).toBe(true);
  });

  it('a big text still running in the background has its annotations at once', () => {
    const s = new ScenarioSession(null);
    const o = s.load(`# mark: start\ntask A\n${'x = 1\n'.repeat(2000)}`, 10);
    expect(o.status).toBe('running');
    if (o.status !== 'running') return;
    expect(o.annotations.marks).toEqual([{ statement: 0, step: 1, name: 'start', line: 1 }]);
  });

  it('the TLB lesson has a shootdown step and a runtime error keeps the annotations', () => {
    const tlb = loadBuiltins().find((b) => b.name === 'tlb_basics')!;
    const s = new ScenarioSession(null);
    const o = s.load(tlb.source);
    if (o.status === 'parse-error') throw new Error('tlb_basics does not parse');
    const shot = Array.from({ length: o.total }, (_, i) => summaryAt(o.steps, i)).filter((x) => x.shootdown);
    // lowering protection, and the fork (the parent's writable pages become copy-on-write)
    expect(shot.map((x) => x.text)).toEqual([expect.stringContaining('vm_protect(A, x + 0x1000'), 'task B = fork(A)']);
    const bad = new ScenarioSession(null).load('task A\n# mark: boom\nassert 1 == 2\n');
    expect(bad.status).toBe('runtime-error');
    if (bad.status !== 'runtime-error') return;
    expect(bad.annotations.marks[0].name).toBe('boom');
  });
});
