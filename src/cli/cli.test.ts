/**
 * The `vm` command line, tested as a student or a grader uses it: the real CLI in a child process
 * (src/cli/vm.ts, compiled once for the file: test_cli.ts runVm), checked against the contract of docs/scenario-language.md,
 * "The command line": exit 0 when every statement ran and every assert held; 1 for a failed assert
 * or a runtime error (`FILE:LINE: ...` naming what was compared); 2 when the file cannot be read or
 * parsed (`FILE:LINE:COL: message`); `list` prints NAME then title; `--json` prints one object a
 * statement with its line, result code, out values and events.
 *
 * The processes are started together (a small pool, so a 2-CPU machine is not flooded) in
 * beforeAll, and each test only inspects its result.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runVm, type CliRun } from './test_cli';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const SCENARIOS = join(ROOT, 'scenarios');


const vm = (...args: string[]) => runVm(args);

/** Runs the jobs with at most `limit` at a time; the results in the jobs' order. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** The statements of a scenario: its non-blank lines once `#` comments (outside strings) are cut. */
function statementLines(source: string): number[] {
  const lines: number[] = [];
  source.split('\n').forEach((text, i) => {
    let inString = false;
    let code = '';
    for (let j = 0; j < text.length; j++) {
      const c = text[j];
      if (inString && c === '\\') {
        code += c + (text[j + 1] ?? '');
        j++;
        continue;
      }
      if (c === '"') inString = !inString;
      if (c === '#' && !inString) break;
      code += c;
    }
    if (code.trim() !== '') lines.push(i + 1);
  });
  return lines;
}

function titleOf(source: string): string | null {
  const m = /^#\s*title:\s*(.*)$/m.exec(source);
  return m === null ? null : m[1].trim();
}

const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.vms')).sort();
const names = files.map((f) => f.replace(/\.vms$/, ''));

// Bad scenarios live in a temporary folder, never in scenarios/ (which would make them built-ins).
const tmp = mkdtempSync(join(tmpdir(), 'vm-cli-test-'));
const bad = {
  assert: join(tmp, 'failing_assert.vms'),
  assertKr: join(tmp, 'failing_assert_kr.vms'),
  unset: join(tmp, 'unset_variable.vms'),
  parse: join(tmp, 'parse_error.vms'),
  parseLate: join(tmp, 'parse_error_late.vms'),
  config: join(tmp, 'config_late.vms'),
  missing: join(tmp, 'does_not_exist.vms'),
};
writeFileSync(
  bad.assert,
  ['# an assert that cannot hold', 'task A', 'kr = vm_allocate(A, &x, 0x1000, TRUE)', 'assert x == 0x2000', 'x = 1'].join('\n') + '\n',
);
writeFileSync(
  bad.assertKr,
  ['task A', 'x = 0x10000', 'kr = vm_allocate(A, &x, 0x1000, FALSE)', 'kr = vm_allocate(A, &x, 0x1000, FALSE)', 'assert kr == KERN_SUCCESS'].join('\n') + '\n',
);
writeFileSync(bad.unset, ['task A', '', 'kr = vm_deallocate(A, nowhere, 0x1000)', 'assert kr == KERN_SUCCESS'].join('\n') + '\n');
writeFileSync(bad.parse, ['task A', '  bogus statement here', 'kr = vm_allocate(A, &x, 0x1000, TRUE)'].join('\n') + '\n');
// A parse error after good lines: nothing runs, even the lines before it (exit 2, not 0 or 1).
writeFileSync(bad.parseLate, ['task A', 'kr = vm_allocate(A, &x, 0x1000, TRUE)', 'assert x == 0x1000', 'kr = vm_allocate(A, &y, 0x1000'].join('\n') + '\n');
writeFileSync(bad.config, ['task A', 'config frames=8'].join('\n') + '\n');

let byFile: CliRun[] = [];
let byBuiltin: CliRun[] = [];
const r: Record<string, CliRun> = {};

