/**
 * Names numbered once: each name a scenario uses (its variables, tasks, objects, and the constants
 * it reads) gets a slot, a small integer, the first time a statement that mentions it is run; the
 * statement is kept with its names resolved to those slots (a SlotStatement: the parser's statement
 * with a `slot` beside each name). The interpreter holds what each name is and its value in arrays
 * indexed by slot, so running a statement again (a replay runs ten thousand) looks up no string:
 *
 *   statement i ──first run──▶ resolveStatement ──▶ SlotStatement (cached: ResolvedProgram.at(i))
 *   'x' ──▶ NameTable.slot('x') = 7          interpreter: kinds[7] = variable, values[7] = 0x1000
 *
 * A ResolvedProgram is shared by every interpreter of one program (the worker's session makes one
 * per loaded text), so each statement is resolved once however many machines run it. Slots are
 * not part of a saved run (InterpreterState keeps names): a save restores into an interpreter whose
 * table numbered the names in another order. Bounded by the program: a slot per distinct name, a
 * SlotStatement per statement run (both within MAX_SOURCE_LENGTH of text).
 */
import type { BinaryOp, CompareOp, ConfigSetting, Expr, Pos, QueryName, Statement, StatementSource, CallName } from './ast';
import { CONSTANTS, PAGE_SIZE_CONSTANT } from './language';

/** The slot of `kr`, which every call sets: numbered first in every table. */
export const KR_SLOT = 0;

/** An expression with each name's slot beside it (assignable to Expr: the printer reads it as one). */
export type SlotExpr =
  | Extract<Expr, { kind: 'int' }>
  | Extract<Expr, { kind: 'str' }>
  | { kind: 'name'; name: string; pos: Pos; slot: number }
  | { kind: 'unary'; op: '-' | '~'; operand: SlotExpr; pos: Pos }
  | { kind: 'binary'; op: BinaryOp; left: SlotExpr; right: SlotExpr; pos: Pos }
  | { kind: 'paren'; inner: SlotExpr; pos: Pos }
  | { kind: 'query'; name: QueryName; args: SlotExpr[]; pos: Pos };

export type SlotArg = { kind: 'ref'; name: string; pos: Pos; slot: number } | { kind: 'value'; expr: SlotExpr; pos: Pos };

/** A statement with each name's slot beside it (assignable to Statement). resultSlot is -1 without a result. */
export type SlotStatement =
  | { kind: 'config'; settings: ConfigSetting[]; pos: Pos }
  | { kind: 'task'; name: string; slot: number; fork: { parent: string; pos: Pos; slot: number } | null; pos: Pos }
  | { kind: 'object'; name: string; slot: number; size: SlotExpr; data: SlotExpr | null; max: SlotExpr | null; failInit: boolean; pos: Pos }
  | { kind: 'call'; result: string | null; resultSlot: number; call: CallName; callPos: Pos; args: SlotArg[]; pos: Pos }
  | { kind: 'assign'; name: string; slot: number; value: SlotExpr; pos: Pos }
  | { kind: 'assert'; left: SlotExpr; op: CompareOp; right: SlotExpr; pos: Pos };

/** What a slot's name reads when it is neither a variable nor an object: a constant, the page size, or nothing. */
export const NOT_CONSTANT = 0;
export const IS_CONSTANT = 1;
export const IS_PAGE_SIZE = 2;

/** The names of one program, numbered in the order statements first mention them. */
export class NameTable {
  private readonly numbers = new Map<string, number>([['kr', KR_SLOT]]);
  /** Slot → name. */
  readonly names: string[] = ['kr'];
  /** Slot → NOT_CONSTANT, IS_CONSTANT (its value in `constants`) or IS_PAGE_SIZE. */
  readonly constantKind: number[] = [NOT_CONSTANT];
  /** Slot → the constant's value (IS_CONSTANT), else 0. */
  readonly constants: number[] = [0];

  /** Names numbered so far (slots are 0 ... count - 1). */
  get count(): number {
    return this.names.length;
  }

