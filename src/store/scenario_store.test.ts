import { describe, expect, it } from 'vitest';
import { createScenarioStore, QUEUED_STEPS_MAX } from './scenario_store';
import { CommandHandler } from '../worker/handler';
import { ScenarioSession } from '../worker/session';
import { inProcessClient, type KernelClient } from '../worker/client';
import type { Builtin } from '../scenario/builtins';
import type { WorkerCommand } from '../worker/protocol';
import { summaryAt } from '../worker/step_summary';

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\ntask B = fork(A)\nkr = write(B, x, "yo")\nassert x == 0x1000\n';
const builtins: Builtin[] = [{ name: 'one', title: 'One', goal: 'g', source: SRC }];

function fresh(): KernelClient {
  const h = new CommandHandler();
  return inProcessClient((c) => h.handle(c));
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('scenario store', () => {
  it("sets a load's total (which enables the timeline) only with its first step's machine: the counter never runs ahead of the picture", async () => {
    const store = createScenarioStore(fresh(), builtins);
    const seen: string[] = [];
    store.subscribe((s) => void (s.total > 0 && seen.push(s.snapshot === null ? 'total without a machine' : 'total with its machine')));
    store.getState().loadSource(SRC, 3);
    await settle();
    expect(store.getState().total).toBe(6);
    expect(store.getState().cursor).toBe(3);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain('total without a machine');
  });

  it('loads a built-in: every record is known, the cursor starts at 0 with an empty machine', async () => {
    const store = createScenarioStore(fresh(), builtins);
    expect(store.getState().loadBuiltin('one')).toBe(true);
    await settle();
    const s = store.getState();
    expect(s.outcome?.status).toBe('ok');
    expect(s.total).toBe(6);
    expect(s.cursor).toBe(0);
    expect(s.record).toBeNull();
    expect(s.snapshot?.tasks).toEqual([]);
  });

  it('steps asked for in quick succession add up (the target moves before the worker answers)', async () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().loadBuiltin('one');
    await settle();
    const a = store.getState().stepForward();
    const b = store.getState().stepForward();
    const c = store.getState().stepForward();
    await Promise.all([a, b, c]);
    expect(store.getState().cursor).toBe(3);
    expect(store.getState().record?.text).toBe('kr = write(A, x, "hi")');
  });

  it('steps forward and back; the snapshot follows (diffs applied in order)', async () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().loadBuiltin('one');
    await settle();
    await store.getState().stepForward();
    await store.getState().stepForward();
    let s = store.getState();
    expect(s.cursor).toBe(2);
    expect(s.record?.text).toBe('kr = vm_allocate(A, &x, 0x2000, TRUE)');
    expect(s.snapshot?.tasks[0].entries.map((e) => [e.start, e.end])).toEqual([[0x1000, 0x3000]]);
    await store.getState().runToEnd();
    s = store.getState();
    expect(s.cursor).toBe(6);
    expect(s.snapshot?.tasks.map((t) => t.name)).toEqual(['A', 'B']);
    expect(s.snapshot?.tasks[1].cowFaults).toBe(1);
    await store.getState().stepBack();
    await store.getState().stepBack();
    s = store.getState();
    expect(s.cursor).toBe(4);
    expect(s.snapshot?.tasks[1].cowFaults).toBe(0); // the child has not written yet
    await store.getState().reset();
    expect(store.getState().snapshot?.tasks).toEqual([]);
    await store.getState().goto(99);
    expect(store.getState().cursor).toBe(6); // clamped
  });

  it('opens at a given step (a link with &step=N)', async () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().loadBuiltin('one', 3);
    await settle();
    expect(store.getState().cursor).toBe(3);
    expect(store.getState().snapshot?.frameOwner.some((o) => o !== 0)).toBe(true);
  });

  it('names an unknown built-in in a banner and keeps the text', () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().editSource('task Z\n');
    expect(store.getState().loadBuiltin('nope')).toBe(false);
    expect(store.getState().banner).toContain('"nope"');
    expect(store.getState().source).toBe('task Z\n');
  });

  it('a parse error is an outcome with its line and column; the timeline is empty', async () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().loadSource('task A\nkr = vm_allocate(A, x, 1, TRUE)\n');
    await settle();
    const o = store.getState().outcome;
    expect(o?.status === 'parse-error' && [o.line, o.col]).toEqual([2, 21]);
    expect(store.getState().total).toBe(0);
  });

  it('an edit that does not parse keeps the last good run drawn, stale, at its step; the text that parses again goes back there', async () => {
    const store = createScenarioStore(fresh(), builtins);
    const good = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\nkr = read(A, x, 2, &v)\n';
    store.getState().loadSource(good);
    await settle();
    await store.getState().goto(3);
    const drawn = store.getState().snapshot;
    expect(drawn).not.toBeNull();
    store.getState().editSource(good.replace('&v)', 'v)'));
    await store.getState().reload();
    const s = store.getState();
    expect(s.outcome).toMatchObject({ status: 'parse-error', line: 4 });
    expect(s.stale).toBe(true);
    expect(s.snapshot).toBe(drawn);
    expect(s.record?.index).toBe(2);
    expect([s.cursor, s.total]).toEqual([3, 4]);
    await s.goto(1); // the timeline waits for the text to parse
    expect(store.getState().cursor).toBe(3);
    store.getState().editSource(good.replace('"hi"', '"ho"'));
    await store.getState().reload();
    expect(store.getState().stale).toBe(false);
    expect(store.getState().cursor).toBe(3);
    expect(store.getState().outcome?.status).toBe('ok');
    // a text opened (not edited) that does not parse shows no machine
    store.getState().loadSource('task A\nkr = vm_allocate(A, x, 1, TRUE)\n');
    await settle();
    expect(store.getState().stale).toBe(false);
    expect(store.getState().snapshot).toBeNull();
    expect(store.getState().total).toBe(0);
  });

  it('a crashed worker is replaced and the session replayed to the cursor; the text is kept', async () => {
    let h = new CommandHandler();
    let crashNext = false;
    const client = inProcessClient((c: WorkerCommand) => {
      if (crashNext) {
        crashNext = false;
        h = new CommandHandler(); // the new worker knows nothing
        return { type: 'crashed', id: c.id, message: 'boom' };
      }
      return h.handle(c);
    });
    const store = createScenarioStore(client, builtins);
    store.getState().loadBuiltin('one');
    await settle();
    await store.getState().goto(4);
    crashNext = true;
    await store.getState().stepForward();
    await settle();
    const s = store.getState();
    expect(s.banner).toContain('boom');
    expect(s.banner).toContain('restarted');
    expect(s.cursor).toBe(5); // replayed to where the user was going
    expect(s.snapshot?.tasks.map((t) => t.name)).toEqual(['A', 'B']);
    expect(s.snapshot?.tasks[1].cowFaults).toBe(1);
    expect(s.source).toBe(SRC);
    await store.getState().stepForward();
    expect(store.getState().cursor).toBe(6);
  });
});

