/**
 * The scenario parser: text → Program, or the first syntax error with its line and column.
 * Argument counts, `&` on out parameters and task-name positions are checked here, so a student
 * hears about them before anything runs.
 */
import type { Arg, BinaryOp, CompareOp, ConfigSetting, Expr, Line, Pos, Program, Statement } from './ast';
import { clip, lexLine, ScenarioSyntaxError, type Token } from './lexer';
import { CALLS, CONFIG_KEYS, KEYWORDS, QUERIES, isCallName, isQueryName, reservedReason, type Param } from './language';
import { closestName, didYouMean } from './suggest';
import { CONFIG_LIMITS } from '../kernel/kernel';
import { MAX_SOURCE_LENGTH } from './text_limits';

export { ScenarioSyntaxError };

/** The names "did you mean" offers for a misspelt call or query (suggest.ts). */
const CALL_NAMES = Object.keys(CALLS);
const QUERY_NAMES = Object.keys(QUERIES);

/**
 * The longest scenario text the parser reads, in characters (UTF-16 code units, as String.length
 * counts them): longer texts are refused before any work. It lives with the app's other text
 * limits (text_limits.ts: links carry at most MAX_LINK_SOURCE); every built-in is under 3,000.
 */
export { MAX_SOURCE_LENGTH };

/**
 * The deepest expression tree (parentheses, unary operators, and chains of binary operators
 * all count a level): parsing, evaluating and printing recurse that deep, so `((((...` or
 * `1+1+...+1` a hundred thousand times long is refused instead of overflowing the stack.
 */
export const MAX_EXPR_DEPTH = 200;

export type ParseResult = { ok: true; program: Program } | { ok: false; error: ScenarioSyntaxError };

/** Parses a whole scenario; never throws. */
export function parseScenario(source: string): ParseResult {
  try {
    return { ok: true, program: parseOrThrow(source) };
  } catch (e) {
    if (e instanceof ScenarioSyntaxError) return { ok: false, error: e };
    throw e;
  }
}

export function parseOrThrow(source: string): Program {
  const lines: Line[] = [];
  const scanner = new LineScanner(source, true);
  for (let l = scanner.next(); l !== null; l = scanner.next()) lines.push({ statement: l.statement, comment: l.comment, line: l.line });
  return { lines };
}

/** One line of a text as the scanner hands it on: its statement and comment, its number and [start, end) offsets. */
export interface ScannedLine {
  statement: Statement | null;
  comment: string | null;
  line: number;
  start: number;
  end: number;
}

/**
 * Parses a text one line at a time (`next`), checking what spans lines (config first, no setting
 * twice, the settings together); throws the first error. Without `keep`, the statements handed on
 * are only checked (their strings have no bytes): check.ts keeps none of them.
 */
export class LineScanner {
  private start = 0;
  private lineNo = 1;
  private ended = false;
  private sawStatement = false;
  private readonly seenConfig = new Map<string, ConfigSetting>();
  private readonly parser = new LineParser();

  constructor(
    private readonly source: string,
    private readonly keep: boolean,
  ) {
    if (source.length > MAX_SOURCE_LENGTH) {
      throw new ScenarioSyntaxError(
        `the scenario is ${source.length.toLocaleString('en-US')} characters long; at most ${MAX_SOURCE_LENGTH.toLocaleString('en-US')} are accepted (this is where the limit is passed)`,
        positionOf(source, MAX_SOURCE_LENGTH),
      );
    }
  }

  /** Whether the config is complete and checked: a statement other than config was seen, or the text ended. */
  get configDone(): boolean {
    return this.sawStatement || this.ended;
  }

