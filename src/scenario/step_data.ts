/**
 * What a statement did, as data: the call with its arguments bound to their parameters (evaluated
 * values, and which were named variables or tasks), and the evaluated facts of every other kind
 * of statement. The interpreter fills these in as it runs a statement; narration, quiz and the CLI
 * read them instead of the statement's text. A value is the interpreter's own Value object (a
 * byte string is shared, never copied); in a record sent for display a long byte string is cut
 * (values.ts CutBytes: worker/shown_record.ts). A field is null when the statement stopped (a runtime
 * error) before it was evaluated.
 */
import { hex } from '../kernel/vm_param';
import type { CallName, CompareOp, Expr, Statement } from './ast';
import { CALLS, type ParamKind } from './language';
import { printExpr } from './printer';
import { formatValue, type ShownValue } from './values';

/** A value passed to a call, bound to its parameter. */
export interface BoundArg {
  /** The parameter's name from language.ts CALLS (e.g. 'copy', 'cur_protection'). */
  param: string;
  kind: ParamKind;
  /**
   * The evaluated value passed in (a task's id for 'task'; for 'inout' the value read before the
   * call; null for 'out').
   */
  value: ShownValue | null;
  /** The variable (or task, or memory object) named in the text, if the argument was a plain name / &name. */
  variable: string | null;
}

export interface CallData {
  name: CallName;
  /** By parameter name; a parameter is missing when a runtime error stopped the call before it was evaluated. */
  args: Record<string, BoundArg>;
}

/** The evaluated facts of a statement, by kind ('fork' is a task statement that forks). */
export type StatementData =
  | { kind: 'config'; settings: { key: string; value: number }[] }
  | { kind: 'task'; name: string; id: number | null }
  | { kind: 'fork'; parent: string; parentId: number | null; child: string; childId: number | null }
  | { kind: 'object'; name: string; port: number | null; size: number | null; max: number | null; failInit: boolean }
  | { kind: 'assign'; name: string; value: ShownValue | null }
  | {
      kind: 'assert';
      op: CompareOp;
      left: ShownValue | null;
      right: ShownValue | null;
      held: boolean | null;
      /** The compared expressions as written, e.g. "kr == KERN_SUCCESS" (for display). */
      expression: string;
      /** A side names kr or a KERN_ code: the values read as result codes. */
      codes: boolean;
    }
  | { kind: 'call'; name: CallName; /** The variable the result is assigned to besides kr (x = call(...)), or null. */ result: string | null };

/** The number a bound argument carries, or null (a byte string, an out parameter, or not evaluated). */
export function argNumber(call: CallData | null, param: string): number | null {
  const v = call?.args[param]?.value;
  return typeof v === 'number' ? v : null;
}

/** The name a task argument was written with, or null. */
export function argName(call: CallData | null, param: string): string | null {
  return call?.args[param]?.variable ?? null;
}

/** A statement's data before it runs: what its syntax says; the evaluated fields are null until set. */
export function statementSkeleton(s: Statement): StatementData {
  switch (s.kind) {
    case 'config':
      return { kind: 'config', settings: s.settings.map(({ key, value }) => ({ key, value })) };
    case 'task':
      return s.fork === null
        ? { kind: 'task', name: s.name, id: null }
        : { kind: 'fork', parent: s.fork.parent, parentId: null, child: s.name, childId: null };
    case 'object':
      return { kind: 'object', name: s.name, port: null, size: null, max: null, failInit: s.failInit };
    case 'assign':
      return { kind: 'assign', name: s.name, value: null };
    case 'assert':
      return {
        kind: 'assert',
        op: s.op,
        left: null,
        right: null,
        held: null,
        expression: `${printExpr(s.left)} ${s.op} ${printExpr(s.right)}`,
        codes: mentionsKernReturn(s.left) || mentionsKernReturn(s.right),
      };
    case 'call':
      return { kind: 'call', name: s.call, result: s.result };
  }
}

/** The expression is kr or a KERN_ constant (possibly in parentheses): its value reads as a result code. */
export function mentionsKernReturn(e: Expr): boolean {
  if (e.kind === 'name') return e.name === 'kr' || e.name.startsWith('KERN_');
  if (e.kind === 'paren') return mentionsKernReturn(e.inner);
  return false;
}

/** Parameters that take TRUE or FALSE. */
const FLAGS: ReadonlySet<string> = new Set(['anywhere', 'copy', 'set_maximum']);
const PROTECTIONS: ReadonlySet<string> = new Set(['cur_protection', 'max_protection', 'new_protection']);
const INHERITANCES: ReadonlySet<string> = new Set(['inheritance', 'new_inheritance']);
const PROT_NAMES: Readonly<Record<number, string>> = {
  0: 'VM_PROT_NONE', 1: 'VM_PROT_READ', 2: 'VM_PROT_WRITE', 3: 'VM_PROT_DEFAULT', 4: 'VM_PROT_EXECUTE',
  5: 'VM_PROT_READ | VM_PROT_EXECUTE', 6: 'VM_PROT_WRITE | VM_PROT_EXECUTE', 7: 'VM_PROT_ALL',
};
const INHERIT_NAMES: Readonly<Record<number, string>> = { 0: 'VM_INHERIT_SHARE', 1: 'VM_INHERIT_COPY', 2: 'VM_INHERIT_NONE' };
/** One argument as the call received it: a name it was written with, else its value in the language's notation. */
function showArg(b: BoundArg): string {
  if (b.kind === 'inout' || b.kind === 'out') return `&${b.variable ?? '?'}`;
  if (b.variable !== null) return b.variable;
  const v = b.value;
  if (v === null) return '?';
  if (typeof v !== 'number') return formatValue(v);
  if (FLAGS.has(b.param) && (v === 0 || v === 1)) return v === 1 ? 'TRUE' : 'FALSE';
  if (PROTECTIONS.has(b.param) && PROT_NAMES[v] !== undefined) return PROT_NAMES[v];
  if (INHERITANCES.has(b.param) && INHERIT_NAMES[v] !== undefined) return INHERIT_NAMES[v];
  if (b.param === 'memory_object') return v === 0 ? 'MEMORY_OBJECT_NULL' : String(v); // a port number
  return showInt(b.param, v);
}

/** Addresses, offsets and sizes in hex; digits, small negatives (-1) and odd byte counts (11) in decimal. */
function showInt(param: string, v: number): string {
  if (Math.abs(v) < 10 || (v < 0 && v > -1024)) return String(v);
  if (param === 'size' && v > 0 && v < 1024 && v % 16 !== 0) return String(v);
  return hex(v);
}

/**
 * The call as it was made, from its bound arguments: "vm_map(A, &a, 0x1000, 0, TRUE, F, 0, TRUE,
 * VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY)". Names stay names; an expression shows its value.
 */
export function showCall(call: CallData): string {
  return `${call.name}(${CALLS[call.name].map((p) => { const b = call.args[p.name]; return b === undefined ? '?' : showArg(b); }).join(', ')})`;
}
