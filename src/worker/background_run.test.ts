/**
 * The load answers early and the rest of the run follows in the background (handler.ts, run_loop.ts):
 * a load answers after its first chunk with the summaries so far, later batches come in order and
 * without gaps, a goto or record past the run drives it there (its news first), an error is told
 * when the run reaches it, exactly as a whole run says it, and a new load ends the old run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MachineSnapshot } from '../kernel/snapshot';
import type { CommandBody } from './client';
import { CommandHandler } from './handler';
import type { LoadOutcome, StepSummaries, WorkerCommand, WorkerMessage, WorkerNotice, WorkerReply } from './protocol';
import { randomScenario } from './random_scenario';
import { RunLoop } from './run_loop';
import { ScenarioSession } from './session';
import { applyDiff } from './snapshot_diff';
import { appendSummaries, summarize } from './step_summary';

type Ran = Extract<WorkerNotice, { type: 'ran' }>;

/** `n` statements: a task, an allocation, then writes (10 work units each: a fault apiece). */
function writes(n: number, extra: string[] = []): string {
  const lines = ['config frames=256', 'task A', 'kr = vm_allocate(A, &x, 0x100000, TRUE)'];
  for (let i = 0; lines.length < n; i++) lines.push(`kr = write(A, x + 0x${((i % 200) * 0x1000).toString(16)}, "w${i}")`);
  return [...lines, ...extra].join('\n') + '\n';
}

/** A handler with small chunks (about 5 writes each), its commands cloned as postMessage would. */
function small(loadWork = 50, chunkWork = 50) {
  const h = new CommandHandler({ loadWork, chunkWork });
  let id = 1;
  const send = (cmd: CommandBody) => structuredClone(h.handle({ ...cmd, id: id++ } as WorkerCommand));
  const news = () => structuredClone(h.news());
  return { h, send, news };
}

/** What a whole run in one go says (a session without background: the CLI's answer too). */
function whole(source: string): LoadOutcome {
  return new ScenarioSession(null).load(source);
}

function machineAt(source: string, step: number): MachineSnapshot {
  const s = new ScenarioSession(null);
  s.load(source);
  return s.goto(step)!.snapshot;
}

function loaded(r: WorkerReply): Extract<LoadOutcome, { status: 'running' | 'ok' | 'runtime-error' }> {
  if (r.type !== 'loaded' || r.outcome.status === 'parse-error') throw new Error(`not loaded: ${JSON.stringify(r)}`);
  return r.outcome;
}

/** Runs the background to its end, collecting every notice. */
function drain(h: CommandHandler, news: () => WorkerNotice | null): WorkerNotice[] {
  const out: WorkerNotice[] = [];
  for (;;) {
    const more = h.work();
    const n = news();
    if (n !== null) out.push(n);
    if (!more) break;
  }
  const last = news();
  if (last !== null) out.push(last);
  return out;
}

/** The summaries a load and its notices give, appended in order (checking that each starts where the last ended). */
function assemble(first: StepSummaries, notices: readonly WorkerNotice[]): StepSummaries {
  let steps = first;
  for (const n of notices) {
    if (n.type !== 'ran') throw new Error(`unexpected ${JSON.stringify(n)}`);
    expect(n.from).toBe(steps.text.length);
    steps = appendSummaries(steps, n.steps);
  }
  return steps;
}

