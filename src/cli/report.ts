/**
 * How the CLI prints a run: a readable listing, or the JSON trace (one object a statement). Both
 * are made a piece at a time (textReport / jsonReport yield a statement's lines or row each), so
 * the CLI writes them as they are made; neither grows with a value's size: the listing shows a
 * byte string cut at SHOWN_BYTES (values.ts showBytes), the trace gives byte values whole up to
 * JSON_VALUE_BYTES and, once JSON_TRACE_BYTES of them are written, cut at SHOWN_BYTES; a cut value's
 * whole length is in the row's `lengths` (docs/scenario-language.md, "The command line").
 * Everything printed is safe for a terminal: the listing through terminalText (control and bidi
 * characters escaped), the trace as ASCII-only JSON (every other character a \u escape).
 */
import { kernReturnName } from '../kernel/kern_return';
import type { StepRecord } from '../scenario/interpreter';
import type { ScenarioOutcome } from '../scenario/run';
import { formatValue, isCut, SHOWN_BYTES, type ShownValue } from '../scenario/values';
import { clipText, terminalText } from '../scenario/visible_text';

/** The most bytes of one byte value the JSON trace writes; past them the value is cut, its whole length in `lengths`. */
export const JSON_VALUE_BYTES = 4096;
/** The bytes of byte values one JSON trace writes at up to JSON_VALUE_BYTES each; once they are written, values are cut at SHOWN_BYTES. */
export const JSON_TRACE_BYTES = 1024 * 1024;

/** The listing, a statement at a time (its line, and its result line if any), then the summary. */
export function* textReport(outcome: ScenarioOutcome): Generator<string> {
  if (outcome.status === 'parse-error') return;
  let asserts = 0;
  for (const r of outcome.steps) {
    let s = `${String(r.line).padStart(4)}  ${clipText(r.text)}\n`;
    const result = describeResult(r);
    if (result !== '') s += `      -> ${result}\n`;
    if (r.assert?.held) asserts++;
    yield terminalText(s);
  }
  if (outcome.status === 'ok') yield `ok: ${outcome.steps.length} statements, ${asserts} asserts held\n`;
}

export function formatTextReport(outcome: ScenarioOutcome): string {
  return [...textReport(outcome)].join('');
}

function describeResult(r: StepRecord): string {
  if (r.error !== undefined) return `error: ${r.error.message}`;
  if (r.assert !== undefined) return 'assert held';
  const parts: string[] = [];
  if (r.kr !== null) parts.push(kernReturnName(r.kr));
  for (const [name, v] of Object.entries(r.out)) {
    if (name === 'kr' || (r.statement.kind === 'call' && r.statement.result === name)) continue; // x = call(...): x is the kr shown
    parts.push(`${name} = ${formatValue(v)}`);
  }
  return parts.join('  ');
}

/** JSON text with every character past ASCII as a \u escape (valid JSON, nothing a terminal obeys but what JSON escapes already). */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes byte values into rows, cutting each (JSON_VALUE_BYTES, then SHOWN_BYTES once JSON_TRACE_BYTES are spent). */
class JsonValues {
  private spent = 0;

  /** A byte string becomes a JSON string of one char per byte (codes 0-255); a cut one's length goes into `lengths`. */
  value(v: ShownValue, name: string, lengths: Record<string, number>): number | string {
    if (typeof v === 'number') return v;
    const head = isCut(v) ? v.head : v;
    const keep = Math.min(head.length, this.spent < JSON_TRACE_BYTES ? JSON_VALUE_BYTES : SHOWN_BYTES);
    this.spent += keep;
    if (keep < v.length) lengths[name] = v.length;
    let s = '';
    for (let i = 0; i < keep; i += 4096) s += String.fromCharCode(...head.subarray(i, Math.min(keep, i + 4096))); // chunks: no argument-count overflow
    return s;
  }
}

/** The JSON trace, a piece at a time: "[", each row (one statement), "]". */
export function* jsonReport(file: string, outcome: ScenarioOutcome): Generator<string> {
  if (outcome.status === 'parse-error') {
    yield asciiJson([{ file, line: outcome.line, col: outcome.col, error: outcome.message, kind: 'parse-error' }]) + '\n';
    return;
  }
  const values = new JsonValues();
  yield '[\n';
  let first = true;
  for (const r of outcome.steps) {
    const lengths: Record<string, number> = {};
    const out: Record<string, number | string> = {};
    for (const [k, v] of Object.entries(r.out)) out[k] = values.value(v, k, lengths);
    const assert = r.assert === undefined ? undefined : { held: r.assert.held, left: values.value(r.assert.left, 'assert.left', lengths), right: values.value(r.assert.right, 'assert.right', lengths) };
    const row = asciiJson({
      line: r.line,
      statement: r.text,
      kind: r.kind,
      kr: r.kr,
      kr_name: r.kr === null ? null : kernReturnName(r.kr),
      out,
      events: r.events,
      ...(assert !== undefined ? { assert } : {}),
      ...(Object.keys(lengths).length > 0 ? { lengths } : {}),
      ...(r.error !== undefined ? { error: r.error.message, col: r.error.col } : {}),
    });
    yield first ? row : `,\n${row}`;
    first = false;
  }
  yield '\n]\n';
}

export function formatJsonReport(file: string, outcome: ScenarioOutcome): string {
  return [...jsonReport(file, outcome)].join('');
}
