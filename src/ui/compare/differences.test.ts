import { describe, expect, it } from 'vitest';
import { CommandHandler } from '../../worker/handler';
import { EventStates } from '../../store/event_states';
import { differences as diffWith, MAX_DIFFERENCES, type CompareSide, type DiffWords } from './differences';
import { hex, inheritName, protString } from '../../kernel/vm_param';
import { kernReturnName } from '../../kernel/kern_return';
import { formatShown, stepCount, summaryAt } from '../../worker/step_summary';

const WORDS: DiffWords = { hex, inheritName, protString, kernReturnName, formatShown, stepCount, summaryAt };
const differences = (l: CompareSide, r: CompareSide, same: boolean) => diffWith(l, r, same, WORDS);
import { refKey } from '../diagram/element_ref';
import { withChoice } from '../../scenario/choice_text';
import { findChoices } from '../../scenario/find_choices';

/** A side: the text run to `step` by the worker's own handler. */
function sideOf(source: string, step: number): CompareSide {
  const h = new CommandHandler();
  const loaded = h.handle({ type: 'load', id: 1, source });
  const at = h.handle({ type: 'goto', id: 2, step, fresh: true });
  if (loaded.type !== 'loaded' || loaded.outcome.status === 'parse-error' || at.type !== 'at') throw new Error('did not run');
  return { snapshot: EventStates.fromReply(null, at).after, step: at.step, steps: loaded.outcome.steps };
}

const SHARE = `task P
kr = vm_allocate(P, &x, 0x2000, TRUE)
kr = vm_inherit(P, x, 0x2000, VM_INHERIT_SHARE)
kr = write(P, x, "before fork")
task C = fork(P)
kr = write(C, x, "from child")
kr = read(P, x, 10, &v)
`;

describe('differences', () => {
  const inherit = findChoices(SHARE).choices.find((c) => c.family === 'VM_INHERIT')!;
  const COPY = withChoice(SHARE, { line: inherit.line, col: inherit.col, from: inherit.name, to: 'VM_INHERIT_COPY' })!;

  it('COPY vs SHARE: the parent reads the child\'s write only on the SHARE side, in words and marked on both diagrams', () => {
    const left = sideOf(SHARE, 7);
    const right = sideOf(COPY, 7);
    const d = differences(left, right, false);
    const texts = d.items.map((i) => i.text);
    expect(texts).toContain('P 0x1000: reads "from chi" on the left, "before f" on the right');
    expect(texts).toContain('P 0x1000: inheritance share on the left, copy on the right');
    expect(texts).toContain('line 7: v = "from child" on the left, "before for" on the right');
    // the child's page differs nowhere: both wrote "from child" there
    expect(texts.some((t) => t.startsWith('C 0x1000: reads'))).toBe(false);
    const parentPage = d.items.find((i) => i.text.startsWith('P 0x1000: reads'))!;
    expect(parentPage.left.some((r) => r.kind === 'frame')).toBe(true);
    for (const r of parentPage.right) expect(d.right.has(r)).toBe(true);
    expect(d.cut).toBe(false);
  });

  it('two steps of one run: what the later step changed, and no statement results (the same run)', () => {
    const d = differences(sideOf(SHARE, 5), sideOf(SHARE, 6), true);
    const texts = d.items.map((i) => i.text);
    expect(texts).toContain('P 0x1000: reads "before f" on the left, "from chi" on the right');
    expect(texts.some((t) => t.startsWith('line'))).toBe(false);
    expect(differences(sideOf(SHARE, 4), sideOf(SHARE, 5), true).items.map((i) => i.text)).toContain('task C: exists on the right only');
  });

  it('nothing differs between a machine and itself', () => {
    const s = sideOf(SHARE, 7);
    const d = differences(s, s, true);
    expect(d.items).toEqual([]);
    expect([...d.left].map(refKey)).toEqual([]);
  });

  it('lists at most MAX_DIFFERENCES and counts the rest', () => {
    const lines = ['config frames=256', 'task P', `kr = vm_allocate(P, &x, ${(MAX_DIFFERENCES + 10) * 0x1000}, TRUE)`];
    for (let i = 0; i < MAX_DIFFERENCES + 10; i++) lines.push(`kr = write(P, x + ${i * 0x1000}, "p${i}")`);
    const text = lines.join('\n');
    const d = differences(sideOf(text, 3), sideOf(text, lines.length - 1), true);
    expect(d.items).toHaveLength(MAX_DIFFERENCES);
    expect(d.more).toBeGreaterThan(0);
  });
});

describe('differences, in order', () => {
  it('lists what a read finds first, then the statements\' results, the machine totals last', () => {
    const COPY = SHARE.replace('VM_INHERIT_SHARE', 'VM_INHERIT_COPY');
    const texts = differences(sideOf(SHARE, 7), sideOf(COPY, 7), false).items.map((i) => i.text);
    expect(texts[0]).toBe('P 0x1000: reads "from chi" on the left, "before f" on the right');
    expect(texts[1]).toBe('line 7: v = "from child" on the left, "before for" on the right');
    expect(texts).toContain('C: 0 copy-on-write faults on the left, 1 on the right');
    expect(texts.at(-1)).toBe('VM objects: 1 on the left, 2 on the right');
  });
});