describe('a load that answers early', () => {
  it('answers after its first chunk with the summaries so far; the rest follows in order; together they are the whole run', () => {
    const src = writes(120);
    const { h, send, news } = small();
    const first = loaded(send({ type: 'load', source: src }));
    expect(first.status).toBe('running');
    if (first.status !== 'running') return;
    expect(first.statements).toBe(120);
    expect(first.total).toBeGreaterThan(0);
    expect(first.total).toBeLessThan(20);
    expect(first.steps.text).toHaveLength(first.total);
    // the background waits for the load's first step to be shown: nothing gets between the two
    expect(h.busy).toBe(false);
    const zero = send({ type: 'goto', step: 0, fresh: true, events: true });
    expect(h.busy).toBe(true);
    // step 0 is the machine as configured, whatever the run has reached
    expect(zero.type === 'at' && applyDiff(null, zero.before!)).toEqual(machineAt(src, 0));
    const notices = drain(h, news) as Ran[];
    expect(notices.length).toBeGreaterThan(5);
    expect(notices.slice(0, -1).every((n) => n.end === null)).toBe(true);
    expect(notices.at(-1)!.end).toEqual({ status: 'ok' });
    expect(notices.every((n) => n.id === 1)).toBe(true);
    const all = assemble(first.steps, notices);
    const truth = whole(src);
    expect(truth.status === 'ok' && all).toEqual(truth.status === 'ok' && truth.steps);
    expect(h.busy).toBe(false);
    expect(h.news()).toBeNull();
  });

  it('a small scenario (every built-in) runs whole in the load, as before: no notice follows', () => {
    const h = new CommandHandler();
    const o = loaded(h.handle({ type: 'load', id: 1, source: writes(40) }));
    expect(o.status).toBe('ok');
    expect(h.busy).toBe(false);
    expect(h.news()).toBeNull();
  });

  it('a goto past the run drives it there: the right machine, and the news of the statements it ran first', () => {
    const src = writes(150);
    const { h, send, news } = small();
    const first = loaded(send({ type: 'load', source: src }));
    let base = applyDiff(null, (send({ type: 'goto', step: 0, fresh: true }) as Extract<WorkerReply, { type: 'at' }>).states[0]);
    h.work();
    // the loop asks for the news after each command, before the reply goes out
    const n1 = news() as Ran;
    const at = send({ type: 'goto', step: 90, events: true });
    const n2 = news() as Ran;
    expect(n2.from).toBe(n1.from + n1.steps.text.length);
    expect(n2.from + n2.steps.text.length).toBe(90);
    if (at.type !== 'at') throw new Error(at.type);
    expect(at.step).toBe(90);
    expect(at.record?.index).toBe(89);
    let m = applyDiff(base, at.before!);
    expect(m).toEqual(machineAt(src, 89));
    for (const d of at.states) m = applyDiff(m, d);
    expect(m).toEqual(machineAt(src, 90));
    base = m;
    // back, and on past the run again, not played
    const back = send({ type: 'goto', step: 30 });
    if (back.type !== 'at') throw new Error(back.type);
    base = applyDiff(base, back.states[0]);
    expect(base).toEqual(machineAt(src, 30));
    const on = send({ type: 'goto', step: 140 });
    if (on.type !== 'at') throw new Error(on.type);
    expect(applyDiff(base, on.states[0])).toEqual(machineAt(src, 140));
    const rest = assemble(first.steps, [n1, n2, ...drain(h, news)]);
    expect(rest.text).toHaveLength(150);
  });

  it('a record past the run drives it there too; past the end there is none', () => {
    const src = writes(100);
    const { h, send, news } = small();
    loaded(send({ type: 'load', source: src }));
    const r = send({ type: 'record', index: 70 });
    expect(r.type === 'record' && r.record?.text).toBe('kr = write(A, x + 0x43000, "w67")');
    expect(r.type === 'record' && r.record?.events.length).toBeGreaterThan(5);
    expect((news() as Ran).steps.text.length + 0).toBeGreaterThan(60);
    const past = send({ type: 'record', index: 100 });
    expect(past.type === 'record' && past.record).toBeNull();
    expect((news() as Ran).end).toEqual({ status: 'ok' });
    expect(h.busy).toBe(false);
  });

  it('an error at statement N is told when the run reaches it, as a whole run tells it; the timeline ends there', () => {
    const src = writes(80, ['assert x == 5', 'kr = write(A, x, "never")']);
    const truth = whole(src);
    expect(truth).toMatchObject({ status: 'runtime-error', total: 81, line: 81 });
    const { h, send, news } = small();
    const first = loaded(send({ type: 'load', source: src }));
    expect(first.status).toBe('running');
    const notices = drain(h, news) as Ran[];
    const end = notices.at(-1)!.end;
    if (truth.status !== 'runtime-error' || end === null) throw new Error('no end');
    expect(end).toEqual({ status: 'runtime-error', message: truth.message, line: truth.line, col: truth.col });
    const all = assemble(first.steps, notices);
    expect(all).toEqual(truth.steps);
    expect(all.error).toMatchObject({ index: 80, line: 81 });
    // past the failing statement: clamped to it
    const at = send({ type: 'goto', step: 82, fresh: true });
    expect(at.type === 'at' && [at.step, at.record?.error?.line]).toEqual([81, 81]);
  });

  it('an error met by a goto that drives the run: the goto stops there and the news says how the run ended', () => {
    const src = writes(60, ['assert x == 5', 'kr = write(A, x, "never")']);
    const { h, send, news } = small();
    loaded(send({ type: 'load', source: src }));
    const at = send({ type: 'goto', step: 62, fresh: true });
    expect(at.type === 'at' && at.step).toBe(61);
    const n = news() as Ran;
    expect(n.end).toMatchObject({ status: 'runtime-error', line: 61 });
    expect(n.from + n.steps.text.length).toBe(61);
    expect(h.busy).toBe(false);
  });

  it('a new load ends the old run: no more of its news, and the new one carries its own id', () => {
    const { h, send, news } = small();
    loaded(send({ type: 'load', source: writes(200) }));
    h.work();
    const second = loaded(send({ type: 'load', source: writes(100) }));
    expect(second.status).toBe('running');
    const notices = drain(h, news) as Ran[];
    expect(notices.every((n) => n.id === 2)).toBe(true);
    expect(assemble(second.steps, notices).text).toHaveLength(100);
    // a text that does not parse ends the run too
    loaded(send({ type: 'load', source: writes(200) }));
    expect(send({ type: 'load', source: 'task\n' })).toMatchObject({ type: 'loaded', outcome: { status: 'parse-error' } });
    expect(h.busy).toBe(false);
    expect(h.work()).toBe(false);
    expect(h.news()).toBeNull();
  });

  it('random scenarios, random chunk sizes, gotos between chunks: the summaries and machines of a whole run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 40 }), fc.array(fc.nat(70), { maxLength: 5 }), (seed, chunk, steps) => {
        const src = randomScenario(seed, 60);
        const truth = whole(src);
        if (truth.status === 'parse-error') return;
        const { h, send, news } = small(chunk, chunk);
        const first = loaded(send({ type: 'load', source: src }));
        const notices: WorkerNotice[] = [];
        let base: MachineSnapshot | null = null;
        for (const step of steps) {
          h.work();
          const n = news();
          if (n !== null) notices.push(n);
          const at = send({ type: 'goto', step, events: step % 2 === 0 });
          const after = news();
          if (after !== null) notices.push(after);
          if (at.type !== 'at') throw new Error(at.type);
          expect(at.step).toBe(Math.min(step, truth.total));
          if (at.before !== null) base = applyDiff(base, at.before);
          for (const d of at.states) base = applyDiff(base, d);
          expect(base).toEqual(machineAt(src, at.step));
        }
        notices.push(...drain(h, news));
        const all = first.status === 'running' ? assemble(first.steps, notices) : first.steps;
        expect(all).toEqual(truth.steps);
      }),
      { numRuns: 30 },
    );
  });
});

