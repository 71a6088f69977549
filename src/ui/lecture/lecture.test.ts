/** The lecture model (lecture.ts): editing, bounds, and the reading of lectures from outside. */
import { describe, expect, it } from 'vitest';
import { MAX_LINK_SOURCE } from '../../scenario/text_limits';
import { addItem, cleanSteps, EMPTY_LECTURE, lectureJson, MAX_KEY_STEPS, MAX_LECTURE_ITEMS, MAX_LECTURE_TITLE, moveItem, parseLecture, parseSteps, removeItem, setSteps, setTitle, type Lecture } from './lecture';

const LESSONS = new Set(['fork_copy', 'tlb_basics']);

function lectureOf(...names: string[]): Lecture {
  let l = EMPTY_LECTURE;
  for (const name of names) {
    const r = addItem(l, { kind: 'builtin', name, steps: [] });
    if (!r.ok) throw new Error(r.message);
    l = r.lecture;
  }
  return l;
}

describe('editing a lecture', () => {
  it('adds in order, moves up and down (not past either end), removes, retitles', () => {
    let l = lectureOf('fork_copy', 'tlb_basics');
    expect(l.items.map((i) => (i.kind === 'builtin' ? i.name : ''))).toEqual(['fork_copy', 'tlb_basics']);
    l = moveItem(l, 1, -1);
    expect(l.items.map((i) => (i.kind === 'builtin' ? i.name : ''))).toEqual(['tlb_basics', 'fork_copy']);
    expect(moveItem(l, 0, -1)).toBe(l);
    expect(moveItem(l, 1, 1)).toBe(l);
    l = removeItem(l, 0);
    expect(l.items).toHaveLength(1);
    expect(setTitle(l, 'x'.repeat(500)).title).toHaveLength(MAX_LECTURE_TITLE);
  });

  it('key steps are whole numbers from 1, sorted, each once, at most MAX_KEY_STEPS', () => {
    expect(parseSteps('12, 3 7;3 abc 0')).toEqual([3, 7, 12]);
    expect(cleanSteps([2.5, -1, 4, 4, Number.NaN])).toEqual([4]);
    expect(cleanSteps(Array.from({ length: 100 }, (_, i) => i + 1))).toHaveLength(MAX_KEY_STEPS);
    expect(setSteps(lectureOf('fork_copy'), 0, [9, 2]).items[0].steps).toEqual([2, 9]);
  });

  it(`refuses item ${MAX_LECTURE_ITEMS + 1}, saying the limit`, () => {
    const full = lectureOf(...Array.from({ length: MAX_LECTURE_ITEMS }, () => 'fork_copy'));
    const r = addItem(full, { kind: 'builtin', name: 'tlb_basics', steps: [] });
    expect(r).toEqual({ ok: false, message: `a lecture holds at most ${MAX_LECTURE_ITEMS} items` });
  });

  it('refuses a text that would make the lecture longer than a link carries, saying by how much', () => {
    const r = addItem(EMPTY_LECTURE, { kind: 'text', title: 'big', source: 'a'.repeat(MAX_LINK_SOURCE), steps: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/too long for a link \(200,\d{3} characters, \d+ over the 200,000 a link can carry\)/);
  });
});

describe('reading a lecture (a link, the saved copy)', () => {
  it('gives back what lectureJson wrote', () => {
    const l: Lecture = { title: 'Week 3', items: [{ kind: 'builtin', name: 'fork_copy', steps: [3, 16] }, { kind: 'text', title: 'Mine', source: 'task A\n', steps: [] }] };
    expect(parseLecture(lectureJson(l), LESSONS)).toEqual({ ok: true, lecture: l });
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['an array', '[]', /not an object/],
    ['no version', '{"t":"x","i":[]}', /no format version/],
    ['a newer format', '{"v":2,"t":"x","i":[]}', /newer version of the playground \(format 2\)/],
    ['no items', '{"v":1,"t":"x","i":[]}', /no items/],
    ['a lesson that does not exist', '{"v":1,"t":"x","i":[{"b":"nope","k":[]}]}', /item 1 of the lecture names no built-in lesson \("nope"\)/],
    ['a name that is no lesson name', '{"v":1,"t":"x","i":[{"b":"../x","k":[]}]}', /names no built-in lesson/],
    ['steps that are not numbers', '{"v":1,"t":"x","i":[{"b":"fork_copy","k":["1"]}]}', /item 1's key steps/],
    ['a negative step', '{"v":1,"t":"x","i":[{"b":"fork_copy","k":[-1]}]}', /item 1's key steps/],
    ['an item of neither kind', '{"v":1,"t":"x","i":[{"b":"fork_copy","k":[]},{"k":[]}]}', /item 2 is neither a lesson nor a titled text/],
    ['a title too long', `{"v":1,"t":"${'x'.repeat(MAX_LECTURE_TITLE + 1)}","i":[]}`, /title is missing or over 120/],
    ['too many items', `{"v":1,"t":"x","i":[${Array(MAX_LECTURE_ITEMS + 1).fill('{"b":"fork_copy","k":[]}').join(',')}]}`, /41 items, over the 40/],
  ])('refuses %s, saying what was wrong', (_what, json, message) => {
    const r = parseLecture(json, LESSONS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('refuses a lecture longer than a link carries before parsing it', () => {
    const r = parseLecture(' '.repeat(MAX_LINK_SOURCE + 1), LESSONS);
    expect(r).toEqual({ ok: false, message: 'the lecture is too long (200,001 characters, 1 over the 200,000 a lecture may hold)' });
  });
});