  /** The next line, or null at the end of the text. */
  next(): ScannedLine | null {
    const source = this.source;
    if (this.ended) return null;
    if (this.start >= source.length) {
      this.ended = true;
      if (!this.sawStatement) checkConfigTogether(this.seenConfig);
      return null;
    }
    const start = this.start;
    const line = this.lineNo++;
    const nl = source.indexOf('\n', start);
    const end = nl === -1 ? source.length : nl;
    this.start = nl === -1 ? source.length : nl + 1;
    const { tokens, comment } = lexLine(lineText(source, start, end), line, this.keep);
    const p = this.parser;
    p.reset(tokens);
    const statement = p.atEnd() ? null : p.statement();
    if (statement !== null) {
      if (statement.kind === 'config') {
        if (this.sawStatement) throw new ScenarioSyntaxError('config must come before any other statement', statement.pos);
        for (const s of statement.settings) {
          if (this.seenConfig.has(s.key)) throw new ScenarioSyntaxError(`${s.key} is already set on line ${this.seenConfig.get(s.key)!.pos.line}`, s.pos);
          this.seenConfig.set(s.key, s);
        }
      } else if (!this.sawStatement) {
        this.sawStatement = true;
        checkConfigTogether(this.seenConfig); // the config is complete: report it before later lines
      }
    }
    return { statement, comment, line, start, end };
  }
}

/** The statement on one line of a text already checked (check.ts parses a statement again when it is needed). */
export function parseCheckedLine(text: string, line: number): Statement | null {
  const p = (lineParser ??= new LineParser());
  p.reset(lexLine(text, line).tokens);
  return p.atEnd() ? null : p.statement();
}

let lineParser: LineParser | null = null;

/** A line's text without its CR (CRLF files). */
export function lineText(source: string, start: number, end: number): string {
  return end > start && source.charCodeAt(end - 1) === 13 ? source.slice(start, end - 1) : source.slice(start, end);
}

/** The 1-based line and column of the character at `index`. */
function positionOf(source: string, index: number): Pos {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < index; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: index - lineStart + 1 };
}

function checkConfigTogether(settings: Map<string, ConfigSetting>): void {
  const ways = settings.get('tlb_ways');
  const entries = settings.get('tlb_entries');
  const nEntries = entries?.value ?? 16;
  const nWays = ways?.value ?? (entries !== undefined ? Math.min(4, nEntries) : 4);
  if (nEntries % nWays !== 0 || nWays > nEntries) {
    if (ways === undefined)
      throw new ScenarioSyntaxError(`tlb_entries (${nEntries}) must be a multiple of tlb_ways, which is ${nWays} unless set: set tlb_ways too`, entries!.pos);
    throw new ScenarioSyntaxError(`tlb_ways (${nWays}) must divide tlb_entries (${nEntries})`, ways.pos);
  }
  const frames = settings.get('frames');
  const pageSize = settings.get('page_size')?.value ?? 4096;
  if (frames !== undefined && frames.value * pageSize > MAX_PHYSICAL_BYTES) {
    throw new ScenarioSyntaxError(
      `frames × page_size is ${(frames.value * pageSize) / 2 ** 20} MiB of simulated memory; at most ${MAX_PHYSICAL_BYTES / 2 ** 20} MiB (e.g. frames=${MAX_PHYSICAL_BYTES / pageSize} with page_size=${pageSize})`,
      frames.pos,
    );
  }
}

/** The most simulated physical memory a scenario may configure (the frames hold real bytes). */
export const MAX_PHYSICAL_BYTES = 256 * 2 ** 20;

const CONFIG_RANGES: Record<string, { min: number; max: number; only?: readonly number[] }> = {
  page_size: { min: 4096, max: 16384, only: CONFIG_LIMITS.pageSize },
  frames: CONFIG_LIMITS.frames,
  tlb_entries: CONFIG_LIMITS.tlbEntries,
  tlb_ways: CONFIG_LIMITS.tlbEntries,
  address_bits: CONFIG_LIMITS.addressBits,
};

const COMPARE_OPS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);
/** Binary operators from the loosest binding to the tightest; each level is left-associative. */
const BINARY_LEVELS: readonly (readonly string[])[] = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
const BINARY_LEVEL: ReadonlyMap<string, number> = new Map(BINARY_LEVELS.flatMap((ops, level) => ops.map((op) => [op, level] as const)));