describe('a big text is checked after step 0 is shown, before anything runs', () => {
  const checkFirst = (lines: number) => {
    const h = new CommandHandler({ loadWork: 50, chunkWork: 50, loadCheckLines: lines });
    let id = 1;
    const send = (cmd: CommandBody) => structuredClone(h.handle({ ...cmd, id: id++ } as WorkerCommand));
    return { h, send, news: () => structuredClone(h.news()) };
  };

  it('answers with the machine as configured and nothing run; checks the rest, then runs: the summaries of a whole run', () => {
    const src = writes(150);
    const { h, send, news } = checkFirst(20);
    const first = loaded(send({ type: 'load', source: src }));
    expect(first).toMatchObject({ status: 'running', total: 0, statements: 150 });
    const zero = send({ type: 'goto', step: 0, fresh: true });
    expect(zero.type === 'at' && applyDiff(null, zero.states[0])).toEqual(machineAt(src, 0));
    expect(h.work()).toBe(true); // 50 lines checked: nothing run yet
    expect(news()).toBeNull();
    const all = assemble(first.steps, drain(h, news));
    expect(all).toEqual((whole(src) as { steps: StepSummaries }).steps);
  });

  it('a syntax error past the lines checked at load ends the run as a parse error, as parseScenario says it; nothing ran', () => {
    const src = writes(150) + 'kr = vm_allocate(A, x, 0x1000, TRUE)\n' + 'kr = write(A, x, "never")\n';
    const truth = whole(src);
    expect(truth).toMatchObject({ status: 'parse-error', line: 151 });
    const { h, send, news } = checkFirst(20);
    expect(loaded(send({ type: 'load', source: src }))).toMatchObject({ status: 'running', total: 0, statements: 152 });
    send({ type: 'goto', step: 0, fresh: true });
    const notices = drain(h, news) as Ran[];
    expect(notices).toHaveLength(1);
    const { message, line, col } = truth as { message: string; line: number; col: number };
    expect(notices[0]).toMatchObject({ from: 0, end: { status: 'parse-error', message, line, col } });
    expect(notices[0].steps.text).toHaveLength(0);
    expect(h.busy).toBe(false);
  });

  it('a goto past step 0 while the text is checked checks the rest first: with an error, it answers step 0, and the news says why', () => {
    const bad = writes(150) + 'y = $\n';
    const { h, send, news } = checkFirst(20);
    loaded(send({ type: 'load', source: bad }));
    const at = send({ type: 'goto', step: 40, fresh: true });
    expect(at.type === 'at' && [at.step, at.record]).toEqual([0, null]);
    expect(news()).toMatchObject({ type: 'ran', end: { status: 'parse-error', line: 151 } });
    expect(send({ type: 'record', index: 3 })).toMatchObject({ type: 'record', record: null });
    expect(h.busy).toBe(false);
    // and without an error, the goto runs there
    const good = writes(150);
    loaded(send({ type: 'load', source: good }));
    const on = send({ type: 'goto', step: 40, fresh: true });
    expect(on.type === 'at' && applyDiff(null, on.states[0])).toEqual(machineAt(good, 40));
  });

  it('a text over the statement limit is checked whole at load: its syntax error comes first, as in the CLI', () => {
    const { send } = checkFirst(20);
    const r = send({ type: 'load', source: 'task A\n' + 'x = 1\n'.repeat(100_001) + 'y = $\n' });
    expect(r).toMatchObject({ type: 'loaded', outcome: { status: 'parse-error', line: 100_003 } });
  });
});