  /** The slot of `name`, numbered now if it has none yet. */
  slot(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) {
      n = this.names.length;
      this.numbers.set(name, n);
      this.names.push(name);
      const c = CONSTANTS.get(name);
      this.constantKind.push(name === PAGE_SIZE_CONSTANT ? IS_PAGE_SIZE : c !== undefined ? IS_CONSTANT : NOT_CONSTANT);
      this.constants.push(c ?? 0);
    }
    return n;
  }
}

/**
 * Statement `s` with its names numbered in `t`. Each kind is built by one object literal (not a
 * spread of the parser's node), so the interpreter's property reads see one shape per kind.
 */
export function resolveStatement(s: Statement, t: NameTable): SlotStatement {
  switch (s.kind) {
    case 'config':
      return { kind: 'config', settings: s.settings, pos: s.pos };
    case 'task':
      return { kind: 'task', name: s.name, slot: t.slot(s.name), fork: s.fork === null ? null : { parent: s.fork.parent, pos: s.fork.pos, slot: t.slot(s.fork.parent) }, pos: s.pos };
    case 'object':
      return {
        kind: 'object', name: s.name, slot: t.slot(s.name), size: resolveExpr(s.size, t), data: s.data === null ? null : resolveExpr(s.data, t),
        max: s.max === null ? null : resolveExpr(s.max, t), failInit: s.failInit, pos: s.pos,
      };
    case 'call':
      return {
        kind: 'call', result: s.result, resultSlot: s.result === null ? -1 : t.slot(s.result), call: s.call, callPos: s.callPos,
        args: s.args.map((a): SlotArg => (a.kind === 'ref' ? { kind: 'ref', name: a.name, pos: a.pos, slot: t.slot(a.name) } : { kind: 'value', expr: resolveExpr(a.expr, t), pos: a.pos })),
        pos: s.pos,
      };
    case 'assign':
      return { kind: 'assign', name: s.name, slot: t.slot(s.name), value: resolveExpr(s.value, t), pos: s.pos };
    case 'assert':
      return { kind: 'assert', left: resolveExpr(s.left, t), op: s.op, right: resolveExpr(s.right, t), pos: s.pos };
  }
}

/** Expression `e` with its names numbered in `t`, one object literal per kind (bounded in depth by the parser: MAX_EXPR_DEPTH). */
export function resolveExpr(e: Expr, t: NameTable): SlotExpr {
  switch (e.kind) {
    case 'int':
      return { kind: 'int', value: e.value, raw: e.raw, pos: e.pos };
    case 'str':
      return { kind: 'str', bytes: e.bytes, raw: e.raw, pos: e.pos };
    case 'name':
      return { kind: 'name', name: e.name, pos: e.pos, slot: t.slot(e.name) };
    case 'unary':
      return { kind: 'unary', op: e.op, operand: resolveExpr(e.operand, t), pos: e.pos };
    case 'binary':
      return { kind: 'binary', op: e.op, left: resolveExpr(e.left, t), right: resolveExpr(e.right, t), pos: e.pos };
    case 'paren':
      return { kind: 'paren', inner: resolveExpr(e.inner, t), pos: e.pos };
    case 'query':
      return { kind: 'query', name: e.name, args: e.args.map((a) => resolveExpr(a, t)), pos: e.pos };
  }
}

/**
 * A program's statements resolved to slots, each when first asked for, and kept: shared by the
 * interpreters that run the program (InterpreterOptions.resolved). `limit` bounds the statements
 * kept (the interpreter runs at most MAX_STATEMENTS).
 */
export class ResolvedProgram {
  readonly names = new NameTable();
  private readonly resolved: (SlotStatement | undefined)[];

  constructor(
    readonly statements: StatementSource,
    limit: number,
  ) {
    this.resolved = new Array<SlotStatement | undefined>(Math.min(statements.length, limit));
  }

  /** Statement `index` with its names numbered (index below the program's length and the limit). */
  at(index: number): SlotStatement {
    return (this.resolved[index] ??= resolveStatement(this.statements.at(index)!, this.names));
  }
}
