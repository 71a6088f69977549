/** cpuTime counts the work done, not the time waited: the unit tests' runaway guards rely on both. */
import { expect, test } from 'vitest';
import { cpuTime } from './cpu_time';

test('a fixed piece of work counts its CPU time, however busy the machine; it returns what the work returned', () => {
  const { result, ms } = cpuTime(() => {
    let h = 1;
    for (let i = 0; i < 50_000_000; i++) h = Math.imul(h ^ i, 0x9e3779b1) >>> 0; // ≈ 40–100 ms on a 2-core CI machine
    return h;
  });
  expect(result).not.toBe(1);
  expect(ms).toBeGreaterThan(10);
});

test('time spent blocked without working is not counted', () => {
  const { ms } = cpuTime(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200));
  expect(ms).toBeLessThan(100);
});
