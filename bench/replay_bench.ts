/**
 * replay_bench: case g of kernel.bench.ts, a 10,000-statement scenario (bench/scenario_gen.ts)
 * replayed by a session against the same kernel calls made directly.
 *
 *   direct   the generated calls on one Kernel allocated once (restored to its start before each
 *            run, not timed: the same touched memory as the replay's machine), then the snapshot
 *            the user would look at (takeSnapshot)
 *   replay   ScenarioSession.goto(10,000) from step 1, no checkpoints: the start restored into the
 *            machine in use, every statement run again, and the snapshot the goto answers with
 *
 * The goal (issue 18): replay ≤ G_GOAL × direct, judged on the median of paired ratios in process
 * CPU time (user + system), each pair run back to back in alternating order (direct first, then
 * replay first) after warm-up, a full GC before every timed run. kernel.bench.ts runs this file in
 * a node of its own with --single-threaded-gc: the GC's work is then done by the thread whose run
 * made the garbage, inside its timed region, and no helper thread goes on sweeping the forced GC's
 * heap while the next run is timed (with helper threads, that sweeping added ~10 ms of CPU to every
 * run, to each side alike, and pulled the ratio toward 1). Wall time and the main thread's CPU time
 * are printed beside it. `BENCH_G_GOAL=x` judges against x instead
 * (e.g. 0.5 shows the row can MISS). Also reported, not judged: the load (ScenarioSession.load, what
 * the worker does when a text is opened) and the CLI run (runScenario, parse + run, untraced).
 */
import { Kernel, type KernelConfig } from '../src/kernel/kernel';
import type { KernelState } from '../src/kernel/kernel_state';
import { KERN_SUCCESS } from '../src/kernel/kern_return';
import { takeSnapshot, type MachineSnapshot } from '../src/kernel/snapshot';
import { user_read, user_write, vm_allocate } from '../src/kernel/vm_user';
import { runScenario } from '../src/scenario/run';
import { ScenarioSession } from '../src/worker/session';
import { check, collectGarbage, mainThreadCpuNs, formatTime, median, type Row } from './harness';
import { generateScenario, type Op } from './scenario_gen';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** g's goal: the replay costs at most this many times the same calls made directly (issue 18). */
const G_GOAL_DEFAULT = 2;
/** Paired rounds of the replay figure after G_WARMUP rounds of warm-up. */
const G_ROUNDS = 21;
const G_WARMUP = 3;
/** Rounds of the load and CLI figures (reported only; each load takes a second or more). */
const G_INFO_ROUNDS = 5;
const STATEMENTS = 10_000;

/** The goal to judge against: BENCH_G_GOAL when set (a positive number), else G_GOAL_DEFAULT. */
function goal(): number {
  const env = process.env.BENCH_G_GOAL;
  if (env === undefined || env === '') return G_GOAL_DEFAULT;
  const x = Number(env);
  if (!(x > 0)) throw new Error(`BENCH_G_GOAL must be a positive number, not ${env}`);
  return x;
}

/** The generated operations as kernel calls on k (at its start: no task yet); returns the reads done. */
function runOpsDirect(k: Kernel, ops: Op[]): number {
  const tasks = new Map<string, number>([['A', k.createTask('A').id]]);
  const vars = new Map<string, number>();
  let reads = 0;
  for (const op of ops) {
    switch (op.kind) {
      case 'alloc': {
        const r = vm_allocate(k, tasks.get(op.task)!, 0, op.size, true);
        check(r.kr === KERN_SUCCESS, 'direct vm_allocate');
        vars.set(op.v, r.address);
        break;
      }
      case 'write':
        check(user_write(k, tasks.get(op.task)!, vars.get(op.v)! + op.off, op.bytes) === KERN_SUCCESS, 'direct write');
        break;
      case 'read': {
        const r = user_read(k, tasks.get(op.task)!, vars.get(op.v)! + op.off, op.expectBytes.length);
        check(r.kr === KERN_SUCCESS && sameBytes(r.data, op.expectBytes), 'direct read');
        reads++;
        break;
      }
      case 'fork':
        tasks.set(op.child, k.fork(tasks.get(op.parent)!, op.child)!.id);
        break;
    }
  }
  return reads;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One timed run's costs, in ns: wall, process CPU (all threads), main thread CPU (NaN where unreadable). */
interface Cost {
  wall: number;
  cpu: number;
  main: number;
}

/** Runs `run` once after a full GC and returns what it cost. */
function timed(run: () => void): Cost {
  collectGarbage();
  const c0 = process.cpuUsage();
  const m0 = mainThreadCpuNs();
  const t0 = process.hrtime.bigint();
  run();
  const wall = Number(process.hrtime.bigint() - t0);
  const m1 = mainThreadCpuNs();
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) * 1000, main: m0 === null || m1 === null ? NaN : m1 - m0 };
}

