import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Arg, BinaryOp, CallName, CompareOp, ConfigSetting, Expr, Line, Pos, Program, QueryName, Statement } from './ast';
import { CALLS, CONSTANTS, QUERIES, reservedReason } from './language';
import { parseScenario } from './parser';
import { printExpr, printProgram, printStatement } from './printer';
import { loadBuiltins } from './builtins_node';
import { DOC_EXAMPLE, parseOk, stripPositions } from './test_helpers';

/** A tree without its 'paren' nodes: a code-built tree gets the parentheses its shape needs when printed. */
function stripParens<T>(x: T): T {
  if (x instanceof Uint8Array) return x;
  if (Array.isArray(x)) return x.map(stripParens) as T;
  if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (o.kind === 'paren') return stripParens(o.inner) as T;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = stripParens(v);
    return out as T;
  }
  return x;
}

/** parse → print → parse gives the same program, and printing is a fixed point after one round. */
function expectRoundTrip(source: string): void {
  const first = parseOk(source);
  const printed = printProgram(first);
  const second = parseOk(printed);
  expect(stripPositions(second)).toEqual(stripPositions(first));
  expect(second.lines.map((l) => l.line)).toEqual(first.lines.map((l) => l.line));
  expect(printProgram(second)).toBe(printed);
}

describe('printer: parsed programs', () => {
  it('round-trips the statement catalogue (DOC_EXAMPLE)', () => {
    expectRoundTrip(DOC_EXAMPLE);
  });

  it('prints the example in the canonical layout', () => {
    const lines = printProgram(parseOk(DOC_EXAMPLE)).split('\n');
    expect(lines[1]).toBe('task A  # a new task, empty address space');
    expect(lines[2]).toBe('task B = fork(A)  # task_create(A, inherit_memory=TRUE)');
    expect(lines[3]).toBe('object F size=0x4000 data="hello" max=VM_PROT_READ  # a memory object served by a pager ("a file")');
    expect(lines[4]).toBe('object BAD size=0x1000 fail_init  # a pager whose memory_object_init fails');
    expect(lines[7]).toBe('kr = vm_remap(B, &z, 0x2000, 0, TRUE, A, y, FALSE, &cur, &max, VM_INHERIT_SHARE)');
    expect(lines[23]).toBe('assert ra == 0x1000');
    expect(lines[24]).toBe('');
    expect(lines).toHaveLength(25);
  });

  const builtins = loadBuiltins();
  it('finds the scenario files', () => {
    expect(builtins.length).toBeGreaterThan(0);
  });
  for (const b of builtins) {
    it(`round-trips scenarios/${b.name}.vms`, () => {
      expectRoundTrip(b.source);
    });
  }

  it('keeps spellings, escapes, parentheses, comments and blank lines', () => {
    const src = [
      '# header',
      '',
      'config page_size=0x1000 frames=016',
      'x=0XfF+(1)   # odd spacing',
      'y = "a\\x41\\n\\t\\0\\\\\\"é#"',
      'z = ((x)) * -(y + 1) - ~~x',
      'vm_deallocate( A , x , PAGE_SIZE )',
      '   # indented comment',
      'assert x<<1>=2',
      '',
    ].join('\n');
    expectRoundTrip(src);
    const printed = printProgram(parseOk(src));
    expect(printed).toBe([
      '# header',
      '',
      'config page_size=0x1000 frames=016',
      'x = 0XfF + (1)  # odd spacing',
      'y = "a\\x41\\n\\t\\0\\\\\\"é#"',
      'z = ((x)) * -(y + 1) - ~~x',
      'vm_deallocate(A, x, PAGE_SIZE)',
      '# indented comment',
      'assert x << 1 >= 2',
      '',
    ].join('\n'));
  });

  it('prints nothing for an empty program, which parses back as empty', () => {
    expect(printProgram({ lines: [] })).toBe('');
    expect(parseOk(printProgram({ lines: [] })).lines).toEqual([]);
  });
});

// --- code-built trees -------------------------------------------------------------------------

const P: Pos = { line: 0, col: 0 };
const I = (value: number): Expr => ({ kind: 'int', value, raw: String(value), pos: P });
const N = (name: string): Expr => ({ kind: 'name', name, pos: P });
const B = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, pos: P });
const U = (op: '-' | '~', operand: Expr): Expr => ({ kind: 'unary', op, operand, pos: P });

describe('printer: code-built expressions get the parentheses their shape needs', () => {
  it.each([
    ['1 - (2 - 3)', B('-', I(1), B('-', I(2), I(3)))],
    ['1 - 2 - 3', B('-', B('-', I(1), I(2)), I(3))],
    ['(1 + 2) * 3', B('*', B('+', I(1), I(2)), I(3))],
    ['1 + 2 * 3', B('+', I(1), B('*', I(2), I(3)))],
    ['1 << 2 + 1', B('<<', I(1), B('+', I(2), I(1)))],
    ['(1 << 2) + 1', B('+', B('<<', I(1), I(2)), I(1))],
    ['(a | b) & c', B('&', B('|', N('a'), N('b')), N('c'))],
    ['6 & 3 | 8', B('|', B('&', I(6), I(3)), I(8))],
    ['-(1 + 2)', U('-', B('+', I(1), I(2)))],
    ['~-x', U('~', U('-', N('x')))],
    ['1 - -1', B('-', I(1), U('-', I(1)))],
  ])('%s', (text, e) => {
    expect(printExpr(e)).toBe(text);
    const back = parseOk(`x = ${text}`).lines[0].statement as Extract<Statement, { kind: 'assign' }>;
    expect(stripParens(stripPositions(back.value))).toEqual(stripPositions(e));
  });
});