beforeAll(async () => {
  const singles: [string, string[]][] = [
    ['list', ['list']],
    ['jsonFirstFit', ['run', join('scenarios', 'first_fit.vms'), '--json']],
    ['jsonShared', ['run', '--builtin', 'shared_mapping', '--json']],
    ['assert', ['run', bad.assert]],
    ['assertKr', ['run', bad.assertKr]],
    ['assertJson', ['run', bad.assert, '--json']],
    ['unset', ['run', bad.unset]],
    ['parse', ['run', bad.parse]],
    ['parseLate', ['run', bad.parseLate]],
    ['config', ['run', bad.config]],
    ['missing', ['run', bad.missing]],
    ['directory', ['run', tmp]],
    ['unknownBuiltin', ['run', '--builtin', 'no_such_lesson']],
  ];
  const jobs: (() => Promise<CliRun>)[] = [
    ...files.map((f) => () => vm('run', join('scenarios', f))),
    ...names.map((n) => () => vm('run', '--builtin', n)),
    ...singles.map(([, args]) => () => vm(...args)),
  ];
  const out = await pool(jobs, 6);
  byFile = out.slice(0, files.length);
  byBuiltin = out.slice(files.length, 2 * files.length);
  singles.forEach(([key], i) => (r[key] = out[2 * files.length + i]));
}, 600_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the built-in scenarios', () => {
  test('there are at least 17, with stable lowercase_with_underscores names', () => {
    expect(files.length).toBeGreaterThanOrEqual(17);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
  });

  test.each(files)('%s opens with a title and a goal', (f) => {
    const head = readFileSync(join(SCENARIOS, f), 'utf8').split('\n').slice(0, 2);
    expect(head[0]).toMatch(/^# title: \S/);
    expect(head[1]).toMatch(/^# goal: \S/);
  });

  test.each(files.map((f, i) => [f, i] as const))('run scenarios/%s exits 0', (f, i) => {
    const res = byFile[i];
    expect(res.stderr, `${f}: ${res.stderr}`).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^ok: \d+ statements, \d+ asserts held$/m);
  });

  test.each(names.map((n, i) => [n, i] as const))('run --builtin %s exits 0', (n, i) => {
    const res = byBuiltin[i];
    expect(res.stderr, `${n}: ${res.stderr}`).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(byFile[i].stdout); // the built-in is the file, run the same way
  });
});

describe('vm list', () => {
  test('prints one line a built-in: NAME, then its title', () => {
    expect(r.list.code).toBe(0);
    const lines = r.list.stdout.split('\n').filter((l) => l !== '');
    expect(lines.length).toBe(files.length);
    const listed = lines.map((l) => {
      const m = /^(\S+)\s+(.+)$/.exec(l);
      expect(m, `malformed line: ${l}`).not.toBeNull();
      return { name: m![1], title: m![2].trim() };
    });
    expect(listed.map((x) => x.name).sort()).toEqual(names);
    for (const { name, title } of listed) {
      expect(title).toBe(titleOf(readFileSync(join(SCENARIOS, `${name}.vms`), 'utf8')));
    }
  });
});

