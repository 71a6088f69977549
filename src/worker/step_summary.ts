/**
 * Step summaries: what a load sends about each statement (protocol.ts StepSummary), built from
 * the run's records in the worker and read back one statement at a time in the UI. The table is
 * by column (StepSummaries) so 16,384 statements cost ~0.8 MB instead of 9.5 MB of records with
 * their events; a byte string a statement set is cut to SHOWN_BYTES (values.ts: a read of 16 MiB
 * would otherwise travel whole, to be shown in one line); the list asks for more on demand (`bytes`).
 */
import type { StepRecord } from '../scenario/interpreter';
import { cutValue, formatValue, isCut, type ShownValue } from '../scenario/values';
import type { StepSummaries, StepSummary } from './protocol';

/** Each statement kind's number in StepSummaries.kind (a Record: a new kind must be given one). */
const KIND_NUMBER: Record<StepRecord['kind'], number> = { config: 0, task: 1, object: 2, call: 3, assign: 4, assert: 5 };
/** The kinds by number. */
const KINDS = Object.keys(KIND_NUMBER) as StepRecord['kind'][];

/** StepSummaries.kr of a statement that is not a call. */
export const NO_KR = -0x80000000;

export const STEP_FAULTED = 1;
export const STEP_COW = 2;
export const STEP_PAGEOUT = 4;
export const STEP_ASSERT = 8;
export const STEP_HELD = 16;
export const STEP_SHOOTDOWN = 32;

/** The value cut to SHOWN_BYTES, a copy of its own (a short string sent whole: never a view of a bigger buffer). */
function shown(v: ShownValue): ShownValue {
  const c = cutValue(v);
  return c === v && c instanceof Uint8Array ? c.slice() : c;
}

function flagsOf(r: StepRecord): number {
  let f = 0;
  for (const e of r.events) {
    if (e.type === 'fault_begin') f |= STEP_FAULTED;
    else if (e.type === 'cow_copy' || e.type === 'copy_push') f |= STEP_COW;
    else if (e.type === 'pageout') f |= STEP_PAGEOUT;
    else if (e.type === 'tlb_shootdown') f |= STEP_SHOOTDOWN;
  }
  if (r.assert !== undefined) f |= STEP_ASSERT | (r.assert.held ? STEP_HELD : 0);
  return f;
}

/** The summaries of records[from, to), indexed from 0 (a batch of a run in progress: the receiver appends it). */
export function summarize(records: readonly StepRecord[], from = 0, to = records.length): StepSummaries {
  const n = to - from;
  const s: StepSummaries = {
    text: new Array<string>(n), line: new Uint32Array(n), kind: new Uint8Array(n), kr: new Int32Array(n),
    events: new Uint32Array(n), flags: new Uint8Array(n), outs: [], error: null,
  };
  for (let i = 0; i < n; i++) {
    const r = records[from + i];
    s.text[i] = r.text;
    s.line[i] = r.line;
    s.kind[i] = KIND_NUMBER[r.kind];
    s.kr[i] = r.kr ?? NO_KR;
    s.events[i] = r.events.length;
    s.flags[i] = flagsOf(r);
    const names = Object.keys(r.out).filter((name) => name !== 'kr');
    if (names.length > 0) s.outs.push([i, Object.fromEntries(names.map((name) => [name, shown(r.out[name])]))]);
    if (r.error !== undefined) s.error = { index: i, ...r.error };
  }
  return s;
}

function joined<A extends Uint8Array | Uint32Array | Int32Array>(a: A, b: A, make: (n: number) => A): A {
  const out = make(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** `a` followed by `b` (the batch of the statements after a's): a new table, the two are not changed. */
export function appendSummaries(a: StepSummaries, b: StepSummaries): StepSummaries {
  const n = a.text.length;
  if (b.text.length === 0) return a;
  return {
    text: a.text.concat(b.text),
    line: joined(a.line, b.line, (k) => new Uint32Array(k)),
    kind: joined(a.kind, b.kind, (k) => new Uint8Array(k)),
    kr: joined(a.kr, b.kr, (k) => new Int32Array(k)),
    events: joined(a.events, b.events, (k) => new Uint32Array(k)),
    flags: joined(a.flags, b.flags, (k) => new Uint8Array(k)),
    outs: b.outs.length === 0 ? a.outs : a.outs.concat(b.outs.map(([i, o]) => [i + n, o] as [number, Record<string, ShownValue>])),
    error: b.error !== null ? { ...b.error, index: b.error.index + n } : a.error,
  };
}

export function stepCount(s: StepSummaries): number {
  return s.text.length;
}

/** The outs of statement i: a binary search of the sparse list. */
function outsAt(s: StepSummaries, i: number): Record<string, ShownValue> {
  let lo = 0;
  let hi = s.outs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.outs[mid][0] < i) lo = mid + 1;
    else hi = mid;
  }
  return lo < s.outs.length && s.outs[lo][0] === i ? s.outs[lo][1] : {};
}

/** Statement i's summary (0 ≤ i < stepCount). */
export function summaryAt(s: StepSummaries, i: number): StepSummary {
  const f = s.flags[i];
  const e = s.error !== null && s.error.index === i ? s.error : null;
  return {
    index: i, line: s.line[i], text: s.text[i], kind: KINDS[s.kind[i]], kr: s.kr[i] === NO_KR ? null : s.kr[i], outs: outsAt(s, i),
    assert: (f & STEP_ASSERT) !== 0 ? { held: (f & STEP_HELD) !== 0 } : null,
    error: e === null ? null : { message: e.message, line: e.line, col: e.col },
    events: s.events[i], faulted: (f & STEP_FAULTED) !== 0, cow: (f & STEP_COW) !== 0, pageout: (f & STEP_PAGEOUT) !== 0,
    shootdown: (f & STEP_SHOOTDOWN) !== 0,
  };
}

/** How many asserts held. */
/** The asserts that held among the first `upTo` statements (all of them by default). */
export function assertsHeld(s: StepSummaries, upTo = s.flags.length): number {
  let n = 0;
  const end = Math.min(upTo, s.flags.length);
  for (let i = 0; i < end; i++) if ((s.flags[i] & STEP_HELD) !== 0) n++;
  return n;
}

/** A shown value as the list prints it: formatValue's (a cut string ends "… (N bytes)"). */
export function formatShown(v: ShownValue): string {
  return formatValue(v);
}

/** Whether the list offers to show more of the value (a byte string cut). */
export function hasMore(v: ShownValue): boolean {
  return isCut(v);
}

/** The typed arrays of a table, to hand to postMessage's transfer list (each is the table's own). */
export function summaryTransferables(s: StepSummaries): ArrayBuffer[] {
  return [s.line.buffer, s.kind.buffer, s.kr.buffer, s.events.buffer, s.flags.buffer] as ArrayBuffer[];
}

/** Statement i's kind (0 ≤ i < stepCount), read without building its summary (loud_steps.ts scans many). */
export function kindAt(s: StepSummaries, i: number): StepRecord['kind'] {
  return KINDS[s.kind[i]];
}
