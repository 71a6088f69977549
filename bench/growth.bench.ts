/**
 * growth.bench: how the kernel's costs grow with tasks, resident pages and map entries — the
 * "cost per dimension" tables of BENCHMARKS.md. Run: `npm run bench:growth`. Each row is a median
 * over repetitions (bench/harness.ts), each run verified.
 *
 *   fork          Kernel.fork of a task with N resident pages        (expect ~linear in N)
 *   entries       vm_allocate+deallocate with N entries in the map   (expect ~log N)
 *   snapshot      takeSnapshot + diff of a machine with T tasks × 64 pages (the worker's per-step cost)
 *   replay        one step back at the end of a session of N statements: with replay checkpoints
 *                 (restore the nearest, replay the rest), and without (the old way: from the start)
 *   diff size     the bytes a step's snapshot diff costs on a 16,384-frame machine
 */
import { Kernel } from '../src/kernel/kernel';
import { takeSnapshot } from '../src/kernel/snapshot';
import { VM_PROT_READ } from '../src/kernel/vm_param';
import { user_write, vm_allocate, vm_deallocate, vm_protect } from '../src/kernel/vm_user';
import { ScenarioSession } from '../src/worker/session';
import { diffBytes, diffSnapshot } from '../src/worker/snapshot_diff';
import { check, measure } from './harness';

const PS = 4096;
const byte = new Uint8Array([7]);

function machineWith(pages: number, tasks = 1): Kernel {
  const k = new Kernel({ frames: Math.max(64, pages * tasks + 64), addressBits: 40 });
  for (let t = 0; t < tasks; t++) {
    const id = k.createTask(`T${t}`).id;
    const base = vm_allocate(k, id, 0, pages * PS, true).address;
    for (let i = 0; i < pages; i++) check(user_write(k, id, base + i * PS, byte) === 0, 'page written');
  }
  return k;
}

function table(title: string, head: string[], rows: string[][]): void {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padStart(w[i])).join('  ');
  console.log(`\n${title}\n${line(head)}\n${w.map((n) => '-'.repeat(n)).join('  ')}`);
  for (const r of rows) console.log(line(r));
}

const us = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;

// fork vs resident pages
{
  const rows: string[][] = [];
  for (const n of [64, 256, 1024, 4096]) {
    const FORKS = 20;
    const m = measure({
      setup: () => ({ k: machineWith(n), child: 0 }),
      run: (s) => {
        for (let i = 0; i < FORKS; i++) s.child = s.k.fork(1, `C${i}`)!.id;
        return FORKS;
      },
      verify: (s) => check(s.k.entryCount(s.child) === 1, 'child has the entry'),
      reps: 5,
    });
    rows.push([String(n), us(m.nsPerOp), `${(m.nsPerOp / n).toFixed(0)} ns`]);
  }
  table('fork of a task with N resident pages', ['N pages', 'per fork', 'per page'], rows);
}

// vm_allocate vs map entries
{
  const rows: string[][] = [];
  for (const n of [10, 100, 1000, 10000]) {
    const m = measure({
      setup: () => {
        const k = new Kernel({ addressBits: 40 });
        const id = k.createTask('A').id;
        for (let i = 0; i < n; i++) {
          const a = vm_allocate(k, id, 0, PS, true).address;
          if (i % 2 === 1) vm_protect(k, id, a, PS, false, VM_PROT_READ); // alternate: no merging
        }
        return { k, id };
      },
      run: (s) => {
        for (let i = 0; i < 2000; i++) {
          const a = vm_allocate(s.k, s.id, 0, PS, true).address;
          vm_deallocate(s.k, s.id, a, PS);
        }
        return 2000;
      },
      verify: (s) => check(s.k.entryCount(s.id) >= n / 2, 'entries kept'),
      reps: 5,
    });
    rows.push([String(n), us(m.nsPerOp)]);
  }
  table('vm_allocate + vm_deallocate (anywhere) with N map entries', ['N entries', 'per pair'], rows);
}