describe('scenario store: the lean protocol', () => {
  it('a load brings summaries (no events); the step at the cursor brings its record and its machines event by event', async () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().loadBuiltin('one');
    await settle();
    const o = store.getState().outcome;
    expect(o?.status === 'ok' && summaryAt(o.steps, 4)).toMatchObject({ text: 'kr = write(B, x, "yo")', kr: 0, cow: true, faulted: true });
    expect(JSON.stringify(o)).not.toContain('"events":[');
    await store.getState().goto(4);
    const before = store.getState().snapshot;
    await store.getState().stepForward();
    const s = store.getState();
    expect(s.record?.text).toBe('kr = write(B, x, "yo")');
    expect(s.record?.events.length).toBeGreaterThan(5);
    expect(s.states?.count).toBe(s.record?.events.length);
    expect(s.states?.after).toBe(s.snapshot);
    expect(s.states?.before).toEqual(before);
    // while the step plays, the diagram can show the machine before its copy: the child's page is not yet its own
    const copied = s.record!.events.findIndex((e) => e.type === 'cow_copy');
    expect(s.states?.afterEvent(0).tasks[1].cowFaults).toBe(0);
    expect(s.states?.afterEvent(copied - 1).frameOwner).not.toEqual(before!.frameOwner); // the frame is taken first
    expect(s.snapshot!.tasks[1].cowFaults).toBe(1);
  });

  it('steps that are not played (speed instant, reduced motion) come without their machines event by event', async () => {
    const sent: WorkerCommand[] = [];
    const h = new CommandHandler();
    let plays = false;
    const client = inProcessClient((c: WorkerCommand) => {
      sent.push(c);
      return h.handle(c);
    });
    const store = createScenarioStore(client, builtins, undefined, () => plays);
    store.getState().loadBuiltin('one', 4);
    await settle();
    await store.getState().stepForward();
    let s = store.getState();
    expect(sent.at(-1)).toMatchObject({ type: 'goto', step: 5, events: false });
    expect(s.states?.count).toBe(0);
    expect(s.states?.before).toBe(s.snapshot);
    expect(s.snapshot?.tasks[1].cowFaults).toBe(1);
    plays = true;
    await store.getState().stepBack();
    await store.getState().stepForward();
    s = store.getState();
    expect(s.states?.count).toBe(s.record?.events.length);
    expect(s.states?.before.tasks[1].cowFaults).toBe(0);
    expect(s.snapshot?.tasks[1].cowFaults).toBe(1);
  });

  it('of replies to steps asked for quickly, only the newest is shown: an older one is applied, then dropped', async () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().loadBuiltin('one');
    await settle();
    const shown: number[] = [];
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.snapshot !== prev.snapshot) shown.push(s.cursor);
    });
    await Promise.all([store.getState().goto(2), store.getState().goto(5)]);
    unsubscribe();
    expect(shown).toEqual([5]);
    const truth = createScenarioStore(fresh(), builtins);
    truth.getState().loadBuiltin('one', 5);
    await settle();
    expect(store.getState().snapshot).toEqual(truth.getState().snapshot);
  });

  it("fetches a statement's record with its events on demand; one asked for before another text loads comes back empty", async () => {
    const sent: string[] = [];
    const h = new CommandHandler();
    const store = createScenarioStore(
      inProcessClient((c: WorkerCommand) => {
        sent.push(c.type);
        return h.handle(c);
      }),
      builtins,
    );
    store.getState().loadBuiltin('one');
    await settle();
    const fork = await store.getState().fetchRecord(3);
    expect(fork?.text).toBe('task B = fork(A)');
    expect(fork?.events.some((e) => e.type === 'task_created')).toBe(true);
    sent.length = 0;
    expect(await store.getState().fetchRecord(3)).toBe(fork); // kept
    expect(sent).toEqual([]);
    expect(await store.getState().fetchRecord(99)).toBeNull();

    const stale = store.getState().fetchRecord(1);
    store.getState().loadSource('task Q\n');
    expect(await stale).toBeNull();
    await settle();
    expect((await store.getState().fetchRecord(0))?.text).toBe('task Q');
  });

  it('a worker that crashes while a record is fetched is replaced and replayed', async () => {
    let h = new CommandHandler();
    let crashOn: string | null = null;
    const client = inProcessClient((c: WorkerCommand) => {
      if (c.type === crashOn) {
        crashOn = null;
        h = new CommandHandler();
        return { type: 'crashed', id: c.id, message: 'boom' };
      }
      return h.handle(c);
    });
    const store = createScenarioStore(client, builtins);
    store.getState().loadBuiltin('one', 2);
    await settle();
    crashOn = 'record';
    expect(await store.getState().fetchRecord(2)).toBeNull();
    await settle();
    expect(store.getState().banner).toContain('restarted');
    expect(store.getState().cursor).toBe(2);
    expect((await store.getState().fetchRecord(2))?.events.length).toBeGreaterThan(0);
  });
});

