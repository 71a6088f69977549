/**
 * Share links: a scenario's text packed into the URL fragment as `#s=<value>[&step=N]`.
 *
 * The value is `1.` (the format version and a dot) then base64url, without padding, of the raw
 * DEFLATE (fflate, level 9) of the text's UTF-8 bytes. Lone UTF-16 surrogates, which UTF-8 cannot
 * carry, are written as their 3-byte form (WTF-8), so that every JavaScript string comes back
 * exactly; for well-formed text the bytes are plain UTF-8.
 *
 * decodeShare reads a value from a URL, so from anyone: it never throws, it refuses a value longer
 * than MAX_SHARE_VALUE before doing any work, and it inflates in small steps, counting the output and
 * stopping as soon as it passes MAX_LINK_SOURCE × 4 bytes, so that a decompression bomb costs a
 * few milliseconds and about a megabyte instead of freezing the tab. (fflate's
 * `inflateSync(data, { out })` does not stop when `out` is full: it decodes the whole stream and
 * drops the bytes that do not fit; and one `Inflate.push` of the whole input inflates all of it
 * before the callback runs.) A value's text must also be valid UTF-8 (WTF-8) and at most
 * MAX_LINK_SOURCE characters long. Bytes after the end of the DEFLATE stream are ignored.
 *
 * shareValue is what Share uses: it refuses (saying which limit, and how far over) a text the
 * reader would refuse, and checks that the value it made decodes to the very same text, so a link
 * Share makes always opens. The limits are the app's text limits (text_limits.ts).
 *
 * Messages are phrased to follow "This link could not be opened: " (see main.tsx).
 */
import { deflateSync, Inflate } from 'fflate';
import { formatCount, MAX_LINK_SOURCE, MAX_SHARE_VALUE, overBy } from './text_limits';

export { MAX_LINK_SOURCE, MAX_SHARE_VALUE };

export const SHARE_VERSION = 1;

export type DecodeResult = { ok: true; source: string } | { ok: false; message: string };
export type ShareValueResult = { ok: true; value: string } | { ok: false; message: string };

/** The most bytes the inflated text may have: no text of MAX_LINK_SOURCE characters needs more. */
const MAX_INFLATED = MAX_LINK_SOURCE * 4;
/** Compressed bytes given to the inflater at a time: DEFLATE expands at most ~1032×, so ≤ ~1 MB per step. */
const INFLATE_STEP = 1024;

const MSG_TOO_LONG = `the link is too long to open (its scenario data is over ${formatCount(MAX_SHARE_VALUE)} characters)`;
const MSG_NO_VERSION = 'the link is damaged: its scenario data does not start with a format version';
const MSG_BAD_DATA = 'the link is damaged: its scenario data is not valid';
const MSG_CORRUPT = 'the link is damaged: its scenario data is incomplete or corrupt';
const MSG_TOO_LARGE = `the link's scenario is too large to open (over the ${formatCount(MAX_LINK_SOURCE)} characters a link can carry)`;
const MSG_NOT_TEXT = "the link is damaged: its scenario is not valid text";

/** The value for `#s=`: the version prefix, then base64url(deflate(utf8(source))). */
export function encodeShare(source: string): string {
  return `${SHARE_VERSION}.${base64urlEncode(deflateSync(wtf8Encode(source), { level: 9 }))}`;
}

/**
 * The `#s=` value for Share, or why there is none (phrased to follow "Not shared: "): a text over
 * MAX_LINK_SOURCE characters is refused with its length and how far over, and a value is given
 * only once it has been decoded back to the very same text (what the link's reader will do).
 */
export function shareValue(source: string): ShareValueResult {
  if (source.length > MAX_LINK_SOURCE) {
    return { ok: false, message: `the scenario is too long for a link (${overBy(source.length, MAX_LINK_SOURCE, 'a link can carry')})` };
  }
  const value = encodeShare(source);
  if (value.length > MAX_SHARE_VALUE) {
    return { ok: false, message: `its link would be too long to open (${overBy(value.length, MAX_SHARE_VALUE, 'of scenario data a link can carry')})` };
  }
  const back = decodeShare(value);
  if (!back.ok) return { ok: false, message: `its link would not open (${back.message})` };
  if (back.source !== source) return { ok: false, message: 'its link would not give back the same text' };
  return { ok: true, value };
}

/** The scenario text of a `#s=` value, or a message for the user. Never throws. */
export function decodeShare(value: string): DecodeResult {
  try {
    return decodeUnsafe(value);
  } catch {
    // Nothing below should throw; this is the promise to the caller, whatever the input.
    return { ok: false, message: MSG_CORRUPT };
  }
}

/**
 * A link to `base` (its own fragment, if any, dropped) that opens `source` after `step` statements:
 * `${base}#s=${encodeShare(source)}&step=${step}`, the step left out unless it is a positive integer.
 */
export function shareUrl(base: string, source: string, step: number): string {
  return shareUrlOf(base, encodeShare(source), step);
}

/** shareUrl with the value already made (by shareValue). */
export function shareUrlOf(base: string, value: string, step: number): string {
  const hash = base.indexOf('#');
  const page = hash < 0 ? base : base.slice(0, hash);
  const stepPart = Number.isSafeInteger(step) && step > 0 ? `&step=${step}` : '';
  return `${page}#s=${value}${stepPart}`;
}

