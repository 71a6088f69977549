/**
 * Operations with arbitrary integers in every argument, for the property tests that check that no
 * call or access throws and that the kernel agrees with the reference model whatever it is given
 * (arbitrary_ints.property.test.ts, and through the scenario language
 * ../scenario/arbitrary_scenario.property.test.ts).
 *
 * Every integer argument is drawn one time in four from `anyInt` (small, page multiples, negative,
 * the boundaries 2^32 ± k, 2^48, 2^53 - 1, -(2^53 - 1), 2^63, 2^64 as a double, past the 16 MiB
 * transfer limit, masks with odd bits, and anything in the safe range) and otherwise from a
 * plausible value (an address near one the kernel returned, a few pages, a valid protection), so
 * that sequences also build memory for the odd arguments to meet.
 */
import fc from 'fast-check';

const MIB = 1024 * 1024;

/** Values at the edges of every range a check might get wrong. */
export const BOUNDARIES: readonly number[] = [
  0, 1, -1, 2, 3, 4, 5, 7, 8, 0xff, 0x5555, 0x1000 - 1, 0x1000, 0x1000 + 1, -0x1000, 0x4000 - 1, 0x4000, -0x4000,
  2 ** 20 - 0x1000, 2 ** 20, 2 ** 24 - 0x1000, 2 ** 24, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32 - 0x1000, 2 ** 32 - 1, 2 ** 32,
  2 ** 32 + 1, -(2 ** 32), 2 ** 40, 2 ** 47, 2 ** 48 - 0x1000, 2 ** 48, 2 ** 52, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, -(2 ** 53),
  2 ** 63, -(2 ** 63), 2 ** 64 - 2 ** 12, 2 ** 64, 2 ** 64 + 2 ** 12, 16 * MIB, 16 * MIB + 1, 2 ** 60 - 1, -(2 ** 60),
];

/** Any integer: mostly the kinds a range check can get wrong. */
export const anyInt: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -16, max: 16 }) },
  { weight: 3, arbitrary: fc.integer({ min: -64, max: 320 }).map((n) => n * 0x1000) },
  { weight: 4, arbitrary: fc.constantFrom(...BOUNDARIES) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...BOUNDARIES), fc.integer({ min: -3, max: 3 }), fc.boolean()).map(([b, k, page]) => b + k * (page ? 0x1000 : 1)) },
  { weight: 2, arbitrary: fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 32 }) },
);

/** An address: any integer, or one near an address the kernel returned (resolved when the step runs). */
export type Where = { lit: number } | { base: number; pages: number; byte: number };
/** A task: one of the sequence's tasks by index, or any integer as a task id. */
export type TaskArg = { index: number } | { id: number };

/** An argument: three times in four a plausible value, else any integer (a call with ten arguments still gets odd ones). */
const arg = <T>(plausible: fc.Arbitrary<T>, any: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: any });

const where: fc.Arbitrary<Where> = arg<Where>(
  fc.record({
    base: fc.oneof(fc.integer({ min: -3, max: -1 }), fc.nat(15)),
    pages: fc.oneof(fc.constant(0), fc.integer({ min: -1, max: 4 })),
    byte: fc.oneof(fc.constant(0), fc.nat(0xfff)),
  }),
  anyInt.map((lit) => ({ lit })),
);
const task: fc.Arbitrary<TaskArg> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(5).map((index) => ({ index })) },
  { weight: 1, arbitrary: anyInt.map((id) => ({ id })) },
);
const size = arg(fc.oneof(fc.integer({ min: 1, max: 4 }).map((n) => n * 0x1000), fc.integer({ min: 0, max: 0x3000 })), anyInt);
const bool = arg(fc.constantFrom(0, 1), anyInt);
const prot = arg(fc.nat(7), anyInt);
const inh = arg(fc.oneof({ weight: 5, arbitrary: fc.nat(2) }, { weight: 1, arbitrary: fc.constant(3) }), anyInt);
const mask = arg(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 17 }).map((b) => 2 ** b - 1)), anyInt);
/** A memory object: 0..3 = MEMORY_OBJECT_NULL and the sequence's three pagers, or any integer as a port. */
const object = arg<{ pager: number } | { lit: number }>(fc.nat(3).map((pager) => ({ pager })), anyInt.map((lit) => ({ lit })));
const offset = arg(fc.nat(4).map((n) => n * 0x1000), anyInt);
const data = fc.uint8Array({ minLength: 0, maxLength: 12 });

export const arbitraryOp = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('allocate' as const), task, at: where, size, anywhere: bool }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('map' as const), task, at: where, size, mask, anywhere: bool, object, offset, copy: bool, cur: prot, max: prot, inh }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('remap' as const), task, at: where, size, mask, anywhere: bool, src: task, from: where, copy: bool, inh }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('deallocate' as const), task, at: where, size }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('protect' as const), task, at: where, size, setMax: bool, prot }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('inherit' as const), task, at: where, size, inh }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('vm_read' as const), task, at: where, size }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('vm_write' as const), task, at: where, data }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('vm_copy' as const), task, at: where, size, to: where }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('region' as const), task, at: where }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('read' as const), task, at: where, size }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('write' as const), task, at: where, data }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('exec' as const), task, at: where }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('fork' as const), task }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('terminate' as const), task }) },
);
export type ArbitraryOp = typeof arbitraryOp extends fc.Arbitrary<infer T> ? T : never;

/** A machine to run them on: page size, address bits (small enough for the model's page-by-page maps), frames. */
export const arbitraryMachine = fc.record({
  pageSize: fc.constantFrom(4096, 4096, 4096, 16384),
  addressBits: fc.constantFrom(20, 20, 24),
  frames: fc.integer({ min: 2, max: 8 }),
});

/** The addresses a sequence remembers (what the kernel returned, newest last) and how `where` picks one. */
export class Addresses {
  readonly list: number[];

  constructor(readonly pageSize: number, start: number[]) {
    this.list = start.slice();
  }

  of(w: Where): number {
    if ('lit' in w) return w.lit;
    const n = this.list.length;
    const base = w.base < 0 ? this.list[Math.max(0, n + w.base)] : this.list[w.base % n];
    return Math.max(0, base + w.pages * this.pageSize + w.byte);
  }

  remember(a: number): void {
    const i = this.list.indexOf(a);
    if (i >= 0) this.list.splice(i, 1);
    this.list.push(a);
  }
}