describe('scenario store: built-in texts loaded on demand (the browser)', () => {
  const index = [
    { name: 'one', title: 'One', goal: 'g' },
    { name: 'two', title: 'Two', goal: 'h' },
  ];
  const TWO = 'task T\nkr = vm_allocate(T, &x, 0x1000, TRUE)\n';

  /** A loader whose answers the test releases by hand; it counts its calls. */
  function manualLoader() {
    const pending: { name: string; resolve: (t: string) => void; reject: (e: Error) => void }[] = [];
    const loader = (name: string) => new Promise<string>((resolve, reject) => pending.push({ name, resolve, reject }));
    return { loader, pending };
  }

  it('answers at once: the lesson is chosen now, its text and timeline follow; a second open uses the cached text', async () => {
    const { loader, pending } = manualLoader();
    const store = createScenarioStore(fresh(), index, loader);
    expect(store.getState().loadBuiltin('one', 2)).toBe(true);
    let s = store.getState();
    expect(s.builtinName).toBe('one');
    expect(s.loading).toBe(true);
    expect(s.source).toBe('');
    expect(pending.map((p) => p.name)).toEqual(['one']);
    pending[0].resolve(SRC);
    await settle();
    s = store.getState();
    expect(s.source).toBe(SRC);
    expect(s.total).toBe(6);
    expect(s.cursor).toBe(2);
    store.getState().loadSource(TWO);
    await settle();
    expect(store.getState().loadBuiltin('one')).toBe(true);
    expect(store.getState().source).toBe(SRC); // synchronously, from the cache
    expect(pending.length).toBe(1);
  });

  it('an unknown name is refused synchronously, without a fetch', () => {
    const { loader, pending } = manualLoader();
    const store = createScenarioStore(fresh(), index, loader);
    expect(store.getState().loadBuiltin('nope')).toBe(false);
    expect(store.getState().banner).toContain('"nope"');
    expect(pending.length).toBe(0);
  });

  it('what was opened last wins over a text that arrives late', async () => {
    const { loader, pending } = manualLoader();
    const store = createScenarioStore(fresh(), index, loader);
    store.getState().loadBuiltin('one');
    store.getState().loadBuiltin('two');
    pending[1].resolve(TWO);
    await settle();
    pending[0].resolve(SRC); // late: 'two' was asked for after it
    await settle();
    expect(store.getState().builtinName).toBe('two');
    expect(store.getState().source).toBe(TWO);
    expect(store.getState().total).toBe(2);

    store.getState().loadBuiltin('one'); // cached now: immediate
    expect(store.getState().source).toBe(SRC);
    const { loader: l2, pending: p2 } = manualLoader();
    const other = createScenarioStore(fresh(), index, l2);
    other.getState().loadBuiltin('two');
    other.getState().loadSource('task Q\n'); // a link's own text, opened meanwhile
    p2[0].resolve(TWO);
    await settle();
    expect(other.getState().source).toBe('task Q\n');
    expect(other.getState().builtinName).toBeNull();
  });

  it('a text that cannot be fetched is reported; the text shown before stays usable', async () => {
    const { loader, pending } = manualLoader();
    const store = createScenarioStore(fresh(), index, loader);
    store.getState().loadSource(TWO);
    await settle();
    store.getState().loadBuiltin('one');
    pending[0].reject(new Error('network down'));
    await settle();
    const s = store.getState();
    expect(s.banner).toContain('"One" could not be loaded (network down)');
    expect(s.builtinName).toBeNull();
    expect(s.source).toBe(TWO);
    expect(s.total).toBe(2);
    await s.stepForward();
    expect(store.getState().cursor).toBe(1);
  });

  it('a step forward asked for while a lesson opens is queued and taken once its first step is shown (a clicker press is not lost)', async () => {
    const { loader, pending } = manualLoader();
    const store = createScenarioStore(fresh(), index, loader);
    store.getState().loadBuiltin('one');
    expect(store.getState().total).toBe(0); // no timeline yet: Step forward itself would do nothing
    expect(store.getState().queueMove('forward')).toBe(true);
    pending[0].resolve(SRC);
    await settle();
    expect(store.getState().cursor).toBe(1);
    expect(store.getState().record?.text).toBe('task A');
    // opened: nothing is queued any more (a key then steps as usual)
    expect(store.getState().queueMove('forward')).toBe(false);
  });

  it("steps queued while the text is known but the worker's first answer is on its way add up, from the link's step, at most QUEUED_STEPS_MAX", async () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().loadBuiltin('one', 1);
    expect(store.getState().queueMove('forward')).toBe(true);
    expect(store.getState().queueMove('forward')).toBe(true);
    await settle();
    expect(store.getState().cursor).toBe(3);
    const many = createScenarioStore(fresh(), builtins);
    many.getState().loadBuiltin('one');
    for (let i = 0; i < QUEUED_STEPS_MAX + 5; i++) many.getState().queueMove('forward');
    await settle();
    expect(many.getState().cursor).toBe(Math.min(6, QUEUED_STEPS_MAX)); // clamped to the total (6) as keys are
  });

  it('Step back, Home and End asked for while a lesson opens are queued too and taken in the order asked, from the link\'s step', async () => {
    const { loader, pending } = manualLoader();
    const store = createScenarioStore(fresh(), index, loader);
    store.getState().loadBuiltin('one', 2);
    for (const move of ['end', 'back', 'back'] as const) expect(store.getState().queueMove(move)).toBe(true);
    pending[0].resolve(SRC);
    await settle();
    expect(store.getState().total).toBe(6);
    expect(store.getState().cursor).toBe(4); // End (6), then two steps back
    const again = createScenarioStore(fresh(), builtins);
    again.getState().loadBuiltin('one', 3);
    for (const move of ['forward', 'start', 'forward'] as const) again.getState().queueMove(move);
    await settle();
    expect(again.getState().cursor).toBe(1); // 3 → 4, Home → 0, → 1
    // opened: Step back is not queued any more
    expect(again.getState().queueMove('back')).toBe(false);
  });

  it('a lesson that could not be fetched, or a text that does not parse, drops the queued steps', async () => {
    const { loader, pending } = manualLoader();
    const store = createScenarioStore(fresh(), index, loader);
    store.getState().loadSource(TWO);
    await settle();
    store.getState().loadBuiltin('one');
    store.getState().queueMove('forward');
    pending[0].reject(new Error('network down'));
    await settle();
    expect(store.getState().cursor).toBe(0); // the text still shown is not stepped for the lesson that failed
    store.getState().loadSource('task A\nkr = (\n');
    store.getState().queueMove('forward');
    await settle();
    expect(store.getState().outcome?.status).toBe('parse-error');
    store.getState().loadSource(TWO);
    await settle();
    expect(store.getState().cursor).toBe(0);
  });
});

