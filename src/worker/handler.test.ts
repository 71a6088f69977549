/**
 * The lean protocol through the handler: a load sends summaries (no events), `at` sends the step's
 * record with the machine before it and after each event (a chain of diffs whose end is the
 * machine after the step), bounded on a giant step; `record` sends one statement's events.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MachineSnapshot } from '../kernel/snapshot';
import { loadBuiltins } from '../scenario/builtins_node';
import { isCut, SHOWN_BYTES } from '../scenario/values';
import { serialize } from 'node:v8';
import { BYTE_PAGE } from './shown_record';
import { MAX_EVENT_STATES } from './event_states';
import type { CommandBody } from './client';
import { CommandHandler } from './handler';
import type { LoadOutcome, StepSummaries, WorkerCommand, WorkerReply } from './protocol';
import { randomScenario } from './random_scenario';
import { ScenarioSession } from './session';
import { applyDiff, diffBytes } from './snapshot_diff';
import { appendSummaries, summaryAt } from './step_summary';

type At = Extract<WorkerReply, { type: 'at' }>;

function handler() {
  const h = new CommandHandler();
  let id = 1;
  const send = (cmd: CommandBody) => structuredClone(h.handle({ ...cmd, id: id++ } as WorkerCommand));
  /** Loads `source` and runs it to its end in the background: every statement's summary. */
  const load = (source: string): StepSummaries => {
    const r = send({ type: 'load', source });
    if (r.type !== 'loaded' || r.outcome.status === 'parse-error') throw new Error(`not loaded: ${JSON.stringify(r)}`);
    let steps = r.outcome.steps;
    while (h.work()) {
      // the background run, a chunk at a time
    }
    const n = h.news();
    if (n?.type === 'ran') steps = appendSummaries(steps, n.steps);
    return steps;
  };
  const goto = (step: number, fresh = false, events = true): At => {
    const r = send({ type: 'goto', step, fresh, events });
    if (r.type !== 'at') throw new Error(`expected at, got ${JSON.stringify(r)}`);
    return r;
  };
  return { send, load, goto };
}

/** The machines a reply's chain gives: before, then after each event. */
function machines(base: MachineSnapshot | null, at: At): { before: MachineSnapshot; states: MachineSnapshot[] } {
  if (at.before === null) throw new Error('the reply has no machine before the step');
  const before = applyDiff(base, at.before);
  const states: MachineSnapshot[] = [];
  let cur = before;
  for (const d of at.states) states.push((cur = applyDiff(cur, d)));
  return { before, states };
}

/** The machine after `step` statements, from a session of its own. */
function machineAt(source: string, step: number): MachineSnapshot {
  const s = new ScenarioSession(null);
  s.load(source);
  return s.goto(step)!.snapshot;
}

const WRITE = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\nv = 5\n';

