/**
 * Scenarios built to be heavy, for the fuzz target that runs the real `vm` command on them and
 * checks its peak memory and time stay bounded (cli_bounded.fuzz.test.ts). A scenario is a machine
 * (page size, frames: 2 frames make every new page evict one to swap) and a task A, then a few
 * parts in any order, each as large as the limits let it be:
 *
 *   bigRead      read up to 16 MiB into a variable, copy it into up to 40 more, compare, write it back
 *   bigObject    an object of up to 64 MiB with up to 64 KB of data, mapped, read whole
 *   manyEntries  up to 12,000 map entries (every other page of 12,000 protected differently)
 *   manyTasks    a chain of up to 600 forks (past MAX_TASKS: the run stops there)
 *   pageWrites   up to 9,000 writes, a new page each (with few frames, swap fills up)
 *   vmCopies     16 MiB vm_copy again and again
 *
 * The text stays under MAX_SOURCE_LENGTH and parses: a run ends ok (0) or at a limit or an assert
 * (1), never otherwise. Names carry the part's index, so parts never collide.
 */
import fc from 'fast-check';

const MIB = 1024 * 1024;

export interface HostileScenario {
  /** The parts in order, e.g. "bigRead(16 MiB ×40) manyTasks(600)", for a failure's message. */
  summary: string;
  source: string;
  /** --json: the report carries every event. */
  json: boolean;
}

type Part = { name: string; lines: (i: number) => string[] };

const hex = (n: number) => `0x${n.toString(16)}`;

const bigRead = fc.record({ size: fc.constantFrom(MIB, 4 * MIB, 16 * MIB), copies: fc.integer({ min: 0, max: 40 }) }).map(
  ({ size, copies }): Part => ({
    name: `bigRead(${size / MIB} MiB ×${copies})`,
    lines: (i) => [
      `kr = vm_allocate(A, &r${i}, ${hex(size)}, TRUE)`,
      `kr = write(A, r${i} + 7, "\\x1b[31m\\xe2\\x80\\xae hostile")`, // a terminal escape and a bidi override in the value
      `kr = read(A, r${i}, ${hex(size)}, &v${i})`,
      ...Array.from({ length: copies }, (_, k) => `w${i}_${k} = v${i}`),
      copies > 0 ? `assert w${i}_${copies - 1} == v${i}` : `assert v${i} == v${i}`,
      `kr = vm_write(A, r${i}, v${i})`,
      `kr = vm_read(A, r${i}, ${hex(size)}, &d${i})`,
    ],
  }),
);

const bigObject = fc.record({ size: fc.constantFrom(MIB, 16 * MIB, 64 * MIB), data: fc.integer({ min: 0, max: 64 * 1024 }) }).map(
  ({ size, data }): Part => ({
    name: `bigObject(${size / MIB} MiB, ${data} bytes of data)`,
    lines: (i) => [
      `object F${i} size=${hex(size)}${data > 0 ? ` data="${'x'.repeat(data)}"` : ''}`,
      `kr = vm_map(A, &f${i}, ${hex(size)}, 0, TRUE, F${i}, 0, TRUE, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY)`,
      `kr = read(A, f${i}, ${hex(Math.min(size, 16 * MIB))}, &o${i})`,
    ],
  }),
);

const manyEntries = fc.integer({ min: 100, max: 6000 }).map(
  (n): Part => ({
    name: `manyEntries(${n})`,
    lines: (i) => [
      `kr = vm_allocate(A, &e${i}, ${2 * n} * PAGE_SIZE, TRUE)`,
      ...Array.from({ length: n }, (_, k) => `kr = vm_protect(A, e${i} + ${2 * k + 1} * PAGE_SIZE, PAGE_SIZE, FALSE, VM_PROT_READ)`),
    ],
  }),
);

const manyTasks = fc.integer({ min: 10, max: 600 }).map(
  (n): Part => ({
    name: `manyTasks(${n})`,
    lines: (i) => Array.from({ length: n }, (_, k) => `task T${i}_${k} = fork(${k === 0 ? 'A' : `T${i}_${k - 1}`})`),
  }),
);

const pageWrites = fc.integer({ min: 100, max: 9000 }).map(
  (n): Part => ({
    name: `pageWrites(${n})`,
    lines: (i) => [
      `kr = vm_allocate(A, &p${i}, ${n} * PAGE_SIZE, TRUE)`,
      ...Array.from({ length: n }, (_, k) => `kr = write(A, p${i} + ${k} * PAGE_SIZE, "p")`),
    ],
  }),
);

const vmCopies = fc.integer({ min: 1, max: 30 }).map(
  (n): Part => ({
    name: `vmCopies(${n} × 16 MiB)`,
    lines: (i) => [
      `kr = vm_allocate(A, &c${i}, 0x2000000, TRUE)`,
      ...Array.from({ length: n }, (_, k) => `kr = vm_copy(A, c${i} + ${(k % 2) * 0x1000000}, 0x1000000, c${i} + ${((k + 1) % 2) * 0x1000000})`),
    ],
  }),
);

/** The most characters a generated text may have: under MAX_SOURCE_LENGTH (1,000,000) with room to spare. */
const MAX_TEXT = 900_000;

export const hostileScenario: fc.Arbitrary<HostileScenario> = fc
  .record({
    pageSize: fc.constantFrom(4096, 16384),
    frames: fc.constantFrom(2, 64, 4096),
    parts: fc.array(fc.oneof(bigRead, bigObject, manyEntries, manyTasks, pageWrites, vmCopies), { minLength: 1, maxLength: 4 }),
    json: fc.boolean(),
  })
  .map(({ pageSize, frames, parts, json }) => {
    const lines = [`config page_size=${pageSize} frames=${frames}`, 'task A'];
    const names: string[] = [];
    parts.forEach((p, i) => {
      const more = p.lines(i);
      if (lines.join('\n').length + more.join('\n').length > MAX_TEXT) return;
      lines.push(...more);
      names.push(p.name);
    });
    return { summary: `${pageSize} B pages, ${frames} frames: ${names.join(' ')}${json ? ' --json' : ''}`, source: lines.join('\n') + '\n', json };
  });
