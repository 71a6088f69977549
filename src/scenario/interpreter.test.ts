import { describe, expect, it } from 'vitest';
import { Interpreter, configOf, type StepRecord } from './interpreter';
import { runScenario, type ScenarioOutcome } from './run';
import { loadBuiltins } from './builtins_node';
import { parseOk } from './test_helpers';

function run(source: string): ScenarioOutcome {
  return runScenario(source);
}

/** Runs a scenario that must finish with every assert held; returns its steps. */
function runOk(source: string): StepRecord[] {
  const o = run(source);
  if (o.status !== 'ok') throw new Error(`expected the scenario to run, got ${o.status} at ${o.line}:${o.col}: ${o.message}\n${source}`);
  return o.steps;
}

/** Runs a scenario that must stop with a runtime error at (line, col); returns its message. */
function runtimeError(source: string, line: number, col?: number): string {
  const o = run(source);
  if (o.status !== 'runtime-error') throw new Error(`expected a runtime error, got ${o.status}${o.status === 'parse-error' ? `: ${o.message}` : ''}\n${source}`);
  expect(o.line).toBe(line);
  if (col !== undefined) expect(o.col).toBe(col);
  return o.message;
}

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('arithmetic in scenarios', () => {
  it('follows C: truncating / and %, precedence, exact bit operators', () => {
    runOk(lines(
      'assert 1 + 2 * 3 == 7',
      'assert 1 << 2 + 1 == 8',
      'assert 6 & 3 | 8 == 10',
      'assert 1 | 2 ^ 3 & 1 == 3',
      'assert ~0 == -1',
      'assert -7 / 2 == -3',
      'assert -7 % 2 == -1',
      'assert 7 / -2 == -3',
      'assert 7 % -2 == 1',
      'assert 0xFFFFF000 & ~0xFFF == 0xFFFFF000',
      'x = 0x123456789',
      'assert ~x == -x - 1',
      'assert x >> 4 == 0x12345678',
      'assert x << 8 == 0x12345678900',
      'assert (x | 0xF00000000) & 0xF00000000 == 0xF00000000',
      'assert 10 - 3 - 2 == 5',
      'assert - -5 == 5',
      'assert 2 * (3 + 4) == 14',
      'assert 9007199254740991 + 1 == 9007199254740992',
    ));
  });

  it('overflow beyond 2^53 is a runtime error at its operator, naming the line', () => {
    const m = runtimeError(lines('x = 1', '', 'y = 9007199254740992 + 1', 'z = 2'), 3, 22);
    expect(m).toMatch(/integer overflow: 9007199254740992 \+ 1 is beyond 2\^53/);
    expect(runtimeError(lines('assert 1 << 60 > 0'), 1, 10)).toMatch(/overflow/);
    expect(runtimeError(lines('x = 0x20000000000000', 'y = x * x'), 2, 7)).toMatch(/overflow/);
    expect(runtimeError(lines('x = ~9007199254740992'), 1, 5)).toMatch(/overflow/);
  });

  it('division by zero is a runtime error at its operator', () => {
    expect(runtimeError(lines('task A', 'z = 0', 'x = 10 / z'), 3, 8)).toBe('division by zero (10 / 0)');
    expect(runtimeError(lines('x = 10 % (1 - 1)'), 1, 8)).toBe('division by zero (10 % 0)');
  });

  it('operators take integers only', () => {
    expect(runtimeError(lines('x = "a" + 1'), 1, 5)).toMatch(/the left side of \+ must be an integer, not a string/);
    expect(runtimeError(lines('x = -"a"'), 1, 6)).toMatch(/the operand of - must be an integer/);
  });
});

describe('constants', () => {
  it('have the values of the Mach headers', () => {
    runOk(lines(
      'assert TRUE == 1', 'assert FALSE == 0',
      'assert VM_PROT_NONE == 0', 'assert VM_PROT_READ == 1', 'assert VM_PROT_WRITE == 2', 'assert VM_PROT_EXECUTE == 4',
      'assert VM_PROT_DEFAULT == VM_PROT_READ | VM_PROT_WRITE', 'assert VM_PROT_ALL == 7',
      'assert VM_INHERIT_SHARE == 0', 'assert VM_INHERIT_COPY == 1', 'assert VM_INHERIT_NONE == 2', 'assert VM_INHERIT_DEFAULT == VM_INHERIT_COPY',
      'assert MEMORY_OBJECT_NULL == 0',
      'assert KERN_SUCCESS == 0', 'assert KERN_INVALID_ADDRESS == 1', 'assert KERN_PROTECTION_FAILURE == 2', 'assert KERN_NO_SPACE == 3',
      'assert KERN_INVALID_ARGUMENT == 4', 'assert KERN_FAILURE == 5', 'assert KERN_RESOURCE_SHORTAGE == 6', 'assert KERN_INVALID_OBJECT == 29',
    ));
  });
});

