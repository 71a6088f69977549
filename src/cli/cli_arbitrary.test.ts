/**
 * The `vm` command with arbitrary integers in every argument of every call (the real CLI in child
 * processes, src/cli/vm.ts compiled once for the file: test_cli.ts runVm): every call answers a kern_return_t and the run ends with exit 0;
 * what the language cannot hold is a scenario error with its position (exit 2 FILE:LINE:COL for a
 * literal past 2^53, exit 1 FILE:LINE for an overflow or a transfer past 16 MiB). Never a stack
 * trace: `vm_read(A, 1, -1, &d)` used to end the CLI with "RangeError: Invalid typed array length".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVm, type CliRun } from './test_cli';
import { afterAll, beforeAll, expect, test } from 'vitest';



const vm = (...args: string[]) => runVm(args);

/** Integers as the language writes them: negative ones through unary minus, all within ±2^53. */
const VALUES = [
  '0', '1', '-1', '7', '8', '0xfff', '0x1000', '-0x1000', '0x10800', '0x7fffffff', '0xfffff000', '0xffffffff', '0x100000000',
  '-0x100000000', '0x10000000000', '0xfffffffff000', '0x1000000000000', '0x1000001', '9007199254740991', '-9007199254740991',
  '9007199254740992', '-9007199254740992', '0x5555',
];
/** Each call with plausible arguments; `x` is mapped, `F` a pager. Out parameters are not swept. */
const CALLS: [string, string[], (a: string[]) => string][] = [
  ['vm_allocate', ['y', '0x1000', 'FALSE'], ([y, s, any]) => `y = ${y}\nkr = vm_allocate(A, &y, ${s}, ${any})`],
  ['vm_map', ['y', '0x1000', '0', 'TRUE', 'F', '0', 'FALSE', 'VM_PROT_READ', 'VM_PROT_ALL', 'VM_INHERIT_COPY'],
    (a) => `y = ${a[0]}\nkr = vm_map(A, &y, ${a.slice(1).join(', ')})`],
  ['vm_remap', ['y', '0x1000', '0', 'TRUE', 'x', 'FALSE', 'VM_INHERIT_SHARE'],
    (a) => `y = ${a[0]}\nkr = vm_remap(B, &y, ${a[1]}, ${a[2]}, ${a[3]}, A, ${a[4]}, ${a[5]}, &cur, &max, ${a[6]})`],
  ['vm_deallocate', ['x + 0x3000', '0x1000'], (a) => `kr = vm_deallocate(B, ${a.join(', ')})`],
  ['vm_protect', ['x', '0x1000', 'FALSE', 'VM_PROT_READ'], (a) => `kr = vm_protect(A, ${a.join(', ')})`],
  ['vm_inherit', ['x', '0x1000', 'VM_INHERIT_NONE'], (a) => `kr = vm_inherit(A, ${a.join(', ')})`],
  ['vm_read', ['x', '5'], (a) => `kr = vm_read(A, ${a.join(', ')}, &d)`],
  ['vm_write', ['x + 0x10'], (a) => `kr = vm_write(A, ${a[0]}, "bytes")`],
  ['vm_copy', ['x', '0x100', 'x + 0x1000'], (a) => `kr = vm_copy(A, ${a.join(', ')})`],
  ['vm_region', ['y'], (a) => `y = ${a[0]}\nkr = vm_region(A, &y, &rs, &rp, &rm, &ri, &rsh, &robj, &roff)`],
  ['read', ['x', '2'], (a) => `kr = read(A, ${a.join(', ')}, &v)`],
  ['write', ['x + 0x20'], (a) => `kr = write(A, ${a[0]}, "hi")`],
  ['exec', ['x'], (a) => `kr = exec(A, ${a[0]})`],
  ['queries', ['x'], (a) => `q = object_of(A, ${a[0]}) + shadow_depth(A, ${a[0]})`],
];