describe('vm run --json', () => {
  for (const [key, file] of [['jsonFirstFit', 'first_fit.vms'], ['jsonShared', 'shared_mapping.vms']] as const) {
    test(`${file}: one object a statement with line, kr, out and events`, () => {
      const res = r[key];
      expect(res.code).toBe(0);
      const trace = JSON.parse(res.stdout) as Record<string, unknown>[];
      expect(Array.isArray(trace)).toBe(true);
      const source = readFileSync(join(SCENARIOS, file), 'utf8');
      expect(trace.map((o) => o.line)).toEqual(statementLines(source));
      for (const o of trace) {
        expect(typeof o.line).toBe('number');
        expect('kr' in o).toBe(true);
        expect(o.kr === null || typeof o.kr === 'number').toBe(true);
        expect(typeof o.out).toBe('object');
        expect(o.out).not.toBeNull();
        expect(Array.isArray(o.events)).toBe(true);
      }
      // a call has a result code and sets kr; a successful vm_allocate / vm_map causes kernel events
      const lines = source.split('\n');
      const calls = trace.filter((o) => /\b(vm_allocate|vm_map|vm_region|vm_deallocate|vm_protect)\(/.test(lines[(o.line as number) - 1]));
      expect(calls.length).toBeGreaterThan(0);
      for (const o of calls) {
        expect(typeof o.kr).toBe('number');
        expect((o.out as Record<string, unknown>).kr).toBe(o.kr);
      }
      const mapping = calls.find((o) => /\b(vm_allocate|vm_map)\(/.test(lines[(o.line as number) - 1]) && o.kr === 0)!;
      expect((mapping.events as unknown[]).length).toBeGreaterThan(0);
      // an assignment's out value is the variable it set
      const assign = trace.find((o) => /^\s*[A-Za-z_]\w*\s*=\s*[^=(]*$/.test(lines[(o.line as number) - 1].replace(/#.*/, '')));
      if (assign !== undefined) expect(Object.keys(assign.out as object).length).toBe(1);
      // asserts have no result code
      const assertion = trace.find((o) => /^\s*assert\b/.test(lines[(o.line as number) - 1]))!;
      expect(assertion.kr).toBeNull();
    });
  }

  test('the out values of vm_allocate hold the address it chose', () => {
    const trace = JSON.parse(r.jsonFirstFit.stdout) as { line: number; kr: number | null; out: Record<string, unknown> }[];
    const first = trace.find((o) => o.kr !== null)!;
    expect(first.kr).toBe(0);
    expect(first.out.x).toBe(0x1000);
  });

  test('a failing run still prints the trace up to the failure, and exits 1', () => {
    expect(r.assertJson.code).toBe(1);
    const trace = JSON.parse(r.assertJson.stdout) as { line: number }[];
    expect(trace.map((o) => o.line)).toEqual([2, 3, 4]);
  });
});

describe('errors and exit status', () => {
  test('a failed assert exits 1 with FILE:LINE: and both compared values', () => {
    const res = r.assert;
    expect(res.code).toBe(1);
    expect(res.stderr.startsWith(`${bad.assert}:4: `)).toBe(true);
    const msg = res.stderr.slice(`${bad.assert}:4: `.length);
    expect(msg).toMatch(/4096|0x1000/); // x, the left side
    expect(msg).toMatch(/8192|0x2000/); // the right side
  });

  test('a failed assert on a result code names both codes', () => {
    const res = r.assertKr;
    expect(res.code).toBe(1);
    expect(res.stderr.startsWith(`${bad.assertKr}:5: `)).toBe(true);
    expect(res.stderr).toMatch(/KERN_NO_SPACE|\b3\b/);
    expect(res.stderr).toMatch(/KERN_SUCCESS|\b0\b/);
  });

  test('a variable used before it was set is a runtime error: exit 1, FILE:LINE:', () => {
    const res = r.unset;
    expect(res.code).toBe(1);
    expect(res.stderr.startsWith(`${bad.unset}:3: `)).toBe(true);
    expect(res.stderr).toContain('nowhere');
  });

  test('a parse error exits 2 with FILE:LINE:COL: message', () => {
    const res = r.parse;
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(new RegExp(`^${escape(bad.parse)}:2:3: \\S`));
  });

  test('a parse error anywhere stops the whole file before it runs', () => {
    const res = r.parseLate;
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(new RegExp(`^${escape(bad.parseLate)}:4:\\d+: \\S`));
  });

  test('config after another statement is a parse error', () => {
    const res = r.config;
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(new RegExp(`^${escape(bad.config)}:2:\\d+: \\S`));
  });

  test('a file that does not exist exits 2', () => {
    expect(r.missing.code).toBe(2);
    expect(r.missing.stderr).toContain(bad.missing);
  });

  test('a directory cannot be read as a scenario: exit 2', () => {
    expect(r.directory.code).toBe(2);
    expect(r.directory.stderr).toContain(tmp);
  });

  test('an unknown built-in exits 2', () => {
    expect(r.unknownBuiltin.code).toBe(2);
    expect(r.unknownBuiltin.stderr).toContain('no_such_lesson');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
