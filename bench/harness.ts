/**
 * harness: a tiny timing harness for the kernel benchmarks (no tinybench: it is not a dependency).
 *
 *   setup() ──▶ run(state) timed with process.hrtime.bigint() ──▶ verify(state, ops)
 *   × warm-up runs (discarded), then × reps; the answer is the median time per operation.
 *   (settle: a full GC after setup, outside the timed region, when node has --expose-gc.)
 *
 * Setup and verification are outside the timed region. Every run is verified, warm-ups included,
 * so a broken kernel fails loudly instead of reporting a fast number.
 */

import { readFileSync } from 'node:fs';

export interface Case<S> {
  /** Builds fresh state for one timed run (not timed). */
  setup: () => S;
  /** The timed work; returns how many operations it did. */
  run: (state: S) => number;
  /** Throws when the run did not do what it claims (not timed). */
  verify: (state: S, ops: number) => void;
  warmup?: number;
  reps?: number;
  /**
   * Collect garbage after each setup (needs node --expose-gc), so that the timed run does not
   * pay for promoting what setup built (a 10,000-entry map is 10,000 young objects).
   */
  settle?: boolean;
}

/** A full collection when node runs with --expose-gc; nothing otherwise. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** This process's main thread's CPU time so far in ns (Linux: /proc schedstat), or null where it cannot be read. */
export function mainThreadCpuNs(): number | null {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

/** The median of a list of numbers (the upper one of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

export interface Measured {
  /** Median nanoseconds per operation over the repetitions. */
  nsPerOp: number;
  /** Operations per repetition (of the median run). */
  ops: number;
  /** Spread: (max - min) / median of the per-op times, as a fraction. */
  spread: number;
}

export function measure<S>(c: Case<S>): Measured {
  const warmup = c.warmup ?? 3;
  const reps = c.reps ?? 7;
  for (let i = 0; i < warmup; i++) {
    const s = c.setup();
    c.verify(s, c.run(s));
  }
  const samples: { ns: number; ops: number }[] = [];
  for (let i = 0; i < reps; i++) {
    const s = c.setup();
    if (c.settle === true) collectGarbage();
    const t0 = process.hrtime.bigint();
    const ops = c.run(s);
    const t1 = process.hrtime.bigint();
    c.verify(s, ops);
    if (ops <= 0) throw new Error('a benchmark run did no operation');
    samples.push({ ns: Number(t1 - t0) / ops, ops });
  }
  samples.sort((a, b) => a.ns - b.ns);
  const mid = samples[samples.length >> 1];
  return { nsPerOp: mid.ns, ops: mid.ops, spread: (samples[samples.length - 1].ns - samples[0].ns) / mid.ns };
}

/** Throws with `what` unless cond holds (benchmarks verify their work with this). */
export function check(cond: boolean, what: string): asserts cond {
  if (!cond) throw new Error(`benchmark verification failed: ${what}`);
}

export function formatRate(opsPerSec: number): string {
  if (opsPerSec >= 1e6) return `${(opsPerSec / 1e6).toFixed(1)} M/s`;
  if (opsPerSec >= 1e3) return `${(opsPerSec / 1e3).toFixed(1)} k/s`;
  return `${opsPerSec.toFixed(1)} /s`;
}

export function formatTime(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
}

export type Status = 'PASS' | 'MISS' | 'info';

export interface Row {
  name: string;
  value: string;
  goal: string;
  baseline: string;
  ratio: string;
  status: Status;
}

/** The rows as a fixed-width text table. */
export function table(rows: Row[]): string {
  const head: Row = { name: 'benchmark', value: 'rate / time', goal: 'goal', baseline: 'baseline', ratio: 'ratio', status: 'info' };
  const cols: (keyof Row)[] = ['name', 'value', 'goal', 'baseline', 'ratio', 'status'];
  const cell = (r: Row, c: keyof Row) => (r === head && c === 'status' ? 'result' : r[c]);
  const width = cols.map((c) => Math.max(...[head, ...rows].map((r) => cell(r, c).length)));
  const line = (r: Row) => cols.map((c, i) => cell(r, c).padEnd(width[i])).join(' │ ').trimEnd();
  const rule = width.map((w) => '─'.repeat(w)).join('─┼─');
  return [line(head), rule, ...rows.map(line)].join('\n');
}
