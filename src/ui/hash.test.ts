import { describe, expect, it } from 'vitest';
import { hashFlag, parseHash, withHashFlag } from './hash';

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
  });

  it('withHashFlag adds the flag once to a link with a fragment', () => {
    expect(withHashFlag('https://x.org/#s=1.abc&step=3', 'present')).toBe('https://x.org/#s=1.abc&step=3&present=1');
    expect(withHashFlag('https://x.org/#s=1.abc&present=1', 'present')).toBe('https://x.org/#s=1.abc&present=1');
    expect(withHashFlag('https://x.org/#', 'present')).toBe('https://x.org/#present=1');
    expect(withHashFlag('https://x.org/', 'present')).toBe('https://x.org/');
  });
});
