/**
 * cpuTime: how much CPU a piece of synchronous work took, for the unit tests' runaway guards (a
 * limit that does not stop a loop over 2^40 pages, an inflater that does not stop at a megabyte).
 * Wall time swings twentyfold with what else a shared CI machine runs; this process's CPU time
 * (user + system) hardly does. Vitest's forks pool runs a test file alone in its process, so the
 * process's time is the test's own work and its garbage collection.
 */
import { isMainThread } from 'node:worker_threads';

/** Runs `f` and returns what it returned and the CPU milliseconds it took. */
export function cpuTime<T>(f: () => T): { result: T; ms: number } {
  if (!isMainThread) throw new Error('cpuTime measures the whole process: run the unit tests in vitest\'s forks pool, not threads');
  const before = process.cpuUsage();
  const result = f();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}
