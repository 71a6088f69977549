/**
 * Every call and access takes any integer in any argument and answers with a kern_return_t (or a
 * memory exception's code), never an exception (vm_user.ts, vm_param.ts): a negative value is its
 * u64 two's complement, 2^64 is 0, a transfer is bounded by VM_MAX_TRANSFER, a range of 2^40 bytes
 * over holes costs what its entries cost. First the paths that used to throw or hang, each with
 * the code it answers now; then a sweep of boundary values through every argument of every call.
 */
import { describe, expect, it } from 'vitest';
import { checkInvariants } from './invariants';
import {
  KERN_INVALID_ADDRESS, KERN_INVALID_ARGUMENT, KERN_INVALID_OBJECT, KERN_NO_SPACE, KERN_PROTECTION_FAILURE,
  KERN_SUCCESS,
} from './kern_return';
import { Kernel } from './kernel';
import { P, machine, spans } from './testkit';
import { VM_INHERIT_COPY, VM_MAX_TRANSFER, VM_PROT_ALL, VM_PROT_NONE, VM_PROT_READ } from './vm_param';
import { vm_remap } from './vm_remap';
import {
  objectOf, shadowDepth, task_terminate, user_exec, user_read, user_write, vm_allocate, vm_copy, vm_deallocate, vm_inherit,
  vm_map, vm_protect, vm_read, vm_region, vm_write,
} from './vm_user';
import { cpuTime } from '../testing/cpu_time';

const TWO64 = 2 ** 64; // a double: exactly 2^64, which is 0 as a u64

function clean(k: Kernel): void {
  expect(checkInvariants(k)).toEqual([]);
}

/** Runs f and fails the test if it takes more than ms of CPU (a loop over pages instead of entries). */
function quick<T>(ms: number, f: () => T): T {
  const { result, ms: took } = cpuTime(f);
  expect(took).toBeLessThan(ms);
  return result;
}

