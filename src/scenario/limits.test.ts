/**
 * Absurd scenarios (they come from URLs and students: hostile input) are refused or bounded with a
 * message that names the line (and the column, for parse-time limits), never a hang or a crash.
 * Each test also bounds its running time, generously (the limits keep these well under a second
 * on a 2-CPU machine; the bounds leave room for a loaded test run).
 */
import { describe, expect, test } from 'vitest';
import { MAX_EXPR_DEPTH, MAX_SOURCE_LENGTH, parseScenario } from './parser';
import { runScenario, type ScenarioOutcome } from './run';
import { Interpreter, MAX_HELD_BYTES, MAX_OBJECT_SIZE, MAX_STATEMENTS, MAX_TRANSFER, MAX_WORK } from './interpreter';
import { loadBuiltins } from './builtins_node';
import { parseOk } from './test_helpers';
import { MAX_TASKS } from '../kernel/kernel';
import { ScenarioSession } from '../worker/session';
import { summarize } from '../worker/step_summary';
import { cpuTime } from '../testing/cpu_time';

/**
 * Headroom on the time bounds below: each bound is what a quiet 2-core machine needs with margin;
 * these checks catch a runaway (a limit that does not stop a run: minutes, or never), not a
 * slowdown, which `npm run bench` measures. They count CPU time (cpu_time.ts), which other jobs on
 * the machine hardly change; the headroom is for a slower CPU.
 */
const BUSY_MACHINE_HEADROOM = 3;

/** Runs f and checks it took less than `ms` milliseconds of CPU (times the headroom). */
function timed<T>(ms: number, f: () => T): T {
  const { result, ms: took } = cpuTime(f);
  expect(took).toBeLessThan(ms * BUSY_MACHINE_HEADROOM);
  return result;
}

const lines = (...ls: string[]) => ls.join('\n') + '\n';
const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';

function expectRuntimeError(o: ScenarioOutcome, line: number, message: RegExp): void {
  expect(o.status).toBe('runtime-error');
  if (o.status !== 'runtime-error') return;
  expect(o.message).toMatch(message);
  expect(o.line).toBe(line);
}

function expectParseError(source: string, line: number, col: number, message: RegExp): void {
  const r = timed(2000, () => parseScenario(source));
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.message).toMatch(message);
  expect(r.error.pos).toEqual({ line, col });
}

const TOO_MUCH_WORK = /^the scenario did too much work \(over 1,000,000 steps of kernel activity\); it was stopped at line \d+$/;

describe('huge allocations are a result code, and allocate nothing until touched', () => {
  test('2^52 bytes in a 48-bit space: anywhere → KERN_NO_SPACE, fixed → KERN_INVALID_ADDRESS (it ends past the top)', () => {
    const o = timed(2000, () =>
      runScenario(lines(
        'config address_bits=48',
        'task A',
        'kr = vm_allocate(A, &x, 1 << 52, TRUE)',
        'assert kr == KERN_NO_SPACE',
        'y = 0',
        'kr = vm_allocate(A, &y, 1 << 52, FALSE)',
        'assert kr == KERN_INVALID_ADDRESS',
        'z = 1 << 47',
        'kr = vm_allocate(A, &z, 1 << 52, FALSE)',
        'assert kr == KERN_INVALID_ADDRESS',
      )),
    );
    expect(o).toMatchObject({ status: 'ok' });
  });

  test('2^47 bytes (half the space) anywhere and fixed: KERN_SUCCESS, no frame used', () => {
    const o = timed(2000, () =>
      runScenario(lines(
        'config address_bits=48',
        'task A',
        'f = free_frames()',
        'kr = vm_allocate(A, &x, 1 << 47, TRUE)',
        'assert kr == KERN_SUCCESS',
        'assert x == 0x1000',
        'y = (1 << 47) + 0x1000',
        'kr = vm_allocate(A, &y, (1 << 47) - 0x1000, FALSE)', // up to the very top
        'assert kr == KERN_SUCCESS',
        'assert free_frames() == f',
        'kr = vm_protect(A, x, 1 << 47, FALSE, VM_PROT_READ)',
        'assert kr == KERN_SUCCESS',
        'kr = vm_deallocate(A, 0, 1 << 48)',
        'assert kr == KERN_SUCCESS',
      )),
    );
    expect(o).toMatchObject({ status: 'ok' });
  });

  test('touching such memory page by page is bounded by the statement count (and the work budget)', () => {
    // as many page touches as a text under MAX_SOURCE_LENGTH holds: each faults in a fresh page and
    // evicts another (64 frames)
    const pages = 25_000;
    const src = lines('config address_bits=48', 'task A', 'kr = vm_allocate(A, &p, 1 << 47, TRUE)') + repeat(pages, () => 'write(A,p,"a")\np=p+4096');
    expect(src.length).toBeLessThanOrEqual(MAX_SOURCE_LENGTH);
    const o = timed(4000, () => runScenario(src));
    expect(o.status).toBe('ok');
    if (o.status === 'ok') expect(o.steps).toHaveLength(3 + 2 * pages);
  });
});

