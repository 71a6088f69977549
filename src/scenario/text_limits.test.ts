import { describe, expect, it } from 'vitest';
import { formatCount, overBy } from './text_limits';

describe('formatCount', () => {
  it('writes every number as toLocaleString("en-US") does (whole numbers grouped without it)', () => {
    const numbers = [0, -0, 1, 12, 123, 1234, -1234, 999_999, 1_000_000, 200_000, 16_384, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 1.5, 1234.5678, NaN, Infinity, -Infinity];
    for (const n of numbers) expect(formatCount(n), String(n)).toBe(n.toLocaleString('en-US'));
    for (let i = 0; i < 2000; i++) {
      const n = Math.floor(Math.random() * 10 ** Math.floor(Math.random() * 16)) * (Math.random() < 0.5 ? -1 : 1);
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });
  it('is what the limit messages say', () => {
    expect(overBy(250_000, 200_000, 'a link can carry')).toBe('250,000 characters, 50,000 over the 200,000 a link can carry');
  });
});