describe('paths that threw, and what they answer now', () => {
  it('vm_read(A, 1, -1): a size of 2^64 - 1 is past VM_MAX_TRANSFER → INVALID_ARGUMENT (was RangeError: Invalid typed array length: -1)', () => {
    const { k, A } = machine();
    expect(vm_read(k, A, 1, -1).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_read(k, A, 0, -1).kr).toBe(KERN_INVALID_ARGUMENT);
    // a negative size whose u64 end does not wrap passed the old wrap test too
    const x = vm_allocate(k, A, 0x10000, 8 * P, false).address;
    expect(vm_read(k, A, x, -0x5000).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_read(k, A, x + 0x5000, -0x1000).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_read(k, A, x, -(2 ** 53)).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_copy(k, A, x, -4, x + P)).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_copy(k, A, 2, -0x2000, x)).toBe(KERN_INVALID_ARGUMENT);
    expect(user_read(k, A, x, -1).kr).toBe(KERN_INVALID_ARGUMENT);
    clean(k);
  });

  it('sizes past VM_MAX_TRANSFER over mapped memory → INVALID_ARGUMENT at once (was a RangeError, or minutes of faults)', () => {
    const { k, A } = machine({ addressBits: 48, frames: 8 });
    const x = vm_allocate(k, A, 0, 2 ** 41, true).address; // lazily: one entry
    expect(x).toBe(P);
    quick(1000, () => {
      expect(vm_read(k, A, x, 2 ** 32 - 1).kr).toBe(KERN_INVALID_ARGUMENT); // took 170 s, then a 4 GiB buffer
      expect(user_read(k, A, x, 2 ** 40).kr).toBe(KERN_INVALID_ARGUMENT); // RangeError: Invalid typed array length
      expect(vm_copy(k, A, x, VM_MAX_TRANSFER + 1, x + 2 ** 40)).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_write(k, A, x, new Uint8Array(VM_MAX_TRANSFER + 1))).toBe(KERN_INVALID_ARGUMENT);
      expect(user_write(k, A, x, new Uint8Array(VM_MAX_TRANSFER + 1))).toBe(KERN_INVALID_ARGUMENT);
    });
    expect(k.faults(A)).toBe(0);
    expect(k.freeFrames).toBe(8);
    // exactly the limit still moves
    const big = vm_allocate(k, A, 0, VM_MAX_TRANSFER, true).address;
    expect(vm_read(k, A, big, VM_MAX_TRANSFER).data.length).toBe(VM_MAX_TRANSFER);
    clean(k);
  });

  it('vm_protect with size 2^64 (0 as a u64) → SUCCESS, nothing changed (was TypeError: Cannot read properties of null)', () => {
    const { k, A } = machine({ addressBits: 48 });
    vm_allocate(k, A, P, 4 * P, false);
    expect(vm_protect(k, A, P, TWO64, false, VM_PROT_READ | 4)).toBe(KERN_SUCCESS);
    expect(vm_region(k, A, P).protection).toBe(3);
    clean(k);
  });

  it('size 2^64 is size 0 in every call (it removed a page, or answered INVALID_ARGUMENT)', () => {
    const { k, A, B } = machine();
    vm_allocate(k, A, 0x10000, 2 * P, false);
    expect(vm_deallocate(k, A, 0x10800, TWO64)).toBe(KERN_SUCCESS);
    expect(vm_inherit(k, A, 0x10800, TWO64, VM_INHERIT_COPY)).toBe(KERN_SUCCESS);
    expect(spans(k, A)).toEqual([[0x10000, 0x12000]]);
    expect(vm_allocate(k, A, 0x50000, TWO64, false)).toEqual({ kr: KERN_SUCCESS, address: 0 });
    expect(vm_remap(k, B, 0, TWO64, 0, true, A, 0x10000, false, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_map(k, A, 0, TWO64, 0, true, 0, 0, false, 3, 7, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_read(k, A, 0x10000, TWO64)).toEqual({ kr: KERN_SUCCESS, data: new Uint8Array(0) });
    expect(vm_copy(k, A, 0x10000, TWO64, 0)).toBe(KERN_SUCCESS);
    clean(k);
  });

  it('addresses are u64 too: 2^64 + 0x10000 is 0x10000, -1 is past every map', () => {
    const { k, A } = machine();
    vm_allocate(k, A, 0x10000, P, false);
    expect(vm_write(k, A, 0x10000, new Uint8Array([7]))).toBe(KERN_SUCCESS);
    expect(vm_read(k, A, TWO64 + 0x10000, 1).data).toEqual(new Uint8Array([7]));
    expect(user_read(k, A, TWO64 + 0x10000, 1).data).toEqual(new Uint8Array([7]));
    expect(vm_read(k, A, -1, 1).kr).toBe(KERN_INVALID_ADDRESS);
    expect(vm_write(k, A, -P, new Uint8Array(2 * P))).toBe(KERN_INVALID_ADDRESS); // wraps
    expect(vm_copy(k, A, 0x10000, 1, -1)).toBe(KERN_INVALID_ADDRESS);
    expect(vm_copy(k, A, -1, 1, 0x10000)).toBe(KERN_INVALID_ADDRESS);
    expect(user_write(k, A, -(2 ** 53), new Uint8Array(1))).toBe(KERN_INVALID_ADDRESS);
    expect(user_exec(k, A, 2 ** 53)).toBe(KERN_INVALID_ADDRESS);
    expect(vm_region(k, A, TWO64 + 0x10000).address).toBe(0x10000);
    clean(k);
  });

  it('an access runs page by page up to the end of the map: the first failing page decides (it was INVALID_ADDRESS for the whole access)', () => {
    const { k, A } = machine({ addressBits: 20 });
    const top = 2 ** 20 - P;
    vm_allocate(k, A, top, P, false);
    expect(user_write(k, A, top + P - 2, new Uint8Array([1, 2, 3, 4]))).toBe(KERN_INVALID_ADDRESS);
    expect(vm_read(k, A, top + P - 2, 2).data).toEqual(new Uint8Array([1, 2])); // the first page was written
    expect(user_read(k, A, top + P - 2, 4).kr).toBe(KERN_INVALID_ADDRESS);
    vm_protect(k, A, top, P, false, VM_PROT_NONE);
    expect(user_read(k, A, top, 2 * P).kr).toBe(KERN_PROTECTION_FAILURE);
    expect(user_write(k, A, top, new Uint8Array(P + 1))).toBe(KERN_PROTECTION_FAILURE);
    // a zero-length access touches nothing, wherever it points
    expect(user_read(k, A, -1, 0)).toEqual({ kr: KERN_SUCCESS, data: new Uint8Array(0) });
    expect(user_write(k, A, 2 ** 53, new Uint8Array(0))).toBe(KERN_SUCCESS);
    clean(k);
  });

  it('a protection of 2^32 + 1 is no protection (isValidProt masked with a 32-bit &) → INVALID_ARGUMENT', () => {
    const { k, A } = machine();
    vm_allocate(k, A, 0x10000, P, false);
    for (const prot of [2 ** 32, 2 ** 32 + 1, 2 ** 40 + 3, -(2 ** 32) + 1]) {
      expect(vm_protect(k, A, 0x10000, P, false, prot)).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_map(k, A, 0, P, 0, true, 0, 0, false, prot, VM_PROT_ALL, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_map(k, A, 0, P, 0, true, 0, 0, false, VM_PROT_READ, prot, VM_INHERIT_COPY).kr).toBe(KERN_INVALID_ARGUMENT);
    }
    expect(vm_region(k, A, 0x10000).protection).toBe(3);
    clean(k);
  });

  it('vm_map fixed far past the map: the object must still cover offset + size (INVALID_ARGUMENT before the pager init fails)', () => {
    const k = new Kernel({ pageSize: 16384, addressBits: 20 });
    const A = k.createTask('A').id;
    const BAD = k.declarePager('BAD', 16384, new Uint8Array(0), VM_PROT_ALL, true);
    // [2^64 - 32 KiB, 2^64 - 16 KiB): no wrap, one page, but both ends were clamped to 2^53 - 1
    expect(vm_map(k, A, -20480, 1, 0, false, BAD, 16384, false, 0, 0, 0).kr).toBe(KERN_INVALID_ARGUMENT);
    expect(vm_map(k, A, -20480, 1, 0, false, BAD, 0, false, 0, 0, 0).kr).toBe(KERN_INVALID_OBJECT);
    clean(k);
  });

  it('no integer at all (NaN, 1.5, Infinity) → INVALID_ARGUMENT, not a BigInt RangeError', () => {
    const { k, A, B } = machine();
    const F = k.declarePager('F', P, new Uint8Array(0));
    for (const bad of [NaN, 1.5, Infinity, -Infinity]) {
      expect(vm_allocate(k, A, bad, P, false).kr).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_allocate(k, A, 0, bad, true).kr).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_map(k, A, 0, P, bad, true, F, 0, false, 1, 1, 1).kr).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_map(k, A, 0, P, 0, true, F, bad, false, 1, 1, 1).kr).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_map(k, A, 0, P, 0, true, F, 0, false, bad, 1, 1).kr).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_map(k, A, 0, P, 0, true, bad, 0, false, 1, 1, 1).kr).toBe(KERN_INVALID_OBJECT);
      expect(vm_remap(k, B, 0, P, bad, true, A, P, false, 1).kr).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_deallocate(k, A, bad, P)).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_protect(k, A, 0, bad, false, 1)).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_protect(k, A, 0, P, false, bad)).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_inherit(k, A, 0, P, bad)).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_region(k, A, bad).kr).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_read(k, A, bad, 1).kr).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_read(k, A, 0, bad).kr).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_write(k, A, bad, new Uint8Array(1))).toBe(KERN_INVALID_ARGUMENT);
      expect(vm_copy(k, A, 0, 1, bad)).toBe(KERN_INVALID_ARGUMENT);
      expect(user_read(k, A, bad, 1).kr).toBe(KERN_INVALID_ARGUMENT);
      expect(user_write(k, A, bad, new Uint8Array(1))).toBe(KERN_INVALID_ARGUMENT);
      expect(user_exec(k, A, bad)).toBe(KERN_INVALID_ARGUMENT);
      expect(objectOf(k, A, bad)).toBe(-1);
      expect(shadowDepth(k, A, bad)).toBe(-1);
      expect(task_terminate(k, bad)).toBe(KERN_INVALID_ARGUMENT);
      expect(k.fork(bad, 'C')).toBeNull();
    }
    clean(k);
  });

  it('ranges of 2^40 bytes and more cost their entries, not their pages', () => {
    const { k, A, B } = machine({ addressBits: 48, frames: 8 });
    vm_allocate(k, A, P, P, false);
    vm_allocate(k, A, 2 ** 47, 2 ** 46, false); // 2^34 pages, one entry
    user_write(k, A, 2 ** 47 + 2 ** 45, new Uint8Array([1]));
    quick(1000, () => {
      expect(vm_inherit(k, A, 0, 2 ** 48, VM_INHERIT_COPY)).toBe(KERN_SUCCESS);
      expect(vm_protect(k, A, 2 ** 47, 2 ** 46, false, VM_PROT_READ)).toBe(KERN_SUCCESS);
      expect(vm_protect(k, A, 0, 2 ** 48, false, VM_PROT_READ)).toBe(KERN_INVALID_ADDRESS);
      expect(vm_read(k, A, P, VM_MAX_TRANSFER).kr).toBe(KERN_INVALID_ADDRESS);
      expect(k.fork(A, 'C')).not.toBeNull();
      expect(vm_remap(k, B, 0, 2 ** 46, 0, true, A, 2 ** 47, true, VM_INHERIT_COPY).kr).toBe(KERN_SUCCESS);
      expect(vm_allocate(k, B, 0, 2 ** 48 - P, true).kr).toBe(KERN_NO_SPACE);
      expect(vm_deallocate(k, A, 0, 2 ** 48)).toBe(KERN_SUCCESS);
      expect(task_terminate(k, B)).toBe(KERN_SUCCESS);
    });
    clean(k);
  });
});