describe('the configuration is bounded at parse time', () => {
  test('config address_bits=64 is a parse error at the value', () => {
    expectParseError('config address_bits=64\ntask A\n', 1, 21, /^address_bits must be between 20 and 48, not 64$/);
  });

  test('config frames=1000000 is a parse error at the value', () => {
    expectParseError('config frames=1000000\n', 1, 15, /^frames must be between 2 and 65536, not 1000000$/);
  });
});

describe('statements: at most MAX_STATEMENTS', () => {
  test(`${MAX_STATEMENTS} statements run (the worker loads them in well under 2 s)`, () => {
    const src = 'x=1\n'.repeat(MAX_STATEMENTS);
    const session = new ScenarioSession();
    const loaded = timed(4000, () => session.load(src));
    expect(loaded.status).toBe('ok');
    expect(session.total).toBe(MAX_STATEMENTS);
    expect(timed(2000, () => session.goto(MAX_STATEMENTS))?.step).toBe(MAX_STATEMENTS);
  });

  test('one more is refused before anything runs, at the line of the first statement past the limit', () => {
    const src = '# many statements\n' + 'x=1\n'.repeat(MAX_STATEMENTS) + '\n  x = 2\n';
    const o = timed(2000, () => runScenario(src));
    expect(o).toEqual({
      status: 'runtime-error',
      steps: [],
      message: 'the scenario has 100,001 statements; at most 100,000 may run (statement 100,001 is on this line)',
      line: MAX_STATEMENTS + 3,
      col: 3,
    });
    const loaded = timed(2000, () => new ScenarioSession().load(src));
    expect(loaded).toEqual({ status: 'runtime-error', steps: summarize([]), total: 0, annotations: { marks: [], notes: [], dropped: 0 }, names: { tasks: [], objects: [], variables: ['x'] }, message: o.status === 'runtime-error' ? o.message : '', line: MAX_STATEMENTS + 3, col: 3 });
    const it = new Interpreter(parseOk(src));
    expect(it.done).toBe(true);
    expect(it.runAll()).toEqual([]);
  });
});

describe('tasks: at most MAX_TASKS, forks and terminated ones included', () => {
  test('task T0 … task T9999 stops at task 513', () => {
    const o = timed(2000, () => runScenario(repeat(10_000, (i) => `task T${i}`)));
    expectRuntimeError(o, MAX_TASKS + 1, /^a scenario may make at most 512 tasks \(forks and terminated tasks count\): the diagram cannot draw more$/);
    if (o.status === 'runtime-error') expect(o.steps).toHaveLength(MAX_TASKS + 1);
  });

  test('forks and terminated tasks count', () => {
    const src = lines('task P', 'kr = vm_allocate(P, &x, 0x1000, TRUE)') + repeat(1000, (i) => `task C${i} = fork(P)\nkr = task_terminate(C${i})`);
    const o = timed(2000, () => runScenario(src));
    // P and 511 children; the 512th fork is statement 2 + 2 × 511 + 1, on the line of the same number
    expectRuntimeError(o, 2 + 2 * (MAX_TASKS - 1) + 1, /at most 512 tasks/);
  });
});