/** Parses one line's tokens at a time (reset for each line: one parser, and one heights table, for a whole text). */
class LineParser {
  private tokens: Token[] = [];
  private i = 0;
  /** Parentheses, unary operators and query arguments being parsed right now (the recursion depth). */
  private nesting = 0;
  /** The height of each expression tree built on the line with children (a leaf is 1), for MAX_EXPR_DEPTH. */
  private readonly heights = new Map<Expr, number>();

  reset(tokens: Token[]): void {
    this.tokens = tokens;
    this.i = 0;
    this.nesting = 0;
    if (this.heights.size > 0) this.heights.clear();
  }

  atEnd(): boolean {
    return this.peek().t === 'end';
  }

  statement(): Statement {
    const s = this.statementBody();
    const rest = this.peek();
    if (rest.t !== 'end') throw new ScenarioSyntaxError(`expected the end of the line after the statement, found ${describe(rest)}`, rest.pos);
    return s;
  }

  private statementBody(): Statement {
    const tok = this.peek();
    if (tok.t !== 'ident') throw new ScenarioSyntaxError(`a statement starts with a name, not ${describe(tok)}`, tok.pos);
    const next = this.tokens[this.i + 1];
    // `task = 1`, `vm_map = 3`: a reserved name used as a variable is reported as such, at the name
    if (next.t === 'op' && next.text === '=') this.checkName(tok.text, tok.pos, 'a variable');
    switch (tok.text) {
      case 'config':
        return this.config();
      case 'task':
        return this.task();
      case 'object':
        return this.object();
      case 'assert':
        return this.assertion();
    }
    if (isCallName(tok.text)) {
      if (next.t === 'op' && next.text === '(') return this.call(null, tok.pos);
      throw new ScenarioSyntaxError(`${tok.text} is a call: write ${tok.text}(...)`, next.pos);
    }
    if (tok.text === 'fork') throw new ScenarioSyntaxError('fork makes a new task: write task B = fork(A)', tok.pos);
    if (next.t === 'op' && next.text === '=') {
      this.i += 2;
      this.checkName(tok.text, tok.pos, 'a variable');
      const callTok = this.peek();
      const after = this.tokens[this.i + 1];
      if (callTok.t === 'ident' && isCallName(callTok.text) && after.t === 'op' && after.text === '(') return this.call(tok.text, tok.pos);
      if (callTok.t === 'ident' && callTok.text === 'fork') throw new ScenarioSyntaxError('fork makes a new task: write task B = fork(A)', callTok.pos);
      return { kind: 'assign', name: tok.text, value: this.expr(), pos: tok.pos };
    }
    if (isQueryName(tok.text)) throw new ScenarioSyntaxError(`${tok.text}(...) is a value: use it in an assert or an assignment`, tok.pos);
    // `vm_alocate(A, ...)`: a call misspelt; `tsk A`: a keyword misspelt
    const call = next.t === 'op' && next.text === '(' ? closestName(tok.text, CALL_NAMES) : null;
    if (call !== null) throw new ScenarioSyntaxError(`unknown call '${clip(tok.text)}': did you mean ${call}?`, tok.pos);
    throw new ScenarioSyntaxError(
      `'${clip(tok.text)}' is not a statement: expected config, task, object, assert, a call, or name = value${didYouMean(tok.text, KEYWORDS)}`,
      tok.pos,
    );
  }

