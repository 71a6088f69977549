/**
 * The layout's golden: a hash of computeLayout's whole output (every box, text, link path, grid)
 * for every built-in scenario at four steps (0, a third, two thirds, the end), at four widths and
 * font sizes, and for a few big machines (compact frames, TLB and page grids, held-pages-only
 * grids). layout.golden.json was written by the single-file layout.ts before it was split into one
 * module per band (issue 13): the split must not move a pixel. After a change that is meant to
 * move things, write it again with LAYOUT_GOLDEN_WRITE=1 npx vitest run src/ui/diagram/layout.golden
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { takeSnapshot, type MachineSnapshot } from '../../kernel/snapshot';
import { computeLayout, type LayoutOptions } from './layout';
import { scenarioNames, snapshotsOf } from './test_snapshots';

const GOLDEN = new URL('./layout.golden.json', import.meta.url);

const OPTIONS: [string, LayoutOptions][] = [
  ['w880', { width: 880 }],
  ['w1400', { width: 1400 }],
  ['w600', { width: 600 }],
  ['w960-fs20', { width: 960, fontSize: 20 }],
];

/** Plain data in a canonical order: Maps and Sets as arrays, typed arrays as arrays, object keys sorted. */
function canonical(v: unknown): unknown {
  if (v instanceof Map) return { map: [...v.entries()].map(([k, x]) => [canonical(k), canonical(x)]) };
  if (v instanceof Set) return { set: [...v].map(canonical) };
  if (ArrayBuffer.isView(v)) return { typed: Array.from(v as Uint8Array) };
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

const hashOf = (v: unknown) => createHash('sha256').update(JSON.stringify(canonical(v))).digest('hex').slice(0, 16);

function finalOf(lines: string[]): MachineSnapshot {
  const it = new Interpreter(parseOrThrow(lines.join('\n') + '\n'));
  while (!it.done) it.step();
  return takeSnapshot(it.kernel);
}

/** Two tasks with 64 resident pages each, one forked (COW), a small object beside. */
function bigMachine(frames: number, tlb = ''): MachineSnapshot {
  const lines = [`config frames=${frames}${tlb}`, 'task A', 'kr = vm_allocate(A, &x, 0x40000, TRUE)'];
  for (let p = 0; p < 64; p++) lines.push(`kr = write(A, x + ${p * 0x1000}, "a")`);
  lines.push('task B = fork(A)', 'kr = write(B, x, "b")', 'kr = vm_allocate(A, &y, 0x3000, TRUE)', 'kr = write(A, y, "s")');
  return finalOf(lines);
}

/** An object of 4,096 pages holding every third page, 1,366 in all: a held-pages-only grid with some not drawn. */
function sparseBigObject(): MachineSnapshot {
  const lines = ['config frames=2048', 'task A', 'kr = vm_allocate(A, &x, 0x1000000, TRUE)'];
  for (let p = 0; p < 4096; p += 3) lines.push(`kr = write(A, x + ${p * 0x1000}, "a")`);
  return finalOf(lines);
}

/** Every case: a name and its snapshot. */
function cases(): [string, MachineSnapshot][] {
  const out: [string, MachineSnapshot][] = [];
  for (const name of scenarioNames()) {
    const all = snapshotsOf(name);
    const n = all.length - 1;
    for (const step of [...new Set([0, Math.floor(n / 3), Math.floor((2 * n) / 3), n])]) out.push([`${name}@${step}`, all[step]]);
  }
  out.push(['big-4096-frames', bigMachine(4096)]);
  out.push(['big-64-frames-tlb1024', bigMachine(64, ' tlb_entries=1024 tlb_ways=4')]);
  out.push(['big-16384-frames-tlb4096', bigMachine(16384, ' tlb_entries=4096 tlb_ways=8')]);
  out.push(['sparse-big-object', sparseBigObject()]);
  return out;
}

describe('computeLayout golden', () => {
  it('lays out every built-in at four steps, and the big machines, exactly as the golden says', () => {
    const got: Record<string, string> = {};
    for (const [name, snap] of cases()) for (const [opt, options] of OPTIONS) got[`${name} ${opt}`] = hashOf(computeLayout(snap, options));
    if (process.env.LAYOUT_GOLDEN_WRITE === '1') writeFileSync(GOLDEN, JSON.stringify(got, null, 1) + '\n');
    const want = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, string>;
    expect(Object.keys(got).length).toBeGreaterThan(500);
    expect(got).toEqual(want);
  });
});
