import { describe, expect, it } from 'vitest';
import type { Expr, Statement } from './ast';
import { CALLS, CONSTANTS, KEYWORDS, QUERIES } from './language';
import { parseScenario } from './parser';
import { checkScenario } from './check';
import { DOC_EXAMPLE, onlyStatement, parseError, parseOk, stripPositions } from './test_helpers';

// expected trees, positions stripped
const int = (value: number, raw = String(value)): Expr => ({ kind: 'int', value, raw }) as Expr;
const name = (n: string): Expr => ({ kind: 'name', name: n }) as Expr;
const str = (raw: string, bytes: number[]): Expr => ({ kind: 'str', bytes: Uint8Array.from(bytes), raw }) as Expr;
const bin = (op: string, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right }) as Expr;
const un = (op: '-' | '~', operand: Expr): Expr => ({ kind: 'unary', op, operand }) as Expr;
const paren = (inner: Expr): Expr => ({ kind: 'paren', inner }) as Expr;
const val = (expr: Expr) => ({ kind: 'value', expr });
const ref = (n: string) => ({ kind: 'ref', name: n });

const valueOf = (source: string): Expr => {
  const s = onlyStatement(`x = ${source}`);
  if (s.kind !== 'assign') throw new Error(`not an assignment: ${source}`);
  return s.value;
};

/**
 * Expects a syntax error at the exact line and column of `at`: the 1-based column, or the first
 * occurrence of that text on the error's line.
 */
function expectError(source: string, line: number, at: number | string, message: RegExp): void {
  const e = parseError(source);
  const text = source.split('\n')[line - 1];
  const col = typeof at === 'number' ? at : text.indexOf(at) + 1;
  if (typeof at === 'string' && col === 0) throw new Error(`test bug: ${JSON.stringify(at)} is not on line ${line}`);
  expect({ line: e.line, col: e.col, message: e.message }).toEqual({ line, col, message: expect.stringMatching(message) });
}

