/**
 * Scenario values (integers exact up to 2^53, and byte strings) and the integer arithmetic of the
 * language: C precedence and truncating division, and bit operators on the exact two's complement
 * integers rather than JavaScript's 32-bit ones (done in BigInt, then checked back into range).
 *
 * Showing a value is bounded: a byte string (up to 16 MiB from one read) is shown by its first
 * SHOWN_BYTES bytes and its whole length, everywhere (messages, narration, the statement list, the
 * CLI's text report): formatValue / showBytes. A display that only needs to show a value holds it
 * cut (CutBytes: the first bytes and the length), so the worker never sends a value whole.
 */
import type { BinaryOp } from './ast';
import { kernReturnName } from '../kernel/kern_return';
import { hex } from '../kernel/vm_param';

export type Value = number | Uint8Array;

/** The most bytes of a byte string any display, message or report line shows; past them, its length is shown. */
export const SHOWN_BYTES = 64;

/** A byte string cut for display: its first bytes (`head`, at most SHOWN_BYTES of them unless asked for more) and its whole length. */
export interface CutBytes {
  head: Uint8Array;
  length: number;
}

/** A value as a display holds it: a number, a whole (short) byte string, or a long one cut. */
export type ShownValue = Value | CutBytes;

export function isCut(v: ShownValue | null | undefined): v is CutBytes {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array);
}

/** The value as a display keeps it: a byte string longer than `keep` bytes becomes its first `keep` bytes (a copy) and its length. */
export function cutValue(v: ShownValue, keep = SHOWN_BYTES): ShownValue {
  if (typeof v === 'number') return v;
  if (isCut(v)) return v.head.length <= keep ? v : { head: v.head.slice(0, keep), length: v.length };
  if (v.length > keep) return { head: v.slice(0, keep), length: v.length };
  return v.byteLength === v.buffer.byteLength ? v : v.slice(); // a view of a bigger buffer: its own copy (a message would clone the whole buffer)
}

const LIMIT = 2 ** 53;

/** The result of integer arithmetic, or a message saying why there is none. */
export type Arith = { ok: true; value: number } | { ok: false; message: string };

/** Below this, a float sum or difference of two operands is exact (and within LIMIT). */
const EXACT_HALF = 2 ** 52;

export function binaryOp(op: BinaryOp, a: number, b: number): Arith {
  switch (op) {
    // + and - go through BigInt unless both sides are below 2^52 (their float sum is then exact):
    // a float sum just past 2^53 rounds back to 2^53 and would hide the overflow
    case '+':
      if (Math.abs(a) < EXACT_HALF && Math.abs(b) < EXACT_HALF) return { ok: true, value: a + b };
      return fromBig(BigInt(a) + BigInt(b), op, a, b);
    case '-':
      if (Math.abs(a) < EXACT_HALF && Math.abs(b) < EXACT_HALF) return { ok: true, value: a - b };
      return fromBig(BigInt(a) - BigInt(b), op, a, b);
    case '*': {
      // a float product below 2^53 is exact (a true product past 2^53 rounds to 2^53 or more)
      const p = a * b;
      if (Math.abs(p) < LIMIT) return { ok: true, value: p === 0 ? 0 : p };
      return fromBig(BigInt(a) * BigInt(b), op, a, b);
    }
    case '/':
    case '%':
      if (b === 0) return { ok: false, message: `division by zero (${a} ${op} 0)` };
      return fromBig(op === '/' ? BigInt(a) / BigInt(b) : BigInt(a) % BigInt(b), op, a, b);
    case '&':
    case '|':
    case '^': {
      const x = BigInt(a);
      const y = BigInt(b);
      return fromBig(op === '&' ? x & y : op === '|' ? x | y : x ^ y, op, a, b);
    }
    case '<<':
    case '>>':
      if (b < 0 || b > 63) return { ok: false, message: `shift count ${b} is out of range (0 to 63)` };
      return fromBig(op === '<<' ? BigInt(a) << BigInt(b) : BigInt(a) >> BigInt(b), op, a, b);
  }
}

export function unaryOp(op: '-' | '~', a: number): Arith {
  // ~x is -x - 1 (two's complement): ~(2^53) = -2^53 - 1 is already out of range
  const x = op === '-' ? -BigInt(a) : -BigInt(a) - 1n;
  if (x > BIG_LIMIT || x < -BIG_LIMIT) return overflow(`${op}${a}`);
  return { ok: true, value: Number(x) };
}

const BIG_LIMIT = BigInt(LIMIT);

/** The result of `a op b` computed exactly, or the overflow message (its words made only then). */
function fromBig(x: bigint, op: BinaryOp, a: number, b: number): Arith {
  if (x > BIG_LIMIT || x < -BIG_LIMIT) return overflow(`${a} ${op} ${b}`);
  return { ok: true, value: Number(x) };
}

function overflow(what: string): Arith {
  return { ok: false, message: `integer overflow: ${what} is beyond 2^53, the largest exact integer` };
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (a === b) return true;
  let i = 0;
  if (a.length >= 64 && a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    // long strings (up to 16 MiB read results) four bytes at a time
    const n = a.length >>> 2;
    const wa = new Uint32Array(a.buffer, a.byteOffset, n);
    const wb = new Uint32Array(b.buffer, b.byteOffset, n);
    for (let w = 0; w < n; w++) if (wa[w] !== wb[w]) return false;
    i = n * 4;
  }
  for (; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A byte string in the language's own notation: "hi\n\x01". */
export function quoteBytes(b: Uint8Array): string {
  let s = '"';
  for (const c of b) {
    if (c === 0x22) s += '\\"';
    else if (c === 0x5c) s += '\\\\';
    else if (c === 10) s += '\\n';
    else if (c === 9) s += '\\t';
    else if (c === 0) s += '\\0';
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return s + '"';
}

/** A count with its digits grouped by threes, 16,777,216 (as ui/count.ts: no Intl, whose first use is slow in a browser). */
export function groupDigits(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * A byte string as every display shows it: whole in the language's notation up to SHOWN_BYTES
 * bytes, else its first SHOWN_BYTES bytes then its length: "\0\0…"… (16,777,216 bytes).
 */
export function showBytes(v: Uint8Array | CutBytes): string {
  const head = v instanceof Uint8Array ? v : v.head;
  if (v.length <= SHOWN_BYTES && head.length === v.length) return quoteBytes(head);
  return `${quoteBytes(head.subarray(0, SHOWN_BYTES))}… (${groupDigits(v.length)} bytes)`;
}

/** How a value reads in messages: integers in decimal and hex, codes with their names, byte strings by showBytes (bounded). */
export function formatValue(v: ShownValue, asKernReturn = false): string {
  if (typeof v !== 'number') return showBytes(v);
  if (asKernReturn && v >= 0 && kernReturnName(v).startsWith('KERN_')) return `${v} (${kernReturnName(v)})`;
  if (v >= 0 && v < 10) return String(v);
  return `${v} (${hex(v)})`;
}

export function describeType(v: ShownValue): string {
  return typeof v === 'number' ? 'an integer' : 'a string';
}