function decodeUnsafe(value: string): DecodeResult {
  if (typeof value !== 'string') return { ok: false, message: MSG_BAD_DATA };
  if (value.length > MAX_SHARE_VALUE) return { ok: false, message: MSG_TOO_LONG };
  const m = /^(\d{1,9})\./.exec(value);
  if (m === null) return { ok: false, message: MSG_NO_VERSION };
  const version = Number(m[1]);
  if (m[1] !== String(SHARE_VERSION)) {
    if (version > SHARE_VERSION && !m[1].startsWith('0')) {
      return { ok: false, message: `this link was made by a newer version of the playground (format ${version})` };
    }
    return { ok: false, message: `the link is damaged: its scenario data has an unknown format (${m[1]})` };
  }
  const compressed = base64urlDecode(value.slice(m[0].length));
  if (compressed === null || compressed.length === 0) return { ok: false, message: MSG_BAD_DATA };
  const inflated = boundedInflate(compressed, MAX_INFLATED);
  if (inflated === 'too large') return { ok: false, message: MSG_TOO_LARGE };
  if (inflated === 'corrupt') return { ok: false, message: MSG_CORRUPT };
  const source = wtf8Decode(inflated);
  if (source === null) return { ok: false, message: MSG_NOT_TEXT };
  if (source.length > MAX_LINK_SOURCE) {
    return { ok: false, message: `the link's scenario is too large to open (${overBy(source.length, MAX_LINK_SOURCE, 'a link can carry')})` };
  }
  return { ok: true, source };
}

// ---------------------------------------------------------------------------------------------
// Inflate with a limit

class TooLarge extends Error {}

/** Raw-inflates `data`, giving up as soon as the output passes `limit` bytes. */
function boundedInflate(data: Uint8Array, limit: number): Uint8Array | 'too large' | 'corrupt' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) throw new TooLarge();
    if (chunk.length > 0) chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
  } catch (e) {
    return e instanceof TooLarge ? 'too large' : 'corrupt';
  }
  if (!ended) return 'corrupt';
  const out = new Uint8Array(total);
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// base64url without padding

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

function base64urlEncode(bytes: Uint8Array): string {
  const parts: string[] = [];
  let line = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    line += B64[n >>> 18] + B64[(n >>> 12) & 63] + B64[(n >>> 6) & 63] + B64[n & 63];
    if (line.length >= 8192) {
      parts.push(line);
      line = '';
    }
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    line += B64[n >>> 18] + B64[(n >>> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    line += B64[n >>> 18] + B64[(n >>> 12) & 63] + B64[(n >>> 6) & 63];
  }
  parts.push(line);
  return parts.join('');
}

/** The bytes of unpadded base64url text, or null if it is not exactly that (stray characters, impossible length, nonzero leftover bits). */
function base64urlDecode(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c] : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

// ---------------------------------------------------------------------------------------------
// UTF-8, extended to lone surrogates (WTF-8)

function wtf8Encode(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 3);
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) {
      out[o++] = c;
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    } else {
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 63);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
  }
  return out.subarray(0, o);
}

/**
 * The text of WTF-8 bytes, or null if they are not exactly that: a stray or missing continuation
 * byte, an overlong form, a code point above U+10FFFF, or a surrogate pair written as two 3-byte
 * halves (a pair must be one 4-byte sequence) all make the text invalid.
 */
function wtf8Decode(b: Uint8Array): string | null {
  const parts: string[] = [];
  const units = new Uint16Array(8192 + 2);
  let u = 0;
  let leadWasLone = false; // the last unit written was a lead surrogate from a 3-byte sequence
  let i = 0;
  const cont = (k: number): number => (k < b.length && (b[k] & 0xc0) === 0x80 ? b[k] & 63 : -1);
  while (i < b.length) {
    const x = b[i];
    let cp: number;
    if (x < 0x80) {
      cp = x;
      i += 1;
    } else if (x >= 0xc2 && x <= 0xdf) {
      const c1 = cont(i + 1);
      if (c1 < 0) return null;
      cp = ((x & 31) << 6) | c1;
      i += 2;
    } else if (x >= 0xe0 && x <= 0xef) {
      const c1 = cont(i + 1);
      const c2 = cont(i + 2);
      if (c1 < 0 || c2 < 0) return null;
      cp = ((x & 15) << 12) | (c1 << 6) | c2;
      if (cp < 0x800) return null;
      i += 3;
    } else if (x >= 0xf0 && x <= 0xf4) {
      const c1 = cont(i + 1);
      const c2 = cont(i + 2);
      const c3 = cont(i + 3);
      if (c1 < 0 || c2 < 0 || c3 < 0) return null;
      cp = ((x & 7) << 18) | (c1 << 12) | (c2 << 6) | c3;
      if (cp < 0x10000 || cp > 0x10ffff) return null;
      i += 4;
    } else {
      return null;
    }
    if (cp >= 0xdc00 && cp <= 0xdfff && leadWasLone) return null;
    leadWasLone = cp >= 0xd800 && cp <= 0xdbff;
    if (cp < 0x10000) {
      units[u++] = cp;
    } else {
      cp -= 0x10000;
      units[u++] = 0xd800 + (cp >> 10);
      units[u++] = 0xdc00 + (cp & 0x3ff);
    }
    if (u >= 8192) {
      parts.push(String.fromCharCode(...units.subarray(0, u)));
      u = 0;
    }
  }
  parts.push(String.fromCharCode(...units.subarray(0, u)));
  return parts.join('');
}
