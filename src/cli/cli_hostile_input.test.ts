/**
 * The `vm` command against inputs that used to trick it (issue 15, cases 3 and 6), the real CLI in
 * child processes (test_cli.ts):
 *   - a FIFO (no writer: it used to hang), a pipe (/dev/stdin of a child: read without limit) and
 *     /dev/zero (8.4 GB in 60 s) are refused at once, exit 2, naming the file and what it is;
 *   - a file opening with a UTF-8 byte-order mark runs (it was refused at 1:1), and the columns of
 *     its messages do not count the mark;
 *   - an unknown option or an extra argument is refused with the usage, exit 2 (they were ignored);
 *   - swap counts in the memory limit: pages written once each on 2 frames stop at the line that
 *     passes 128 MiB, naming the limit, in bounded time and memory.
 * Every run has a timeout (a hang fails the test instead of stalling the suite).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runVm, runVmMeasured, type CliRun, type MeasuredRun } from './test_cli';

/** A run that hangs is killed after this long (code -1); every case here answers in a few seconds. */
const HANG_MS = 30_000;

const tmp = mkdtempSync(join(tmpdir(), 'vm-cli-hostile-'));
const file = {
  fifo: join(tmp, 'scenario.fifo'),
  bom: join(tmp, 'bom.vms'),
  bomParse: join(tmp, 'bom_parse_error.vms'),
  plain: join(tmp, 'plain.vms'),
  swap: join(tmp, 'swap.vms'),
};
const BOM = '\uFEFF';
const GOOD = 'task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\nassert kr == KERN_SUCCESS\n';
writeFileSync(file.bom, BOM + GOOD);
writeFileSync(file.bomParse, BOM + 'task 9A\n');
writeFileSync(file.plain, GOOD);
// 16 KiB pages, 2 frames: each write touches a new page, so each evicts a dirty page to swap;
// 128 MiB of swap is 8,192 pages: the write on line 3 + 8,195 passes it
const SWAP_PAGES = 8300;
writeFileSync(
  file.swap,
  'config page_size=16384 frames=2\ntask A\nkr = vm_allocate(A, &x, 0x10000000, TRUE)\n' +
    Array.from({ length: SWAP_PAGES }, (_, i) => `write(A, x + ${i * 16384}, "a")\n`).join(''),
);
const hasMkfifo = (() => {
  try {
    execFileSync('mkfifo', [file.fifo]);
    return true;
  } catch {
    return false;
  }
})();

const vm = (...args: string[]) => runVm(args);