describe('bytes: transfers and objects are bounded', () => {
  test('read and vm_read of 2^40 bytes are runtime errors at the size', () => {
    for (const call of ['read', 'vm_read']) {
      const o = timed(2000, () => runScenario(lines('task A', 'kr = vm_allocate(A, &x, 0x1000, TRUE)', `kr = ${call}(A, x, 1 << 40, &v)`)));
      expectRuntimeError(o, 3, /^1099511627776 \(0x10000000000\) bytes is more than the 16 MiB one statement may move$/);
      if (o.status === 'runtime-error') expect(o.col).toBe(call.length + 13); // at the size argument
    }
    expect(MAX_TRANSFER).toBe(16 * 1024 * 1024);
  });

  test('an object of 2^40 bytes is a runtime error at the size', () => {
    const o = timed(2000, () => runScenario('object F size=1 << 40\n'));
    expectRuntimeError(o, 1, /^object size must be between 1 and 67108864 \(64 MiB\), not 1099511627776 \(0x10000000000\)$/);
    if (o.status === 'runtime-error') expect(o.col).toBe(17); // at the size's operator
    expect(MAX_OBJECT_SIZE).toBe(64 * 1024 * 1024);
  });

  test(`objects and read results hold at most ${MAX_HELD_BYTES / 2 ** 20} MiB in all`, () => {
    const objects = timed(2000, () => runScenario(repeat(10, (i) => `object O${i} size=0x4000000`)));
    expectRuntimeError(
      objects,
      3,
      /^object O2 \(64 MiB\) would take the scenario's memory \(objects, read results and pages in swap\) past the limit of 128 MiB \(MAX_HELD_BYTES\): it holds 128 MiB already; it was stopped at line 3$/,
    );
    const reads = timed(3000, () =>
      runScenario(lines('config frames=8192', 'task A', 'kr = vm_allocate(A, &x, 0x1000000, TRUE)') + repeat(20, (i) => `kr = vm_read(A, x, 0x1000000, &d${i})`)),
    );
    expectRuntimeError(reads, 3 + 9, /^reading 16 MiB would take .* past the limit of 128 MiB \(MAX_HELD_BYTES\): it holds 128 MiB already; it was stopped at line 12$/);
  });

  // issue 15, case 3: dirty pages evicted to the default pager's swap were not counted, so
  // repeated 16 MiB vm_writes on 2 frames held 704 MiB in 5 s
  test('pages evicted to swap count in the same limit: 16 MiB vm_writes on 2 frames stop at the line that passes it', () => {
    const writes = repeat(44, (i) => `kr = vm_allocate(A, &b${i}, 0x1000000, TRUE)\nkr = vm_write(A, b${i}, v)`);
    const source = lines('config frames=2', 'task A', 'kr = vm_allocate(A, &x, 0x1000000, TRUE)', 'kr = vm_read(A, x, 0x1000000, &v)') + writes;
    const it = new Interpreter(parseOk(source), { trace: false });
    let peak = 0;
    let last = null as ReturnType<Interpreter['step']> | null;
    timed(4000, () => {
      while (!it.done) {
        last = it.step();
        peak = Math.max(peak, it.heldBytes);
      }
    });
    // the read holds 16 MiB (and its zero-filled pages went to swap), then each write puts 16 MiB
    // more in swap: the 7th write, on line 4 + 2 × 7 = 18, takes it to 144 MiB less the 2 pages
    // still in frames
    expect(last!.error).toBeDefined();
    expect(last!.line).toBe(18);
    expect(last!.error!.message).toBe(
      "the pages evicted to swap took the scenario's memory (objects, read results and pages in swap) past the limit of 128 MiB (MAX_HELD_BYTES): it holds 144 MiB (150,986,752 bytes), 128 MiB of it in swap; it was stopped at line 18",
    );
    expect(it.kernel.swapBytes).toBe(128 * 2 ** 20 - 2 * 4096);
    // at most one statement's pages past the limit (MAX_TRANSFER), never the 704 MiB of the issue
    expect(peak).toBeLessThanOrEqual(MAX_HELD_BYTES + MAX_TRANSFER);
    // and the same in the front ends' runner, with tracing
    const o = timed(4000, () => runScenario(source));
    expectRuntimeError(o, 18, /^the pages evicted to swap took .* past the limit of 128 MiB \(MAX_HELD_BYTES\)/);
  });

  test('swap is freed with the memory that owned it: deallocating keeps a long run under the limit', () => {
    const rounds = repeat(20, (i) => `kr = vm_allocate(A, &b${i}, 0x1000000, TRUE)\nkr = vm_write(A, b${i}, v)\nkr = vm_deallocate(A, b${i}, 0x1000000)`);
    const o = timed(6000, () => runScenario(lines('config frames=2', 'task A', 'kr = vm_allocate(A, &x, 0x1000000, TRUE)', 'kr = vm_read(A, x, 0x1000000, &v)') + rounds, { trace: false }));
    expect(o.status).toBe('ok');
  });
});

