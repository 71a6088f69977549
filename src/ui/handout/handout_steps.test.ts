import { describe, expect, it } from 'vitest';
import { CommandHandler } from '../../worker/handler';
import type { LoadOutcome } from '../../worker/protocol';
import { SHEET_WORDS } from '../sheet_words';
import { defaultBasis, handoutPlan, marksOf, MAX_HANDOUT_PAGES } from './handout_steps';

function load(source: string): LoadOutcome {
  const reply = new CommandHandler().handle({ type: 'load', id: 1, source });
  if (reply.type !== 'loaded') throw new Error(reply.type);
  return reply.outcome;
}

const MARKED = [
  'task P',
  'kr = vm_allocate(P, &x, 0x2000, TRUE)',
  '# mark: first write',
  'kr = write(P, x, "a")',
  'task C = fork(P)',
  '# mark: the child copies',
  'kr = write(C, x, "b")',
  'assert kr == KERN_SUCCESS',
].join('\n');
const UNMARKED = MARKED.split('\n').filter((l) => !l.startsWith('#')).join('\n');

const total = (o: LoadOutcome) => (o.status === 'parse-error' ? 0 : o.total);
const faults = SHEET_WORDS.faultSteps;

describe('handout steps', () => {
  it('prints the marked steps, in order, with their names', () => {
    const o = load(MARKED);
    expect(defaultBasis(o, total(o), faults)).toBe('marks');
    const plan = handoutPlan(o, total(o), 0, 'marks', faults);
    expect(plan.pages).toEqual([
      { step: 3, mark: 'first write' },
      { step: 5, mark: 'the child copies' },
    ]);
    expect(plan.leftOff).toBe(0);
    // the page's statement is the one the mark is on
    expect(SHEET_WORDS.statementAt(o, 3)).toBe('kr = write(P, x, "a")');
    expect(SHEET_WORDS.statementAt(o, 5)).toBe('kr = write(C, x, "b")');
  });

  it('without marks offers every step with a fault or a copy, else the current step', () => {
    const o = load(UNMARKED);
    expect(marksOf(o, total(o))).toEqual([]);
    expect(defaultBasis(o, total(o), faults)).toBe('faults');
    expect(handoutPlan(o, total(o), 0, 'faults', faults).pages.map((p) => p.step)).toEqual([3, 5]);
    expect(handoutPlan(o, total(o), 4, 'current', faults).pages).toEqual([{ step: 4, mark: null }]);
    const quiet = load('task P\nkr = vm_allocate(P, &x, 0x1000, TRUE)\n');
    expect(defaultBasis(quiet, total(quiet), faults)).toBe('current');
  });

  it('marks past the steps the run reached are not printed (a run that failed early)', () => {
    const o = load(`${MARKED}\nkr = write(Q, x, "no such task")\n# mark: never\nkr = write(P, x, "c")`);
    expect(o.status).not.toBe('ok');
    expect(marksOf(o, total(o)).map((m) => m.name)).toEqual(['first write', 'the child copies']);
  });

  it('prints at most MAX_HANDOUT_PAGES pages, and says how many were left off', () => {
    const lines = ['task P', 'kr = vm_allocate(P, &x, 0x1000, TRUE)'];
    for (let i = 0; i < MAX_HANDOUT_PAGES + 5; i++) lines.push(`# mark: write ${i}`, `kr = write(P, x, "${i}")`);
    const o = load(lines.join('\n'));
    const plan = handoutPlan(o, total(o), 0, 'marks', faults);
    expect(plan.pages).toHaveLength(MAX_HANDOUT_PAGES);
    expect(plan.leftOff).toBe(5);
    expect(plan.pages[0]).toEqual({ step: 3, mark: 'write 0' });
  });
});