/** Paired costs of a figure against the direct runs next to it. */
class Pairs {
  readonly direct: Cost[] = [];
  readonly other: Cost[] = [];
  add(d: Cost, o: Cost): void {
    this.direct.push(d);
    this.other.push(o);
  }
  ratios(key: keyof Cost): number[] {
    return this.other.map((o, i) => o[key] / this.direct[i][key]);
  }
  ratio(key: keyof Cost): number {
    return median(this.ratios(key));
  }
  medianOf(side: 'direct' | 'other', key: keyof Cost): number {
    return median(this[side].map((c) => c[key]));
  }
}

export function benchReplay(rows: Row[]): void {
  const G_GOAL = goal();
  const g = generateScenario(STATEMENTS);
  check(g.statements === STATEMENTS, `generated ${g.statements} statements`);
  const expectReads = g.ops.filter((o) => o.kind === 'read').length;
  const expectTasks = 1 + g.ops.filter((o) => o.kind === 'fork').length;

  // the direct side: one machine, allocated once and restored to its start before each run (untimed)
  const config: Partial<KernelConfig> = g.config;
  const dk = new Kernel(config);
  const dStart: KernelState = dk.save();
  const direct = (): { cost: Cost; snap: MachineSnapshot } => {
    dk.restore(dStart);
    let reads = 0;
    let snap: MachineSnapshot | null = null;
    const cost = timed(() => {
      reads = runOpsDirect(dk, g.ops);
      snap = takeSnapshot(dk);
    });
    check(reads === expectReads, 'the direct baseline did every read');
    return { cost, snap: snap! };
  };

  // the replay side: one session, loaded once, without checkpoints: each goto to the end from step 1 runs 9,999 statements again
  const session = new ScenarioSession(null);
  const loaded = session.load(g.text);
  check(loaded.status === 'ok' && loaded.total === STATEMENTS, 'the replay session loaded the scenario');
  const lastRecord = session.recordsRun(STATEMENTS - 1)[0];
  const atEnd = session.goto(STATEMENTS)!.snapshot;
  const replay = (): Cost => {
    const at1 = session.goto(1);
    check(at1 !== null && at1.step === 1, 'the cursor went back to step 1');
    const fresh0 = session.starts.fresh;
    const current0 = session.starts.current;
    let r: ReturnType<ScenarioSession['goto']> = null;
    const cost = timed(() => (r = session.goto(STATEMENTS)));
    const end = r as ReturnType<ScenarioSession['goto']>;
    check(end !== null && end.step === STATEMENTS && end.record === lastRecord, `the goto reached step ${STATEMENTS} with its record`);
    check(session.starts.current === current0 + 1 && session.starts.fresh === fresh0, 'the goto ran on from the machine at step 1');
    check(end.snapshot.freeFrames === atEnd.freeFrames && end.snapshot.tasks.length === expectTasks, 'the replayed machine is the one the first run built');
    return cost;
  };

  const replayPairs = new Pairs();
  for (let round = 0; round < G_WARMUP + G_ROUNDS; round++) {
    // alternate which side runs first: a drift of the machine's load favours neither
    let d: { cost: Cost; snap: MachineSnapshot };
    let r: Cost;
    if (round % 2 === 0) {
      d = direct();
      r = replay();
    } else {
      r = replay();
      d = direct();
    }
    // the same work on both sides: the direct machine ends as the replayed one
    check(d.snap.freeFrames === atEnd.freeFrames && d.snap.tasks.length === expectTasks, 'the direct machine is the one the scenario builds');
    if (round >= G_WARMUP) replayPairs.add(d.cost, r);
  }

  const load = (): Cost => {
    const s = new ScenarioSession();
    let out: ReturnType<ScenarioSession['load']> | null = null;
    const cost = timed(() => (out = s.load(g.text)));
    const o = out as ReturnType<ScenarioSession['load']> | null;
    check(o !== null && o.status === 'ok' && o.total === STATEMENTS, `the load ran all ${STATEMENTS} statements with every assert holding`);
    check(s.checkpointPositions.length > 0, 'the load took checkpoints');
    return cost;
  };
  const cli = (): Cost => {
    let out: ReturnType<typeof runScenario> | null = null;
    const cost = timed(() => (out = runScenario(g.text, { trace: false })));
    const o = out as ReturnType<typeof runScenario> | null;
    check(o !== null && o.status === 'ok' && o.steps.length === STATEMENTS, `the scenario ran all ${STATEMENTS} statements with every assert holding`);
    return cost;
  };
  const loadPairs = new Pairs();
  const cliPairs = new Pairs();
  for (let round = 0; round < 1 + G_INFO_ROUNDS; round++) {
    const dl = direct().cost;
    const l = load();
    const dc = direct().cost;
    const c = cli();
    if (round === 0) continue;
    loadPairs.add(dl, l);
    cliPairs.add(dc, c);
  }

  const ms = (ns: number) => formatTime(ns);
  const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' ');
  const judged = replayPairs.ratio('cpu');
  rows.push({
    name: `g. replay of ${STATEMENTS.toLocaleString('en')} statements (CPU)`,
    value: `${ms(replayPairs.medianOf('other', 'cpu'))} CPU`,
    goal: `≤ ${G_GOAL}× direct`,
    baseline: `direct calls + snapshot ${ms(replayPairs.medianOf('direct', 'cpu'))} CPU`,
    ratio: `${judged.toFixed(2)}× (median of ${G_ROUNDS} pairs: ${list(replayPairs.ratios('cpu'))})`,
    status: judged <= G_GOAL ? 'PASS' : 'MISS',
  });
  rows.push({
    name: '   the same pairs in wall time',
    value: ms(replayPairs.medianOf('other', 'wall')),
    goal: '— (report)',
    baseline: `direct ${ms(replayPairs.medianOf('direct', 'wall'))}`,
    ratio: `${replayPairs.ratio('wall').toFixed(2)}× (${list(replayPairs.ratios('wall'))})`,
    status: 'info',
  });
  if (replayPairs.ratios('main').every((x) => Number.isFinite(x)))
    rows.push({
      name: '   …in the main thread\'s CPU time',
      value: ms(replayPairs.medianOf('other', 'main')),
      goal: '— (report)',
      baseline: `direct ${ms(replayPairs.medianOf('direct', 'main'))}`,
      ratio: `${replayPairs.ratio('main').toFixed(2)}× (${list(replayPairs.ratios('main'))})`,
      status: 'info',
    });
  for (const [name, p] of [['   load (ScenarioSession.load), CPU', loadPairs], ['   CLI run (parse + run, untraced), CPU', cliPairs]] as const)
    rows.push({
      name,
      value: `${ms(p.medianOf('other', 'cpu'))} CPU`,
      goal: '— (report)',
      baseline: `direct ${ms(p.medianOf('direct', 'cpu'))} CPU`,
      ratio: `${p.ratio('cpu').toFixed(2)}× (${list(p.ratios('cpu'))})`,
      status: 'info',
    });
}

/** Node's flags for g's own process (see the header). */
const G_NODE_FLAGS = ['--expose-gc', '--single-threaded-gc', '--import', 'tsx'];

/** Runs benchReplay in a node of its own (G_NODE_FLAGS) and adds its rows to `rows`. */
export function benchReplayApart(rows: Row[]): void {
  const r = spawnSync(process.execPath, [...G_NODE_FLAGS, fileURLToPath(import.meta.url)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: process.env });
  if (r.status !== 0) throw new Error(`g's process failed (status ${r.status ?? r.signal})`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  rows.push(...(JSON.parse(last) as Row[]));
}

// run apart (benchReplayApart): print the rows as one line of JSON
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out: Row[] = [];
  benchReplay(out);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