// ---------------------------------------------------------------------------------------------
// A sweep: each boundary value through each argument of each call, the others plausible
// ---------------------------------------------------------------------------------------------

const VALUES = [
  0, 1, -1, 2, 3, 4, 5, 7, 8, 0xff, P - 1, P, P + 1, -P, 2 * P, 0x10000, 0x10800, 2 ** 20 - P, 2 ** 20, 2 ** 31, 2 ** 32 - P,
  2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, -(2 ** 32), 2 ** 40, 2 ** 47, 2 ** 48 - P, 2 ** 48, 2 ** 48 + 1, 2 ** 52, 2 ** 53 - 1,
  -(2 ** 53 - 1), 2 ** 53, -(2 ** 53), 2 ** 63, -(2 ** 63), TWO64, 2 ** 64 + 2 ** 12, 2 ** 70, VM_MAX_TRANSFER, VM_MAX_TRANSFER + 1,
  0x5555, 0x7fffffff, -0x7fffffff,
];

type Call = { name: string; args: number[]; run: (k: Kernel, a: number[]) => unknown };

/** Each call with plausible arguments (A = task 1, B = task 2, F = the pager's port). */
function calls(F: number): Call[] {
  const data = (n: number) => new Uint8Array(Math.max(0, Math.min(n, 3 * P)));
  return [
    { name: 'vm_allocate', args: [1, 0x10000, P, 1], run: (k, [t, a, s, any]) => vm_allocate(k, t, a, s, any !== 0) },
    { name: 'vm_map', args: [1, 0x20000, P, 0, 1, F, 0, 0, 3, 7, 1], run: (k, a) => vm_map(k, a[0], a[1], a[2], a[3], a[4] !== 0, a[5], a[6], a[7] !== 0, a[8], a[9], a[10]) },
    { name: 'vm_remap', args: [2, 0, P, 0, 1, 1, 0x10000, 0, 1], run: (k, a) => vm_remap(k, a[0], a[1], a[2], a[3], a[4] !== 0, a[5], a[6], a[7] !== 0, a[8]) },
    { name: 'vm_deallocate', args: [1, 0x10000, P], run: (k, [t, a, s]) => vm_deallocate(k, t, a, s) },
    { name: 'vm_protect', args: [1, 0x10000, P, 0, 1], run: (k, [t, a, s, m, p]) => vm_protect(k, t, a, s, m !== 0, p) },
    { name: 'vm_inherit', args: [1, 0x10000, P, 0], run: (k, [t, a, s, i]) => vm_inherit(k, t, a, s, i) },
    { name: 'vm_read', args: [1, 0x10000, 16], run: (k, [t, a, s]) => vm_read(k, t, a, s) },
    { name: 'vm_write', args: [1, 0x10000, 16], run: (k, [t, a, n]) => vm_write(k, t, a, data(n)) },
    { name: 'vm_copy', args: [1, 0x10000, 16, 0x11000], run: (k, [t, a, s, d]) => vm_copy(k, t, a, s, d) },
    { name: 'vm_region', args: [1, 0x10000], run: (k, [t, a]) => vm_region(k, t, a) },
    { name: 'object_of', args: [1, 0x10000], run: (k, [t, a]) => [objectOf(k, t, a), shadowDepth(k, t, a)] },
    { name: 'read', args: [1, 0x10000, 16], run: (k, [t, a, s]) => user_read(k, t, a, s) },
    { name: 'write', args: [1, 0x10000, 16], run: (k, [t, a, n]) => user_write(k, t, a, data(n)) },
    { name: 'exec', args: [1, 0x10000], run: (k, [t, a]) => user_exec(k, t, a) },
    { name: 'fork', args: [1], run: (k, [t]) => k.fork(t, 'C')?.id ?? null },
    { name: 'task_terminate', args: [1], run: (k, [t]) => task_terminate(k, t) },
  ];
}