// --- the property: random programs -----------------------------------------------------------

const plainName = fc
  .oneof(
    fc.constantFrom('A', 'B', 'x', 'y', 'kr', 'r', 'addr', 'size', 'data', 'max', 'fail_init', 'Task', 'vm_allocatex', 'forks', '_'),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/),
  )
  .filter((n) => reservedReason(n) === null);

/** Names usable in expressions: ordinary names and the constants. */
const exprName = fc.oneof({ weight: 4, arbitrary: plainName }, { weight: 1, arbitrary: fc.constantFrom(...CONSTANTS.keys(), 'PAGE_SIZE') });

const intLiteral: fc.Arbitrary<Expr> = fc
  .tuple(
    fc.oneof(fc.nat({ max: 20 }), fc.nat(), fc.maxSafeNat(), fc.constant(2 ** 53)),
    fc.constantFrom('dec', 'hex', 'HEX', '0X'),
    fc.nat({ max: 2 }),
  )
  .map(([value, style, zeros]) => {
    const digits = style === 'dec' ? value.toString(10) : style === 'HEX' ? value.toString(16).toUpperCase() : value.toString(16);
    const pad = '0'.repeat(zeros);
    const raw = style === 'dec' ? pad + digits : (style === '0X' ? '0X' : '0x') + pad + digits;
    return { kind: 'int', value, raw, pos: P } as Expr;
  });

/** One piece of a string literal: its spelling and its bytes. */
const strPiece: fc.Arbitrary<[string, number[]]> = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }).filter((c) => c !== 0x22 && c !== 0x5c).map((c) => [String.fromCharCode(c), [c]] as [string, number[]]),
  fc.constantFrom<[string, number[]]>(['\\n', [10]], ['\\t', [9]], ['\\0', [0]], ['\\\\', [0x5c]], ['\\"', [0x22]], ['#', [0x23]], ['é', [0xc3, 0xa9]], ['😀', [0xf0, 0x9f, 0x98, 0x80]]),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.boolean()).map(([b, upper]) => {
    const h = b.toString(16).padStart(2, '0');
    return [`\\x${upper ? h.toUpperCase() : h}`, [b]] as [string, number[]];
  }),
);

const strLiteral: fc.Arbitrary<Expr> = fc.array(strPiece, { maxLength: 8 }).map((pieces) => ({
  kind: 'str',
  raw: `"${pieces.map((p) => p[0]).join('')}"`,
  bytes: Uint8Array.from(pieces.flatMap((p) => p[1])),
  pos: P,
}) as Expr);

const BINARY_OPS: BinaryOp[] = ['*', '/', '%', '+', '-', '<<', '>>', '&', '^', '|'];
const QUERY_NAMES = Object.keys(QUERIES) as QueryName[];

const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 5, depthIdentifier: 'expr' },
    fc.oneof(intLiteral, strLiteral, exprName.map((name) => ({ kind: 'name', name, pos: P }) as Expr)),
    fc.record({ kind: fc.constant('unary'), op: fc.constantFrom('-', '~'), operand: tie('expr'), pos: fc.constant(P) }) as fc.Arbitrary<Expr>,
    fc.record({ kind: fc.constant('binary'), op: fc.constantFrom(...BINARY_OPS), left: tie('expr'), right: tie('expr'), pos: fc.constant(P) }) as fc.Arbitrary<Expr>,
    fc.record({ kind: fc.constant('paren'), inner: tie('expr'), pos: fc.constant(P) }) as fc.Arbitrary<Expr>,
    fc.constantFrom(...QUERY_NAMES).chain((name) =>
      fc.tuple(...QUERIES[name].map((p) => (p.kind === 'task' ? plainName.map(N) : tie('expr')))).map(
        (args) => ({ kind: 'query', name, args, pos: P }) as Expr,
      ),
    ),
  ),
}));

const callStatement: fc.Arbitrary<Statement> = fc.constantFrom(...(Object.keys(CALLS) as CallName[])).chain((call) =>
  fc
    .tuple(
      fc.option(plainName, { nil: null }),
      fc.tuple(
        ...CALLS[call].map((p): fc.Arbitrary<Arg> => {
          if (p.kind === 'task') return plainName.map((n) => ({ kind: 'value', expr: N(n), pos: P }));
          if (p.kind === 'value') return expr.map((e) => ({ kind: 'value', expr: e, pos: P }));
          return plainName.map((n) => ({ kind: 'ref', name: n, pos: P }));
        }),
      ),
    )
    .map(([result, args]) => ({ kind: 'call', result, call, callPos: P, args, pos: P }) as Statement),
);