describe('load: summaries only', () => {
  it('every statement of every built-in: its line, text, result, outs, assert and event count, and no events', () => {
    for (const b of loadBuiltins()) {
      const session = new ScenarioSession();
      const outcome: LoadOutcome = structuredClone(session.load(b.source));
      if (outcome.status === 'parse-error') throw new Error(b.name);
      expect(JSON.stringify(outcome), b.name).not.toContain('"events":[');
      expect(JSON.stringify(outcome), b.name).not.toContain('"type":"');
      for (let i = 0; i < outcome.total; i++) {
        const r = session.record(i)!;
        const s = summaryAt(outcome.steps, i);
        const outs = Object.fromEntries(Object.entries(r.out).filter(([k]) => k !== 'kr'));
        const shown = Object.fromEntries(Object.entries(s.outs).map(([k, v]) => [k, isCut(v) ? v.head : v]));
        expect({ ...s, outs: shown }, `${b.name} statement ${i}`).toEqual({
          index: i, line: r.line, text: r.text, kind: r.kind, kr: r.kr, outs, assert: r.assert === undefined ? null : { held: r.assert.held },
          error: r.error ?? null, events: r.events.length,
          faulted: r.events.some((e) => e.type === 'fault_begin'),
          cow: r.events.some((e) => e.type === 'cow_copy' || e.type === 'copy_push'),
          pageout: r.events.some((e) => e.type === 'pageout'),
          shootdown: r.events.some((e) => e.type === 'tlb_shootdown'),
        });
      }
    }
  });

  it('a long byte string is shown cut, with its whole length', () => {
    const { load } = handler();
    const steps = load('task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789")\nkr = read(A, x, 74, &v)\n');
    const v = summaryAt(steps, 3).outs.v;
    expect(isCut(v) && [new TextDecoder().decode(v.head), v.length]).toEqual(['0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 74]);
  });

  it('4,096 writes cost under 60 bytes a statement (16,384 of them stay under a megabyte)', () => {
    const lines = ['config frames=4096', 'task A', 'kr = vm_allocate(A, &x, 0x1000000, TRUE)'];
    for (let i = 0; lines.length < 4096; i++) lines.push(`kr = write(A, x + 0x${(i * 0x1000).toString(16)}, "w${i}")`);
    const h = new CommandHandler();
    const loaded = h.handle({ type: 'load', id: 1, source: lines.join('\n') + '\n' });
    const at = h.handle({ type: 'goto', id: 2, step: 0, fresh: true });
    const bytes = (v: unknown) => {
      let typed = 0;
      const json = JSON.stringify(v, (_k, x: unknown) => (ArrayBuffer.isView(x) ? ((typed += x.byteLength), 0) : x));
      return json.length + typed;
    };
    // the load answers early; the rest of the summaries follow, in notices of a few hundred statements each
    expect(loaded.type === 'loaded' && loaded.outcome.status).toBe('running');
    let sent = bytes(loaded) + bytes(at);
    for (;;) {
      const more = h.work();
      const n = h.news();
      if (n !== null) sent += bytes(n);
      if (!more) break;
    }
    expect(sent / 4096).toBeLessThan(60);
  });
});

describe('at: the machine before the step and after each of its events', () => {
  it('a write that faults: before, then each event in turn, ending with the machine after the step', () => {
    const { load, goto } = handler();
    load(WRITE);
    const base = machines(null, goto(2)).states.at(-1)!;
    const at = goto(3);
    expect(at.record?.events.map((e) => e.type)).toEqual(['tlb_miss', 'fault_begin', 'object_created', 'object_attached', 'frame_allocated', 'zero_fill', 'fault_end', 'pmap_enter', 'tlb_fill']);
    const { before, states } = machines(base, at);
    expect(before).toEqual(machineAt(WRITE, 2));
    expect(states).toHaveLength(9);
    expect(at.cut).toBe(false);
    // the first state is the machine before plus the first event (a TLB miss: one more miss, nothing else)
    const [a] = before.tasks;
    expect(states[0]).toEqual({ ...before, tasks: [{ ...a, tlbMisses: a.tlbMisses + 1 }] });
    // the entry has no object until object_attached; the frame is taken at frame_allocated
    expect(states[2].objects.map((o) => o.id)).toEqual([1]);
    expect(states[2].tasks[0].entries[0].object).toBe(0);
    expect(states[3].tasks[0].entries[0].object).toBe(1);
    expect(states[3].frameOwner[0]).toBe(0);
    expect(states[4].frameOwner[0]).toBe(1);
    // the TLB is filled by the last event, and the last state is the machine after the step
    expect(states[7].tlb).toEqual(before.tlb);
    expect(states[8].tlb).not.toEqual(before.tlb);
    expect(states[8]).toEqual(machineAt(WRITE, 3));
  });

  it('a step without events: one state, the machine after it; step 0: the machine as configured', () => {
    const { load, goto } = handler();
    load(WRITE);
    const zero = machines(null, goto(0));
    expect(zero.states).toHaveLength(1);
    expect(zero.states[0]).toEqual(zero.before);
    expect(zero.before).toEqual(machineAt(WRITE, 0));
    const three = machines(null, goto(3, true)).states.at(-1)!;
    const at = goto(4);
    expect(at.record?.text).toBe('v = 5');
    const { before, states } = machines(three, at);
    expect(states).toEqual([before]);
  });

  it('every step of every built-in, forward and back: the chain ends at the machine a fresh session has there', () => {
    for (const b of loadBuiltins()) {
      const { load, goto } = handler();
      const steps = load(b.source);
      const n = steps.text.length;
      const truth = new ScenarioSession(null);
      truth.load(b.source);
      const machineAt = (step: number) => truth.goto(step)!.snapshot;
      let base: MachineSnapshot | null = null;
      for (const step of [...Array.from({ length: n + 1 }, (_, i) => i), Math.floor(n / 2), 1, n]) {
        const at = goto(step);
        const { before, states } = machines(base, at);
        expect(before, `${b.name} before step ${step}`).toEqual(machineAt(Math.max(0, step - 1)));
        expect(states.length, `${b.name} step ${step}`).toBe(Math.max(1, Math.min(MAX_EVENT_STATES, at.record?.events.length ?? 0)));
        base = states.at(-1)!;
        expect(base, `${b.name} step ${step}`).toEqual(machineAt(step));
      }
    }
  });

  it('random scenarios: snapshots taken between any two events never fail, and the chain ends where the step does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const source = randomScenario(seed, 40);
        const { send, goto } = handler();
        const loaded = send({ type: 'load', source });
        if (loaded.type !== 'loaded' || loaded.outcome.status === 'parse-error') return;
        const truth = new ScenarioSession(null);
        truth.load(source);
        let base: MachineSnapshot | null = null;
        for (let step = 0; step <= loaded.outcome.total; step++) {
          const at = goto(step);
          base = machines(base, at).states.at(-1)!;
          expect(base).toEqual(truth.goto(step)!.snapshot);
        }
      }),
      { numRuns: 25 },
    );
  });

  it(`a giant step sends ${MAX_EVENT_STATES} states and says the rest share the last one`, () => {
    const pages = 700;
    const src = `config frames=1024\ntask A\nkr = vm_allocate(A, &x, 0x${(pages * 0x1000).toString(16)}, TRUE)\n` +
      Array.from({ length: pages }, (_, i) => `kr = write(A, x + 0x${(i * 0x1000).toString(16)}, "p")\n`).join('') +
      `kr = vm_deallocate(A, x, 0x${(pages * 0x1000).toString(16)})\n`;
    const { load, goto } = handler();
    const n = load(src).text.length;
    const base = machines(null, goto(n - 1)).states.at(-1)!;
    const at = goto(n);
    expect(at.record!.events.length).toBeGreaterThan(MAX_EVENT_STATES);
    expect(at.cut).toBe(true);
    expect(at.states).toHaveLength(MAX_EVENT_STATES);
    const { states } = machines(base, at);
    const after = machineAt(src, n);
    expect(states.at(-1)).toEqual(after);
    // the state before the last is still on its way: pages are still resident
    const resident = (m: MachineSnapshot) => m.frameOwner.filter((o) => o !== 0).length;
    expect(resident(states.at(-2)!)).toBeGreaterThan(0);
    expect(resident(after)).toBe(0);
    // each state is a small diff, not a machine
    expect(Math.max(...at.states.slice(0, -1).map(diffBytes))).toBeLessThan(2048);
  });
});

