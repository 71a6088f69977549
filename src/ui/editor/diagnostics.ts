/**
 * The errors the editor marks inline (@codemirror/lint diagnostics), from the store's outcome: a
 * parse error, or the runtime error of the statement that failed, each at its line and column (as
 * the worker reports them: 1-based, the column counting UTF-16 code units as the lexer does). The
 * mark covers the word (or the character) at the column; a position past the text (it was edited
 * since) is clamped to it.
 */
import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { LoadOutcome } from '../../worker/protocol';
import { visibleText } from '../../scenario/visible_text';

/** The error an outcome reports, with its place, or null. */
export interface PlacedError {
  kind: 'parse' | 'runtime';
  message: string;
  line: number;
  col: number;
}

export function errorOf(outcome: LoadOutcome | null): PlacedError | null {
  if (outcome === null) return null;
  if (outcome.status === 'parse-error') return { kind: 'parse', message: outcome.message, line: outcome.line, col: outcome.col };
  if (outcome.status === 'runtime-error' && outcome.message !== undefined && outcome.line !== undefined && outcome.col !== undefined)
    return { kind: 'runtime', message: outcome.message, line: outcome.line, col: outcome.col };
  const e = outcome.steps.error;
  return e === null ? null : { kind: 'runtime', message: e.message, line: e.line, col: e.col };
}

/** The diagnostic of `error` in `doc`. */
export function diagnosticOf(error: PlacedError, doc: Text): Diagnostic {
  const line = doc.line(Math.max(1, Math.min(error.line, doc.lines)));
  const from = line.from + Math.max(0, Math.min(error.col - 1, line.length));
  const word = /^[A-Za-z0-9_]+/.exec(line.text.slice(from - line.from))?.[0].length ?? 0;
  const to = Math.min(line.to, from + Math.max(1, word));
  return {
    from,
    to,
    severity: 'error',
    source: error.kind === 'parse' ? 'syntax' : 'run',
    message: `Line ${error.line}, column ${error.col}: ${visibleText(error.message)}`,
  };
}
