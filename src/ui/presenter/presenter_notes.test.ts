/** What the presenter view says at a step (presenter_notes.ts), from a real load's summaries and annotations. */
import { describe, expect, it } from 'vitest';
import { CommandHandler } from '../../worker/handler';
import type { LoadOutcome } from '../../worker/protocol';
import { MAX_SHOWN_TEXT, presenterNotes } from './presenter_notes';

const SRC = ['task A', '# mark: the allocation', '# note: Where does x land?', 'kr = vm_allocate(A, &x, 0x2000, TRUE)', '# note: It faults in.', 'kr = write(A, x, "hi")', 'assert x == 0x1000'].join('\n');

async function outcomeOf(source: string): Promise<LoadOutcome> {
  const reply = await new CommandHandler().handle({ type: 'load', id: 1, source });
  if (reply.type !== 'loaded') throw new Error(reply.type);
  return reply.outcome;
}

describe('presenterNotes', () => {
  it('at each step: the statement just run with its note, the next one with its note; marks as stops', async () => {
    const o = await outcomeOf(SRC);
    expect(presenterNotes(o, 0, null)).toEqual({
      now: null,
      next: { line: 1, text: 'task A' },
      noteNow: null,
      noteNext: null,
      stops: [{ step: 2, name: 'the allocation' }],
    });
    expect(presenterNotes(o, 1, null)).toMatchObject({ now: { line: 1 }, next: { line: 4, text: 'kr = vm_allocate(A, &x, 0x2000, TRUE)' }, noteNow: null, noteNext: 'Where does x land?' });
    expect(presenterNotes(o, 2, null)).toMatchObject({ now: { line: 4 }, noteNow: 'Where does x land?', noteNext: 'It faults in.' });
    expect(presenterNotes(o, 4, null)).toMatchObject({ now: { line: 7 }, next: null, noteNow: null, noteNext: null });
  });

  it("a lecture item's key steps replace the marks", async () => {
    expect(presenterNotes(await outcomeOf(SRC), 0, [3, 4]).stops).toEqual([
      { step: 3, name: '' },
      { step: 4, name: '' },
    ]);
  });

  it('nothing to say before a load, or for a text that does not parse', async () => {
    const empty = { now: null, next: null, noteNow: null, noteNext: null, stops: [] };
    expect(presenterNotes(null, 3, null)).toEqual(empty);
    expect(presenterNotes(await outcomeOf('kr = = ('), 0, null)).toEqual(empty);
  });

  it(`a long statement is cut to ${MAX_SHOWN_TEXT} characters`, async () => {
    const o = await outcomeOf(`task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "${'a'.repeat(2000)}")\n`);
    const next = presenterNotes(o, 2, null).next;
    expect(next?.text).toHaveLength(MAX_SHOWN_TEXT);
    expect(next?.text.endsWith('…')).toBe(true);
  });
});
