/**
 * The scenario printer: Program → text in the canonical layout. Parsing the printed text gives the
 * same program (numbers keep their hex or decimal spelling, strings their escapes, comments stay).
 */
import type { Arg, Expr, Line, Program, Statement } from './ast';

const PRECEDENCE: Record<string, number> = { '|': 1, '^': 2, '&': 3, '<<': 4, '>>': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

export function printProgram(p: Program): string {
  if (p.lines.length === 0) return ''; // '\n' would parse back as one blank line
  return p.lines.map(printLine).join('\n') + '\n';
}

export function printLine(l: Line): string {
  const body = l.statement !== null ? printStatement(l.statement) : '';
  if (l.comment === null) return body;
  return body === '' ? `#${l.comment}` : `${body}  #${l.comment}`;
}

export function printStatement(s: Statement): string {
  switch (s.kind) {
    case 'config':
      return `config ${s.settings.map((c) => `${c.key}=${c.raw}`).join(' ')}`;
    case 'task':
      return s.fork === null ? `task ${s.name}` : `task ${s.name} = fork(${s.fork.parent})`;
    case 'object': {
      const parts = [`object ${s.name}`, `size=${printExpr(s.size)}`];
      if (s.data !== null) parts.push(`data=${printExpr(s.data)}`);
      if (s.max !== null) parts.push(`max=${printExpr(s.max)}`);
      if (s.failInit) parts.push('fail_init');
      return parts.join(' ');
    }
    case 'call': {
      const call = `${s.call}(${s.args.map(printArg).join(', ')})`;
      return s.result === null ? call : `${s.result} = ${call}`;
    }
    case 'assign':
      return `${s.name} = ${printExpr(s.value)}`;
    case 'assert':
      return `assert ${printExpr(s.left)} ${s.op} ${printExpr(s.right)}`;
  }
}

function printArg(a: Arg): string {
  return a.kind === 'ref' ? `&${a.name}` : printExpr(a.expr);
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'int':
      return e.raw;
    case 'str':
      return e.raw;
    case 'name':
      return e.name;
    case 'paren':
      return `(${printExpr(e.inner)})`;
    case 'unary':
      return e.operand.kind === 'binary' ? `${e.op}(${printExpr(e.operand)})` : `${e.op}${printExpr(e.operand)}`;
    case 'query':
      return `${e.name}(${e.args.map(printExpr).join(', ')})`;
    case 'binary': {
      // the tree came from a parse, so explicit parentheses are already 'paren' nodes; a tree
      // built by code gets the parentheses its shape needs
      const p = PRECEDENCE[e.op];
      const l = needsParens(e.left, p, false) ? `(${printExpr(e.left)})` : printExpr(e.left);
      const r = needsParens(e.right, p, true) ? `(${printExpr(e.right)})` : printExpr(e.right);
      return `${l} ${e.op} ${r}`;
    }
  }
}

function needsParens(e: Expr, parent: number, isRight: boolean): boolean {
  if (e.kind !== 'binary') return false;
  const p = PRECEDENCE[e.op];
  return p < parent || (isRight && p === parent);
}
