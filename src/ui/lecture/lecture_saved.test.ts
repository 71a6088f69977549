/** The lecture kept in localStorage (lecture_saved.ts): kept and read back, a damaged value ignored and removed, a refusal reported. */
import { describe, expect, it } from 'vitest';
import { EMPTY_LECTURE, type Lecture } from './lecture';
import { LECTURE_KEY, readSavedLecture, saveLecture } from './lecture_saved';

const NAMES = new Set(['fork_copy']);

function memory(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return {
    map: m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe('the saved lecture', () => {
  it('is read back as it was kept, an empty one too', () => {
    const s = memory();
    const l: Lecture = { title: 'Week 3', items: [{ kind: 'builtin', name: 'fork_copy', steps: [16] }] };
    expect(saveLecture(s, l)).toBe(true);
    expect(readSavedLecture(s, NAMES)).toEqual(l);
    saveLecture(s, { title: 'Empty', items: [] });
    expect(readSavedLecture(s, NAMES)).toEqual({ title: 'Empty', items: [] });
  });

  it('a damaged or foreign value is ignored and removed', () => {
    for (const raw of ['{', '{"v":1,"t":"x","i":[{"b":"gone","k":[]}]}', '"a string"', 'null']) {
      const s = memory({ [LECTURE_KEY]: raw });
      expect(readSavedLecture(s, NAMES), raw).toEqual(EMPTY_LECTURE);
      expect(s.map.has(LECTURE_KEY), raw).toBe(false);
    }
  });

  it('storage that refuses (full, disabled) is reported, and none at all reads as empty', () => {
    const full = { ...memory(), setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(saveLecture(full, EMPTY_LECTURE)).toBe(false);
    expect(saveLecture(null, EMPTY_LECTURE)).toBe(false);
    expect(readSavedLecture(null, NAMES)).toEqual(EMPTY_LECTURE);
  });
});
