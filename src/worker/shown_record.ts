/**
 * A statement's record as the worker sends it to be shown (narration, quiz): every byte string in
 * it (the variables it set, the call's arguments, the statement's evaluated values, an assert's
 * sides) cut to SHOWN_BYTES with its whole length (values.ts CutBytes). A read of 16 MiB would
 * otherwise be copied to the UI at every step that shows it. The UI asks for more of a value on
 * demand, a page at a time (bytePage: the `bytes` command).
 */
import type { StepRecord } from '../scenario/interpreter';
import type { BoundArg, StatementData } from '../scenario/step_data';
import { cutValue, isCut, type ShownValue } from '../scenario/values';

/** The most bytes one `bytes` reply carries: the UI's dump shows a value this much at a time. */
export const BYTE_PAGE = 1024;

function cutAll<V extends ShownValue | null>(v: V): V {
  return (v === null ? v : cutValue(v)) as V;
}

function cutStatement(s: StatementData): StatementData {
  if (s.kind === 'assign') return { ...s, value: cutAll(s.value) };
  if (s.kind === 'assert') return { ...s, left: cutAll(s.left), right: cutAll(s.right) };
  return s;
}

/** The record with its byte strings cut (the rest shared with it: events, numbers, text). */
export function shownRecord(rec: StepRecord): StepRecord {
  const out: Record<string, ShownValue> = {};
  for (const [k, v] of Object.entries(rec.out)) out[k] = cutValue(v);
  const call =
    rec.call === null
      ? null
      : { name: rec.call.name, args: Object.fromEntries(Object.entries(rec.call.args).map(([k, b]): [string, BoundArg] => [k, { ...b, value: cutAll(b.value) }])) };
  return {
    ...rec,
    out,
    call,
    statement: cutStatement(rec.statement),
    ...(rec.assert !== undefined ? { assert: { held: rec.assert.held, left: cutValue(rec.assert.left), right: cutValue(rec.assert.right) } } : {}),
  };
}

/**
 * Bytes [offset, offset + BYTE_PAGE) of the byte string variable `name` set by statement `index`'s
 * record (a copy, at most BYTE_PAGE bytes), with its whole length; null when it set no such byte string.
 */
export function bytePage(rec: StepRecord | null, name: string, offset: number): { bytes: Uint8Array; length: number } | null {
  const v = rec?.out[name];
  if (v === undefined || typeof v === 'number' || isCut(v)) return null;
  const from = Math.max(0, Math.min(Math.floor(offset), v.length));
  return { bytes: v.slice(from, from + BYTE_PAGE), length: v.length };
}