  private config(): Statement {
    const pos = this.next().pos;
    const settings: ConfigSetting[] = [];
    while (!this.atEnd()) {
      const key = this.expectIdent('a config setting such as page_size=4096');
      if (!(CONFIG_KEYS as readonly string[]).includes(key.text))
        throw new ScenarioSyntaxError(`unknown config setting '${clip(key.text)}' (known: ${CONFIG_KEYS.join(', ')})${didYouMean(key.text, CONFIG_KEYS)}`, key.pos);
      this.expectOp('=');
      const v = this.next();
      if (v.t !== 'int') throw new ScenarioSyntaxError(`${key.text} takes an integer, not ${describe(v)}`, v.pos);
      const range = CONFIG_RANGES[key.text];
      if (range.only !== undefined ? !range.only.includes(v.value) : v.value < range.min || v.value > range.max) {
        const allowed = range.only !== undefined ? range.only.join(' or ') : `between ${range.min} and ${range.max}`;
        throw new ScenarioSyntaxError(`${key.text} must be ${allowed}, not ${clip(v.text)}`, v.pos);
      }
      settings.push({ key: key.text, value: v.value, raw: v.text, pos: key.pos });
    }
    if (settings.length === 0) throw new ScenarioSyntaxError('config needs at least one setting, such as frames=16', pos);
    return { kind: 'config', settings, pos };
  }

  private task(): Statement {
    const pos = this.next().pos;
    const name = this.expectIdent('a task name');
    this.checkName(name.text, name.pos, 'a task');
    if (this.atEnd()) return { kind: 'task', name: name.text, fork: null, pos };
    const eq = this.peek();
    if (!this.isOp('='))
      throw new ScenarioSyntaxError(`expected the end of the line or '= fork(PARENT)' after task ${clip(name.text)}, found ${describe(eq)}`, eq.pos);
    this.i++;
    const f = this.expectIdent('fork(PARENT)');
    if (f.text !== 'fork') throw new ScenarioSyntaxError(`a task is made empty (task ${clip(name.text)}) or by fork (task ${clip(name.text)} = fork(A)), not by '${clip(f.text)}'`, f.pos);
    this.expectOp('(');
    const parent = this.expectIdent('the parent task name');
    this.expectOp(')');
    return { kind: 'task', name: name.text, fork: { parent: parent.text, pos: parent.pos }, pos };
  }

  private object(): Statement {
    const pos = this.next().pos;
    const name = this.expectIdent('an object name');
    this.checkName(name.text, name.pos, 'an object');
    let size: Expr | null = null;
    let data: Expr | null = null;
    let max: Expr | null = null;
    let failInit = false;
    const seen = new Set<string>();
    while (!this.atEnd()) {
      const attr = this.expectIdent('an attribute: size=, data=, max= or fail_init');
      if (seen.has(attr.text)) throw new ScenarioSyntaxError(`${clip(attr.text)} is given twice`, attr.pos);
      seen.add(attr.text);
      if (attr.text === 'fail_init') {
        failInit = true;
        continue;
      }
      if (attr.text !== 'size' && attr.text !== 'data' && attr.text !== 'max')
        throw new ScenarioSyntaxError(`unknown object attribute '${clip(attr.text)}' (known: size=, data=, max=, fail_init)`, attr.pos);
      this.expectOp('=');
      const value = this.expr();
      if (attr.text === 'size') size = value;
      else if (attr.text === 'data') data = value;
      else max = value;
    }
    if (size === null) throw new ScenarioSyntaxError(`object ${clip(name.text)} needs a size, as in size=0x4000`, name.pos);
    return { kind: 'object', name: name.text, size, data, max, failInit, pos };
  }

  private assertion(): Statement {
    const pos = this.next().pos;
    const left = this.expr();
    const op = this.peek();
    if (op.t !== 'op' || !COMPARE_OPS.has(op.text))
      throw new ScenarioSyntaxError(`assert needs a comparison (== != < <= > >=), found ${describe(op)}`, op.pos);
    this.i++;
    const right = this.expr();
    return { kind: 'assert', left, op: op.text as CompareOp, right, pos };
  }

  private call(result: string | null, pos: Pos): Statement {
    const nameTok = this.next() as Extract<Token, { t: 'ident' }>;
    const call = nameTok.text;
    if (!isCallName(call)) throw new ScenarioSyntaxError(`unknown call ${call}`, nameTok.pos);
    const args = this.argList(call, CALLS[call], nameTok.pos, true);
    return { kind: 'call', result, call, callPos: nameTok.pos, args, pos };
  }

