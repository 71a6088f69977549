import { describe, expect, it } from 'vitest';
import { hashFlag, MAX_LINK_SOURCE, MAX_SRC_VALUE, parseHash, withHashFlag } from './hash';

describe('the flags of a link', () => {
  it('present=1 asks for presentation mode; any other value, or none, does not', () => {
    expect(hashFlag('#builtin=fork_copy&step=16&present=1', 'present')).toBe(true);
    expect(hashFlag('#present=1&builtin=fork_copy', 'present')).toBe(true);
    for (const h of ['#builtin=fork_copy', '#builtin=fork_copy&present=0', '#builtin=fork_copy&present=yes', '#builtin=fork_copy&present=1x', '#builtin=fork_copy&present', '#builtin=present=1x']) {
      expect(hashFlag(h, 'present'), h).toBe(false);
    }
  });

  it('a flag does not disturb what the link opens', () => {
    expect(parseHash('#builtin=fork_copy&step=16&present=1')).toEqual({ kind: 'builtin', name: 'fork_copy', step: 16 });
    expect(parseHash('#builtin=fork_copy&present=%E0%A4%A')).toEqual({ kind: 'builtin', name: 'fork_copy', step: 0 });
    // a link of flags only opens the default lesson; a link naming something unknown is still reported
    expect(parseHash('#present=1')).toEqual({ kind: 'none' });
    expect(parseHash('#present=1&step=3')).toEqual({ kind: 'none' });
    expect(parseHash('#present=1&lesson=x').kind).toBe('invalid');
    // the presenter view's own page names no scenario: it follows the page that opened it
    expect(parseHash('#presenter=1')).toEqual({ kind: 'none' });
    expect(hashFlag('#presenter=1', 'presenter')).toBe(true);
  });

  it('withHashFlag adds the flag once to a link with a fragment', () => {
    expect(withHashFlag('https://x.org/#s=1.abc&step=3', 'present')).toBe('https://x.org/#s=1.abc&step=3&present=1');
    expect(withHashFlag('https://x.org/#s=1.abc&present=1', 'present')).toBe('https://x.org/#s=1.abc&present=1');
    expect(withHashFlag('https://x.org/#', 'present')).toBe('https://x.org/#present=1');
    expect(withHashFlag('https://x.org/', 'present')).toBe('https://x.org/');
  });
});

describe('#src=: the same limit as a share link (MAX_LINK_SOURCE characters, decoded)', () => {
  it('takes exactly MAX_LINK_SOURCE characters; one more is refused with the length and how far over', () => {
    const exact = parseHash(`#src=${'A'.repeat(MAX_LINK_SOURCE)}&step=1`);
    expect(exact).toEqual({ kind: 'source', source: 'A'.repeat(MAX_LINK_SOURCE), step: 1 });
    expect(parseHash(`#src=${'A'.repeat(MAX_LINK_SOURCE + 1)}`)).toEqual({
      kind: 'invalid',
      message: 'the scenario in the link is too long to open (200,001 characters, 1 over the 200,000 a link can carry)',
    });
  });

  it('the issue\'s 599,991 characters (accepted before) are refused', () => {
    const req = parseHash(`#src=${'A'.repeat(599_991)}`);
    expect(req).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/599,991 characters, 399,991 over the 200,000/) });
  });

  it('counts decoded characters: 200,000 percent-encoded euros open, a raw value past MAX_SRC_VALUE is not even decoded', () => {
    const euros = encodeURIComponent('€'.repeat(MAX_LINK_SOURCE));
    expect(euros.length).toBe(MAX_SRC_VALUE);
    expect(parseHash(`#src=${euros}`)).toMatchObject({ kind: 'source', source: '€'.repeat(MAX_LINK_SOURCE) });
    expect(parseHash(`#src=${euros}A`)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/too long to open \(over the 200,000 characters a link can carry\)/) });
  });
});