const statement: fc.Arbitrary<Statement> = fc.oneof(
  fc.record({ kind: fc.constant('task'), name: plainName, fork: fc.option(fc.record({ parent: plainName, pos: fc.constant(P) }), { nil: null }), pos: fc.constant(P) }),
  fc.record({
    kind: fc.constant('object'), name: plainName, size: expr, data: fc.option(expr, { nil: null }), max: fc.option(expr, { nil: null }),
    failInit: fc.boolean(), pos: fc.constant(P),
  }),
  callStatement,
  fc.record({ kind: fc.constant('assign'), name: plainName, value: expr, pos: fc.constant(P) }),
  fc.record({ kind: fc.constant('assert'), left: expr, op: fc.constantFrom<CompareOp>('==', '!=', '<', '<=', '>', '>='), right: expr, pos: fc.constant(P) }),
) as fc.Arbitrary<Statement>;

/** A valid configuration, its keys spread over one or two config lines. */
const configLines: fc.Arbitrary<Statement[]> = fc
  .record({
    page_size: fc.option(fc.constantFrom(4096, 16384)),
    frames: fc.option(fc.integer({ min: 2, max: 16384 })), // ≤ 256 MiB of simulated memory even with 16 KiB pages
    tlb: fc.option(fc.tuple(fc.constantFrom(4, 8, 16, 64), fc.option(fc.constantFrom(1, 2, 4)))),
    address_bits: fc.option(fc.integer({ min: 20, max: 48 })),
    hex: fc.boolean(),
    split: fc.boolean(),
  })
  .map((c) => {
    const pairs: [string, number][] = [];
    if (c.page_size !== null) pairs.push(['page_size', c.page_size]);
    if (c.frames !== null) pairs.push(['frames', c.frames]);
    if (c.tlb !== null) {
      pairs.push(['tlb_entries', c.tlb[0]]);
      if (c.tlb[1] !== null) pairs.push(['tlb_ways', c.tlb[1]]);
    }
    if (c.address_bits !== null) pairs.push(['address_bits', c.address_bits]);
    const settings: ConfigSetting[] = pairs.map(([key, value]) => ({ key, value, raw: c.hex ? `0x${value.toString(16)}` : String(value), pos: P }));
    if (settings.length === 0) return [];
    const cut = c.split && settings.length > 1 ? 1 : settings.length;
    const groups = [settings.slice(0, cut), settings.slice(cut)].filter((g) => g.length > 0);
    return groups.map((g) => ({ kind: 'config', settings: g, pos: P }) as Statement);
  });

const comment = fc.option(
  fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 })).filter((s) => !/[\r\n]/.test(s)),
  { nil: null, freq: 3 },
);

const lineBody = fc.oneof({ weight: 5, arbitrary: statement.map((s) => s as Statement | null) }, { weight: 1, arbitrary: fc.constant(null) });

const program: fc.Arbitrary<Program> = fc
  .tuple(configLines, fc.array(comment, { maxLength: 2 }), fc.array(fc.tuple(lineBody, comment), { maxLength: 12 }))
  .map(([config, configComments, body]) => {
    const raw: [Statement | null, string | null][] = [...config.map((s, i) => [s, configComments[i] ?? null] as [Statement, string | null]), ...body];
    const lines: Line[] = raw.map(([statement, c], i) => ({ statement, comment: c, line: i + 1 }));
    return { lines };
  });

describe('printer: property over random programs', () => {
  it('print → parse gives the same tree, and printing the reparse gives the same text', () => {
    fc.assert(
      fc.property(program, (p) => {
        const text = printProgram(p);
        const r = parseScenario(text);
        if (!r.ok) throw new Error(`the printed program does not parse: ${r.error.pos.line}:${r.error.pos.col} ${r.error.message}\n${text}`);
        expect(stripParens(stripPositions(r.program))).toEqual(stripParens(stripPositions(p)));
        expect(r.program.lines.map((l) => l.line)).toEqual(p.lines.map((l) => l.line));
        // once parsed, parentheses are nodes and stay exactly as they are
        const again = printProgram(r.program);
        expect(again).toBe(text);
        expect(stripPositions(parseOk(again))).toEqual(stripPositions(r.program));
      }),
      { numRuns: 1500 },
    );
  });

  it('printStatement and printExpr agree with printProgram', () => {
    fc.assert(
      fc.property(statement, expr, (s, e) => {
        expect(printProgram({ lines: [{ statement: s, comment: null, line: 1 }] })).toBe(printStatement(s) + '\n');
        const back = parseOk(`x = ${printExpr(e)}`).lines[0].statement as Extract<Statement, { kind: 'assign' }>;
        expect(stripParens(stripPositions(back.value))).toEqual(stripParens(stripPositions(e)));
      }),
      { numRuns: 1000 },
    );
  });
});
