/**
 * Fuzzing the scenario parser (scenarios come from URLs and students: hostile input). Whatever the
 * text, parseScenario returns (never throws), its only failures are ScenarioSyntaxErrors, and an
 * error's position is inside the text: 1 ≤ line ≤ its number of lines, 1 ≤ col ≤ that line's
 * length + 1 (the end of the line). A mutated text that does parse then runs: runScenario returns
 * (runtime errors are values), and a runtime error names a line of the text.
 *
 * Inputs: arbitrary strings (any code point, lone surrogates, control characters, NUL), token soup
 * (the language's own words and symbols in random order, which reaches deeper into the parser),
 * and the built-in scenarios mutated by inserting, deleting and replacing characters, and by
 * duplicating, dropping and swapping lines.
 *
 * checkScenario (the worker's load: a check now, each statement parsed when the run reaches it)
 * agrees with parseScenario on every input: the same error, or the same statements, asked for in
 * any order.
 *
 * 3,000 inputs a property in the normal run; PARSER_FUZZ_RUNS=N for N.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { statementsOf } from './ast';
import { parseScenario, ScenarioSyntaxError, type ParseResult } from './parser';
import { checkScenario, countStatements, ScenarioCheck } from './check';
import { runScenario } from './run';

const RUNS = Number(process.env.PARSER_FUZZ_RUNS) > 0 ? Math.floor(Number(process.env.PARSER_FUZZ_RUNS)) : 3_000;

const SCENARIOS = new URL('../../scenarios/', import.meta.url);
const builtinSources = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.vms'))
  .sort()
  .map((f) => readFileSync(new URL(f, SCENARIOS), 'utf8'));

/** Parses, checking the contract: no throw, a ScenarioSyntaxError inside the text on failure. */
function parseChecked(source: string): ParseResult {
  let r: ParseResult;
  try {
    r = parseScenario(source);
  } catch (e) {
    throw new Error(`parseScenario threw ${String(e)} on ${JSON.stringify(source.slice(0, 300))}`, { cause: e });
  }
  if (!r.ok) {
    expect(r.error).toBeInstanceOf(ScenarioSyntaxError);
    expect(r.error.message.length).toBeGreaterThan(0);
    expectInside(source, r.error.pos.line, r.error.pos.col);
  }
  sameAsChecked(source, r);
  return r;
}

/**
 * checkScenario says what parseScenario says: the same error, or the same statements (asked for
 * last first); so does a check a few lines at a time; a text that parses has the statements counted.
 */
function sameAsChecked(source: string, r: ParseResult): void {
  const c = checkScenario(source);
  const bit = new ScenarioCheck(source);
  while (!bit.step(3)) {
    // a few lines at a time
  }
  if (!r.ok) {
    expect(c.ok ? 'ok' : [c.error.message, c.error.pos]).toEqual([r.error.message, r.error.pos]);
    expect(bit.error === null ? 'ok' : [bit.error.message, bit.error.pos]).toEqual([r.error.message, r.error.pos]);
    return;
  }
  expect(bit.error).toBeNull();
  expect(countStatements(source)).toBe(statementsOf(r.program).length);
  if (!c.ok) throw new Error(`checkScenario failed where parseScenario did not: ${c.error.message}`);
  const all = statementsOf(r.program);
  expect(c.statements.length).toBe(all.length);
  for (let i = all.length - 1; i >= 0; i--) expect(c.statements.at(i)).toEqual(all[i]);
  expect(c.statements.at(all.length)).toBeUndefined();
}

function expectInside(source: string, line: number, col: number): void {
  const lines = source.split('\n');
  expect(Number.isInteger(line) && Number.isInteger(col)).toBe(true);
  expect(line).toBeGreaterThanOrEqual(1);
  expect(line).toBeLessThanOrEqual(lines.length);
  expect(col).toBeGreaterThanOrEqual(1);
  expect(col).toBeLessThanOrEqual(lines[line - 1].length + 1);
}

/** Characters that matter to the lexer, and some that no rule expects. */
const special = fc.constantFrom(
  '\0', '\n', '\r', '\r\n', '\t', '\v', '\f', ' ', '#', '"', '\\', '\\x', '\\n', '\\0', '&', '=', '==', '(', ')', ',',
  '<<', '>>', '~', '-', '0x', '0', '9', '_', 'é', '€', '\u00a0', '\u2028', '\ufeff', '\ud800', '\udc00', '😀', '\u0301',
);
const anyChar = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: special },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }, // lone surrogates too
);
const arbitraryText = fc.string({ unit: anyChar, maxLength: 200 });

