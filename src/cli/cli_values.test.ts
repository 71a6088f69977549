/**
 * Issue 15, case 1 and the CLI half of case 6: the `vm` command on huge values and hostile text.
 * Thirty copies of a 16 MiB read used to abort out of memory (4.3 GB, exit 134, nothing printed):
 * it now exits promptly with a short listing (each value cut at SHOWN_BYTES, with its length) and
 * a bounded JSON trace (values cut at JSON_VALUE_BYTES, then SHOWN_BYTES, lengths given). Terminal
 * escape sequences and bidi controls in a scenario (or a file name) come out escaped, never raw.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SHOWN_BYTES } from '../scenario/values';
import { hasHiddenCharacters } from '../scenario/visible_text';
import { JSON_TRACE_BYTES, JSON_VALUE_BYTES } from './report';
import { runVmMeasured, type MeasuredRun } from './test_cli';

const tmp = mkdtempSync(join(tmpdir(), 'vm-cli-values-'));
const copies = (n: number) => ['task A', 'kr = vm_allocate(A, &x, 0x1000000, TRUE)', 'kr = read(A, x, 0x1000000, &v)', ...Array.from({ length: n }, (_, i) => `w${i} = v`)].join('\n') + '\n';
const file = {
  thirty: join(tmp, 'thirty_copies.vms'),
  many: join(tmp, 'many_copies.vms'),
  hostile: join(tmp, 'hostile.vms'),
  missing: join(tmp, 'no\u001b[31msuch\u202efile.vms'),
};
writeFileSync(file.thirty, copies(30));
writeFileSync(file.many, copies(400));
// raw ESC sequences and a bidi override inside string literals (the lexer takes them as they are)
writeFileSync(file.hostile, 'task A\nx = "\u001b]0;owned\u0007\u001b[2J"\ny = "abc\u202edef"\nassert y == "abc\u202e\u001b[31m"\n');

type Trace = { line: number; statement: string; out: Record<string, number | string>; lengths?: Record<string, number>; assert?: { left: string; right: string } }[];
const r: Record<string, MeasuredRun> = {};

beforeAll(async () => {
  const runs: [string, string[]][] = [
    ['thirty', ['run', file.thirty]],
    ['thirtyJson', ['run', file.thirty, '--json']],
    ['manyJson', ['run', file.many, '--json']],
    ['hostile', ['run', file.hostile]],
    ['hostileJson', ['run', file.hostile, '--json']],
    ['missing', ['run', file.missing]],
  ];
  for (const [key, args] of runs) r[key] = await runVmMeasured(args); // one at a time; their CPU time bounds them, whatever else the machine runs
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('thirty copies of a 16 MiB read (it used to abort out of memory)', () => {
  test('the listing: exit 0 within 20 s of CPU, under 100 KB, every value cut with its length', () => {
    const res = r.thirty;
    expect(res.code, res.stderr).toBe(0);
    expect(res.cpuMs).toBeLessThan(20_000);
    expect(res.stdout.length).toBeLessThan(100 * 1024);
    const zeros = `"${'\\0'.repeat(SHOWN_BYTES)}"… (16,777,216 bytes)`;
    expect(res.stdout).toContain(`   3  kr = read(A, x, 0x1000000, &v)\n      -> KERN_SUCCESS  v = ${zeros}\n`);
    expect(res.stdout).toContain(`  33  w29 = v\n      -> w29 = ${zeros}\n`);
    expect(res.stdout.endsWith('ok: 33 statements, 0 asserts held\n')).toBe(true);
  });

  test('the JSON trace: exit 0 within 20 s of CPU, each value its first JSON_VALUE_BYTES bytes, its whole length in lengths', () => {
    const res = r.thirtyJson;
    expect(res.code, res.stderr).toBe(0);
    expect(res.cpuMs).toBeLessThan(20_000);
    expect(res.stdout.length).toBeLessThan(10 * 1024 * 1024); // mostly the read's 49,840 events
    const trace = JSON.parse(res.stdout) as Trace;
    expect(trace).toHaveLength(33);
    expect(trace[2].out.v).toBe('\0'.repeat(JSON_VALUE_BYTES));
    expect(trace[2].lengths).toEqual({ v: 16 * 1024 * 1024 });
    expect(trace[32].out).toEqual({ w29: '\0'.repeat(JSON_VALUE_BYTES) });
    expect(trace[32].lengths).toEqual({ w29: 16 * 1024 * 1024 });
    expect(trace[1].out).toEqual({ kr: 0, x: 4096 });
    expect(trace[1].lengths).toBeUndefined();
  });

  test('400 copies: once JSON_TRACE_BYTES of values are written, the rest are cut at SHOWN_BYTES', () => {
    const res = r.manyJson;
    expect(res.code, res.stderr).toBe(0);
    const trace = JSON.parse(res.stdout) as Trace;
    const sizes = trace.slice(3).map((row) => (row.out[`w${row.line - 4}`] as string).length);
    const full = JSON_TRACE_BYTES / JSON_VALUE_BYTES - 1; // the read's own value came first
    expect(sizes.slice(0, full)).toEqual(new Array(full).fill(JSON_VALUE_BYTES));
    expect(sizes.slice(full)).toEqual(new Array(400 - full).fill(SHOWN_BYTES));
    expect(trace.at(-1)!.lengths).toEqual({ w399: 16 * 1024 * 1024 });
    expect(res.stdout.length).toBeLessThan(15 * 1024 * 1024);
  });
});

describe('terminal escapes and bidi controls in a scenario are printed escaped', () => {
  test('the listing and the error message: escaped, nothing raw', () => {
    const res = r.hostile;
    expect(res.code).toBe(1);
    expect(hasHiddenCharacters(res.stdout.replace(/\n/g, ''))).toBe(false);
    expect(hasHiddenCharacters(res.stderr.replace(/\n/g, ''))).toBe(false);
    expect(res.stdout).toContain('   2  x = "\\x1b]0;owned\\x07\\x1b[2J"\n');
    expect(res.stdout).toContain('   3  y = "abc\\u202edef"\n');
    expect(res.stderr).toContain('assert failed: y == "abc\\u202e\\x1b[31m"');
  });

  test('the JSON trace: ASCII only, and it parses back to the scenario\'s own characters', () => {
    const res = r.hostileJson;
    expect(/^[\x20-\x7e\n]*$/.test(res.stdout)).toBe(true);
    const trace = JSON.parse(res.stdout) as Trace;
    expect(trace[1].statement).toBe('x = "\u001b]0;owned\u0007\u001b[2J"');
    expect(trace[2].statement).toBe('y = "abc\u202edef"');
    expect(trace[2].out.y).toBe('abc\u00e2\u0080\u00aedef'); // the override's UTF-8 bytes, one char a byte
  });

  test('a file name with an escape sequence and an override is printed escaped', () => {
    const res = r.missing;
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('no\\x1b[31msuch\\u202efile.vms: cannot read: ENOENT');
    expect(hasHiddenCharacters(res.stderr.replace(/\n/g, ''))).toBe(false);
  });
});
