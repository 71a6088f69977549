/**
 * The scenario language's syntax tree (docs/scenario-language.md). Positions are
 * 1-based line and column, so errors can point at the exact place a student typed.
 */

export interface Pos {
  line: number;
  col: number;
}

export type Expr =
  | { kind: 'int'; value: number; raw: string; pos: Pos }
  | { kind: 'str'; bytes: Uint8Array; raw: string; pos: Pos }
  | { kind: 'name'; name: string; pos: Pos }
  | { kind: 'unary'; op: '-' | '~'; operand: Expr; pos: Pos }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: Pos }
  | { kind: 'paren'; inner: Expr; pos: Pos }
  | { kind: 'query'; name: QueryName; args: Expr[]; pos: Pos };

export type BinaryOp = '*' | '/' | '%' | '+' | '-' | '<<' | '>>' | '&' | '^' | '|';
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type QueryName =
  | 'tlb_hits' | 'tlb_misses' | 'faults' | 'cow_faults' | 'shadow_depth' | 'object_of'
  | 'free_frames' | 'pageouts' | 'pageins';

export type CallName =
  | 'vm_allocate' | 'vm_map' | 'vm_remap' | 'vm_protect' | 'vm_inherit' | 'vm_deallocate'
  | 'vm_read' | 'vm_write' | 'vm_copy' | 'vm_region' | 'task_terminate' | 'write' | 'read' | 'exec';

/** An argument: a value, or `&name` passing a variable by reference. */
export type Arg = { kind: 'ref'; name: string; pos: Pos } | { kind: 'value'; expr: Expr; pos: Pos };

export interface ConfigSetting {
  key: string;
  value: number;
  raw: string;
  pos: Pos;
}

export type Statement =
  | { kind: 'config'; settings: ConfigSetting[]; pos: Pos }
  | { kind: 'task'; name: string; fork: { parent: string; pos: Pos } | null; pos: Pos }
  | { kind: 'object'; name: string; size: Expr; data: Expr | null; max: Expr | null; failInit: boolean; pos: Pos }
  | { kind: 'call'; result: string | null; call: CallName; callPos: Pos; args: Arg[]; pos: Pos }
  | { kind: 'assign'; name: string; value: Expr; pos: Pos }
  | { kind: 'assert'; left: Expr; op: CompareOp; right: Expr; pos: Pos };

/** One line of the source: a statement and/or a comment, or a blank line. */
export interface Line {
  statement: Statement | null;
  comment: string | null;
  line: number;
}

export interface Program {
  lines: Line[];
}

/**
 * A program's statements by index: an array of them (statementsOf), or a checked text whose
 * statements are parsed from their lines when first asked for (parser.ts checkScenario).
 */
export interface StatementSource {
  readonly length: number;
  at(index: number): Statement | undefined;
}

export function statementsOf(p: Program): Statement[] {
  const out: Statement[] = [];
  for (const l of p.lines) if (l.statement !== null) out.push(l.statement);
  return out;
}