/** `yes 'task A' | vm run /dev/stdin`: a pipe that never ends (the command used to read it without limit). */
function endlessPipe(): Promise<CliRun> {
  const t0 = performance.now();
  const cmd = `yes 'task A' | exec "${join(ROOT, 'node_modules', '.bin', 'tsx')}" "${join(ROOT, 'src', 'cli', 'vm.ts')}" run /dev/stdin`;
  return new Promise((resolve) => {
    execFile('sh', ['-c', cmd], { cwd: ROOT, encoding: 'utf8', timeout: HANG_MS, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}
const r: Record<string, CliRun> = {};
let swap: MeasuredRun;

beforeAll(async () => {
  const skipped = async (): Promise<CliRun> => ({ code: 2, stdout: '', stderr: 'skipped', ms: 0 });
  const jobs: [string, () => Promise<CliRun>][] = [
    ['fifo', hasMkfifo ? () => vm('run', file.fifo) : skipped],
    ['pipe', endlessPipe],
    ['zero', existsSync('/dev/zero') ? () => vm('run', '/dev/zero') : skipped],
    ['bom', () => vm('run', file.bom)],
    ['bomParse', () => vm('run', file.bomParse)],
    ['unknownFlag', () => vm('run', file.plain, '--jsno')],
    ['unknownShort', () => vm('run', '-x', file.plain)],
    ['extra', () => vm('run', file.plain, 'other.vms')],
    ['builtinExtra', () => vm('run', '--builtin', 'fork_copy', file.plain)],
    ['listExtra', () => vm('list', '--all')],
    ['dashDash', () => vm('run', '--json', '--', file.plain)],
  ];
  // three at a time: a 2-CPU machine is not flooded
  for (let i = 0; i < jobs.length; i += 3) {
    const batch = jobs.slice(i, i + 3);
    const done = await Promise.all(batch.map(([, run]) => run()));
    batch.forEach(([key], j) => (r[key] = done[j]));
  }
  swap = await runVmMeasured(['run', file.swap], { timeoutMs: 60_000 });
}, 180_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('only regular files are read (case 6)', () => {
  test.skipIf(!hasMkfifo)('a FIFO with no writer is refused at once, not waited on: exit 2, naming it', () => {
    expect(r.fifo.code).toBe(2);
    expect(r.fifo.ms).toBeLessThan(HANG_MS);
    expect(r.fifo.stderr).toBe(`${file.fifo}: cannot read: it is a pipe or FIFO, not a regular file (save the scenario to a file and run that)\n`);
    expect(r.fifo.stdout).toBe('');
  });

  test('an endless pipe (yes | vm run /dev/stdin) is refused at once: exit 2', () => {
    expect(r.pipe.ms).toBeLessThan(HANG_MS);
    expect(r.pipe.code).toBe(2);
    expect(r.pipe.stderr).toMatch(/^\/dev\/stdin: cannot read: it is a pipe or FIFO, not a regular file/);
  });

  test.skipIf(!existsSync('/dev/zero'))('/dev/zero is refused before a byte is read: exit 2, quickly', () => {
    expect(r.zero.code).toBe(2);
    expect(r.zero.ms).toBeLessThan(HANG_MS);
    expect(r.zero.stderr).toBe('/dev/zero: cannot read: it is a character device, not a regular file (save the scenario to a file and run that)\n');
  });
});

describe('a UTF-8 byte-order mark is dropped (case 6)', () => {
  test('a file opening with one runs as without it', () => {
    expect(r.bom.stderr).toBe('');
    expect(r.bom.code).toBe(0);
    expect(r.bom.stdout).toContain('ok: 3 statements, 1 asserts held');
  });

  test('the columns of its messages are counted without it', () => {
    expect(r.bomParse.code).toBe(2);
    expect(r.bomParse.stderr).toMatch(new RegExp(`^${file.bomParse.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:6: `));
  });
});

describe('the command line is checked (case 6)', () => {
  const usage = 'usage: vm run FILE.vms [--json]\n       vm run --builtin NAME [--json]\n       vm list\n';
  test.each([
    ['unknownFlag', "unknown option '--jsno'"],
    ['unknownShort', "unknown option '-x'"],
    ['extra', "unexpected argument 'other.vms' (run takes one file)"],
    ['builtinExtra', `unexpected argument '${file.plain}' (run --builtin NAME takes no file)`],
    ['listExtra', "unexpected argument '--all' (list takes none)"],
  ])('%s: refused with the usage, exit 2, nothing run', (key, why) => {
    expect(r[key].code).toBe(2);
    expect(r[key].stderr).toBe(`${why}\n${usage}`);
    expect(r[key].stdout).toBe('');
  });

  test('-- ends the options (and --json still counts before it)', () => {
    expect(r.dashDash.code).toBe(0);
    expect(JSON.parse(r.dashDash.stdout)).toHaveLength(3);
  });
});

describe('swap counts in the memory limit (case 3)', () => {
  test('pages evicted to swap stop the run at the line that passes 128 MiB, in bounded time and memory', () => {
    expect(swap.code).toBe(1);
    expect(swap.stderr).toBe(
      `${file.swap}:8198: the pages evicted to swap took the scenario's memory (objects, read results and pages in swap) past the limit of 128 MiB (MAX_HELD_BYTES): it holds 128 MiB (134,234,112 bytes), 128 MiB of it in swap; it was stopped at line 8198\n`,
    );
    expect(swap.peakMiB).not.toBeNull();
    // the run holds 128 MiB of swap; everything else (node, tsx, the trace) stays well under
    expect(swap.peakMiB!).toBeLessThan(512);
    expect(swap.ms).toBeLessThan(HANG_MS);
  });
});
