/**
 * The share-link codec (url_codec.ts): format, sizes of the built-ins' links, exact round trips,
 * and the refusals of damaged, foreign, oversized and hostile values. The random search for a
 * throwing or lying input is url_codec.fuzz.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { deflateSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeShare, encodeShare, MAX_SHARE_VALUE, MAX_LINK_SOURCE, SHARE_VERSION, shareUrl, shareValue } from './url_codec';
import { parseHash } from '../ui/hash';
import { cpuTime } from '../testing/cpu_time';

const SCENARIOS = new URL('../../scenarios/', import.meta.url);
const builtins = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.vms'))
  .sort()
  .map((f) => ({ name: f.slice(0, -4), source: readFileSync(new URL(f, SCENARIOS), 'utf8') }));

/** A value made by hand: version 1 and the raw deflate of arbitrary bytes (what a forger could send). */
function valueOfBytes(bytes: Uint8Array, version = '1'): string {
  return `${version}.${Buffer.from(deflateSync(bytes, { level: 9 })).toString('base64url')}`;
}

function expectFailure(value: string, pattern: RegExp): void {
  const r = decodeShare(value);
  expect(r.ok, `decodeShare(${JSON.stringify(value.slice(0, 40))}) should fail`).toBe(false);
  if (!r.ok) expect(r.message).toMatch(pattern);
}

function expectSource(value: string, source: string): void {
  expect(decodeShare(value)).toEqual({ ok: true, source });
}

describe('format', () => {
  test('the value is "1." then unpadded base64url of the raw deflate of the UTF-8 text', () => {
    expect(SHARE_VERSION).toBe(1);
    const source = 'task A\nkr = vm_allocate(A, &x, 0x3000, TRUE)\n# é → 🐱\n';
    const value = encodeShare(source);
    expect(value).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(value).toBe(valueOfBytes(new TextEncoder().encode(source)));
    expectSource(value, source);
  });

  test('the empty scenario has a value and comes back', () => {
    expect(encodeShare('')).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expectSource(encodeShare(''), '');
  });

  test('the value survives the URL parser untouched', () => {
    const value = encodeShare(builtins[0].source);
    const url = new URL(`https://example.org/play/#s=${value}&step=3`);
    expect(url.hash).toBe(`#s=${value}&step=3`);
  });
});

describe('the built-ins', () => {
  test.each(builtins.map((b) => [b.name, b.source] as const))('%s: a short link that opens it', (_name, source) => {
    const value = encodeShare(source);
    const percent = encodeURIComponent(source);
    expect(value.length).toBeLessThan(3_000);
    expect(value.length * 2).toBeLessThan(percent.length); // under half the #src= form
    expectSource(value, source);
  });

  test('there are built-ins to check', () => {
    expect(builtins.length).toBeGreaterThan(10);
  });
});

