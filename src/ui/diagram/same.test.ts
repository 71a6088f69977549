import { describe, expect, it } from 'vitest';
import { same } from './same';

describe('same (layout items compared by value)', () => {
  it('is true for equal nested values made apart', () => {
    const make = () => ({ x: 1, texts: [{ text: 'a', size: 14 }], grid: { classes: new Uint8Array([1, 2]), frames: new Map([[1, 2]]), swapped: new Set([3]) }, label: undefined });
    expect(same(make(), make())).toBe(true);
  });
  it('tells a moved box, a changed text, a changed cell class, a missing key apart', () => {
    const base = { x: 1, texts: [{ text: 'a' }], classes: new Uint8Array([1, 2]), m: new Map([[1, 2]]) };
    expect(same(base, { ...base, x: 2 })).toBe(false);
    expect(same(base, { ...base, texts: [{ text: 'b' }] })).toBe(false);
    expect(same(base, { ...base, classes: new Uint8Array([1, 3]) })).toBe(false);
    expect(same(base, { ...base, m: new Map([[1, 3]]) })).toBe(false);
    expect(same({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(same([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(same(NaN, NaN)).toBe(true);
  });
});
