/** How the CLI prints a run: a readable listing, or the JSON trace (one object a statement). */
import { kernReturnName } from '../kernel/kern_return';
import type { StepRecord } from '../scenario/interpreter';
import type { ScenarioOutcome } from '../scenario/run';
import { formatValue, type Value } from '../scenario/values';

export function formatTextReport(outcome: ScenarioOutcome): string {
  if (outcome.status === 'parse-error') return '';
  let s = '';
  let asserts = 0;
  for (const r of outcome.steps) {
    s += `${String(r.line).padStart(4)}  ${r.text}\n`;
    const result = describeResult(r);
    if (result !== '') s += `      -> ${result}\n`;
    if (r.assert?.held) asserts++;
  }
  if (outcome.status === 'ok') s += `ok: ${outcome.steps.length} statements, ${asserts} asserts held\n`;
  return s;
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

/** Byte strings become JSON strings of one char per byte (lossless: codes 0-255). */
function jsonValue(v: Value): number | string {
  if (typeof v === 'number') return v;
  let s = '';
  for (let i = 0; i < v.length; i += 8192) s += String.fromCharCode(...v.subarray(i, i + 8192)); // chunks: no argument-count overflow
  return s;
}

export function formatJsonReport(file: string, outcome: ScenarioOutcome): string {
  if (outcome.status === 'parse-error') {
    return JSON.stringify([{ file, line: outcome.line, col: outcome.col, error: outcome.message, kind: 'parse-error' }]) + '\n';
  }
  const rows = outcome.steps.map((r) => {
    const out: Record<string, number | string> = {};
    for (const [k, v] of Object.entries(r.out)) out[k] = jsonValue(v);
    return JSON.stringify({
      line: r.line,
      statement: r.text,
      kind: r.kind,
      kr: r.kr,
      kr_name: r.kr === null ? null : kernReturnName(r.kr),
      out,
      events: r.events,
      ...(r.assert !== undefined ? { assert: { held: r.assert.held, left: jsonValue(r.assert.left), right: jsonValue(r.assert.right) } } : {}),
      ...(r.error !== undefined ? { error: r.error.message, col: r.error.col } : {}),
    });
  });
  return `[\n${rows.join(',\n')}\n]\n`;
}
