/**
 * scenario_gen: a long, deterministic scenario for the replay benchmark, as text (for
 * runScenario) and as the same operations in structured form (for the direct-call baseline).
 *
 *   config, task A, then groups of
 *     kr = vm_allocate(A, &xN, 0x2000, TRUE)
 *     kr = write(A, xN + 0x10, "vN")
 *     kr = read(A, xN + 0x10, len, &v)
 *     assert v == "vN"
 *   and every FORK_EVERY groups a fork of A whose child writes over a page A wrote (copy-on-write),
 *   then reads back its own bytes.
 * The operations carry their strings' bytes (encoded once, as the parser encodes a literal once),
 * so the direct baseline makes the kernel calls and nothing else.
 */

export type Op =
  | { kind: 'alloc'; task: string; v: string; size: number }
  | { kind: 'write'; task: string; v: string; off: number; data: string; bytes: Uint8Array }
  | { kind: 'read'; task: string; v: string; off: number; expect: string; expectBytes: Uint8Array }
  | { kind: 'fork'; child: string; parent: string };

export interface Generated {
  text: string;
  statements: number;
  ops: Op[];
  config: { frames: number; tlbEntries: number; tlbWays: number };
}

const FORK_EVERY = 60;

export function generateScenario(statements: number): Generated {
  // the bytes of each string, made once here as the parser makes a string literal's once
  const enc = new TextEncoder();
  const config = { frames: 8192, tlbEntries: 64, tlbWays: 4 };
  const lines = [`config frames=${config.frames} tlb_entries=${config.tlbEntries} tlb_ways=${config.tlbWays}`, 'task A'];
  const ops: Op[] = [];
  const hex = (n: number) => `0x${n.toString(16)}`;
  let group = 0;
  let forks = 0;
  const fits = (n: number) => lines.length + n <= statements;
  while (lines.length < statements) {
    if (group > 0 && group % FORK_EVERY === 0 && fits(5)) {
      const child = `F${forks++}`;
      const v = `x${group - 1}`;
      const data = `c${forks}`;
      lines.push(`task ${child} = fork(A)`);
      lines.push(`kr = write(${child}, ${v} + 0x10, "${data}")`);
      lines.push(`kr = read(${child}, ${v} + 0x10, ${data.length}, &v)`);
      lines.push(`assert v == "${data}"`);
      lines.push('assert kr == KERN_SUCCESS');
      ops.push({ kind: 'fork', child, parent: 'A' });
      ops.push({ kind: 'write', task: child, v, off: 0x10, data, bytes: enc.encode(data) });
      ops.push({ kind: 'read', task: child, v, off: 0x10, expect: data, expectBytes: enc.encode(data) });
    }
    const v = `x${group}`;
    const data = `v${group}`;
    if (fits(4)) {
      lines.push(`kr = vm_allocate(A, &${v}, ${hex(0x2000)}, TRUE)`);
      lines.push(`kr = write(A, ${v} + 0x10, "${data}")`);
      lines.push(`kr = read(A, ${v} + 0x10, ${data.length}, &v)`);
      lines.push(`assert v == "${data}"`);
      ops.push({ kind: 'alloc', task: 'A', v, size: 0x2000 });
      ops.push({ kind: 'write', task: 'A', v, off: 0x10, data, bytes: enc.encode(data) });
      ops.push({ kind: 'read', task: 'A', v, off: 0x10, expect: data, expectBytes: enc.encode(data) });
    } else {
      // pad to the exact count with reads of the last allocation
      const last = `x${group - 1}`;
      lines.push(`kr = read(A, ${last} + 0x10, 1, &v)`);
      const expect = `v${group - 1}`.slice(0, 1);
      ops.push({ kind: 'read', task: 'A', v: last, off: 0x10, expect, expectBytes: enc.encode(expect) });
      continue;
    }
    group++;
  }
  return { text: lines.join('\n') + '\n', statements: lines.length, ops, config };
}
