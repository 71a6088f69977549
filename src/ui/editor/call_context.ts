/**
 * Where the cursor is on the line being typed, read from the line's text before it: inside which
 * call's or query's parentheses and at which argument (for signature help and for which names to
 * complete), after `&`, on a config line, at the start of a statement. This is the editor's own
 * business (what to offer while typing): nothing here decides what a statement means, and it reads
 * one line, up to the cursor.
 */
import { CALLS, QUERIES, type Param } from '../../scenario/language';

export interface CallAt {
  /** The call's or query's name. */
  name: string;
  /** The 0-based argument the cursor is in. */
  index: number;
  /** Offset in the line of the `(` that opens it. */
  open: number;
}

/** The innermost open call or query at the end of `before` (the line up to the cursor), or null (outside one, in a string or a comment). */
export function callAt(before: string): CallAt | null {
  const stack: { name: string; index: number; open: number }[] = [];
  let i = 0;
  while (i < before.length) {
    const c = before[i];
    if (c === '#') return null; // a comment to the end of the line
    if (c === '"') {
      const close = closingQuote(before, i);
      if (close === -1) return null; // inside a string
      i = close + 1;
      continue;
    }
    if (c === '(') {
      const name = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(before.slice(0, i))?.[1] ?? '';
      stack.push({ name, index: 0, open: i });
    } else if (c === ')') {
      stack.pop();
    } else if (c === ',' && stack.length > 0) {
      stack[stack.length - 1].index++;
    }
    i++;
  }
  for (let k = stack.length - 1; k >= 0; k--) if (paramsOf(stack[k].name) !== undefined) return stack[k];
  return null;
}

function closingQuote(text: string, at: number): number {
  for (let j = at + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return -1;
}

/** A call's or query's parameters (language.ts), or undefined for any other name. */
export function paramsOf(name: string): readonly Param[] | undefined {
  return Object.hasOwn(CALLS, name) ? CALLS[name as keyof typeof CALLS] : Object.hasOwn(QUERIES, name) ? QUERIES[name as keyof typeof QUERIES] : undefined;
}

/** What the completion offers at the end of `before` (see completion.ts). */
export type CompletionPlace =
  | { kind: 'none' } // in a comment or a string
  | { kind: 'ref' } // after & : a variable the call writes
  | { kind: 'config' } // on a config line: its keys
  | { kind: 'statement' } // the first word of a statement
  | { kind: 'argument'; call: string; param: Param | undefined } // inside a call's or query's parentheses
  | { kind: 'expression' }; // after `x =`, in an assert, ...

/** The place the word being typed (or the cursor) is at, `before` being the line up to the word. */
export function placeOf(before: string): CompletionPlace {
  if (inCommentOrString(before)) return { kind: 'none' };
  if (/&\s*$/.test(before)) return { kind: 'ref' };
  if (/^\s*config\b/.test(before)) return { kind: 'config' };
  if (/^\s*$/.test(before)) return { kind: 'statement' };
  const call = callAt(before);
  if (call !== null) return { kind: 'argument', call: call.name, param: paramsOf(call.name)?.[call.index] };
  return { kind: 'expression' };
}

function inCommentOrString(before: string): boolean {
  for (let i = 0; i < before.length; i++) {
    if (before[i] === '#') return true;
    if (before[i] === '"') {
      const close = closingQuote(before, i);
      if (close === -1) return true;
      i = close;
    }
  }
  return false;
}
