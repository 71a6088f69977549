import { describe, expect, it } from 'vitest';
import { count } from './count';

describe('count', () => {
  it("writes integers as toLocaleString('en') does", () => {
    for (const n of [0, 7, 999, 1000, 16384, 65536, 100000, 1234567, 1e9, -1, -1234, -999999]) expect(count(n)).toBe(n.toLocaleString('en'));
  });
});
