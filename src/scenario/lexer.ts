/**
 * The scenario lexer: one line at a time (a statement is one line), into tokens with 1-based
 * columns. `#` starts a comment to the end of the line, outside strings. A byte-order mark
 * (U+FEFF) opening the text is skipped like a space (pasted from a file some editors write it to;
 * it still counts as a column, as it does in the editor).
 */
import type { Pos } from './ast';

export type Token =
  | { t: 'ident'; text: string; pos: Pos }
  | { t: 'int'; value: number; text: string; pos: Pos }
  | { t: 'str'; bytes: Uint8Array; text: string; pos: Pos }
  | { t: 'op'; text: string; pos: Pos }
  | { t: 'end'; pos: Pos };

export class ScenarioSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
  }
}

/** A piece of the source quoted in a message, cut short so that a huge token gives a readable message. */
export function clip(text: string, max = 40): string {
  if (text.length <= max) return text;
  const cut = text.codePointAt(max - 1)! > 0xffff ? max + 1 : max; // never split a surrogate pair
  return `${text.slice(0, cut)}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** Operators, longest first: a two-character operator is matched before its first character alone. */
const OPS = ['<<', '>>', '==', '!=', '<=', '>=', '=', '<', '>', '(', ')', ',', '&', '*', '/', '%', '+', '-', '^', '|', '~'];
const TWO_CHAR_OPS: ReadonlySet<string> = new Set(OPS.filter((o) => o.length === 2));
const ONE_CHAR_OPS: ReadonlySet<string> = new Set(OPS.filter((o) => o.length === 1));
const MAX_EXACT = 2 ** 53;
const BYTE_ORDER_MARK = 0xfeff;
const utf8 = new TextEncoder();

export interface LexedLine {
  tokens: Token[];
  comment: string | null;
}

/** A-Z a-z _ (the lexer reads UTF-16 code units: anything else is not part of a name). */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** A-Z a-z 0-9 _ */
function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** The bytes of every string token of a line lexed only to be checked (checkScenario: nothing reads them). */
const UNREAD = new Uint8Array(0);

/** Lexes one line; with `bytes` false, strings are checked but their bytes are not made (a check keeps no tree). */
export function lexLine(text: string, line: number, bytes = true): LexedLine {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let comment: string | null = null;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || (c === BYTE_ORDER_MARK && i === 0 && line === 1)) {
      i++; // space, tab, CR, a BOM opening the text
      continue;
    }
    if (c === 35) {
      comment = text.slice(i + 1); // #
      break;
    }
    const pos = { line, col: i + 1 };
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNamePart(text.charCodeAt(j))) j++;
      tokens.push({ t: 'ident', text: text.slice(i, j), pos });
      i = j;
    } else if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n && isNamePart(text.charCodeAt(j))) j++;
      const raw = text.slice(i, j);
      tokens.push({ t: 'int', value: parseIntLiteral(raw, pos), text: raw, pos });
      i = j;
    } else if (c === 34) {
      const str = lexString(text, i, pos, bytes);
      tokens.push({ t: 'str', bytes: str.bytes, text: text.slice(i, str.end), pos });
      i = str.end;
    } else {
      const two = text.slice(i, i + 2);
      const op = TWO_CHAR_OPS.has(two) ? two : ONE_CHAR_OPS.has(text[i]) ? text[i] : undefined;
      if (op === undefined) throw new ScenarioSyntaxError(`unexpected character '${String.fromCodePoint(text.codePointAt(i)!)}'`, pos);
      tokens.push({ t: 'op', text: op, pos });
      i += op.length;
    }
  }
  tokens.push({ t: 'end', pos: { line, col: commentStart(text, comment) } });
  return { tokens, comment };
}

function commentStart(text: string, comment: string | null): number {
  const body = comment === null ? text : text.slice(0, text.length - comment.length - 1);
  return body.trimEnd().length + 1;
}

/** Digits beyond these counts (leading zeros aside) are past 2^53 for sure: no BigInt needed to say so. */
const MAX_DEC_DIGITS = 17;
const MAX_HEX_DIGITS = 14;

const DECIMAL = /^[0-9]+$/;
const HEX = /^0[xX][0-9A-Fa-f]+$/;

function parseIntLiteral(raw: string, pos: Pos): number {
  // up to 15 decimal or 13 hex digits: exact as a double, no BigInt needed
  if (raw.length <= 15) {
    if (DECIMAL.test(raw)) return Number(raw);
    if (HEX.test(raw)) return parseInt(raw.slice(2), 16);
  }
  const tooLarge = () => new ScenarioSyntaxError(`integer ${clip(raw)} is too large: integers are exact up to 2^53`, pos);
  if (/^0[xX][0-9A-Fa-f]+$/.test(raw) && raw.slice(2).replace(/^0+/, '').length > MAX_HEX_DIGITS) throw tooLarge();
  if (/^[0-9]+$/.test(raw) && raw.replace(/^0+/, '').length > MAX_DEC_DIGITS) throw tooLarge();
  let value: number;
  if (/^0[xX][0-9A-Fa-f]+$/.test(raw)) value = Number(BigInt(raw) > BigInt(MAX_EXACT) ? Infinity : BigInt(raw));
  else if (/^[0-9]+$/.test(raw)) value = Number(BigInt(raw) > BigInt(MAX_EXACT) ? Infinity : BigInt(raw));
  else throw new ScenarioSyntaxError(`'${clip(raw)}' is not a number (use decimal, or hex with 0x)`, pos);
  if (value > MAX_EXACT) throw tooLarge();
  return value;
}

function lexString(text: string, start: number, pos: Pos, build: boolean): { bytes: Uint8Array; end: number } {
  // the common case: printable ASCII up to the closing quote, no escape (its bytes are its characters)
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      if (!build) return { bytes: UNREAD, end: i + 1 };
      const bytes = new Uint8Array(i - start - 1);
      for (let k = 0; k < bytes.length; k++) bytes[k] = text.charCodeAt(start + 1 + k);
      return { bytes, end: i + 1 };
    }
    if (c === 92 || c >= 0x80) break;
  }
  const out: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return { bytes: Uint8Array.from(out), end: i + 1 };
    if (c === '\\') {
      const e = text[i + 1];
      const escPos = { line: pos.line, col: i + 1 };
      if (e === 'n') out.push(10);
      else if (e === 't') out.push(9);
      else if (e === '0') out.push(0);
      else if (e === '\\') out.push(92);
      else if (e === '"') out.push(34);
      else if (e === 'x') {
        const h = text.slice(i + 2, i + 4);
        if (!/^[0-9A-Fa-f]{2}$/.test(h)) throw new ScenarioSyntaxError('\\x needs two hex digits, as in \\x41', escPos);
        out.push(parseInt(h, 16));
        i += 2;
      } else if (e === undefined) break;
      else throw new ScenarioSyntaxError(`unknown escape '\\${e}' (use \\n \\t \\0 \\\\ \\" or \\xNN)`, escPos);
      i += 2;
    } else if (text.charCodeAt(i) < 0x80) {
      out.push(text.charCodeAt(i)); // ASCII: its own UTF-8 byte
      i++;
    } else {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      for (const b of utf8.encode(ch)) out.push(b);
      i += ch.length;
    }
  }
  throw new ScenarioSyntaxError('unterminated string: a string ends with " on the same line', pos);
}