describe('scenario store: a banner goes when its cause does', () => {
  it('a link that could not be opened: gone once the text is edited, a lesson or a file is opened', async () => {
    const store = createScenarioStore(fresh(), builtins);
    for (const fix of [(st: typeof store) => st.getState().editSource('task A\n'), (st: typeof store) => st.getState().loadBuiltin('one'), (st: typeof store) => st.getState().loadSource('task B\n')]) {
      store.getState().setBanner('This link could not be opened: the link is damaged.');
      fix(store);
      expect(store.getState().banner).toBeNull();
    }
    await settle();
  });

  it('an unknown lesson keeps its banner (nothing else was opened); a crash banner stays through its own replay', async () => {
    const store = createScenarioStore(fresh(), builtins);
    store.getState().loadSource(SRC);
    await settle();
    expect(store.getState().loadBuiltin('nope')).toBe(false);
    expect(store.getState().banner).toContain('"nope"');
    await store.getState().reload();
    expect(store.getState().banner).toContain('"nope"');
  });
});

describe('scenario store: skipping quiet steps', () => {
  // steps 1 config, 2 task, 3 call, 4 assign, 5 assert, 6 assert, 7 call, 8 assert
  const QUIET = 'config frames=16\ntask A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\ny = x + 1\nassert kr == KERN_SUCCESS\nassert y == x + 1\nkr = write(A, x, "hi")\nassert kr == 0\n';

  it('when asked to, step forward and back go from loud step to loud step; the cursor is the true step number', async () => {
    let skip = true;
    const store = createScenarioStore(fresh(), builtins, undefined, undefined, () => skip);
    store.getState().loadSource(QUIET);
    await settle();
    const forward: number[] = [];
    for (let i = 0; i < 4; i++) {
      await store.getState().stepForward();
      forward.push(store.getState().cursor);
    }
    expect(forward).toEqual([2, 3, 7, 8]); // the config line, the assignment and the asserts skipped; the last step reached
    expect(store.getState().record?.text).toBe('assert kr == 0');
    const back: number[] = [];
    for (let i = 0; i < 4; i++) {
      await store.getState().stepBack();
      back.push(store.getState().cursor);
    }
    expect(back).toEqual([7, 3, 2, 0]);
    skip = false; // turned off: one step at a time again
    await store.getState().stepForward();
    await store.getState().stepForward();
    expect(store.getState().cursor).toBe(2);
  });

  it('keys pressed fast skip from the step asked for, not the one still shown', async () => {
    const store = createScenarioStore(fresh(), builtins, undefined, undefined, () => true);
    store.getState().loadSource(QUIET);
    await settle();
    const a = store.getState().stepForward();
    const b = store.getState().stepForward();
    const c = store.getState().stepForward();
    await Promise.all([a, b, c]);
    expect(store.getState().cursor).toBe(7);
  });
});

