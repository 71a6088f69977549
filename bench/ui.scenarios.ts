/**
 * Generated scenarios for the browser benchmark (bench/ui.bench.ts).
 *
 * manyTasks(32, 256, 192): 32 tasks, each with 256 resident pages (vm_allocate of 1 MiB, then one
 * write per page), followed by a write-heavy tail: `tail` writes spread over every task and page,
 * the part the benchmark animates. The setup is 32 + 32 + 32 × 256 statements.
 */
const hex = (n: number) => `0x${n.toString(16)}`;

export interface ManyTasks {
  text: string;
  /** Timeline steps: every line, the config line included. */
  statements: number;
  /** Statements before the write-heavy tail (the timeline position where it starts). */
  setup: number;
}

export function manyTasks(tasks: number, pages: number, tail: number, pageSize = 0x1000): ManyTasks {
  const lines: string[] = [`config frames=${Math.min(65536, tasks * pages * 2)}`];
  for (let t = 0; t < tasks; t++) lines.push(`task T${t}`);
  for (let t = 0; t < tasks; t++) lines.push(`kr = vm_allocate(T${t}, &x${t}, ${hex(pages * pageSize)}, TRUE)`);
  for (let t = 0; t < tasks; t++) for (let p = 0; p < pages; p++) lines.push(`kr = write(T${t}, x${t} + ${hex(p * pageSize)}, "p")`);
  const setup = lines.length; // the config line is a step too
  for (let i = 0; i < tail; i++) {
    const t = (i * 7) % tasks;
    const p = (i * 37) % pages;
    lines.push(`kr = write(T${t}, x${t} + ${hex(p * pageSize + 0x20)}, "w${i}")`);
  }
  return { text: lines.join('\n') + '\n', statements: lines.length, setup };
}

/**
 * bigObject(16384): one task whose map entry of `pages` pages (64 MiB at 16,384) is all resident
 * in one VM object, on twice as many frames. `copy`: vm_read of a quarter of it faults that
 * quarter in (zero fill) and vm_write of the buffer writes each quarter (few statements, thousands
 * of events each); `writes`: one write statement per page.
 */
export function bigObject(pages: number, how: 'copy' | 'writes' = 'copy', pageSize = 0x1000): { text: string; statements: number } {
  const lines = [`config frames=${pages * 2}`, 'task A', `kr = vm_allocate(A, &x, ${hex(pages * pageSize)}, TRUE)`];
  if (how === 'copy') {
    const quarter = (pages / 4) * pageSize;
    lines.push(`kr = vm_read(A, x, ${hex(quarter)}, &d)`);
    for (let q = 0; q < 4; q++) lines.push(`kr = vm_write(A, x + ${hex(q * quarter)}, d)`);
  } else {
    for (let p = 0; p < pages; p++) lines.push(`kr = write(A, x + ${hex(p * pageSize)}, "p")`);
  }
  return { text: lines.join('\n') + '\n', statements: lines.length };
}

/**
 * manyWrites(n): `n` statements, all but three of them writes, each to a page of its own (a
 * zero-fill fault each): config frames=n, task A, one vm_allocate of n pages, then the writes.
 * The load benchmark's scenario (16,384 statements): what crosses the worker boundary at load.
 */
export function manyWrites(n: number, pageSize = 0x1000): { text: string; statements: number } {
  const lines = [`config frames=${n}`, 'task A', `kr = vm_allocate(A, &x, ${hex(n * pageSize)}, TRUE)`];
  for (let i = 0; lines.length < n; i++) lines.push(`kr = write(A, x + ${hex(i * pageSize)}, "w${i}")`);
  return { text: lines.join('\n') + '\n', statements: lines.length };
}
