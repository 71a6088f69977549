/**
 * Fuzzing the share-link decoder: whatever a link carries, decodeShare returns (never throws), and
 * it says ok only with a string that is itself shareable (at most MAX_LINK_SOURCE characters, and
 * encoding it again gives a value that opens the same text). Inputs: arbitrary strings, strings
 * shaped like values ("N." and base64url), and valid values of scenarios mutated by flipping,
 * deleting, inserting and truncating characters, or by damaging the compressed bytes under the
 * base64 (so that the damage reaches the inflater and the UTF-8 check).
 *
 * 5,000 inputs in the normal run; URL_FUZZ_RUNS=N for N (the fuzz run uses 100,000).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { decodeShare, encodeShare, MAX_LINK_SOURCE } from './url_codec';

const RUNS = Number(process.env.URL_FUZZ_RUNS) > 0 ? Math.floor(Number(process.env.URL_FUZZ_RUNS)) : 5_000;

const SCENARIOS = new URL('../../scenarios/', import.meta.url);
const builtinSources = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.vms'))
  .sort()
  .map((f) => readFileSync(new URL(f, SCENARIOS), 'utf8'));

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const b64char = fc.constantFrom(...B64URL);
/** Characters a mutation puts in: mostly base64url, sometimes the neighbours of it, sometimes anything. */
const mutationChar = fc.oneof(
  { weight: 6, arbitrary: b64char },
  { weight: 2, arbitrary: fc.constantFrom('=', '+', '/', '.', '%', '#', '&', ' ', '\n', '\0', 'é', '\uD800') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

type Mutation =
  | { kind: 'flip'; at: number; char: string }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number };

/** A position, wrapped around the value's length: mostly anywhere, sometimes near the start (the "1."). */
const position = fc.oneof({ weight: 4, arbitrary: fc.noBias(fc.nat()) }, { weight: 1, arbitrary: fc.nat({ max: 4 }) });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, char: mutationChar }),
  fc.record({ kind: fc.constant('delete' as const), at: position, count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.string({ unit: mutationChar, minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

/** Applies a mutation; positions wrap around the value's length, the "1." is mutated as well. */
function mutate(value: string, m: Mutation): string {
  const at = value.length === 0 ? 0 : m.at % (value.length + 1);
  switch (m.kind) {
    case 'flip':
      return at >= value.length ? value + m.char : value.slice(0, at) + m.char + value.slice(at + 1);
    case 'delete':
      return value.slice(0, at) + value.slice(at + m.count);
    case 'insert':
      return value.slice(0, at) + m.text + value.slice(at);
    case 'truncate':
      return value.slice(0, at);
  }
}

/** Text to share: a built-in, a piece of one, or arbitrary text. */
const sharedText = fc.oneof(
  fc.constantFrom(...builtinSources),
  fc.tuple(fc.constantFrom(...builtinSources), fc.nat(), fc.nat({ max: 400 })).map(([s, from, len]) => s.slice(from % s.length, (from % s.length) + len)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const mutatedValue = fc
  .tuple(sharedText, fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([text, ms]) => ms.reduce(mutate, encodeShare(text)));

/**
 * Damage below the base64: bits flipped, bytes changed, cut or inserted in the compressed data,
 * then base64url again, so that the damaged data does reach the inflater and the UTF-8 check.
 */
type ByteMutation =
  | { kind: 'bit'; at: number; bit: number }
  | { kind: 'byte'; at: number; value: number }
  | { kind: 'cut'; at: number; count: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('bit' as const), at: fc.noBias(fc.nat()), bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('byte' as const), at: fc.noBias(fc.nat()), value: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.noBias(fc.nat()), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.noBias(fc.nat()), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
);

function mutateBytes(bytes: Uint8Array, m: ByteMutation): Uint8Array {
  const at = m.at % (bytes.length + 1);
  const out = Uint8Array.from(bytes);
  switch (m.kind) {
    case 'bit':
      if (at < out.length) out[at] ^= 1 << m.bit;
      return out;
    case 'byte':
      if (at < out.length) out[at] = m.value;
      return out;
    case 'cut':
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + m.count)]);
    case 'insert':
      return Uint8Array.from([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
  }
}

const byteMutatedValue = fc.tuple(sharedText, fc.array(byteMutation, { minLength: 1, maxLength: 3 })).map(([text, ms]) => {
  const bytes = Buffer.from(encodeShare(text).slice(2), 'base64url');
  return `1.${Buffer.from(ms.reduce(mutateBytes, bytes)).toString('base64url')}`;
});

const valueShaped = fc
  .tuple(fc.constantFrom('1', '1', '1', '0', '2', '7', '01', ''), fc.string({ unit: b64char, maxLength: 120 }))
  .map(([v, body]) => `${v}.${body}`);

const anyInput = fc.oneof(
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 2, arbitrary: valueShaped },
  { weight: 3, arbitrary: mutatedValue },
  { weight: 3, arbitrary: byteMutatedValue },
);

test(`decodeShare never throws and opens only shareable text (${RUNS} inputs)`, { timeout: Math.max(60_000, RUNS * 5) }, () => {
  fc.assert(
    fc.property(anyInput, (value) => {
      let r: ReturnType<typeof decodeShare> | undefined;
      expect(() => {
        r = decodeShare(value);
      }).not.toThrow();
      expect(r).toBeDefined();
      if (r!.ok) {
        expect(Object.keys(r!).sort()).toEqual(['ok', 'source']);
        expect(typeof r!.source).toBe('string');
        expect(r!.source.length).toBeLessThanOrEqual(MAX_LINK_SOURCE);
        expect(decodeShare(encodeShare(r!.source))).toEqual({ ok: true, source: r!.source });
      } else {
        expect(Object.keys(r!).sort()).toEqual(['message', 'ok']);
        expect(typeof r!.message).toBe('string');
        expect(r!.message.length).toBeGreaterThan(10);
        expect(r!.message.length).toBeLessThan(120);
      }
    }),
    { numRuns: RUNS },
  );
});