describe('calls set kr and their variables', () => {
  it('kr = may be left out; kr is still set', () => {
    const steps = runOk(lines('task A', 'vm_allocate(A, &x, 0x1000, TRUE)', 'assert kr == KERN_SUCCESS'));
    expect(steps[1]).toMatchObject({ kind: 'call', kr: 0, out: { x: 0x1000, kr: 0 } });
  });

  it('r = call(...) sets r and kr', () => {
    const steps = runOk(lines(
      'task A',
      'r = vm_protect(A, 0, 0x1000, FALSE, 8)', // 8 is not a protection
      'assert r == KERN_INVALID_ARGUMENT',
      'assert kr == KERN_INVALID_ARGUMENT',
      'r2 = vm_allocate(A, &x, 0x1000, TRUE)',
      'assert r2 == KERN_SUCCESS',
      'assert kr == KERN_SUCCESS',
      'assert r == KERN_INVALID_ARGUMENT',
    ));
    expect(steps[1]).toMatchObject({ kr: 4, out: { r: 4, kr: 4 } });
  });

  it('&x of a fixed vm_allocate is the input address, and is written back', () => {
    const steps = runOk(lines(
      'task A',
      'x = 0x40000',
      'vm_allocate(A, &x, 0x1000, FALSE)',
      'assert kr == KERN_SUCCESS',
      'assert x == 0x40000',
      'vm_allocate(A, &x, 0x1000, FALSE)', // the same page again: no space, x keeps its value
      'assert kr == KERN_NO_SPACE',
      'assert x == 0x40000',
      'r = 0x40000',
      'vm_region(A, &r, &rs, &rp, &rm, &ri, &rsh, &robj, &roff)',
      'assert r == 0x40000',
      'assert rs == 0x1000',
    ));
    expect(steps[2].out).toEqual({ x: 0x40000, kr: 0 });
  });

  it('an unset in/out variable counts as 0', () => {
    runOk(lines(
      'task A',
      'vm_allocate(A, &u, 0x1000, FALSE)', // fixed at 0: the only input is u's 0
      'assert kr == KERN_SUCCESS',
      'assert u == 0',
      'vm_region(A, &q, &rs, &rp, &rm, &ri, &rsh, &robj, &roff)', // searches from 0
      'assert q == 0',
      'assert object_of(A, 0) == 0',
    ));
  });

  it('anywhere ignores the input and writes the placed address', () => {
    runOk(lines('task A', 'x = 0x7000000', 'vm_allocate(A, &x, 0x3000, TRUE)', 'assert x == 0x1000'));
  });

  it('vm_region sets all its out variables', () => {
    const steps = runOk(lines('task A', 'vm_allocate(A, &x, 0x2000, TRUE)', 'vm_protect(A, x, 0x2000, FALSE, VM_PROT_READ)', 'a = 0', 'vm_region(A, &a, &s, &p, &m, &i, &sh, &o, &off)'));
    expect(steps[4].out).toEqual({ a: 0x1000, s: 0x2000, p: 1, m: 7, i: 1, sh: 0, o: expect.any(Number), off: 0, kr: 0 });
  });
});