describe('the run loop (the worker between commands)', () => {
  function loop(h: CommandHandler, now: () => number = () => 0) {
    const posted: WorkerMessage[] = [];
    const later: (() => void)[] = [];
    const l = new RunLoop(h, (m) => posted.push(structuredClone(m)), (f) => later.push(f), now);
    const pump = (n = Infinity) => {
      for (let i = 0; i < n && later.length > 0; i++) later.shift()!();
    };
    return { l, posted, later, pump };
  }

  it("schedules the background once the load's first step is shown, tells the news at most every NEWS_MS and at the end, and a reply waits only for the chunk running", () => {
    let t = 0;
    const h = new CommandHandler({ loadWork: 50, chunkWork: 50 });
    const { l, posted, later, pump } = loop(h, () => t);
    l.receive({ type: 'load', id: 1, source: writes(120) });
    expect(posted.map((m) => m.type)).toEqual(['loaded']);
    expect(later).toHaveLength(0); // step 0 first
    l.receive({ type: 'goto', id: 2, step: 0, fresh: true });
    expect(posted.map((m) => m.type)).toEqual(['loaded', 'at']);
    expect(later).toHaveLength(1); // one chunk at a time
    pump(3); // the clock stands still: no news yet
    expect(posted.map((m) => m.type)).toEqual(['loaded', 'at', 'ran']); // the first chunk's news goes out at once
    t += 1000;
    pump(1);
    expect(posted.map((m) => m.type)).toEqual(['loaded', 'at', 'ran', 'ran']);
    // a command between chunks: answered at once, the news of what ran before it first
    l.receive({ type: 'goto', id: 3, step: 3 });
    expect(posted.slice(-2).map((m) => m.type)).toEqual(['ran', 'at']);
    expect(later).toHaveLength(1); // still one chunk scheduled
    pump();
    const last = posted.at(-1) as Ran;
    expect(last.type === 'ran' && last.end).toEqual({ status: 'ok' });
    const first = loaded(posted[0] as WorkerReply);
    expect(assemble(first.steps, posted.filter((m): m is Ran => m.type === 'ran')).text).toHaveLength(120);
    expect(later).toHaveLength(0);
  });

  it('a goto past the run answers after the news of the statements it drove the run through', () => {
    const h = new CommandHandler({ loadWork: 50, chunkWork: 50 });
    const { l, posted } = loop(h);
    l.receive({ type: 'load', id: 1, source: writes(120) });
    l.receive({ type: 'goto', id: 2, step: 100, fresh: true });
    const [news, at] = posted.slice(-2);
    expect(news.type === 'ran' && news.from + news.steps.text.length).toBe(100);
    expect(at.type === 'at' && at.step).toBe(100);
  });

  it('a bug met in the background is told once (run-crashed, with the load id) and the run stops', () => {
    const h = new CommandHandler({ loadWork: 50, chunkWork: 50 });
    const { l, posted, pump } = loop(h);
    l.receive({ type: 'load', id: 7, source: writes(120) });
    l.receive({ type: 'goto', id: 8, step: 0, fresh: true });
    (h as unknown as { session: { runOn: () => boolean } }).session.runOn = () => {
      throw new Error('boom');
    };
    pump();
    expect(posted.at(-1)).toEqual({ type: 'run-crashed', id: 7, message: 'boom' });
    expect(h.busy).toBe(false);
  });
});

describe('step summaries in batches', () => {
  it('appending batches gives the table of the whole (indexes of outs and the error shifted)', () => {
    const s = new ScenarioSession(null);
    s.load('task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nv = 3\nkr = write(A, x, "a")\nw = v + 1\nassert w == 5\n');
    const records = s.recordsRun(0);
    const all = summarize(records);
    for (const cut of [0, 1, 3, records.length]) expect(appendSummaries(summarize(records, 0, cut), summarize(records, cut))).toEqual(all);
    expect(all.error?.index).toBe(5);
    expect(all.outs.map(([i]) => i)).toEqual([1, 2, 4]);
  });
});