describe('the statement catalogue (DOC_EXAMPLE)', () => {
  it('parses as a whole, every line a statement with its comment', () => {
    const program = parseOk(DOC_EXAMPLE);
    expect(program.lines).toHaveLength(24);
    expect(program.lines.map((l) => l.line)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(program.lines.every((l) => l.statement !== null)).toBe(true);
    expect(program.lines.map((l) => l.statement!.kind)).toEqual([
      'config', 'task', 'task', 'object', 'object', ...Array(14).fill('call'), 'assign', 'call', 'assert', 'assert', 'assert',
    ]);
    expect(program.lines[0].comment).toBe(' optional; only before any other statement');
    expect(program.lines[3].comment).toBe(' a memory object served by a pager ("a file")');
    expect(program.lines[21].comment).toBeNull();
  });

  it('uses every call of the language', () => {
    const calls = parseOk(DOC_EXAMPLE).lines.flatMap((l) => (l.statement?.kind === 'call' ? [l.statement.call] : []));
    expect(new Set(calls)).toEqual(new Set(Object.keys(CALLS)));
  });

  it('gives the trees the doc describes', () => {
    const s = parseOk(DOC_EXAMPLE).lines.map((l) => stripPositions(l.statement!));
    expect(s[0]).toEqual({
      kind: 'config',
      settings: [
        { key: 'page_size', value: 4096, raw: '4096' }, { key: 'frames', value: 16, raw: '16' },
        { key: 'tlb_entries', value: 8, raw: '8' }, { key: 'tlb_ways', value: 2, raw: '2' },
        { key: 'address_bits', value: 32, raw: '32' },
      ],
    });
    expect(s[1]).toEqual({ kind: 'task', name: 'A', fork: null });
    expect(s[2]).toEqual({ kind: 'task', name: 'B', fork: { parent: 'A' } });
    expect(s[3]).toEqual({
      kind: 'object', name: 'F', size: int(0x4000, '0x4000'), data: str('"hello"', [...Buffer.from('hello')]),
      max: name('VM_PROT_READ'), failInit: false,
    });
    expect(s[4]).toEqual({ kind: 'object', name: 'BAD', size: int(0x1000, '0x1000'), data: null, max: null, failInit: true });
    expect(s[5]).toEqual({
      kind: 'call', result: 'kr', call: 'vm_allocate', args: [val(name('A')), ref('x'), val(int(0x3000, '0x3000')), val(name('TRUE'))],
    });
    expect(s[7]).toMatchObject({ call: 'vm_remap', args: [val(name('B')), ref('z'), {}, {}, {}, val(name('A')), val(name('y')), {}, ref('cur'), ref('max'), {}] });
    expect(s[12]).toMatchObject({ call: 'vm_write', args: [{}, val(bin('+', name('x'), int(0x1000, '0x1000'))), val(str('"bytes"', [...Buffer.from('bytes')]))] });
    expect(s[14]).toMatchObject({ call: 'vm_region', args: [val(name('A')), ...['ra', 'rs', 'rp', 'rm', 'ri', 'rsh', 'robj', 'roff'].map(ref)] });
    expect(s[19]).toEqual({ kind: 'assign', name: 'y', value: int(0x40000, '0x40000') });
    expect(s[21]).toEqual({ kind: 'assert', left: name('kr'), op: '==', right: name('KERN_SUCCESS') });
    expect(s[22]).toEqual({ kind: 'assert', left: name('v'), op: '==', right: str('"hi"', [0x68, 0x69]) });
  });
});

describe('statements', () => {
  it('a call without kr = has no result variable; r = call names one', () => {
    expect(onlyStatement('vm_deallocate(A, x, 0x1000)')).toMatchObject({ kind: 'call', result: null, call: 'vm_deallocate' });
    expect(onlyStatement('r = vm_deallocate(A, x, 0x1000)')).toMatchObject({ kind: 'call', result: 'r', call: 'vm_deallocate' });
  });

  it('records where the call name is', () => {
    const s = parseOk('  r = vm_deallocate(A, x, 1)').lines[0].statement as Extract<Statement, { kind: 'call' }>;
    expect(s.pos).toEqual({ line: 1, col: 3 });
    expect(s.callPos).toEqual({ line: 1, col: 7 });
  });

  it('object attributes come in any order', () => {
    expect(onlyStatement('object G fail_init max=VM_PROT_ALL data="\\x00" size=PAGE_SIZE * 2')).toEqual({
      kind: 'object', name: 'G', size: bin('*', name('PAGE_SIZE'), int(2)), data: str('"\\x00"', [0]), max: name('VM_PROT_ALL'), failInit: true,
    });
  });

  it('assert takes every comparison operator', () => {
    for (const op of ['==', '!=', '<', '<=', '>', '>=']) expect(onlyStatement(`assert a ${op} 1`)).toEqual({ kind: 'assert', left: name('a'), op, right: int(1) });
    expect(onlyStatement('assert a<=-1')).toEqual({ kind: 'assert', left: name('a'), op: '<=', right: un('-', int(1)) });
  });

  it('queries are values, with their arguments', () => {
    expect(valueOf('shadow_depth(A, x + 1) + free_frames()')).toEqual(
      bin('+', { kind: 'query', name: 'shadow_depth', args: [name('A'), bin('+', name('x'), int(1))] } as unknown as Expr, { kind: 'query', name: 'free_frames', args: [] } as unknown as Expr),
    );
    for (const q of Object.keys(QUERIES)) {
      const args = QUERIES[q as keyof typeof QUERIES].map((p) => (p.kind === 'task' ? 'A' : '0x1000')).join(', ');
      expect(valueOf(`${q}(${args})`)).toMatchObject({ kind: 'query', name: q });
    }
  });

  it('config may follow comments and blank lines, and come on several lines', () => {
    const p = parseOk('# title: t\n\nconfig frames=16\nconfig page_size=0x4000 # hex is fine\ntask A\n');
    expect(p.lines.map((l) => l.statement?.kind ?? null)).toEqual([null, null, 'config', 'config', 'task']);
    expect(stripPositions(p.lines[3].statement)).toEqual({ kind: 'config', settings: [{ key: 'page_size', value: 16384, raw: '0x4000' }] });
  });
});

describe('lines and comments', () => {
  it('keeps blank lines and full-line comments as lines, numbered from 1', () => {
    const p = parseOk('# a comment\n\ntask A   # trailing\n   # indented\n');
    expect(stripPositions(p.lines)).toEqual([
      { statement: null, comment: ' a comment' },
      { statement: null, comment: null },
      { statement: { kind: 'task', name: 'A', fork: null }, comment: ' trailing' },
      { statement: null, comment: ' indented' },
    ]);
    expect(p.lines.map((l) => l.line)).toEqual([1, 2, 3, 4]);
  });

  it('a final newline adds no line; a missing one loses none', () => {
    expect(parseOk('task A\ntask B\n').lines).toHaveLength(2);
    expect(parseOk('task A\ntask B').lines).toHaveLength(2);
    expect(parseOk('task A\n\n').lines).toHaveLength(2);
    expect(parseOk('').lines).toHaveLength(0);
  });

  it('a # in a string does not start a comment', () => {
    const p = parseOk('x = "#notacomment" # but this is');
    expect(stripPositions(p.lines[0])).toEqual({ statement: { kind: 'assign', name: 'x', value: str('"#notacomment"', [...Buffer.from('#notacomment')]) }, comment: ' but this is' });
  });

  it('reads CRLF files like LF files', () => {
    const crlf = parseOk('task A # t\r\nx = 1\r\n');
    expect(stripPositions(crlf)).toEqual(stripPositions(parseOk('task A # t\nx = 1\n')));
  });
});

describe('expressions: C precedence', () => {
  it('* binds tighter than +', () => {
    expect(valueOf('1 + 2 * 3')).toEqual(bin('+', int(1), bin('*', int(2), int(3))));
    expect(valueOf('1 * 2 + 3')).toEqual(bin('+', bin('*', int(1), int(2)), int(3)));
    expect(valueOf('7 % 4 - 8 / 2')).toEqual(bin('-', bin('%', int(7), int(4)), bin('/', int(8), int(2))));
  });

  it('shifts bind looser than + (1 << 2 + 1 is 1 << 3)', () => {
    expect(valueOf('1 << 2 + 1')).toEqual(bin('<<', int(1), bin('+', int(2), int(1))));
    expect(valueOf('x >> 1 - 1')).toEqual(bin('>>', name('x'), bin('-', int(1), int(1))));
  });

  it('& binds tighter than ^, ^ tighter than |, and all looser than shifts', () => {
    expect(valueOf('6 & 3 | 8')).toEqual(bin('|', bin('&', int(6), int(3)), int(8)));
    expect(valueOf('1 | 2 ^ 3 & 4')).toEqual(bin('|', int(1), bin('^', int(2), bin('&', int(3), int(4)))));
    expect(valueOf('a & 1 << 4')).toEqual(bin('&', name('a'), bin('<<', int(1), int(4))));
  });

  it('is left-associative at each level', () => {
    expect(valueOf('10 - 3 - 2')).toEqual(bin('-', bin('-', int(10), int(3)), int(2)));
    expect(valueOf('64 / 4 / 2')).toEqual(bin('/', bin('/', int(64), int(4)), int(2)));
    expect(valueOf('1 << 2 >> 1')).toEqual(bin('>>', bin('<<', int(1), int(2)), int(1)));
  });

  it('unary - and ~ bind tightest, and nest', () => {
    expect(valueOf('~0')).toEqual(un('~', int(0)));
    expect(valueOf('-2 * 3')).toEqual(bin('*', un('-', int(2)), int(3)));
    expect(valueOf('1 - -1')).toEqual(bin('-', int(1), un('-', int(1))));
    expect(valueOf('- -x')).toEqual(un('-', un('-', name('x'))));
    expect(valueOf('~-x & 0xFFF')).toEqual(bin('&', un('~', un('-', name('x'))), int(0xfff, '0xFFF')));
    expect(valueOf('-(1 + 2)')).toEqual(un('-', paren(bin('+', int(1), int(2)))));
  });

  it('keeps parentheses as nodes', () => {
    expect(valueOf('(1 + 2) * 3')).toEqual(bin('*', paren(bin('+', int(1), int(2))), int(3)));
    expect(valueOf('((x))')).toEqual(paren(paren(name('x'))));
  });

  it('the comparison of an assert is looser than every operator', () => {
    expect(onlyStatement('assert 0xFFFFF000 & ~0xFFF == 0xFFFFF000')).toEqual({
      kind: 'assert', left: bin('&', int(0xfffff000, '0xFFFFF000'), un('~', int(0xfff, '0xFFF'))), op: '==', right: int(0xfffff000, '0xFFFFF000'),
    });
  });
});

describe('syntax errors name the exact line and column', () => {
  it('config comes only before any other statement', () => {
    expectError('task A\nconfig frames=16', 2, 'config', /config must come before any other statement/);
    expectError('# c\nx = 1\n\nconfig frames=16\n', 4, 'config', /config must come before any other statement/);
  });

  it('config: unknown keys, repeated keys, bad values', () => {
    expectError('config pages=4', 1, 'pages', /unknown config setting 'pages'.*page_size, frames, tlb_entries, tlb_ways, address_bits/);
    expectError('config frames=16 frames=32', 1, 18, /frames is already set on line 1/);
    expectError('config frames=16\nconfig frames=32', 2, 'frames', /frames is already set on line 1/);
    expectError('config page_size=8192', 1, '8192', /page_size must be 4096 or 16384, not 8192/);
    expectError('config frames=1', 1, '1', /frames must be between 2 and 65536, not 1/);
    expectError('config frames=65537', 1, '65537', /frames must be between 2 and 65536, not 65537/);
    expectError('config address_bits=64', 1, '64', /address_bits must be between 20 and 48, not 64/);
    expectError('config tlb_entries=0', 1, '0', /tlb_entries must be between/);
    expectError('config frames=x', 1, 'x', /frames takes an integer, not 'x'/);
    expectError('config frames=-1', 1, '-', /frames takes an integer, not '-'/);
    expectError('config frames="16"', 1, '"', /frames takes an integer, not a string/);
    expectError('config frames 16', 1, '16', /expected '='/);
    expectError('config frames=', 1, 15, /frames takes an integer, not the end of the line/);
    expectError('config', 1, 1, /config needs at least one setting/);
    expectError('config 16', 1, '16', /expected a config setting/);
  });

  it('config: tlb_ways must divide tlb_entries, also when left at its default', () => {
    expectError('config tlb_entries=8 tlb_ways=3', 1, 'tlb_ways', /tlb_ways \(3\) must divide tlb_entries \(8\)/);
    expectError('config tlb_ways=32', 1, 'tlb_ways', /tlb_ways \(32\) must divide tlb_entries \(16\)/);
    expectError('config tlb_entries=6\ntask A', 1, 'tlb_entries', /tlb_entries \(6\) must be a multiple of tlb_ways, which is 4 unless set/);
    // reported before a later line's own error
    expectError('config tlb_entries=8 tlb_ways=3\ntask A\nx = $', 1, 'tlb_ways', /must divide/);
    expect(parseScenario('config tlb_entries=2').ok).toBe(true); // the default ways shrink to the entries
    expect(parseScenario('config tlb_entries=12 tlb_ways=3').ok).toBe(true);
  });

  it('a call needs exactly its arguments', () => {
    expectError('kr = vm_deallocate(A, x)', 1, 'vm_deallocate', /vm_deallocate takes 3 arguments \(target_task, address, size\), not 2/);
    expectError('kr = vm_protect(A, x, 1, FALSE, 1, 2)', 1, 'vm_protect', /vm_protect takes 5 arguments .*not 6/);
    expectError('task_terminate()', 1, 1, /task_terminate takes 1 argument \(target_task\), not 0/);
    expectError('\n  vm_allocate(A, &x, 0x1000)', 2, 'vm_allocate', /vm_allocate takes 4 arguments \(target_task, &address, size, anywhere\), not 3/);
    expectError('kr = vm_region(A, &a)', 1, 'vm_region', /vm_region takes 9 arguments/);
  });

  it('an out parameter needs &', () => {
    expectError('kr = vm_allocate(A, x, 0x1000, TRUE)', 1, 'x', /argument 2 of vm_allocate \(address\) is written by the call: pass a variable as &name/);
    expectError('kr = vm_read(A, y, 5, d)', 1, 'd)', /argument 4 of vm_read \(data\) is written by the call/);
    expectError('kr = read(A, x, 2, v + 1)', 1, 'v', /argument 4 of read \(result\)/);
    expectError('kr = vm_remap(B, &z, 0x2000, 0, TRUE, A, y, FALSE, cur, &max, VM_INHERIT_SHARE)', 1, 'cur', /argument 9 of vm_remap \(cur_protection\)/);
  });

  it('a value parameter takes no &', () => {
    expectError('kr = vm_deallocate(A, &x, 0x1000)', 1, '&', /argument 2 of vm_deallocate \(address\) takes a value, not &x/);
    expectError('kr = vm_deallocate(&A, x, 0x1000)', 1, '&', /argument 1 of vm_deallocate \(target_task\) takes a value, not &A/);
    expectError('x = shadow_depth(A, &y)', 1, '&', /& passes a variable by reference/);
    expectError('x = &y', 1, '&', /& passes a variable by reference/);
  });

  it('a task parameter takes a task name', () => {
    expectError('kr = vm_deallocate(1, x, 0x1000)', 1, '1', /argument 1 of vm_deallocate \(target_task\) must be a task name/);
    expectError('kr = vm_deallocate((A), x, 0x1000)', 1, '(A', /must be a task name/);
    expectError('kr = vm_remap(B, &z, 0x2000, 0, TRUE, "A", y, FALSE, &cur, &max, 0)', 1, '"A"', /argument 6 of vm_remap \(src_task\) must be a task name/);
    expectError('x = faults(A + 1)', 1, 'A', /argument 1 of faults \(task\) must be a task name/);
    expectError('task B = fork(1)', 1, '1', /expected the parent task name, found the number 1/);
  });

  it('reserved names cannot be variables, tasks or objects', () => {
    for (const kw of KEYWORDS) expectError(`${kw} = 1`, 1, 1, new RegExp(`'${kw}' is a keyword and cannot name a variable`));
    expectError('TRUE = 1', 1, 1, /'TRUE' is a constant and cannot name a variable/);
    expectError('PAGE_SIZE = 8192', 1, 1, /'PAGE_SIZE' is a constant/);
    expectError('KERN_SUCCESS = vm_deallocate(A, x, 1)', 1, 1, /'KERN_SUCCESS' is a constant/);
    expectError('vm_map = 3', 1, 1, /'vm_map' is the name of a call and cannot name a variable/);
    expectError('read = 3', 1, 1, /'read' is the name of a call/);
    expectError('faults = 2', 1, 1, /'faults' is the name of a query/);
    expectError('task VM_PROT_READ', 1, 'VM_PROT_READ', /'VM_PROT_READ' is a constant and cannot name a task/);
    expectError('task exec', 1, 'exec', /'exec' is the name of a call and cannot name a task/);
    expectError('task fork', 1, 'fork', /'fork' is a keyword and cannot name a task/);
    expectError('object assert size=1', 1, 'assert', /'assert' is a keyword and cannot name an object/);
    expectError('object KERN_FAILURE size=1', 1, 'KERN_FAILURE', /is a constant and cannot name an object/);
    expectError('kr = vm_allocate(A, &VM_PROT_READ, 1, TRUE)', 1, 'VM_PROT_READ', /'VM_PROT_READ' is a constant and cannot name a variable/);
    expectError('kr = vm_read(A, 1, 1, &task)', 1, 'task', /'task' is a keyword/);
    expectError('x = 1 + task', 1, 'task', /'task' cannot be used as a value/);
    expectError('x = vm_allocate', 1, 'vm_allocate', /'vm_allocate' cannot be used as a value/);
    // every constant is reserved
    for (const c of CONSTANTS.keys()) expect(parseError(`${c} = 1`).message).toMatch(/is a constant/);
  });

  it('names are case-sensitive: reserved words in another case are ordinary names', () => {
    expect(onlyStatement('Task = 1')).toEqual({ kind: 'assign', name: 'Task', value: int(1) });
    expect(onlyStatement('task true')).toEqual({ kind: 'task', name: 'true', fork: null });
  });

  it('other statement errors', () => {
    expectError('x = (1 + 2', 1, 11, /expected '\)', found the end of the line/);
    expectError('x = 1 2', 1, '2', /expected the end of the line after the statement, found the number 2/);
    expectError('task A B', 1, 'B', /expected the end of the line or '= fork\(PARENT\)' after task A, found 'B'/);
    expectError('assert x', 1, 9, /assert needs a comparison \(== != < <= > >=\), found the end of the line/);
    expectError('assert x = 1', 1, '=', /assert needs a comparison/);
    expectError('assert 1 == 2 == 3', 1, 15, /after the statement, found '=='/);
    expectError('x =', 1, 4, /expected a value, found the end of the line/);
    expectError('x = 1 +   # no right side', 1, 8, /expected a value, found the end of the line/);
    expectError('x = * 2', 1, '*', /expected a value, found '\*'/);
    expectError('kr = vm_allocate(A, &x, 0x1000, TRUE', 1, 37, /expected ',' or '\)' in the arguments of vm_allocate, found the end of the line/);
    expectError('kr = vm_allocate(A, &x + 1, 0x1000, TRUE)', 1, '+', /expected ',' or '\)'/);
    expectError('foo(A)', 1, 1, /'foo' is not a statement/);
    expectError('x', 1, 1, /'x' is not a statement/);
    expectError('42', 1, 1, /a statement starts with a name, not the number 42/);
    expectError('kr = fork(A)', 1, 'fork', /fork makes a new task: write task B = fork\(A\)/);
    expectError('fork(A)', 1, 'fork', /fork makes a new task/);
    expectError('task B = spawn(A)', 1, 'spawn', /not by 'spawn'/);
    expectError('task B = fork(A', 1, 16, /expected '\)'/);
    expectError('faults(A)', 1, 1, /faults\(\.\.\.\) is a value: use it in an assert or an assignment/);
    expectError('vm_allocate', 1, 12, /vm_allocate is a call: write vm_allocate\(\.\.\.\)/);
    expectError('x = faults(A) + vm_map(A)', 1, 'vm_map', /vm_map is a call, not a value/);
    expectError('x = bogus(1)', 1, 'bogus', /unknown function 'bogus'/);
    expectError('x = faults()', 1, 'faults', /faults takes 1 argument \(task\), not 0/);
    expectError('x = free_frames(1)', 1, 'free_frames', /free_frames takes 0 arguments/);
  });

  it('object errors', () => {
    expectError('object F', 1, 'F', /object F needs a size, as in size=0x4000/);
    expectError('object F data="x"', 1, 'F', /needs a size/);
    expectError('object F size=1 size=2', 1, 17, /size is given twice/);
    expectError('object F size=1 fail_init fail_init', 1, 27, /fail_init is given twice/);
    expectError('object F size=1 colour=2', 1, 'colour', /unknown object attribute 'colour'/);
    expectError('object F size=1 data', 1, 21, /expected '=', found the end of the line/);
    expectError('object F size', 1, 14, /expected '='/);
    expectError('object F size=1 2', 1, '2', /expected an attribute: size=, data=, max= or fail_init, found the number 2/);
    expectError('object size=1', 1, '=', /expected an attribute/);
  });

  it('lexer errors carry the line they are on', () => {
    expectError('task A\n\nx = "abc', 3, '"', /unterminated string/);
    expectError('task A\nx = 99999999999999999999', 2, '9', /too large/);
    expectError('task A\n  y = "a\\qb"', 2, '\\', /unknown escape '\\q'/);
    expectError('task A\ny = 1 ! 2', 2, '!', /unexpected character '!'/);
  });

  it('reports the first error of the file', () => {
    expectError('task A\nx = $\ny = @', 2, '$', /unexpected character/);
  });
});

describe('checkScenario: a check now, each statement parsed when asked for', () => {
  it('gives the statements parseScenario gives, at their lines, in any order of asking (comments, blank lines, CRLF)', () => {
    const src = 'config frames=16\r\n# a comment\r\n\r\ntask A   # trailing\r\nkr = vm_allocate(A, &x, 0x2000, TRUE)\r\n\r\nassert x == 0x1000\r\n';
    const full = parseOk(src).lines.flatMap((l) => (l.statement === null ? [] : [l.statement]));
    const c = checkScenario(src);
    if (!c.ok) throw new Error(c.error.message);
    expect(c.statements.length).toBe(4);
    expect([3, 0, 2, 1].map((i) => c.statements.at(i))).toEqual([3, 0, 2, 1].map((i) => full[i]));
    expect(full.map((s) => s.pos.line)).toEqual([1, 4, 5, 7]);
    expect(c.statements.at(2)).toBe(c.statements.at(2)); // kept once parsed
    expect([c.statements.at(-1), c.statements.at(4), c.statements.at(1.5)]).toEqual([undefined, undefined, undefined]);
  });

  it('reports the error parseScenario reports, wherever it is', () => {
    const src = 'task A\n' + 'x = 1\n'.repeat(1000) + 'y = $\n';
    const c = checkScenario(src);
    const p = parseScenario(src);
    expect(!c.ok && !p.ok && [c.error.message, c.error.pos]).toEqual(!p.ok && [p.error.message, p.error.pos]);
    expect(!c.ok && c.error.pos.line).toBe(1002);
  });
});