describe('at, for a step that is not played', () => {
  it('only the machine after the step, against what was sent, and no snapshot of each event', () => {
    const { load, goto } = handler();
    load(WRITE);
    const two = machines(null, goto(2)).states.at(-1)!;
    const at = goto(3, false, false);
    expect(at.before).toBeNull();
    expect(at.states).toHaveLength(1);
    expect(at.record?.events).toHaveLength(9);
    expect(applyDiff(two, at.states[0])).toEqual(machineAt(WRITE, 3));
    // the next played step chains on from it
    const { before, states } = machines(machineAt(WRITE, 3), goto(4));
    expect(before).toEqual(machineAt(WRITE, 3));
    expect(states).toEqual([machineAt(WRITE, 4)]);
  });
});

describe('record', () => {
  it("sends one statement's record with its events, the same as `at` sends; past the end, none", () => {
    const { load, goto, send } = handler();
    load(WRITE);
    const r = send({ type: 'record', index: 2 });
    expect(r.type === 'record' && r.record).toEqual(goto(3).record);
    expect(r.type === 'record' && r.record?.events).toHaveLength(9);
    const past = send({ type: 'record', index: 4 });
    expect(past.type === 'record' && past.record).toBeNull();
  });

  it('does not move the machine: the next `at` diffs against what was sent', () => {
    const { load, goto, send } = handler();
    load(WRITE);
    const two = machines(null, goto(2)).states.at(-1)!;
    send({ type: 'record', index: 0 });
    const { states } = machines(two, goto(3));
    expect(states.at(-1)).toEqual(machineAt(WRITE, 3));
  });
});

