import { describe, expect, it } from 'vitest';
import { DRAFT_KEY, MAX_DRAFT, draftFor, readDraft, writeDraft } from './persistence';

function memory(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    has: (k: string) => m.has(k),
  };
}

describe('draft persistence', () => {
  it('round-trips the text with the link it came from', () => {
    const s = memory();
    expect(writeDraft(s, '#builtin=fork_copy', 'task A\n')).toBe(true);
    expect(readDraft(s)).toEqual({ v: 1, hash: '#builtin=fork_copy', source: 'task A\n' });
  });

  it('restores on a reload of the same link or with no link; a new link wins', () => {
    const d = { v: 1 as const, hash: '#builtin=fork_copy', source: 'edited' };
    expect(draftFor(d, '#builtin=fork_copy')).toBe('edited');
    expect(draftFor(d, '')).toBe('edited');
    expect(draftFor(d, '#builtin=first_fit')).toBeNull();
    expect(draftFor(null, '')).toBeNull();
  });

  it('a damaged, foreign or oversized stored value is ignored and removed', () => {
    for (const bad of ['{', 'null', '42', '{"v":2,"hash":"","source":""}', '{"v":1,"hash":3,"source":""}', JSON.stringify({ v: 1, hash: '', source: 'x'.repeat(MAX_DRAFT + 1) })]) {
      const s = memory({ [DRAFT_KEY]: bad });
      expect(readDraft(s), bad.slice(0, 30)).toBeNull();
      expect(s.has(DRAFT_KEY)).toBe(false);
    }
  });

  it('storage that throws (disabled, quota) is survived', () => {
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); }, removeItem: () => { throw new Error('denied'); } };
    expect(readDraft(throwing)).toBeNull();
    expect(writeDraft(throwing, '', 'x')).toBe(false);
    expect(writeDraft(null, '', 'x')).toBe(false);
    expect(writeDraft(memory(), '', 'x'.repeat(MAX_DRAFT + 1))).toBe(false);
  });
});
