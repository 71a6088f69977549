/**
 * The `vm` command applies the playground's limits (../scenario/limits.test.ts) the same way:
 * too many statements, too much work or too many tasks exit 1 with `FILE:LINE: message`; a text
 * over MAX_SOURCE_LENGTH exits 2 with `FILE:LINE:COL: message`, and a file too large to be one is
 * refused by its size before it is read. The real CLI in child processes (node --import tsx src/cli/vm.ts), bounded by their CPU time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVmMeasured, type MeasuredRun } from './test_cli';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MAX_STATEMENTS } from '../scenario/interpreter';
import { MAX_SOURCE_LENGTH } from '../scenario/parser';



/** The CLI in its own node process, its CPU time measured: a bound on the work, whatever else the machine runs (CI's load varies twentyfold). */
const vm = (...args: string[]) => runVmMeasured(args);

const tmp = mkdtempSync(join(tmpdir(), 'vm-cli-limits-'));
const file = {
  statements: join(tmp, 'too_many_statements.vms'),
  work: join(tmp, 'too_much_work.vms'),
  tasks: join(tmp, 'too_many_tasks.vms'),
  long: join(tmp, 'too_long.vms'),
  huge: join(tmp, 'huge.vms'),
};
const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';
writeFileSync(file.statements, 'task A\n' + 'x=1\n'.repeat(MAX_STATEMENTS));
writeFileSync(
  file.work,
  'config frames=4096\ntask P\nkr = vm_allocate(P, &x, 1000 * 4096, TRUE)\n' +
    repeat(1000, (i) => `write(P,x+${i * 4096},"a")`) +
    repeat(500, (i) => `vm_inherit(P,x+${(2 * i + 1) * 4096},4096,0)`) +
    repeat(400, (i) => `task C${i} = fork(P)`),
);
writeFileSync(file.tasks, repeat(10_000, (i) => `task T${i}`));
writeFileSync(file.long, 'task A\n' + '# a comment line of forty characters...\n'.repeat(MAX_SOURCE_LENGTH / 40 + 1));
writeFileSync(file.huge, 'x = 1\n'.repeat(Math.ceil((10 * 1024 * 1024) / 6)));

const r: Record<string, MeasuredRun> = {};
beforeAll(async () => {
  const jobs: [string, string[]][] = [
    ['statements', ['run', file.statements]],
    ['statementsJson', ['run', file.statements, '--json']],
    ['work', ['run', file.work]],
    ['tasks', ['run', file.tasks]],
    ['long', ['run', file.long]],
    ['huge', ['run', file.huge]],
  ];
  const out: MeasuredRun[] = [];
  for (let i = 0; i < jobs.length; i += 3) out.push(...(await Promise.all(jobs.slice(i, i + 3).map(([, args]) => vm(...args)))));
  jobs.forEach(([key], i) => (r[key] = out[i]));
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test(`more than ${MAX_STATEMENTS} statements: exit 1, FILE:LINE of the first statement past the limit`, () => {
  expect(r.statements.stderr).toBe(`${file.statements}:${MAX_STATEMENTS + 1}: the scenario has 100,001 statements; at most 100,000 may run (statement 100,001 is on this line)\n`);
  expect(r.statements.code).toBe(1);
  expect(r.statements.stdout).toBe('');
  expect(r.statementsJson.code).toBe(1);
  expect(JSON.parse(r.statementsJson.stdout)).toEqual([]);
  expect(r.statements.cpuMs).toBeLessThan(20_000); // refused before anything runs: node's start-up included
});

test('too much work: exit 1, FILE:LINE of the statement it stopped at', () => {
  expect(r.work.code).toBe(1);
  expect(r.work.stderr).toMatch(/:(\d+): the scenario did too much work \(over 1,000,000 steps of kernel activity\); it was stopped at line \1\n$/);
  expect(r.work.stderr.startsWith(`${file.work}:`)).toBe(true);
  expect(r.work.cpuMs).toBeLessThan(20_000); // stopped at MAX_WORK, not run to the end
});

test('too many tasks: exit 1 at task 513', () => {
  expect(r.tasks.code).toBe(1);
  expect(r.tasks.stderr).toBe(`${file.tasks}:513: a scenario may make at most 512 tasks (forks and terminated tasks count): the diagram cannot draw more\n`);
});

test(`a text over ${MAX_SOURCE_LENGTH} characters: exit 2, FILE:LINE:COL where the limit is passed`, () => {
  expect(r.long.code).toBe(2);
  // "task A\n" is 7 characters, then lines of 40: index 1,000,000 is on line 2 + (999,993 / 40), column 999,993 % 40 + 1
  expect(r.long.stderr).toBe(`${file.long}:${2 + Math.floor(999_993 / 40)}:${(999_993 % 40) + 1}: the scenario is 1,000,047 characters long; at most 1,000,000 are accepted (this is where the limit is passed)\n`);
  expect(r.long.stdout).toBe('');
});

test('a 10 MB file is refused by its size, before it is read: exit 2', () => {
  expect(r.huge.code).toBe(2);
  expect(r.huge.stderr).toMatch(new RegExp(`^${file.huge.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: the file is 10,485,762 bytes; a scenario is at most 1,000,000 characters\\n$`));
  expect(r.huge.stdout).toBe('');
});
