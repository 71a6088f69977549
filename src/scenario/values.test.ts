import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BinaryOp } from './ast';
import { binaryOp, bytesEqual, cutValue, formatValue, isCut, quoteBytes, showBytes, SHOWN_BYTES, unaryOp, type Arith } from './values';
import { lexLine } from './lexer';
import { cpuTime } from '../testing/cpu_time';

const LIMIT = 2 ** 53;

function ok(r: Arith): number {
  if (!r.ok) throw new Error(`expected a value, got: ${r.message}`);
  return r.value;
}
function fails(r: Arith): string {
  if (r.ok) throw new Error(`expected an error, got ${r.value}`);
  return r.message;
}
const bin = (op: BinaryOp, a: number, b: number) => ok(binaryOp(op, a, b));

/** Every integer the language can hold. */
const exact = fc.integer({ min: -LIMIT, max: LIMIT }).chain((small) =>
  fc.oneof(fc.constant(small), fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }).map(Number), fc.constantFrom(0, 1, -1, LIMIT, -LIMIT, LIMIT - 1, 0xffffffff, 2 ** 32)),
);

describe('division truncates like C', () => {
  it.each([
    [7, 2, 3, 1], [-7, 2, -3, -1], [7, -2, -3, 1], [-7, -2, 3, -1],
    [6, 3, 2, 0], [-6, 3, -2, 0], [1, 2, 0, 1], [-1, 2, 0, -1], [0, -5, 0, 0],
    [LIMIT, 3, 3002399751580330, 2], [-LIMIT, 3, -3002399751580330, -2],
  ])('%d / %d: quotient %d, remainder %d', (a, b, q, r) => {
    expect(bin('/', a, b)).toBe(q);
    expect(bin('%', a, b)).toBe(r);
  });

  it('a == (a / b) * b + a % b, the remainder takes the sign of a and is smaller than b', () => {
    fc.assert(
      fc.property(exact, exact.filter((b) => b !== 0), (a, b) => {
        const q = bin('/', a, b);
        const r = bin('%', a, b);
        expect(BigInt(q) * BigInt(b) + BigInt(r)).toBe(BigInt(a));
        expect(Math.abs(r)).toBeLessThan(Math.abs(b));
        expect(r === 0 || Math.sign(r) === Math.sign(a)).toBe(true);
        if (Math.abs(a) < 2 ** 50) expect(q).toBe(Math.trunc(a / b) || 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('division and remainder by zero are errors naming the operation', () => {
    expect(fails(binaryOp('/', 5, 0))).toBe('division by zero (5 / 0)');
    expect(fails(binaryOp('%', -5, 0))).toBe('division by zero (-5 % 0)');
  });
});

describe('bit operators work on exact integers, not 32-bit ones', () => {
  it('0xFFFFF000 & ~0xFFF == 0xFFFFF000', () => {
    expect(bin('&', 0xfffff000, ok(unaryOp('~', 0xfff)))).toBe(0xfffff000);
    // JavaScript's own operators would give a negative 32-bit number here
    expect(0xfffff000 & ~0xfff).not.toBe(0xfffff000);
  });

  it('works above 2^32', () => {
    expect(bin('|', 2 ** 40, 1)).toBe(2 ** 40 + 1);
    expect(bin('&', 0x123456789abc, 0xffff00000000)).toBe(0x123400000000);
    expect(bin('^', 2 ** 52, 2 ** 52 + 5)).toBe(5);
    expect(bin('&', 2 ** 53 - 1, -(2 ** 32))).toBe(2 ** 53 - 2 ** 32);
  });

  it('~x == -x - 1 (two\'s complement)', () => {
    expect(ok(unaryOp('~', 0))).toBe(-1);
    expect(ok(unaryOp('~', -1))).toBe(0);
    expect(ok(unaryOp('~', 0xffffffff))).toBe(-0x100000000);
    fc.assert(
      fc.property(fc.integer({ min: -LIMIT, max: LIMIT - 1 }), (x) => {
        expect(ok(unaryOp('~', x))).toBe(-x - 1);
        expect(ok(unaryOp('~', ok(unaryOp('~', x))))).toBe(x);
      }),
      { numRuns: 1000 },
    );
  });

  it('& | ^ agree with BigInt two\'s complement on every exact integer', () => {
    fc.assert(
      fc.property(exact, exact, (a, b) => {
        const x = BigInt(a);
        const y = BigInt(b);
        for (const [op, want] of [['&', x & y], ['|', x | y], ['^', x ^ y]] as const) {
          const r = binaryOp(op, a, b);
          if (want > 2n ** 53n || want < -(2n ** 53n)) expect(r.ok).toBe(false);
          else expect(ok(r)).toBe(Number(want));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('an or beyond 2^53 is an overflow that names the operation', () => {
    expect(fails(binaryOp('|', 2 ** 53, 2 ** 53 - 1))).toBe('integer overflow: 9007199254740992 | 9007199254740991 is beyond 2^53, the largest exact integer');
  });
});

describe('shifts', () => {
  it('work on values above 2^32', () => {
    expect(bin('<<', 1, 40)).toBe(2 ** 40);
    expect(bin('<<', 0x12345678, 8)).toBe(0x1234567800);
    expect(bin('>>', 0x123456789ab, 4)).toBe(0x123456789a);
    expect(bin('>>', 2 ** 53, 53)).toBe(1);
    expect(bin('<<', 2 ** 52, 1)).toBe(2 ** 53);
    expect(bin('>>', 0xffffffff, 0)).toBe(0xffffffff);
  });

  it('>> of a negative number is arithmetic (floor)', () => {
    expect(bin('>>', -1, 1)).toBe(-1);
    expect(bin('>>', -16, 2)).toBe(-4);
    expect(bin('>>', -17, 2)).toBe(-5);
  });

  it('a shift past 2^53 is an overflow; a count outside 0..63 an error', () => {
    expect(fails(binaryOp('<<', 2 ** 52, 2))).toMatch(/integer overflow: 4503599627370496 << 2 is beyond 2\^53/);
    expect(fails(binaryOp('<<', 1, 64))).toBe('shift count 64 is out of range (0 to 63)');
    expect(fails(binaryOp('>>', 1, -1))).toBe('shift count -1 is out of range (0 to 63)');
  });
});

describe('exact up to 2^53', () => {
  it('reaches ±2^53 and no further, with + - * and unary -', () => {
    expect(bin('+', 2 ** 53 - 1, 1)).toBe(2 ** 53);
    expect(bin('-', -(2 ** 53) + 1, 1)).toBe(-(2 ** 53));
    expect(bin('*', 2 ** 26, 2 ** 27)).toBe(2 ** 53);
    expect(ok(unaryOp('-', -(2 ** 53)))).toBe(2 ** 53);
    // the float sum would round back to 2^53 and hide these
    expect(fails(binaryOp('+', 2 ** 53, 1))).toBe('integer overflow: 9007199254740992 + 1 is beyond 2^53, the largest exact integer');
    expect(fails(binaryOp('+', 2 ** 53 - 1, 2))).toMatch(/overflow: 9007199254740991 \+ 2/);
    expect(fails(binaryOp('-', -(2 ** 53), 1))).toMatch(/overflow: -9007199254740992 - 1/);
    expect(fails(binaryOp('*', 2 ** 27, 2 ** 27))).toMatch(/overflow: 134217728 \* 134217728/);
    expect(fails(binaryOp('*', -(2 ** 53), 2))).toMatch(/overflow/);
    expect(fails(unaryOp('~', 2 ** 53))).toMatch(/overflow: ~9007199254740992/);
  });

  it('+ - * are exact or an overflow, never a rounded value', () => {
    fc.assert(
      fc.property(exact, exact, fc.constantFrom<BinaryOp>('+', '-', '*'), (a, b, op) => {
        const want = op === '+' ? BigInt(a) + BigInt(b) : op === '-' ? BigInt(a) - BigInt(b) : BigInt(a) * BigInt(b);
        const r = binaryOp(op, a, b);
        if (want > 2n ** 53n || want < -(2n ** 53n)) expect(r.ok).toBe(false);
        else expect(BigInt(ok(r))).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });

  it('never yields -0', () => {
    expect(Object.is(ok(unaryOp('-', 0)), 0)).toBe(true);
    expect(Object.is(bin('*', 0, -5), 0)).toBe(true);
    expect(Object.is(bin('/', -1, 5), 0)).toBe(true);
    expect(Object.is(bin('%', -5, 5), 0)).toBe(true);
    expect(Object.is(bin('-', 0, 0), 0)).toBe(true);
  });
});

describe('values in messages', () => {
  it('formats integers in decimal and hex, codes by name, strings quoted', () => {
    expect(formatValue(5)).toBe('5');
    expect(formatValue(4096)).toBe('4096 (0x1000)');
    expect(formatValue(-16)).toBe('-16 (-0x10)');
    expect(formatValue(0, true)).toBe('0 (KERN_SUCCESS)');
    expect(formatValue(29, true)).toBe('29 (KERN_INVALID_OBJECT)');
    expect(formatValue(Uint8Array.from([0x68, 0x69, 0, 10, 0x22, 0x5c, 0xff]))).toBe('"hi\\0\\n\\"\\\\\\xff"');
  });

  it('quoteBytes gives a literal that lexes back to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const t = lexLine(`x = ${quoteBytes(bytes)} # c`, 1).tokens[2];
        expect(t.t).toBe('str');
        if (t.t === 'str') expect(bytesEqual(t.bytes, bytes)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('bytesEqual compares length and every byte', () => {
    expect(bytesEqual(Uint8Array.from([1, 2]), Uint8Array.from([1, 2]))).toBe(true);
    expect(bytesEqual(Uint8Array.from([1, 2]), Uint8Array.from([1, 3]))).toBe(false);
    expect(bytesEqual(Uint8Array.from([1]), Uint8Array.from([1, 0]))).toBe(false);
    expect(bytesEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });

  it('bytesEqual on long strings (compared a word at a time) still sees every byte, at any offset', () => {
    for (const n of [64, 65, 66, 67, 1000, 4099]) {
      const a = Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff);
      expect(bytesEqual(a, a.slice())).toBe(true);
      for (const at of [0, 1, 2, 3, n - 4, n - 3, n - 2, n - 1]) {
        const b = a.slice();
        b[at] ^= 0x80;
        expect(bytesEqual(a, b)).toBe(false);
      }
      // unaligned views of the same bytes
      const buf = new Uint8Array(n + 3);
      buf.set(a, 1);
      expect(bytesEqual(a, buf.subarray(1, n + 1))).toBe(true);
      buf[n] ^= 1;
      expect(bytesEqual(buf.subarray(1, n + 1), a)).toBe(false);
    }
  });
});

describe('bounded rendering of byte values', () => {
  const big = new Uint8Array(16 * 1024 * 1024).fill(0x41);

  it('a 16 MiB value shows its first SHOWN_BYTES bytes and its length, in well under a millisecond', () => {
    const { result: text, ms } = cpuTime(() => formatValue(big));
    expect(ms).toBeLessThan(50);
    expect(text).toBe(`"${'A'.repeat(SHOWN_BYTES)}"… (16,777,216 bytes)`);
  });

  it('a value of SHOWN_BYTES bytes is shown whole; one byte more is cut', () => {
    expect(formatValue(big.subarray(0, SHOWN_BYTES))).toBe(`"${'A'.repeat(SHOWN_BYTES)}"`);
    expect(formatValue(big.subarray(0, SHOWN_BYTES + 1))).toBe(`"${'A'.repeat(SHOWN_BYTES)}"… (65 bytes)`);
  });

  it('a value cut for display (cutValue) shows the same as the whole one, and holds SHOWN_BYTES bytes', () => {
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => i % 251);
    const cut = cutValue(bytes);
    expect(isCut(cut) && cut.head.length).toBe(SHOWN_BYTES);
    expect(isCut(cut) && cut.length).toBe(5000);
    expect(formatValue(cut)).toBe(formatValue(bytes));
    expect(isCut(cut) && showBytes(cut)).toContain('… (5,000 bytes)');
    expect(cutValue(7)).toBe(7);
    const short = Uint8Array.from([1, 2]);
    expect(cutValue(short)).toBe(short);
    expect(cutValue(big.subarray(10, 12))).toEqual(Uint8Array.from([0x41, 0x41])); // a view: copied
    expect((cutValue(big.subarray(10, 12)) as Uint8Array).buffer.byteLength).toBe(2);
  });
});