describe('scenario store: Stop', () => {
  it('a stopped run is not replayed; the text is kept and a banner says so', async () => {
    let calls = 0;
    const client: KernelClient = {
      send: async (cmd) => {
        calls++;
        return { type: 'crashed', id: 1, message: 'stopped', stopped: true, ...(cmd.type === 'load' ? {} : {}) };
      },
    };
    const store = createScenarioStore(client, builtins);
    store.getState().loadSource('task A\n');
    await settle();
    expect(calls).toBe(1); // no replay
    expect(store.getState().banner).toContain('Stopped');
    expect(store.getState().source).toBe('task A\n');
    expect(store.getState().loading).toBe(false);
  });
});

describe('scenario store: a big scenario runs on after its load', () => {
  /** `n` statements: a task, an allocation, then writes; `extra` lines after them. */
  const writes = (n: number, extra: string[] = []) => {
    const lines = ['config frames=256', 'task A', 'kr = vm_allocate(A, &x, 0x100000, TRUE)'];
    for (let i = 0; lines.length < n; i++) lines.push(`kr = write(A, x + 0x${((i % 200) * 0x1000).toString(16)}, "w${i}")`);
    return [...lines, ...extra].join('\n') + '\n';
  };
  /** A worker in-process with its background run (small chunks, on timers). */
  const background = () => inProcessClient(new CommandHandler({ loadWork: 50, chunkWork: 50 }));
  async function until(what: () => boolean): Promise<void> {
    for (let i = 0; i < 2000 && !what(); i++) await new Promise((r) => setTimeout(r, 0));
    expect(what()).toBe(true);
  }

  it('shows step 0 with the statements run so far; the rest arrive in order; then the outcome is whole', async () => {
    const store = createScenarioStore(background(), builtins);
    const seen: number[] = [];
    store.subscribe((s) => {
      if (s.outcome?.status === 'running') seen.push(s.outcome.total);
    });
    store.getState().loadSource(writes(120));
    await until(() => store.getState().snapshot !== null);
    let s = store.getState();
    expect(s.outcome?.status).toBe('running');
    expect(s.total).toBe(120); // the timeline spans the program meanwhile
    expect(s.running?.of).toBe(120);
    expect(s.running!.ran).toBeLessThan(120);
    expect(s.cursor).toBe(0);
    await until(() => store.getState().running === null);
    s = store.getState();
    expect(s.outcome?.status).toBe('ok');
    expect(s.outcome?.status === 'ok' && s.outcome.total).toBe(120);
    expect(s.total).toBe(120);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(s.outcome).toEqual(new ScenarioSession(null).load(writes(120)));
  });

  it('a step past the statements run is shown when the worker gets there (End while it runs)', async () => {
    const store = createScenarioStore(background(), builtins);
    store.getState().loadSource(writes(150));
    await until(() => store.getState().snapshot !== null);
    expect(store.getState().running).not.toBeNull();
    await store.getState().runToEnd();
    const s = store.getState();
    expect(s.cursor).toBe(150);
    expect(s.record?.text).toBe('kr = write(A, x + 0x92000, "w146")');
    // the summaries up to the cursor came first
    expect(s.outcome?.status !== 'parse-error' && s.outcome!.total).toBe(150);
    expect(s.snapshot?.tasks[0].entries[0].object).toBeGreaterThan(0);
  });

  it('a runtime error found later shrinks the timeline to it and says so, as a whole run does', async () => {
    const src = writes(100, ['assert x == 5', 'kr = write(A, x, "never")']);
    const store = createScenarioStore(background(), builtins);
    store.getState().loadSource(src, 102);
    await until(() => store.getState().running === null && store.getState().snapshot !== null);
    const s = store.getState();
    expect(s.outcome).toMatchObject({ status: 'runtime-error', line: 101, total: 101 });
    expect(s.total).toBe(101);
    expect(s.target).toBe(101);
    expect(s.cursor).toBe(101);
    expect(s.outcome).toEqual(new ScenarioSession(null).load(src));
  });

  it('a big text with a syntax error far down: step 0 first, then the parse error as always (no timeline, no machine)', async () => {
    const src = writes(150, ['kr = vm_allocate(A, x, 0x1000, TRUE)']);
    const store = createScenarioStore(inProcessClient(new CommandHandler({ loadWork: 50, chunkWork: 50, loadCheckLines: 20 })), builtins);
    store.getState().loadSource(src);
    await until(() => store.getState().snapshot !== null);
    expect(store.getState().outcome).toMatchObject({ status: 'running', total: 0, statements: 151 });
    await until(() => store.getState().running === null);
    const s = store.getState();
    expect(s.outcome).toEqual(new ScenarioSession(null).load(src));
    expect(s.outcome).toMatchObject({ status: 'parse-error', line: 151 });
    expect([s.total, s.cursor, s.target, s.snapshot, s.record]).toEqual([0, 0, 0, null, null]);
    await s.goto(5); // nothing to go to
    expect(store.getState().snapshot).toBeNull();
  });

  it("a newer load's outcome is not mixed with the older run's news", async () => {
    const store = createScenarioStore(background(), builtins);
    store.getState().loadSource(writes(200));
    store.getState().loadSource(writes(90));
    await until(() => store.getState().running === null && store.getState().outcome?.status === 'ok');
    const o = store.getState().outcome;
    expect(o?.status === 'ok' && o.total).toBe(90);
    expect(store.getState().total).toBe(90);
  });

  it('Stop ends the background run: nothing is replayed, the text is kept', async () => {
    let stopped = 0;
    const inner = background();
    const client: KernelClient = { ...inner, stop: () => stopped++ };
    const store = createScenarioStore(client, builtins);
    store.getState().loadSource(writes(200));
    await until(() => store.getState().snapshot !== null);
    expect(store.getState().running).not.toBeNull();
    store.getState().stop();
    await settle();
    const s = store.getState();
    expect(stopped).toBe(1);
    expect(s.running).toBeNull();
    expect(s.outcome).toBeNull();
    expect(s.banner).toContain('Stopped');
    expect(s.source).toBe(writes(200));
  });

  it('after Stop at step 6 nothing of that run is left: step 0 / 0, no statement, no machine; an edit runs it again and takes the banner away', async () => {
    const inner = background();
    const store = createScenarioStore({ ...inner, stop: () => undefined }, builtins);
    store.getState().loadSource(writes(200));
    await until(() => store.getState().snapshot !== null);
    await store.getState().goto(6);
    expect(store.getState().cursor).toBe(6);
    expect(store.getState().record).not.toBeNull();
    store.getState().stop();
    await settle();
    let s = store.getState();
    // the issue: "step 6 / 0" and the narration of step 6 stayed
    expect([s.cursor, s.target, s.total]).toEqual([0, 0, 0]);
    expect([s.record, s.snapshot, s.states, s.outcome, s.running]).toEqual([null, null, null, null, null]);
    expect(s.taskNames).toEqual({});
    expect(s.stopped).toBe(true);
    // a run started again another way (the editor's timer, a replay) takes the Stopped banner away too
    store.getState().setBanner('Stopped. Your text is kept: edit it (it runs again) or pick a scenario.');
    const again = store.getState().reload();
    expect(store.getState().banner).toBeNull();
    await again;
    store.getState().stop();
    await settle();
    expect(store.getState().stopped).toBe(true);
    s = store.getState();
    s.editSource(writes(20));
    expect(store.getState().banner).toBeNull();
    await store.getState().reload();
    await until(() => store.getState().running === null && store.getState().outcome?.status === 'ok');
    s = store.getState();
    expect(s.stopped).toBe(false);
    expect(s.total).toBe(20);
  });
});

