/** A lecture as one link (lecture_link.ts), and opening it (lecture_open.ts, hash.ts): round trip, damaged values, items. */
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeShare } from '../../scenario/url_codec';
import { parseHash } from '../hash';
import type { Lecture } from './lecture';
import { decodeLecture, lectureLinkValue, lectureUrl } from './lecture_link';
import { openLecture } from './lecture_open';
import { lectureHash, lectureState } from './lecture_state';

const LESSONS = [
  { name: 'fork_copy', title: 'Fork copy', goal: '' },
  { name: 'tlb_basics', title: 'TLB', goal: '' },
];
const NAMES = new Set(LESSONS.map((b) => b.name));
const LECTURE: Lecture = {
  title: 'Week 3 · fork',
  items: [
    { kind: 'builtin', name: 'fork_copy', steps: [16] },
    { kind: 'text', title: 'My text é 🐱', source: 'task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\n', steps: [] },
  ],
};

beforeEach(() => lectureState.setState({ run: null }));

describe('the lecture link', () => {
  it('round trip: the value is versioned, survives the URL parser and gives back the same lecture', () => {
    const made = lectureLinkValue(LECTURE, NAMES);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.value).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    const url = lectureUrl('https://example.org/play/#builtin=fork_copy', made.value);
    expect(url).toBe(`https://example.org/play/#lecture=${made.value}`);
    const req = parseHash(new URL(url).hash);
    expect(req).toEqual({ kind: 'lecture', value: made.value, item: 0, step: 0 });
    expect(decodeLecture(made.value, NAMES)).toEqual({ ok: true, lecture: LECTURE });
  });

  it('no link for an empty lecture', () => {
    expect(lectureLinkValue({ title: 'x', items: [] }, NAMES)).toEqual({ ok: false, message: 'the lecture has no items yet' });
  });

  it('item=N picks item N (1-based); anything else is the first', () => {
    expect(parseHash('#lecture=1.abc&item=2')).toEqual({ kind: 'lecture', value: '1.abc', item: 1, step: 0 });
    for (const item of ['0', '-1', 'x', '99999']) expect(parseHash(`#lecture=1.abc&item=${item}`)).toMatchObject({ item: 0 });
    expect(lectureHash('1.abc', 0)).toBe('#lecture=1.abc');
    expect(lectureHash('1.abc', 2)).toBe('#lecture=1.abc&item=3');
  });

  it.each([
    ['a value with no version', 'abc', /lecture data does not start with a format version/],
    ['garbage', '1.!!!', /lecture data is not valid/],
    ['a newer codec', '7.AAAA', /newer version of the playground \(format 7\)/],
    ['a scenario text, not a lecture', encodeShare('task A\n'), /not valid \(not JSON\)/],
    ['a lecture naming a lesson that is not there', encodeShare('{"v":1,"t":"x","i":[{"b":"gone","k":[]}]}'), /names no built-in lesson \("gone"\)/],
  ])('%s: refused with a message naming what was wrong', (_what, value, message) => {
    const r = decodeLecture(value, NAMES);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('opening a lecture link', () => {
  const value = (() => {
    const made = lectureLinkValue(LECTURE, NAMES);
    if (!made.ok) throw new Error(made.message);
    return made.value;
  })();

  it('opens the item asked for (a lesson, or a text) and runs the lecture', () => {
    expect(openLecture({ value, item: 0, step: 3 }, LESSONS)).toEqual({ kind: 'builtin', name: 'fork_copy', step: 3 });
    expect(lectureState.getState().run).toMatchObject({ value, item: 0, lecture: LECTURE });
    expect(openLecture({ value, item: 1, step: 0 }, LESSONS)).toEqual({ kind: 'source', source: LECTURE.items[1].kind === 'text' ? LECTURE.items[1].source : '', step: 0 });
    // past the end: the last item
    expect(openLecture({ value, item: 9, step: 0 }, LESSONS)).toMatchObject({ kind: 'source' });
    expect(lectureState.getState().run?.item).toBe(1);
  });

  it('a damaged value: a message for the banner, and no lecture runs', () => {
    openLecture({ value, item: 0, step: 0 }, LESSONS);
    const r = openLecture({ value: '1.AAAA', item: 0, step: 0 }, LESSONS);
    expect(r).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^the lecture in it cannot be read: the link is damaged/) });
    expect(lectureState.getState().run).toBeNull();
  });
});