describe('the text: at most MAX_SOURCE_LENGTH characters, expressions at most MAX_EXPR_DEPTH deep', () => {
  test('a 10 MB scenario is refused at once, at the line and column where the limit is passed', () => {
    const line = 'kr = vm_allocate(A, &x, 0x1000, TRUE)\n'; // 38 characters
    const src = line.repeat(Math.ceil(10_000_000 / line.length));
    const at = MAX_SOURCE_LENGTH; // 0-based index of the first character over the limit
    expect(src.length).toBeGreaterThanOrEqual(10_000_000);
    const message = new RegExp(`^the scenario is ${src.length.toLocaleString('en-US')} characters long; at most 1,000,000 are accepted`);
    expectParseError(src, Math.floor(at / line.length) + 1, (at % line.length) + 1, message);
    const o = timed(2000, () => runScenario(src));
    expect(o.status).toBe('parse-error');
  });

  test('texts of exactly MAX_SOURCE_LENGTH characters parse in linear time, even the worst shapes', () => {
    const n = MAX_SOURCE_LENGTH;
    const oneString = `x = "${'a'.repeat(n - 6)}"`;
    expect(oneString.length).toBe(n);
    expect(timed(2000, () => parseScenario(oneString)).ok).toBe(true);
    const unicodeString = `x = "${'é€'.repeat((n - 6) / 2)}"`;
    expect(timed(2000, () => parseScenario(unicodeString)).ok).toBe(true);
    expect(timed(2000, () => parseScenario('#'.repeat(n))).ok).toBe(true);
    expect(timed(2000, () => parseScenario('\n'.repeat(n))).ok).toBe(true);
    const ops = timed(2000, () => parseScenario('x = 1' + ' +'.repeat((n - 5) / 2)));
    expect(ops.ok).toBe(false);
    const digits = timed(2000, () => parseScenario('x = ' + '9'.repeat(n - 4)));
    expect(digits.ok || digits.error.message).toBe('integer 9999999999999999999999999999999999999999… (999,996 characters) is too large: integers are exact up to 2^53');
    const name = timed(2000, () => parseScenario('a'.repeat(n)));
    expect(name.ok || name.error.message).toMatch(/^'a{40}… \(1,000,000 characters\)' is not a statement/);
  });

  test.each([
    ['parentheses', `x = ${'('.repeat(100_000)}1${')'.repeat(100_000)}`, 1, 5 + MAX_EXPR_DEPTH],
    ['unary minus', `x = ${'-'.repeat(100_000)}1`, 1, 5 + MAX_EXPR_DEPTH],
    ['unary ~ and - mixed', `assert ${'~-'.repeat(50_000)}1 == 0`, 1, 8 + MAX_EXPR_DEPTH],
    ['a chain of +', `x = 1${' + 1'.repeat(100_000)}`, 1, 5 + 4 * (MAX_EXPR_DEPTH - 1) + 2],
    // (1 * 2) - (1 * 2) - ...: the 199th '-' makes the tree 201 high
    ['a chain of mixed operators', `x = 1${' * 2 - 1'.repeat(50_000)}`, 1, 5 + 8 * (MAX_EXPR_DEPTH - 2) + 6],
    ['queries', `x = ${'shadow_depth(A, '.repeat(50_000)}0${')'.repeat(50_000)}`, 1, 5 + 16 * MAX_EXPR_DEPTH],
  ])('an expression nested 10^5 deep (%s) is a parse error, not a stack overflow', (_, src, line, col) => {
    expectParseError(src, line, col, /^the expression is nested too deeply: at most 200 levels of parentheses and operators \(split it with a variable\)$/);
  });

  test(`an expression ${MAX_EXPR_DEPTH} levels deep parses, runs and prints`, () => {
    const src = lines(
      `x = ${'('.repeat(MAX_EXPR_DEPTH - 2)}1 + 1${')'.repeat(MAX_EXPR_DEPTH - 2)}`,
      `y = 1${' + 1'.repeat(MAX_EXPR_DEPTH - 1)}`,
      `z = ${'-'.repeat(MAX_EXPR_DEPTH - 1)}1`,
      'assert x == 2',
      `assert y == ${MAX_EXPR_DEPTH}`,
      'assert z == -1',
    );
    const o = timed(2000, () => runScenario(src));
    expect(o.status).toBe('ok');
  });
});