describe('variables', () => {
  it('a variable used before it was ever set is a runtime error at its line and column', () => {
    expect(runtimeError(lines('task A', 'x = 1', 'assert y == 1'), 3, 8)).toBe('y is used before it was ever set');
    expect(runtimeError(lines('task A', '', 'vm_deallocate(A, q + 1, 0x1000)'), 3, 18)).toMatch(/q is used before it was ever set/);
    expect(runtimeError(lines('assert kr == KERN_SUCCESS'), 1, 8)).toMatch(/kr is used before/);
    expect(runtimeError(lines('x = x + 1'), 1, 5)).toMatch(/x is used before/);
  });

  it('a variable may hold a byte string and change type', () => {
    const steps = runOk(lines('s = "ab\\x00"', 'assert s == "ab\\0"', 's = 5', 'assert s == 5'));
    expect(steps[0].out).toEqual({ s: Uint8Array.from([0x61, 0x62, 0]) });
    expect(steps[2].out).toEqual({ s: 5 });
  });

  it('a string in an in/out address is a runtime error', () => {
    expect(runtimeError(lines('task A', 'x = "a"', 'vm_allocate(A, &x, 0x1000, FALSE)'), 3, 16)).toMatch(/&x must hold an integer address, but it holds a string/);
  });

  it('a string where a call takes an integer is a runtime error naming the argument', () => {
    expect(runtimeError(lines('task A', 'vm_deallocate(A, "x", 0x1000)'), 2, 18)).toMatch(/argument 2 of vm_deallocate \(address\) must be an integer, not a string/);
  });
});

describe('asserts', () => {
  it('compare integers, and byte strings with == and !=', () => {
    const steps = runOk(lines(
      'assert 1 == 1', 'assert 1 != 2', 'assert 1 < 2', 'assert 2 <= 2', 'assert 3 > 2', 'assert 3 >= 3', 'assert -1 < 0',
      'assert "ab" == "ab"', 'assert "ab" != "ac"', 'assert "a" != "a\\0"', 'assert "" == ""', 'assert "\\x41" == "A"',
    ));
    expect(steps[0].assert).toEqual({ left: 1, right: 1, held: true });
    expect(steps.every((s) => s.assert?.held === true && s.kr === null)).toBe(true);
  });

  it('ordering operators on strings are a runtime error', () => {
    for (const op of ['<', '<=', '>', '>=']) {
      const m = runtimeError(lines('task A', `assert "a" ${op} "b"`), 2, 1);
      expect(m).toMatch(new RegExp(`${op} orders integers only`));
    }
  });

  it('an integer compared with a string is a runtime error showing both', () => {
    const m = runtimeError(lines('x = 0x1000', 'assert x == "4096"'), 2, 1);
    expect(m).toBe('assert cannot compare an integer (4096 (0x1000)) with a string ("4096"): == compares integers with integers and strings with strings');
    expect(runtimeError(lines('assert "1" != 1'), 1, 1)).toMatch(/cannot compare a string \("1"\) with an integer \(1\)/);
    expect(runtimeError(lines('assert 1 < "1"'), 1, 1)).toMatch(/< orders integers only/);
  });

  it('a failed assert stops the run and its message shows both values', () => {
    const o = run(lines('x = 0x1000', 'assert x == 0x2000', 'y = 1'));
    expect(o.status).toBe('runtime-error');
    if (o.status !== 'runtime-error') return;
    expect(o.line).toBe(2);
    expect(o.message).toBe('assert failed: x == 0x2000: left is 4096 (0x1000), right is 8192 (0x2000)');
    expect(o.steps).toHaveLength(2); // y = 1 never ran
    expect(o.steps[1].assert).toEqual({ left: 0x1000, right: 0x2000, held: false });
  });

  it('a failed assert of strings shows both strings; of codes, their names', () => {
    expect(runtimeError(lines('v = "hi"', 'assert v == "ho"'), 2)).toBe('assert failed: v == "ho": left is "hi", right is "ho"');
    const m = runtimeError(lines('task A', 'vm_protect(A, 0, 0x1000, FALSE, 8)', 'assert kr == KERN_SUCCESS'), 3);
    expect(m).toMatch(/left is 4 \(KERN_INVALID_ARGUMENT\), right is 0 \(KERN_SUCCESS\)/);
  });
});

