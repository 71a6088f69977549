/**
 * A comparison as ONE link: `#compare=<value>`, the value made by the share codec (url_codec.ts:
 * `1.` then base64url of DEFLATE, versioned and bounded) from the comparison's JSON, itself
 * versioned: {v, l: side, ln: step, r: right, rn: step}, a side being {b: lesson} or {s: text},
 * the right one also {same: 1} (the left's text: two steps of it) or {c: {line, col, from, to}}
 * (the left's text with one constant changed, choices.ts withChoice). compareLinkValue decodes
 * the value back and compares before handing it out, so a link made here always opens;
 * decodeCompare reads a value from anyone and never throws: its messages follow "This link could
 * not be opened: ".
 */
import { decodeShare, shareValue } from '../../scenario/url_codec';
import { familyOfName, type ChoiceChange } from '../../scenario/choice_text';
import { formatCount, MAX_LINK_SOURCE } from '../../scenario/text_limits';

/** The comparison JSON format's version (`v`), checked when read. */
export const COMPARE_FORMAT = 1;
/** The highest step a link may ask for (a text has at most this many statements run). */
export const MAX_COMPARE_STEP = 1_000_000;

export type CompareOrigin = { kind: 'builtin'; name: string } | { kind: 'text'; source: string };
export type CompareRight = CompareOrigin | { kind: 'same' } | { kind: 'change'; change: ChoiceChange };

export interface CompareLink {
  left: CompareOrigin;
  leftStep: number;
  right: CompareRight;
  rightStep: number;
}

export type CompareLinkResult = { ok: true; link: CompareLink } | { ok: false; message: string };

const originJson = (o: CompareOrigin) => (o.kind === 'builtin' ? { b: o.name } : { s: o.source });

function rightJson(r: CompareRight): object {
  switch (r.kind) {
    case 'same':
      return { same: 1 };
    case 'change':
      return { c: { line: r.change.line, col: r.change.col, from: r.change.from, to: r.change.to } };
    default:
      return originJson(r);
  }
}

/** The comparison as JSON, short keys (what the link carries). */
export function compareJson(link: CompareLink): string {
  return JSON.stringify({ v: COMPARE_FORMAT, l: originJson(link.left), ln: link.leftStep, r: rightJson(link.right), rn: link.rightStep });
}

const LESSON_NAME = /^[a-z0-9_]{1,64}$/;
const CONSTANT_NAME = /^[A-Z_]{1,32}$/;

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const isStep = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) <= MAX_COMPARE_STEP;

function readOrigin(x: Record<string, unknown>, which: string, builtins: ReadonlySet<string>): CompareOrigin | string {
  if (typeof x.b === 'string') {
    if (!LESSON_NAME.test(x.b) || !builtins.has(x.b)) return `the ${which} side names no lesson of this playground ("${x.b.slice(0, 64)}")`;
    return { kind: 'builtin', name: x.b };
  }
  if (typeof x.s === 'string') return { kind: 'text', source: x.s };
  return `the ${which} side has no lesson and no text`;
}

function readRight(x: unknown, builtins: ReadonlySet<string>): CompareRight | string {
  if (!isObject(x)) return 'the right side is missing';
  if (x.same === 1) return { kind: 'same' };
  if (x.c !== undefined) {
    const c = x.c;
    if (!isObject(c)) return 'the changed choice is not valid';
    const { line, col, from, to } = c;
    if (!Number.isSafeInteger(line) || !Number.isSafeInteger(col) || (line as number) < 1 || (col as number) < 1) return 'the changed choice has no valid line and column';
    if (typeof from !== 'string' || typeof to !== 'string' || !CONSTANT_NAME.test(from) || !CONSTANT_NAME.test(to)) return 'the changed choice names no constants';
    const family = familyOfName(from);
    if (family === null || familyOfName(to) !== family || from === to) return `the changed choice (${from} to ${to}) is not a change within a family of constants`;
    return { kind: 'change', change: { line: line as number, col: col as number, from, to } };
  }
  return readOrigin(x, 'right', builtins);
}

/** A comparison read back from compareJson's text, checked whole; never throws. `builtins`: the lesson names that exist. */
export function parseCompare(json: string, builtins: ReadonlySet<string>): CompareLinkResult {
  const bad = (why: string): CompareLinkResult => ({ ok: false, message: `the comparison in the link is not valid (${why})` });
  if (json.length > MAX_LINK_SOURCE) return bad(`over the ${formatCount(MAX_LINK_SOURCE)} characters a link can carry`);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return bad('not JSON');
  }
  if (!isObject(raw)) return bad('not an object');
  if (typeof raw.v !== 'number') return bad('no format version');
  if (raw.v !== COMPARE_FORMAT) {
    return raw.v > COMPARE_FORMAT ? { ok: false, message: `this comparison was made by a newer version of the playground (format ${formatCount(raw.v)})` } : bad(`unknown format ${String(raw.v)}`);
  }
  if (!isObject(raw.l)) return bad('the left side is missing');
  const left = readOrigin(raw.l, 'left', builtins);
  if (typeof left === 'string') return bad(left);
  const right = readRight(raw.r, builtins);
  if (typeof right === 'string') return bad(right);
  if (!isStep(raw.ln) || !isStep(raw.rn)) return bad(`its steps are not whole numbers from 0 to ${formatCount(MAX_COMPARE_STEP)}`);
  return { ok: true, link: { left, leftStep: raw.ln, right, rightStep: raw.rn } };
}

/** The `#compare=` value of a comparison, checked by decoding it back (the message follows "Not shared: "). */
export function compareLinkValue(link: CompareLink, builtins: ReadonlySet<string>): { ok: true; value: string } | { ok: false; message: string } {
  const json = compareJson(link);
  const made = shareValue(json);
  if (!made.ok) return { ok: false, message: made.message.replace('the scenario', 'the comparison') };
  const back = decodeCompare(made.value, builtins);
  if (!back.ok) return { ok: false, message: `its link would not open (${back.message})` };
  if (compareJson(back.link) !== json) return { ok: false, message: 'its link would not give back the same comparison' };
  return { ok: true, value: made.value };
}

/** The comparison a `#compare=` value carries, or why it cannot be opened. Never throws. */
export function decodeCompare(value: string, builtins: ReadonlySet<string>): CompareLinkResult {
  const decoded = decodeShare(value);
  if (!decoded.ok) return { ok: false, message: decoded.message.replace('scenario data', 'comparison data').replace("link's scenario", "link's comparison") };
  return parseCompare(decoded.source, builtins);
}

/** A full link to the page `base` (its fragment dropped) opening the comparison; `present`: in presentation mode. */
export function compareUrl(base: string, value: string, present = false): string {
  const at = base.indexOf('#');
  return `${at < 0 ? base : base.slice(0, at)}#compare=${value}${present ? '&present=1' : ''}`;
}