describe('the work budget', () => {
  /** A task with `pages` resident pages in `pages` entries (alternate pages inherit SHARE and COPY, so they do not merge). */
  const bigTask = (pages: number) =>
    lines('config frames=4096', 'task P', `kr = vm_allocate(P, &x, ${pages} * 4096, TRUE)`) +
    repeat(pages, (i) => `write(P,x+${i * 4096},"a")`) +
    repeat(pages / 2, (i) => `vm_inherit(P,x+${(2 * i + 1) * 4096},4096,0)`);

  test('many forks of a task with 1000 resident pages and entries are stopped, at the same line with tracing on and off (in the app sooner, by the size of the machine)', () => {
    const src = bigTask(1000) + repeat(400, (i) => `task C${i} = fork(P)`);
    const traced = timed(3000, () => runScenario(src));
    expect(traced.status).toBe('runtime-error');
    if (traced.status !== 'runtime-error') return;
    expect(traced.message).toMatch(TOO_MUCH_WORK);
    expect(traced.message).toContain(`stopped at line ${traced.line}`);
    expect(traced.line).toBeGreaterThan(1503);
    expect(traced.line).toBeLessThan(1503 + 400);
    expect(src.split('\n')[traced.line - 1]).toMatch(/^task C\d+ = fork\(P\)$/);
    const untraced = timed(3000, () => runScenario(src, { trace: false }));
    expect(untraced).toMatchObject({ status: 'runtime-error', line: traced.line, message: traced.message });
    // the app's session stops it sooner: the fork that would pass MAX_MACHINE_ENTRIES is not run
    const session = new ScenarioSession();
    const app = timed(3000, () => session.load(src));
    expect(app).toMatchObject({ status: 'runtime-error', message: expect.stringContaining('MAX_MACHINE_ENTRIES') });
    if (app.status !== 'runtime-error') return;
    const line = app.line ?? Infinity;
    expect(line).toBeLessThan(traced.line);
    expect(src.split('\n')[line - 1]).toMatch(/^task C\d+ = fork\(P\)$/);
  });

  test('walks that cause no event count too: a vm_protect failing on the last of 10,000 entries, again and again', () => {
    const n = 10_000;
    const src =
      lines('task A', `kr = vm_allocate(A, &x, ${n} * 4096, TRUE)`) +
      repeat(n / 2, (i) => `vm_inherit(A,x+${2 * i * 4096},4096,0)`) +
      lines(`kr = vm_protect(A, x + ${(n - 1) * 4096}, 4096, TRUE, VM_PROT_READ)`) +
      repeat(20_000, () => `vm_protect(A,x,${n * 4096},0,7)`);
    expect(src.length).toBeLessThanOrEqual(MAX_SOURCE_LENGTH);
    const o = timed(3000, () => runScenario(src));
    expect(o.status).toBe('runtime-error');
    if (o.status === 'runtime-error') {
      expect(o.message).toMatch(TOO_MUCH_WORK);
      expect(o.steps.at(-2)?.kr).toBe(2); // KERN_PROTECTION_FAILURE, without an event
      expect(o.steps.at(-2)?.events).toEqual([]);
    }
  });

  test('vm_copy of 16 MiB again and again (with 64 frames: every page faults and evicts)', () => {
    const src = lines('task A', 'kr = vm_allocate(A, &x, 0x2000000, TRUE)') + repeat(1000, () => 'kr = vm_copy(A, x, 0x1000000, x + 0x1000000)');
    const o = timed(4000, () => runScenario(src));
    expectRuntimeError(o, o.status === 'runtime-error' ? o.line : -1, TOO_MUCH_WORK);
    if (o.status === 'runtime-error') expect(o.steps.length).toBeLessThan(100);
  });

  test('comparing 16 MiB strings again and again', () => {
    // two equal strings that are not the same array: every byte is compared
    const src = lines('config frames=8192', 'task A', 'kr = vm_allocate(A, &x, 0x1000000, TRUE)', 'kr = vm_read(A, x, 0x1000000, &d)', 'kr = vm_read(A, x, 0x1000000, &e)') + repeat(50_000, () => 'assert d==e');
    const o = timed(3000, () => runScenario(src));
    expectRuntimeError(o, o.status === 'runtime-error' ? o.line : -1, TOO_MUCH_WORK);
  });

  test('a heavy statement past the budget is not run: its record holds the error', () => {
    const it = new Interpreter(parseOk(bigTask(1000) + repeat(400, (i) => `task C${i} = fork(P)`)));
    const records = it.runAll();
    const last = records.at(-1)!;
    expect(last.error?.message).toMatch(TOO_MUCH_WORK);
    expect(it.done).toBe(true);
    expect(it.work).toBeGreaterThan(MAX_WORK);
    expect(it.work).toBeLessThan(MAX_WORK + 10_000); // one fork's worth at most
  });

  test('every built-in uses under 1% of the budget', () => {
    for (const b of loadBuiltins()) {
      const it = new Interpreter(parseOk(b.source));
      it.runAll();
      expect(it.work, b.name).toBeLessThan(MAX_WORK / 100);
    }
  });
});

describe('simulated physical memory', () => {
  test('frames × page_size is at most 256 MiB: refused at the frames setting', () => {
    const r = parseScenario('config page_size=16384 frames=65536\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.pos.line, r.error.pos.col]).toEqual([1, 24]);
    expect(r.error.message).toContain('at most 256 MiB');
    expect(parseScenario('config page_size=4096 frames=65536\n').ok).toBe(true);
  });
});