describe('tasks and objects', () => {
  it('object names evaluate to a port and work as vm_map\'s memory_object', () => {
    const steps = runOk(lines(
      'task A',
      'object F size=0x4000 data="hello"',
      'assert F != MEMORY_OBJECT_NULL',
      'p = F',
      'kr = vm_map(A, &y, 0x2000, 0, TRUE, F, 0x1000, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_SHARE)',
      'assert kr == KERN_SUCCESS',
      'assert object_of(A, y) > 0',
      'assert shadow_depth(A, y) == 1',
      'kr = vm_map(A, &z, 0x1000, 0, TRUE, p, 0, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_SHARE)',
      'assert kr == KERN_SUCCESS',
      'assert object_of(A, z) == object_of(A, y)',
    ));
    expect(typeof steps[3].out.p).toBe('number');
  });

  it('a fail_init object makes vm_map return KERN_INVALID_OBJECT', () => {
    runOk(lines('task A', 'object BAD size=0x1000 fail_init', 'kr = vm_map(A, &y, 0x1000, 0, TRUE, BAD, 0, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_SHARE)', 'assert kr == KERN_INVALID_OBJECT'));
  });

  it('object attributes are checked when the object is made', () => {
    expect(runtimeError(lines('object F size=0'), 1, 15)).toMatch(/object size must be between 1 and/);
    expect(runtimeError(lines('object F size=2 data="abc"'), 1, 22)).toMatch(/data is 3 bytes, more than the object's size 2/);
    expect(runtimeError(lines('object F size=2 data=1'), 1, 22)).toMatch(/data must be a string/);
    expect(runtimeError(lines('object F size=2 max=8'), 1, 21)).toMatch(/max must be a protection/);
    expect(runtimeError(lines('object F size="a"'), 1, 15)).toMatch(/size must be an integer/);
  });

  it('assigning to a task or object name is an error', () => {
    expect(runtimeError(lines('task A', 'A = 1'), 2, 1)).toBe('A is a task and cannot be assigned');
    expect(runtimeError(lines('task A', 'vm_allocate(A, &A, 0x1000, TRUE)'), 2)).toMatch(/A is a task and cannot be assigned/);
    expect(runtimeError(lines('task A', 'object F size=1', 'F = vm_deallocate(A, 0, 0)'), 3, 1)).toBe('F is an object and cannot be assigned');
    expect(runtimeError(lines('task A', 'object F size=1', 'F = 2'), 3, 1)).toBe('F is an object and cannot be assigned');
  });

  it('a task is not a value', () => {
    expect(runtimeError(lines('task A', 'x = A + 1'), 2, 5)).toBe('A is a task, not a value');
  });

  it('redeclaring a name is an error', () => {
    expect(runtimeError(lines('task A', 'task A'), 2, 1)).toBe('A is already a task');
    expect(runtimeError(lines('task A', 'object A size=1'), 2, 1)).toBe('A is already a task');
    expect(runtimeError(lines('object F size=1', 'task F'), 2, 1)).toBe('F is already an object');
    expect(runtimeError(lines('x = 1', 'task x'), 2, 1)).toBe('x is already a variable');
  });

  it('an unknown task name is a runtime error at the name', () => {
    expect(runtimeError(lines('task A', 'vm_deallocate(Q, 0, 0x1000)'), 2, 15)).toBe("no task named Q: declare it first with 'task Q'");
    expect(runtimeError(lines('object F size=1', 'kr = vm_protect(F, 0, 1, FALSE, 1)'), 2, 17)).toMatch(/no task named F \(F is an object\)/);
    expect(runtimeError(lines('x = 1', 'assert faults(x) == 0'), 2, 15)).toMatch(/no task named x \(x is a variable\)/);
    expect(runtimeError(lines('task A', 'task B = fork(Z)'), 2, 15)).toMatch(/no task named Z/);
  });

  it('a terminated task answers KERN_INVALID_ARGUMENT, not a runtime error', () => {
    runOk(lines('task A', 'task_terminate(A)', 'assert kr == KERN_SUCCESS', 'vm_allocate(A, &x, 0x1000, TRUE)', 'assert kr == KERN_INVALID_ARGUMENT'));
  });
});

describe('configuration', () => {
  it('PAGE_SIZE follows config page_size', () => {
    runOk(lines('assert PAGE_SIZE == 4096'));
    runOk(lines('config page_size=16384', 'task A', 'assert PAGE_SIZE == 16384', 'vm_allocate(A, &x, 1, TRUE)', 'vm_region(A, &a, &s, &p, &m, &i, &sh, &o, &off)', 'assert s == PAGE_SIZE', 'assert x == 0x4000'));
  });

  it('the kernel gets the configured machine', () => {
    const it = new Interpreter(parseOk(lines('config frames=16 tlb_entries=8', 'config address_bits=20 tlb_ways=2')));
    expect(it.kernel.config).toEqual({ pageSize: 4096, frames: 16, tlbEntries: 8, tlbWays: 2, addressBits: 20 });
    expect(configOf(parseOk('config tlb_entries=2\n')).tlbWays).toBe(2);
    runOk(lines('config frames=16', 'assert free_frames() == 16'));
  });
});

describe('the step records', () => {
  it('describe each statement: index, line, text, kind, kr, out', () => {
    const steps = runOk(lines('# comment', 'task A', '', 'x =   1 + 2   # three', 'vm_allocate(A, &y, 0x1000, TRUE)', 'assert x == 3'));
    expect(steps.map((s) => [s.index, s.line, s.text, s.kind, s.kr])).toEqual([
      [0, 2, 'task A', 'task', null],
      [1, 4, 'x = 1 + 2', 'assign', null],
      [2, 5, 'vm_allocate(A, &y, 0x1000, TRUE)', 'call', 0],
      [3, 6, 'assert x == 3', 'assert', null],
    ]);
    expect(steps[1].out).toEqual({ x: 3 });
    expect(steps[0].out).toEqual({});
  });

  it('bind each call argument to its parameter, evaluated, naming the variables, tasks and objects it was written with', () => {
    const steps = runOk(lines(
      'task A',
      'object F size=0x2000 data="file"',
      'c = 1',
      'a = 0x5000',
      'r = vm_map(A, &a, 2 * 0x1000, 0, FALSE, F, 0, c, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY)',
      'vm_region(A, &a, &s, &p, &m, &i, &sh, &o, &off)',
    ));
    const port = steps[1].statement.kind === 'object' ? steps[1].statement.port : null;
    expect(port).toBeGreaterThan(0);
    const map = steps[4];
    expect(map.statement).toEqual({ kind: 'call', name: 'vm_map', result: 'r' });
    expect(map.call?.name).toBe('vm_map');
    const args = map.call!.args;
    expect(Object.keys(args).sort()).toEqual(['address', 'anywhere', 'copy', 'cur_protection', 'inheritance', 'mask', 'max_protection', 'memory_object', 'offset', 'size', 'target_task'].sort());
    expect(args.target_task).toEqual({ param: 'target_task', kind: 'task', value: expect.any(Number), variable: 'A' });
    expect(args.address).toEqual({ param: 'address', kind: 'inout', value: 0x5000, variable: 'a' }); // read before the call
    expect(args.size).toEqual({ param: 'size', kind: 'value', value: 0x2000, variable: null });
    expect(args.memory_object).toEqual({ param: 'memory_object', kind: 'value', value: port, variable: 'F' });
    expect(args.copy).toEqual({ param: 'copy', kind: 'value', value: 1, variable: 'c' });
    expect(args.cur_protection).toEqual({ param: 'cur_protection', kind: 'value', value: 3, variable: null }); // a constant is no variable
    const region = steps[5].call!.args;
    expect(region.size).toEqual({ param: 'size', kind: 'out', value: null, variable: 's' });
    expect(steps[5].out.s).toBe(0x2000);
  });

  it('share a written byte string with the variables, never copy it', () => {
    const steps = runOk(lines('task A', 'vm_allocate(A, &x, 0x1000, TRUE)', 'd = "hello"', 'vm_write(A, x, d)', 'read(A, x, 5, &v)'));
    expect(steps[3].call!.args.data.value).toBe(steps[2].out.d);
    expect(steps[4].call!.args.result).toEqual({ param: 'result', kind: 'out', value: null, variable: 'v' });
  });

  it('give the evaluated data of every other kind of statement', () => {
    const steps = runOk(lines('config frames=16', 'task A', 'object F size=4 * 0x1000 max=VM_PROT_READ', 'task B = fork(A)', 'x = 1 + 2', 'assert kr == KERN_SUCCESS'));
    expect(steps.map((s) => s.call)).toEqual([null, null, null, null, null, null]);
    expect(steps[0].statement).toEqual({ kind: 'config', settings: [{ key: 'frames', value: 16 }] });
    expect(steps[1].statement).toEqual({ kind: 'task', name: 'A', id: expect.any(Number) });
    expect(steps[2].statement).toEqual({ kind: 'object', name: 'F', port: expect.any(Number), size: 0x4000, max: 1, failInit: false });
    const a = steps[1].statement.kind === 'task' ? steps[1].statement.id : -1;
    expect(steps[3].statement).toEqual({ kind: 'fork', parent: 'A', parentId: a, child: 'B', childId: expect.any(Number) });
    expect(steps[4].statement).toEqual({ kind: 'assign', name: 'x', value: 3 });
    expect(steps[5].statement).toEqual({ kind: 'assert', op: '==', left: 0, right: 0, held: true, expression: 'kr == KERN_SUCCESS', codes: true });
  });

  it('keep what a failing statement evaluated before it stopped', () => {
    const o = run(lines('task A', 'vm_protect(A, 0x1000, y, FALSE, VM_PROT_READ)'));
    if (o.status !== 'runtime-error') throw new Error('expected an error');
    const call = o.steps[1].call!;
    expect(Object.keys(call.args)).toEqual(['target_task', 'address']);
    const failed = run(lines('assert 1 == 2'));
    expect(failed.status === 'runtime-error' && failed.steps[0].statement).toMatchObject({ kind: 'assert', left: 1, right: 2, held: false, codes: false });
  });

  it('events are those of their own statement only', () => {
    const steps = runOk(lines('task A', 'x = 1', 'kr = vm_allocate(A, &x, 0x1000, TRUE)', 'task B', 'kr = vm_deallocate(A, x, 0x1000)', 'assert kr == 0'));
    // each statement's events are numbered from 0, in its own call's op 0
    const call = { id: 0, op: 0, opKind: 'call', parentOp: null };
    expect(steps[0].events).toEqual([{ type: 'task_created', task: expect.any(Number), name: 'A', parent: null, ...call }]);
    expect(steps[1].events).toEqual([]);
    expect(steps[2].events.map((e) => e.type)).toContain('entry_inserted');
    expect(steps[2].events.some((e) => e.type === 'task_created')).toBe(false);
    expect(steps[3].events).toEqual([{ type: 'task_created', task: expect.any(Number), name: 'B', parent: null, ...call }]);
    expect(steps[4].events.map((e) => e.type)).toContain('entry_removed');
    expect(steps[4].events.some((e) => e.type === 'entry_inserted')).toBe(false);
    expect(steps[5].events).toEqual([]);
  });

  it('the events of a failing statement are its own too', () => {
    const o = run(lines('task A', 'vm_allocate(A, &x, 0x1000, TRUE)', 'task A'));
    expect(o.status === 'runtime-error' && o.steps[2].events).toEqual([]);
  });

  it('without tracing no events are recorded', () => {
    const steps = runScenario(lines('task A', 'vm_allocate(A, &x, 0x1000, TRUE)'), { trace: false });
    expect(steps.status === 'ok' && steps.steps.every((s) => s.events.length === 0)).toBe(true);
  });

  it('stops at the first error and stays stopped', () => {
    const it = new Interpreter(parseOk(lines('x = 1', 'y = z', 'x = 2')));
    expect(it.step().error).toBeUndefined();
    expect(it.step().error).toEqual({ message: 'z is used before it was ever set', line: 2, col: 5 });
    expect(it.done).toBe(true);
    expect(() => it.step()).toThrow(/no statement left/);
    expect(it.vars.get('x')).toBe(1);
    expect(it.position).toBe(2);
  });

  it('restores a save by name into an interpreter that numbered the names in another order (name_slots.ts)', () => {
    const program = parseOk(lines('task A', 'kr = vm_allocate(A, &x, 0x1000, TRUE)', 'y = x + 1', 'task B = fork(A)', 'assert y == x + 1', 'assert kr == KERN_SUCCESS', 'z = q'));
    const first = new Interpreter(program);
    for (let i = 0; i < 4; i++) first.step();
    const other = new Interpreter(program);
    // other's table numbers these names first, in the reverse order
    for (const name of ['q', 'B', 'y', 'x', 'A']) expect(() => other.eval({ kind: 'name', name, pos: { line: 1, col: 1 } })).toThrow();
    other.restore(first.save());
    expect([...other.vars]).toEqual([...first.vars]);
    expect([...other.tasks]).toEqual([['A', 1], ['B', 2]]);
    expect(other.step().error).toBeUndefined();
    expect(other.step().error).toBeUndefined();
    expect(other.step().error).toEqual({ message: 'q is used before it was ever set', line: 7, col: 5 });
  });

  it('is deterministic: the same program gives the same records', () => {
    for (const b of loadBuiltins()) {
      const a = runScenario(b.source);
      const c = runScenario(b.source);
      expect(c).toEqual(a);
    }
  });
});