/** A machine with something at 0x10000 (touched, one page read-only) and a pager. */
function setup(bits: number): { k: Kernel; F: number } {
  const { k, A } = machine({ addressBits: bits, frames: 4 });
  const F = k.declarePager('F', 4 * P, new TextEncoder().encode('file'), VM_PROT_ALL);
  vm_allocate(k, A, 0x10000, 4 * P, false);
  user_write(k, A, 0x10000, new Uint8Array([1, 2, 3]));
  vm_protect(k, A, 0x12000, P, false, VM_PROT_READ);
  return { k, F };
}

describe('a sweep of boundary values through every argument', () => {
  for (const bits of [20, 32, 48]) {
    it(`address_bits ${bits}: a kern_return_t (or an id) every time, invariants after every call, no call over a second`, () => {
      let count = 0;
      const { F } = setup(bits);
      for (const c of calls(F)) {
        for (let i = 0; i < c.args.length; i++) {
          for (const v of VALUES) {
            const { k } = setup(bits);
            const args = c.args.slice();
            args[i] = v;
            const where = `${c.name}(${args.join(', ')})`;
            const { result: r, ms } = cpuTime((): unknown => {
              try {
                return c.run(k, args);
              } catch (e) {
                throw new Error(`${where} threw ${String(e)}`, { cause: e });
              }
            });
            expect(ms, where).toBeLessThan(1000);
            const kr = typeof r === 'number' || r === null ? r : Array.isArray(r) ? 0 : (r as { kr: number }).kr;
            expect(kr === null || Number.isSafeInteger(kr), `${where} → ${String(kr)}`).toBe(true);
            const problems = checkInvariants(k);
            if (problems.length > 0) throw new Error(`${where}: invariants: ${problems.join('; ')}`);
            count++;
          }
        }
      }
      expect(count).toBeGreaterThan(2500);
    }, 120_000);
  }
});