// snapshot + diff vs tasks
{
  const rows: string[][] = [];
  for (const t of [1, 8, 32]) {
    const k = machineWith(64, t);
    let prev = takeSnapshot(k);
    const m = measure({
      setup: () => ({}),
      run: () => {
        for (let i = 0; i < 20; i++) {
          user_write(k, 1, 0x1000 + (i % 64) * PS, byte);
          const next = takeSnapshot(k);
          diffSnapshot(prev, next);
          prev = next;
        }
        return 20;
      },
      verify: () => check(prev.tasks.length === t, 'all tasks in the snapshot'),
      reps: 5,
    });
    user_write(k, 1, 0x1000, byte);
    const d = diffSnapshot(prev, takeSnapshot(k));
    rows.push([String(t), String(t * 64), us(m.nsPerOp), `${(diffBytes(d) / 1024).toFixed(1)} KiB`]);
  }
  table('snapshot + diff per step (the worker\'s cost), T tasks × 64 resident pages', ['T tasks', 'pages', 'per step', 'diff size'], rows);
}

// the diff a step sends on a big machine: 16,384 frames, a task writing its pages one by one
{
  const lines = ['config frames=16384 tlb_entries=1024', 'task A', 'kr = vm_allocate(A, &x, 0x4000000, TRUE)'];
  for (let i = 0; i < 400; i++) lines.push(`kr = write(A, x + ${i * PS}, "w")`);
  lines.push('task B = fork(A)');
  for (let i = 0; i < 50; i++) lines.push(`kr = write(B, x + ${i * PS}, "w")`);
  const session = new ScenarioSession();
  check(session.load(lines.join('\n') + '\n').status === 'ok', 'scenario runs');
  const sizes: number[] = [];
  let prev = session.goto(0)!.snapshot;
  const first = diffBytes(diffSnapshot(null, prev));
  for (let step = 1; step <= session.total; step++) {
    const next = session.goto(step)!.snapshot;
    sizes.push(diffBytes(diffSnapshot(prev, next)));
    prev = next;
  }
  sizes.sort((a, b) => a - b);
  const kib = (n: number) => `${(n / 1024).toFixed(2)} KiB`;
  table('snapshot diff per step, 16,384 frames, 450 writes and a fork', ['first (full)', 'median step', 'largest step'], [
    [kib(first), kib(sizes[sizes.length >> 1]), kib(sizes[sizes.length - 1])],
  ]);
}

// one step back vs statements: with replay checkpoints, and replaying from the start
{
  const rows: string[][] = [];
  for (const n of [1000, 5000, 10000]) {
    const lines = ['config frames=4096', 'task A', 'kr = vm_allocate(A, &x, 0x100000, TRUE)'];
    while (lines.length < n) {
      const i = lines.length;
      lines.push(i % 3 === 0 ? `kr = write(A, x + ${(i % 256) * PS}, "w")` : i % 3 === 1 ? `kr = read(A, x + ${(i % 256) * PS}, 1, &v)` : `y = ${i}`);
    }
    const source = lines.join('\n') + '\n';
    const back = (session: ScenarioSession) => measure({
      setup: () => {
        session.goto(n); // at the end
        return {};
      },
      run: () => {
        session.goto(n - 1); // one step back
        return 1;
      },
      verify: () => {},
      reps: 5,
      warmup: 1,
    });
    const withCheckpoints = new ScenarioSession();
    const t0 = process.hrtime.bigint();
    check(withCheckpoints.load(source).status === 'ok', 'scenario runs');
    const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const fromStart = new ScenarioSession(null);
    const t1 = process.hrtime.bigint();
    check(fromStart.load(source).status === 'ok', 'scenario runs');
    const baseLoadMs = Number(process.hrtime.bigint() - t1) / 1e6;
    const a = back(withCheckpoints);
    const b = back(fromStart);
    check(JSON.stringify(withCheckpoints.goto(n - 1)) === JSON.stringify(fromStart.goto(n - 1)), 'the same machine either way');
    const ms = (ns: number) => `${(ns / 1e6).toFixed(2)} ms`;
    rows.push([String(n), ms(a.nsPerOp), ms(b.nsPerOp), String(withCheckpoints.checkpointPositions.length), `${loadMs.toFixed(0)} / ${baseLoadMs.toFixed(0)} ms`]);
  }
  table('one step back at the end of a scenario of N statements (4,096 frames)', ['N statements', 'checkpoints', 'from the start', 'kept', 'load with / without'], rows);
}