describe('round trips', () => {
  test.each([
    ['NUL bytes', '\0a\0\0b\0'],
    ['CRLF and tabs', 'task A\r\n\tkr = vm_allocate(A, &x, 0x1000, TRUE)\r\n'],
    ['astral characters', '🐱 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u{10FFFF}'],
    ['a lone lead surrogate', 'a\uD800b'],
    ['a lone trail surrogate', 'a\uDC00b'],
    ['a lone lead at the end', 'ab\uDBFF'],
    ['surrogates the wrong way round', '\uDC00\uD800'],
    ['a lone lead before a pair', '\uD800\uD83D\uDC31'],
    ['U+FFFD and the BOM', '\uFFFD\uFEFFx'],
  ])('%s', (_name, source) => {
    expectSource(encodeShare(source), source);
  });

  test('a scenario of exactly MAX_LINK_SOURCE characters opens; one more is refused', () => {
    const base = builtins.map((b) => b.source).join('\n');
    const exact = base.repeat(Math.ceil(MAX_LINK_SOURCE / base.length)).slice(0, MAX_LINK_SOURCE);
    expectSource(encodeShare(exact), exact);
    expectFailure(encodeShare(exact + 'x'), /too large.*200,001 characters, 1 over the 200,000 a link can carry/);
  });

  test('incompressible text, many inflate steps', () => {
    // 12,000 random code points (~36 KB of UTF-8): the compressed data spans dozens of 1 KB inflate steps.
    const source = fc.sample(fc.string({ unit: 'binary', minLength: 12_000, maxLength: 12_000 }), { numRuns: 1, seed: 7 })[0];
    const value = encodeShare(source);
    expect(value.length).toBeGreaterThan(30_000);
    expect(value.length).toBeLessThan(MAX_SHARE_VALUE);
    expectSource(value, source);
  });

  test('any string of code points (fast-check, binary unit)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(decodeShare(encodeShare(s))).toEqual({ ok: true, source: s });
      }),
      { numRuns: 2_000 },
    );
  });

  test('any string of UTF-16 code units, lone surrogates included (fast-check)', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }),
      fc.integer({ min: 0xd800, max: 0xdfff }), // surrogates often, paired by chance or not
    ).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 300 }), (s) => {
        expect(decodeShare(encodeShare(s))).toEqual({ ok: true, source: s });
      }),
      { numRuns: 2_000 },
    );
  });

  test('scenario-like text, long and repetitive (fast-check)', () => {
    const line = fc.oneof(
      fc.constantFrom(...builtins.flatMap((b) => b.source.split('\n'))),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 400 }), (lines) => {
        const s = lines.join('\n');
        expect(decodeShare(encodeShare(s))).toEqual({ ok: true, source: s });
      }),
      { numRuns: 300 },
    );
  });
});

describe('versions', () => {
  test('a newer format is named', () => {
    const body = encodeShare('task A').slice(2);
    expectFailure(`7.${body}`, /^this link was made by a newer version of the playground \(format 7\)$/);
    expectFailure(`2.${body}`, /newer version.*format 2/);
    expectFailure('123456789.', /newer version.*format 123456789/);
  });

  test('no version, or one that never existed, is damage', () => {
    for (const v of ['', 'task A', 'AwA', '.AwA', '1', '1AwA', 'x.AwA', '1234567890.AwA', ' 1.AwA', '-1.AwA']) {
      expectFailure(v, /damaged.*format version/);
    }
    expectFailure('0.AwA', /damaged.*unknown format \(0\)/);
    expectFailure('01.AwA', /damaged.*unknown format \(01\)/);
  });
});