/** A transfer size past 16 MiB is a runtime error by design (it is the interpreter's limit): not swept there. */
function sweep(): { text: string; calls: number } {
  const out = ['config address_bits=48 frames=8', 'task A', 'task B', 'object F size=0x4000 data="file"', 'kr = vm_allocate(A, &x, 0x8000, TRUE)'];
  let calls = 0;
  for (const [name, plausible, make] of CALLS) {
    for (let i = 0; i < plausible.length; i++) {
      for (const v of VALUES) {
        const transferSize = (name === 'vm_read' || name === 'vm_copy' || name === 'read') && i === 1;
        if (transferSize && !v.startsWith('-') && Number(v) > 16 * 1024 * 1024) continue;
        const args = plausible.slice();
        args[i] = v;
        out.push(make(args));
        if (name !== 'queries') calls++;
      }
    }
  }
  out.push('kr = task_terminate(B)', 'task C = fork(A)', 'kr = task_terminate(A)');
  return { text: out.join('\n') + '\n', calls };
}

const tmp = mkdtempSync(join(tmpdir(), 'vm-cli-arbitrary-'));
const file = {
  repro: join(tmp, 'vm_read_minus_one.vms'),
  sweep: join(tmp, 'sweep.vms'),
  literal: join(tmp, 'literal_2_64.vms'),
  overflow: join(tmp, 'overflow.vms'),
  transfer: join(tmp, 'transfer.vms'),
};
const swept = sweep();
writeFileSync(file.repro, 'task A\nkr = vm_read(A, 1, -1, &d)\n');
writeFileSync(file.sweep, swept.text);
writeFileSync(file.literal, 'task A\nkr = vm_read(A, 0xFFFFFFFFFFFFFFFF, 1, &d)\n');
writeFileSync(file.overflow, 'task A\nx = 9007199254740992\nkr = vm_read(A, x + 1, 1, &d)\n');
writeFileSync(file.transfer, 'task A\nkr = vm_allocate(A, &x, 0x2000000, TRUE)\nkr = vm_copy(A, x, 0x1000001, x)\n');

const r: Record<string, CliRun> = {};
beforeAll(async () => {
  const keys = Object.keys(file) as (keyof typeof file)[];
  const out: CliRun[] = [];
  for (let i = 0; i < keys.length; i += 3) out.push(...(await Promise.all(keys.slice(i, i + 3).map((key) => vm('run', file[key])))));
  keys.forEach((key, i) => (r[key] = out[i]));
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('vm_read(A, 1, -1, &d): KERN_INVALID_ARGUMENT (2^64 - 1 bytes is past the 16 MiB a transfer moves), exit 0', () => {
  expect(r.repro.stderr).toBe('');
  expect(r.repro.stdout).toContain('-> KERN_INVALID_ARGUMENT');
  expect(r.repro.code).toBe(0);
});

test(`${swept.calls} calls, each argument swept through boundary values: each answers a kern_return_t, exit 0`, () => {
  expect(r.sweep.stderr).toBe('');
  expect(r.sweep.code).toBe(0);
  const answers = r.sweep.stdout.match(/-> KERN_[A-Z_]+/g) ?? [];
  expect(answers.length).toBe(swept.calls + 4); // and the first vm_allocate, the fork, the two task_terminates
  expect(new Set(answers)).toEqual(new Set([
    '-> KERN_SUCCESS', '-> KERN_INVALID_ADDRESS', '-> KERN_PROTECTION_FAILURE', '-> KERN_NO_SPACE', '-> KERN_INVALID_ARGUMENT',
    '-> KERN_INVALID_OBJECT',
  ]));
});

test('a literal past 2^53 is a parse error at its line and column: exit 2', () => {
  expect(r.literal.code).toBe(2);
  expect(r.literal.stderr).toBe(`${file.literal}:2:17: integer 0xFFFFFFFFFFFFFFFF is too large: integers are exact up to 2^53\n`);
});

test('arithmetic past 2^53 is a runtime error at its line: exit 1', () => {
  expect(r.overflow.code).toBe(1);
  expect(r.overflow.stderr).toBe(`${file.overflow}:3: integer overflow: 9007199254740992 + 1 is beyond 2^53, the largest exact integer\n`);
});

test('a transfer past 16 MiB is a runtime error at its line: exit 1', () => {
  expect(r.transfer.code).toBe(1);
  expect(r.transfer.stderr).toBe(`${file.transfer}:3: 16777217 (0x1000001) bytes is more than the 16 MiB one statement may move\n`);
});