describe('a bug in the simulator', () => {
  it('answers crashed, and the next goto starts from nothing', () => {
    const { load, send, goto } = handler();
    expect(send({ type: 'goto', step: 1 })).toMatchObject({ type: 'crashed', message: 'no scenario is loaded' });
    load(WRITE);
    expect(goto(1).before?.fromEmpty).toBeDefined();
  });
});

describe('huge values travel cut; more is asked for a page at a time', () => {
  const BIG = 'task A\nkr = vm_allocate(A, &x, 0x1000000, TRUE)\nkr = write(A, x + 0x3fe, "MORE")\nkr = read(A, x, 0x1000000, &v)\nw = v\nassert w != v\n';

  it('the record of a step (at, record) carries every byte string cut to SHOWN_BYTES with its length: its values are a few KB', () => {
    const { load, send } = handler();
    load(BIG);
    for (const step of [4, 5, 6]) {
      const at = send({ type: 'goto', step });
      if (at.type !== 'at' || at.record === null) throw new Error('no record');
      // (its events are the read's page-ins and page-outs: the work budget bounds them, not the value)
      expect(serialize({ ...at.record, events: [] }).length, `step ${step}`).toBeLessThan(4096);
    }
    const at = send({ type: 'goto', step: 5 });
    if (at.type !== 'at' || at.record === null) throw new Error('no record');
    const w = at.record.out.w;
    expect(isCut(w) && [w.head.length, w.length]).toEqual([SHOWN_BYTES, 16 * 1024 * 1024]);
    const s = at.record.statement;
    expect(s.kind === 'assign' && isCut(s.value)).toBe(true);
    const rec = send({ type: 'record', index: 5 });
    if (rec.type !== 'record' || rec.record === null) throw new Error('no record');
    expect(isCut(rec.record.assert!.left) && isCut(rec.record.assert!.right)).toBe(true);
  });

  it('bytes gives BYTE_PAGE bytes of a variable a statement set, from an offset, with the whole length', () => {
    const { load, send } = handler();
    load(BIG);
    const page = (offset: number) => {
      const r = send({ type: 'bytes', index: 3, name: 'v', offset });
      if (r.type !== 'bytes') throw new Error(r.type);
      return r;
    };
    const first = page(0);
    expect(first.length).toBe(16 * 1024 * 1024);
    expect(first.bytes!.length).toBe(BYTE_PAGE);
    expect(new TextDecoder().decode(first.bytes!.subarray(0x3fe))).toBe('MO');
    expect(new TextDecoder().decode(page(BYTE_PAGE).bytes!.subarray(0, 2))).toBe('RE');
    expect(page(16 * 1024 * 1024 - 10).bytes!.length).toBe(10);
    expect(page(16 * 1024 * 1024).bytes!.length).toBe(0);
    const none = send({ type: 'bytes', index: 3, name: 'nothing', offset: 0 });
    expect(none.type === 'bytes' && none.bytes).toBeNull();
    const kr = send({ type: 'bytes', index: 3, name: 'kr', offset: 0 });
    expect(kr.type === 'bytes' && kr.bytes).toBeNull();
  });
});