/** The language's words and symbols. */
const WORDS = [
  'config', 'page_size', 'frames', 'tlb_entries', 'tlb_ways', 'address_bits', 'task', 'fork', 'object', 'size', 'data', 'max',
  'fail_init', 'assert', 'kr', 'vm_allocate', 'vm_map', 'vm_remap', 'vm_protect', 'vm_inherit', 'vm_deallocate', 'vm_read',
  'vm_write', 'vm_copy', 'vm_region', 'task_terminate', 'write', 'read', 'exec', 'tlb_hits', 'tlb_misses', 'faults',
  'cow_faults', 'shadow_depth', 'object_of', 'free_frames', 'pageouts', 'pageins', 'TRUE', 'FALSE', 'PAGE_SIZE',
  'VM_PROT_READ', 'VM_PROT_ALL', 'VM_INHERIT_SHARE', 'KERN_SUCCESS', 'MEMORY_OBJECT_NULL', 'A', 'B', 'x', 'y', '&x', '&y',
  '0', '1', '4096', '0x1000', '0x', '9007199254740993', '"hi"', '"\\x41"', '"', '=', '==', '!=', '<', '<=', '>=', '(', ')',
  ',', '+', '-', '*', '/', '%', '<<', '>>', '&', '^', '|', '~', '#', ' ', ' ', ' ', '\n', '\n', '\t',
];
const tokenSoup = fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((ws) => ws.join(''));

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'dup-line' | 'drop-line' | 'swap-lines'; at: number; other: number };

const position = fc.noBias(fc.nat());
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.string({ unit: anyChar, minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.constantFrom(...WORDS) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: position, text: anyChar }),
  fc.record({ kind: fc.constantFrom('dup-line' as const, 'drop-line' as const, 'swap-lines' as const), at: position, other: position }),
);

function mutate(source: string, m: Mutation): string {
  if (m.kind === 'dup-line' || m.kind === 'drop-line' || m.kind === 'swap-lines') {
    const lines = source.split('\n');
    const i = m.at % lines.length;
    const j = m.other % lines.length;
    if (m.kind === 'dup-line') lines.splice(j, 0, lines[i]);
    else if (m.kind === 'drop-line') lines.splice(i, 1);
    else [lines[i], lines[j]] = [lines[j], lines[i]];
    return lines.join('\n');
  }
  const at = m.at % (source.length + 1);
  switch (m.kind) {
    case 'insert':
      return source.slice(0, at) + m.text + source.slice(at);
    case 'delete':
      return source.slice(0, at) + source.slice(at + m.count);
    case 'replace':
      return source.slice(0, at) + m.text + source.slice(at + 1);
  }
}

const mutatedBuiltin = fc
  .tuple(fc.nat({ max: builtinSources.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([k, ms]) => ms.reduce(mutate, builtinSources[k]));

describe('parser fuzz', () => {
  test('the built-ins are there to mutate, and parse', () => {
    expect(builtinSources.length).toBeGreaterThan(10);
    for (const s of builtinSources) expect(parseChecked(s).ok).toBe(true);
  });

  test(`arbitrary strings: parseScenario never throws, errors are inside the text (${RUNS} inputs)`, () => {
    fc.assert(fc.property(arbitraryText, (s) => void parseChecked(s)), { numRuns: RUNS });
  });

  test(`token soup: parseScenario never throws, errors are inside the text (${RUNS} inputs)`, () => {
    fc.assert(fc.property(tokenSoup, (s) => void parseChecked(s)), { numRuns: RUNS });
  });

  test(`mutated built-ins: never a throw; those that parse run to a value (${RUNS} inputs)`, () => {
    let parsed = 0;
    let ran = 0;
    fc.assert(
      fc.property(mutatedBuiltin, (s) => {
        const r = parseChecked(s);
        if (!r.ok) return;
        parsed++;
        let o: ReturnType<typeof runScenario>;
        try {
          o = runScenario(s);
        } catch (e) {
          throw new Error(`runScenario threw ${String(e)} on:\n${s}`, { cause: e });
        }
        expect(o.status === 'ok' || o.status === 'runtime-error').toBe(true);
        if (o.status === 'runtime-error') {
          expectInside(s, o.line, o.col);
          expect(o.steps.at(-1)?.error).toEqual({ message: o.message, line: o.line, col: o.col });
        }
        ran++;
      }),
      { numRuns: RUNS },
    );
    // the mutations keep a good share parseable, so the interpreter is fuzzed too
    expect(parsed).toBeGreaterThan(RUNS / 10);
    expect(ran).toBe(parsed);
    if (process.env.PARSER_FUZZ_RUNS !== undefined) console.log(`parser fuzz: ${RUNS} mutated built-ins, ${parsed} parsed and ran`);
  });
});
