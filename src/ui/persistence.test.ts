import { describe, expect, it } from 'vitest';
import { DRAFT_KEY, MAX_DRAFT, draftFor, draftNotice, readDraft, writeDraft } from './persistence';
import { MAX_SOURCE_LENGTH } from '../scenario/text_limits';

function memory(initial: Record<string, string> = {}, quota = Infinity) {
  const m = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (v.length > quota) throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
      m.set(k, v);
    },
    removeItem: (k: string) => void m.delete(k),
    has: (k: string) => m.has(k),
  };
}

describe('draft persistence', () => {
  it('round-trips the text with the link it came from', () => {
    const s = memory();
    expect(writeDraft(s, '#builtin=fork_copy', 'task A\n')).toBe('saved');
    expect(readDraft(s)).toEqual({ v: 1, hash: '#builtin=fork_copy', source: 'task A\n' });
  });

  it('keeps as much text as the editor takes: 250,000 characters, and exactly MAX_SOURCE_LENGTH', () => {
    expect(MAX_DRAFT).toBe(MAX_SOURCE_LENGTH);
    for (const n of [250_000, MAX_SOURCE_LENGTH]) {
      const s = memory();
      const text = 'kr = write(A, x, "…")\n'.repeat(n).slice(0, n);
      expect(writeDraft(s, '', text)).toBe('saved');
      expect(draftFor(readDraft(s), '')).toEqual({ source: text });
    }
  });

  it('restores on a reload of the same link or with no link; a new link wins', () => {
    const d = { v: 1 as const, hash: '#builtin=fork_copy', source: 'edited' };
    expect(draftFor(d, '#builtin=fork_copy')).toEqual({ source: 'edited' });
    expect(draftFor(d, '')).toEqual({ source: 'edited' });
    expect(draftFor(d, '#builtin=first_fit')).toBeNull();
    expect(draftFor(null, '')).toBeNull();
  });

  it('a damaged, foreign or oversized stored value is ignored and removed', () => {
    const bads = ['{', 'null', '42', '{"v":2,"hash":"","source":""}', '{"v":1,"hash":3,"source":""}', JSON.stringify({ v: 1, hash: '', source: 'x'.repeat(MAX_DRAFT + 1) }),
      '{"v":1,"hash":"","lost":"eaten","length":3}', '{"v":1,"hash":"","lost":"full","length":-1}', '{"v":1,"hash":""}'];
    for (const bad of bads) {
      const s = memory({ [DRAFT_KEY]: bad });
      expect(readDraft(s), bad.slice(0, 30)).toBeNull();
      expect(s.has(DRAFT_KEY)).toBe(false);
    }
  });

  it('a full quota: the older draft is not left to come back; a marker says a text was lost, and why', () => {
    const s = memory({}, 1000);
    expect(writeDraft(s, '#src=old', 'the older text')).toBe('saved');
    expect(writeDraft(s, '#src=old', 'y'.repeat(5000))).toBe('full');
    const back = draftFor(readDraft(s), '#src=old');
    expect(back).toEqual({ lost: 'full', length: 5000 });
    expect(draftNotice('full', 5000, 'before')).toBe("The text you were editing here last time (5,000 characters) could not be kept: the browser's storage for this site is full.");
    expect(draftNotice('full', 5000, 'now')).toMatch(/^Your edits are not kept over a reload: the browser's storage for this site is full\. .*5,000 characters/);
  });

  it('a text not edited since it was opened from a link leaves no marker when it cannot be kept (the link gives it back)', () => {
    const s = memory({}, 1000);
    writeDraft(s, '#src=a', 'older');
    expect(writeDraft(s, '#src=b', 'y'.repeat(5000), false)).toBe('full');
    expect(readDraft(s)).toBeNull();
  });

  it('a text over the editor\'s limit is not kept, and says so; the older draft does not come back', () => {
    const s = memory();
    writeDraft(s, '', 'older');
    expect(writeDraft(s, '', 'x'.repeat(MAX_DRAFT + 1))).toBe('too-long');
    expect(draftFor(readDraft(s), '')).toEqual({ lost: 'too-long', length: MAX_DRAFT + 1 });
    expect(draftNotice('too-long', MAX_DRAFT + 1, 'now')).toContain('over the 1,000,000 characters a draft keeps');
  });

  it('storage that throws (disabled) is survived: unavailable, and no older draft is left', () => {
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); }, removeItem: () => { throw new Error('denied'); } };
    expect(readDraft(throwing)).toBeNull();
    expect(writeDraft(throwing, '', 'x')).toBe('unavailable');
    expect(writeDraft(null, '', 'x')).toBe('unavailable');
    // setItem refuses everything: the older draft is removed
    const s = memory({ [DRAFT_KEY]: JSON.stringify({ v: 1, hash: '', source: 'older' }) });
    const refusing = { ...s, setItem: () => { throw new Error('SecurityError'); } };
    expect(writeDraft(refusing, '', 'newer')).toBe('unavailable');
    expect(s.has(DRAFT_KEY)).toBe(false);
  });
});