describe('scenario store: a lesson changed keeps where it came from', () => {
  const two: Builtin[] = [...builtins, { name: 'two', title: 'Two', goal: 'h', source: 'task T\n' }];

  it('an edit keeps the lesson as origin (builtinName goes): back opens the lesson again at the step it was left at', async () => {
    const store = createScenarioStore(fresh(), two);
    store.getState().loadBuiltin('one', 3);
    await settle();
    expect(store.getState()).toMatchObject({ builtinName: 'one', origin: 'one', edited: false });
    store.getState().editSource(SRC.replace('"yo"', '"hey"'));
    await store.getState().reload(5);
    expect(store.getState()).toMatchObject({ builtinName: null, origin: 'one', originStep: 3, edited: true, cursor: 5 });
    // a second edit, at another step, does not move the way back
    store.getState().editSource(`${store.getState().source}assert x == 0x1000\n`);
    expect(store.getState()).toMatchObject({ origin: 'one', originStep: 3 });
    expect(store.getState().backToLesson()).toBe(true);
    await settle();
    expect(store.getState()).toMatchObject({ builtinName: 'one', origin: 'one', source: SRC, total: 6, cursor: 3, edited: false });
  });

  it("an edit that gives the lesson's text back makes it the lesson again", () => {
    const store = createScenarioStore(fresh(), two);
    store.getState().loadBuiltin('one');
    store.getState().editSource(`${SRC}# more\n`);
    expect(store.getState().builtinName).toBeNull();
    store.getState().editSource(SRC);
    expect(store.getState()).toMatchObject({ builtinName: 'one', origin: 'one', edited: false });
  });

  it('another text opened (a file, a link) has no origin: back does nothing; another lesson is its own origin', async () => {
    const store = createScenarioStore(fresh(), two);
    store.getState().loadBuiltin('one');
    store.getState().editSource(`${SRC}# more\n`);
    store.getState().loadSource('task Z\n');
    expect(store.getState()).toMatchObject({ builtinName: null, origin: null });
    expect(store.getState().backToLesson()).toBe(false);
    store.getState().loadBuiltin('two');
    expect(store.getState()).toMatchObject({ builtinName: 'two', origin: 'two' });
    await settle();
  });

  it("a draft of a changed lesson (a reload of the lesson's link) is opened with its origin, a known lesson only", async () => {
    const store = createScenarioStore(fresh(), two);
    store.getState().loadSource(`${SRC}# more\n`, 2, 'one');
    expect(store.getState()).toMatchObject({ builtinName: null, origin: 'one', originStep: 2 });
    store.getState().loadSource('task Z\n', 0, 'nope');
    expect(store.getState().origin).toBeNull();
    await settle();
  });
});