  /** ( arg, ... ) checked against the parameter list. */
  private argList(fn: string, params: readonly Param[], fnPos: Pos, allowRefs: boolean): Arg[] {
    this.expectOp('(');
    const args: Arg[] = [];
    if (!this.isOp(')')) {
      for (;;) {
        const t = this.peek();
        if (allowRefs && t.t === 'op' && t.text === '&') {
          this.i++;
          const name = this.expectIdent('a variable name after &');
          this.checkName(name.text, name.pos, 'a variable');
          args.push({ kind: 'ref', name: name.text, pos: t.pos });
        } else {
          args.push({ kind: 'value', expr: this.expr(), pos: t.pos });
        }
        if (this.isOp(',')) {
          this.i++;
          continue;
        }
        break;
      }
    }
    const close = this.peek();
    if (!this.isOp(')')) throw new ScenarioSyntaxError(`expected ',' or ')' in the arguments of ${fn}, found ${describe(close)}`, close.pos);
    this.i++;
    if (args.length !== params.length) {
      const names = params.map((q) => (q.kind === 'inout' || q.kind === 'out' ? '&' : '') + q.name).join(', ');
      throw new ScenarioSyntaxError(`${fn} takes ${params.length} argument${params.length === 1 ? '' : 's'} (${names}), not ${args.length}`, fnPos);
    }
    for (let k = 0; k < args.length; k++) checkArg(fn, params[k], k, args[k]);
    return args;
  }

  expr(): Expr {
    return this.binary(0);
  }

  /** Records the height of a new node (1 + its tallest child), refusing a tree deeper than MAX_EXPR_DEPTH. */
  private built<E extends Expr>(e: E, a: Expr, b?: Expr): E {
    const h = Math.max(this.heights.get(a) ?? 1, b === undefined ? 1 : (this.heights.get(b) ?? 1));
    return this.record(e, h);
  }

  private record<E extends Expr>(e: E, tallestChild: number): E {
    if (tallestChild + 1 > MAX_EXPR_DEPTH) throw tooDeep(e.pos);
    this.heights.set(e, tallestChild + 1);
    return e;
  }

  /** Enters a nested construct (parenthesis, unary operator, query), bounding the recursion. */
  private enter(pos: Pos): void {
    if (++this.nesting > MAX_EXPR_DEPTH) throw tooDeep(pos);
  }