describe('damaged values', () => {
  test('characters outside base64url, padding, impossible lengths, leftover bits', () => {
    const good = encodeShare('task A\n');
    expectSource(good, 'task A\n');
    for (const v of ['1.', '1.A', '1.AwA=', '1.Aw+A', '1.Aw/A', '1.Aw A', '1.AwA\n', '1.AwA%', '1.Aé', `${good}#`, `${good}&step=1`]) {
      expectFailure(v, /damaged/);
    }
    // "AwA" is the empty stream [3, 0]; "AwB" has the same two bytes and a stray set bit.
    expectSource('1.AwA', '');
    expectFailure('1.AwB', /damaged/);
  });

  test('every truncation of a real value is refused', () => {
    const source = builtins.find((b) => b.name === 'expressions')?.source ?? builtins[0].source;
    const value = encodeShare(source);
    for (let n = 0; n < value.length; n++) {
      const r = decodeShare(value.slice(0, n));
      expect(r.ok, `truncated to ${n} of ${value.length}`).toBe(false);
    }
  });

  test('data that is not deflate', () => {
    // Block type 3 does not exist.
    expectFailure(`1.${Buffer.from([0x07, 0x00, 0x00]).toString('base64url')}`, /damaged.*incomplete or corrupt/);
    // A fixed-Huffman block whose first symbol copies from 1 byte back, before the start of the output.
    expectFailure(`1.${Buffer.from([0x03, 0x02, 0x00]).toString('base64url')}`, /damaged.*incomplete or corrupt/);
    // A stored block announcing 5 bytes and carrying 2.
    expectFailure(`1.${Buffer.from([0x01, 0x05, 0x00, 0xfa, 0xff, 0x61, 0x62]).toString('base64url')}`, /damaged.*incomplete or corrupt/);
    // Random bytes.
    expectFailure(`1.${Buffer.from('no deflate stream here, just text!').toString('base64url')}`, /damaged/);
  });

  test('text that is not UTF-8 is refused; NUL bytes are fine', () => {
    const bad = [
      [0xff],
      [0x80],
      [0xc0, 0x80], // overlong NUL
      [0xe0, 0x80, 0x80], // overlong
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0x61, 0xc3], // cut in the middle of é
      [0xe2, 0x82], // cut in the middle of €
      [0xed, 0xa0, 0xbd, 0xed, 0xb0, 0xb1], // a surrogate pair as two 3-byte halves (CESU-8)
    ];
    for (const bytes of bad) expectFailure(valueOfBytes(new Uint8Array(bytes)), /damaged.*not valid text/);
    expectSource(valueOfBytes(new Uint8Array([0, 0x61, 0, 0])), '\0a\0\0');
    expectSource(valueOfBytes(new Uint8Array([0xed, 0xa0, 0xbd])), '\uD83D'); // a lone surrogate (WTF-8)
    expectSource(valueOfBytes(new Uint8Array([0xf0, 0x9f, 0x90, 0xb1])), '🐱');
  });

  test('arbitrary inflated bytes: accepted exactly when they are UTF-8 (or WTF-8), with the same text', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0x80, max: 0xbf }), fc.constantFrom(0xed, 0xf0, 0xf4, 0xe0, 0xc2));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), (arr) => {
        const bytes = new Uint8Array(arr);
        let utf8: string | null;
        try {
          utf8 = strict.decode(bytes);
        } catch {
          utf8 = null;
        }
        const r = decodeShare(valueOfBytes(bytes));
        if (utf8 !== null) expect(r).toEqual({ ok: true, source: utf8 });
        if (r.ok) {
          // Whatever opens is encoded back to the very same bytes (one text, one encoding).
          expect(encodeShare(r.source)).toBe(valueOfBytes(bytes));
        } else {
          expect(r.message).toMatch(/not valid text/);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('limits', () => {
  test('a value longer than MAX_SHARE_VALUE is refused before any work', () => {
    expectFailure(`1.${'A'.repeat(MAX_SHARE_VALUE)}`, /too long.*1,000,000 characters/);
    expectFailure('x'.repeat(MAX_SHARE_VALUE + 1), /too long/);
    // At the limit it is looked at (and here found damaged, not too long).
    const r = decodeShare(`1.${'A'.repeat(MAX_SHARE_VALUE - 2)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toMatch(/too long/);
  });

  test('a decompression bomb (50 MB of zeros) is refused quickly', () => {
    const bomb = valueOfBytes(new Uint8Array(50_000_000));
    expect(bomb.length).toBeLessThan(MAX_SHARE_VALUE); // so it does reach the inflater
    const { ms } = cpuTime(() => expectFailure(bomb, /too large/));
    // Generous: the inflater stops after about a megabyte, which takes milliseconds of CPU.
    expect(ms).toBeLessThan(2_000);
  });

  test('inflated output just over MAX_LINK_SOURCE × 4 bytes is refused; text over MAX_LINK_SOURCE characters too', () => {
    expectFailure(valueOfBytes(new Uint8Array(MAX_LINK_SOURCE * 4 + 1).fill(0x61)), /too large/);
    expectFailure(valueOfBytes(new Uint8Array(MAX_LINK_SOURCE * 4).fill(0x61)), /too large/);
    expectFailure(valueOfBytes(new Uint8Array(MAX_LINK_SOURCE + 1).fill(0x61)), /too large/);
    // 200,000 three-byte characters: 600,000 bytes, at the limit in characters.
    const euros = '€'.repeat(MAX_LINK_SOURCE);
    expectSource(encodeShare(euros), euros);
  });
});

describe('shareValue: what Share makes always opens, what it refuses it says why', () => {
  /** The text a `#s=` link made by Share gives back when opened, or the refusal of the reader. */
  const opened = (value: string) => {
    const req = parseHash(`#s=${value}&step=2`);
    if (req.kind !== 'shared') throw new Error(`not a share link: ${req.kind}`);
    return decodeShare(req.value);
  };
  /** A worst case for the codec: random 3-byte characters (mulberry32: DEFLATE cannot shrink them much). */
  const incompressible = (n: number) => {
    let seed = 12345;
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      parts.push(String.fromCharCode(0x800 + (((t ^ (t >>> 14)) >>> 0) % 0xd000)));
    }
    return parts.join('');
  };

  test('the issue\'s 181,807-character text (its link was 185,369 characters, then refused): Share now gives a link that opens', () => {
    const base = builtins.map((b) => b.source).join('\n');
    const text = incompressible(60_000) + base.repeat(Math.ceil(121_807 / base.length)).slice(0, 121_807);
    expect(text.length).toBe(181_807);
    const made = shareValue(text);
    expect(made.ok).toBe(true);
    if (made.ok) {
      expect(made.value.length).toBeGreaterThan(185_369); // its link is longer than the one refused then
      expect(opened(made.value)).toEqual({ ok: true, source: text });
    }
  });

  test('every length up to the limit, the worst text too, opens as it was shared', () => {
    const worst = incompressible(MAX_LINK_SOURCE);
    for (const n of [0, 1, 1000, 65_536, 150_000, MAX_LINK_SOURCE]) {
      const text = worst.slice(0, n);
      const made = shareValue(text);
      expect(made.ok, `${n} characters`).toBe(true);
      if (made.ok) {
        expect(made.value.length).toBeLessThanOrEqual(MAX_SHARE_VALUE);
        // random 3-byte characters: about 626,000 (no value can pass 800,100: DEFLATE stores what it cannot shrink)
        if (n === MAX_LINK_SOURCE) expect(made.value.length).toBeGreaterThan(600_000);
        expect(opened(made.value)).toEqual({ ok: true, source: text });
      }
    }
  });

  test('any string (fast-check): shared and opened back, or refused with a reason', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const made = shareValue(s);
        expect(made.ok).toBe(true);
        if (made.ok) expect(opened(made.value)).toEqual({ ok: true, source: s });
      }),
    );
  });

  test('a text over the limit is refused: which limit, and how far over', () => {
    const made = shareValue('x'.repeat(250_000));
    expect(made).toEqual({ ok: false, message: 'the scenario is too long for a link (250,000 characters, 50,000 over the 200,000 a link can carry)' });
    expect(shareValue('x'.repeat(MAX_LINK_SOURCE + 1))).toMatchObject({ ok: false, message: expect.stringMatching(/200,001 characters, 1 over the 200,000/) });
  });
});

describe('shareUrl', () => {
  const source = 'task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\n';

  test('base, #s=, and the step unless it is 0', () => {
    const value = encodeShare(source);
    expect(shareUrl('https://example.org/vm/', source, 0)).toBe(`https://example.org/vm/#s=${value}`);
    expect(shareUrl('https://example.org/vm/', source, 5)).toBe(`https://example.org/vm/#s=${value}&step=5`);
  });

  test("the base's own fragment is replaced", () => {
    const value = encodeShare(source);
    expect(shareUrl('https://example.org/vm/?x=1#builtin=first_fit&step=2', source, 1)).toBe(`https://example.org/vm/?x=1#s=${value}&step=1`);
  });

  test('a step that is not a positive integer is left out', () => {
    for (const step of [-1, 1.5, Number.NaN, Infinity]) {
      expect(shareUrl('/', source, step)).toBe(`/#s=${encodeShare(source)}`);
    }
  });

  test('the link opens the scenario at the step', () => {
    const url = new URL(shareUrl('https://example.org/vm/', source, 12));
    const params = new Map(url.hash.slice(1).split('&').map((p) => p.split('=') as [string, string]));
    expect(params.get('step')).toBe('12');
    expectSource(params.get('s')!, source);
  });
});