  /** Binary operators of level `min` or tighter (precedence climbing: the trees of one function per level, left-associative). */
  private binary(min: number): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op') return left;
      const level = BINARY_LEVEL.get(t.text);
      if (level === undefined || level < min) return left;
      this.i++;
      const right = this.binary(level + 1);
      left = this.built({ kind: 'binary', op: t.text as BinaryOp, left, right, pos: t.pos }, left, right);
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.t === 'op' && (t.text === '-' || t.text === '~')) {
      this.i++;
      this.enter(t.pos);
      const operand = this.unary();
      this.nesting--;
      return this.built({ kind: 'unary', op: t.text, operand, pos: t.pos }, operand);
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.t) {
      case 'int':
        return { kind: 'int', value: t.value, raw: t.text, pos: t.pos };
      case 'str':
        return { kind: 'str', bytes: t.bytes, raw: t.text, pos: t.pos };
      case 'ident': {
        if (this.isOp('(')) {
          if (isQueryName(t.text)) {
            this.enter(t.pos);
            const args = this.argList(t.text, QUERIES[t.text], t.pos, false).map((a) => (a as Extract<Arg, { kind: 'value' }>).expr);
            this.nesting--;
            return this.record({ kind: 'query', name: t.text, args, pos: t.pos }, args.reduce((h, a) => Math.max(h, this.heights.get(a) ?? 1), 0));
          }
          if (isCallName(t.text)) throw new ScenarioSyntaxError(`${t.text} is a call, not a value: write kr = ${t.text}(...) on its own line`, t.pos);
          // closest among the calls first (`kr = vm_alocate(...)`), then the queries (`faults`)
          const call = closestName(t.text, CALL_NAMES);
          if (call !== null) throw new ScenarioSyntaxError(`unknown call '${clip(t.text)}': did you mean ${call}?`, t.pos);
          const query = closestName(t.text, QUERY_NAMES);
          if (query !== null) throw new ScenarioSyntaxError(`unknown function '${clip(t.text)}': did you mean ${query}?`, t.pos);
          throw new ScenarioSyntaxError(`unknown function '${clip(t.text)}' (queries: ${QUERY_NAMES.join(', ')})`, t.pos);
        }
        if (isCallName(t.text) || t.text === 'fork' || t.text === 'task' || t.text === 'object' || t.text === 'config' || t.text === 'assert')
          throw new ScenarioSyntaxError(`'${clip(t.text)}' cannot be used as a value`, t.pos);
        return { kind: 'name', name: t.text, pos: t.pos };
      }
      case 'op':
        if (t.text === '(') {
          this.enter(t.pos);
          const inner = this.expr();
          this.expectOp(')');
          this.nesting--;
          return this.built({ kind: 'paren', inner, pos: t.pos }, inner);
        }
        if (t.text === '&') throw new ScenarioSyntaxError('& passes a variable by reference and only stands before an out argument', t.pos);
        throw new ScenarioSyntaxError(`expected a value, found '${t.text}'`, t.pos);
      case 'end':
        throw new ScenarioSyntaxError('expected a value, found the end of the line', t.pos);
    }
  }

  private checkName(name: string, pos: Pos, what: string): void {
    const reason = reservedReason(name);
    if (reason !== null) throw new ScenarioSyntaxError(`${reason} and cannot name ${what}`, pos);
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    const t = this.tokens[this.i];
    if (t.t !== 'end') this.i++;
    return t;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.text === text;
  }

  private expectOp(text: string): void {
    const t = this.peek();
    if (!this.isOp(text)) throw new ScenarioSyntaxError(`expected '${text}', found ${describe(t)}`, t.pos);
    this.i++;
  }

  private expectIdent(what: string): Extract<Token, { t: 'ident' }> {
    const t = this.peek();
    if (t.t !== 'ident') throw new ScenarioSyntaxError(`expected ${what}, found ${describe(t)}`, t.pos);
    this.i++;
    return t;
  }
}

function checkArg(fn: string, param: Param, index: number, arg: Arg): void {
  if (param.kind === 'inout' || param.kind === 'out') {
    if (arg.kind !== 'ref') throw new ScenarioSyntaxError(`${argLabel(fn, param, index)} is written by the call: pass a variable as &name`, arg.pos);
    return;
  }
  if (arg.kind === 'ref') throw new ScenarioSyntaxError(`${argLabel(fn, param, index)} takes a value, not &${arg.name}`, arg.pos);
  if (param.kind === 'task' && arg.expr.kind !== 'name') throw new ScenarioSyntaxError(`${argLabel(fn, param, index)} must be a task name`, arg.pos);
}

/** "argument 2 of vm_allocate (address)", for messages (made only when there is one to say). */
function argLabel(fn: string, param: Param, index: number): string {
  return `argument ${index + 1} of ${fn} (${param.name})`;
}

function tooDeep(pos: Pos): ScenarioSyntaxError {
  return new ScenarioSyntaxError(
    `the expression is nested too deeply: at most ${MAX_EXPR_DEPTH} levels of parentheses and operators (split it with a variable)`,
    pos,
  );
}

function describe(t: Token): string {
  switch (t.t) {
    case 'end':
      return 'the end of the line';
    case 'ident':
      return `'${clip(t.text)}'`;
    case 'int':
      return `the number ${clip(t.text)}`;
    case 'str':
      return 'a string';
    case 'op':
      return `'${t.text}'`;
  }
}
