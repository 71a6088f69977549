/**
 * The scenario store (zustand): the text being edited, which built-in it came from, what the
 * worker said about it (every statement's summary), the timeline cursor, and at the cursor the
 * step's record with its events and the machine before it, after each event and after it (the
 * diagram plays them). A statement's record away from the cursor is fetched when asked for
 * (fetchRecord: the quiz asks about the next one). The UI reads it through narrow selectors and
 * never touches the kernel: every run and every step goes through the KernelClient
 * (one-way data flow: the UI never changes kernel state itself).
 *
 * Replies arrive in command order; every snapshot diff is applied in that order to the machine the
 * last reply left (the worker diffs against what it last sent), while only the newest request
 * decides what the UI shows: an older reply is applied and dropped. A crashed or hung worker is
 * replaced and the session replayed to the cursor.
 *
 * Built-ins: the store knows every lesson's name, title and goal; a lesson's text may come with it
 * (node, tests) or be fetched by `loadText` when the lesson is first opened (the browser, where the
 * texts are chunks of their own). loadBuiltin answers at once either way: false (and a banner) for
 * an unknown name; otherwise true, and the picker, the title and the timeline switch to the lesson
 * at once while its text, if not yet known, arrives. Opening anything else meanwhile wins.
 */
import { createStore } from 'zustand/vanilla';
import type { MachineSnapshot } from '../kernel/snapshot';
import type { BuiltinInfo } from '../scenario/builtins';
import type { StepRecord } from '../scenario/interpreter';
import type { KernelClient } from '../worker/client';
import type { LoadOutcome, WorkerReply } from '../worker/protocol';
import { EventStates } from './event_states';

/** A lesson in the store's list; `source` when its text is already at hand. */
export type StoreBuiltin = BuiltinInfo & { source?: string };
/** Fetches the text of the built-in `name` (the browser: a lazily loaded chunk). */
export type BuiltinTextLoader = (name: string) => Promise<string>;

const noLoader: BuiltinTextLoader = (name) => Promise.reject(new Error(`the text of "${name}" is not available`));

export interface ScenarioState {
  builtins: readonly StoreBuiltin[];
  source: string;
  /** The built-in the text came from, while it is unedited. */
  builtinName: string | null;
  loading: boolean;
  outcome: LoadOutcome | null;
  /** Statements run so far at the cursor (0 = nothing yet). */
  cursor: number;
  /** Where the user asked to be: the cursor once the worker has answered (keys pressed fast add up). */
  target: number;
  /** Statements the timeline can reach. */
  total: number;
  /** The statement just run at the cursor, with its events. */
  record: StepRecord | null;
  /** The machine at the cursor (after the step). */
  snapshot: MachineSnapshot | null;
  /** The machine before the step at the cursor and after each of its events (null with no machine; none of them when steps are not played). */
  states: EventStates | null;
  taskNames: Record<number, string>;
  /** A problem outside the scenario text (a bad link, a crashed worker), shown as a banner. */
  banner: string | null;
  /** Opens a built-in at `step`: false (and a banner) when there is none of that name. */
  loadBuiltin(name: string, step?: number): boolean;
  loadSource(source: string, step?: number): void;
  editSource(source: string): void;
  setBanner(message: string | null): void;
  /** Sends the current text to the worker and goes back to the cursor (clamped). */
  reload(step?: number): Promise<void>;
  goto(step: number): Promise<void>;
  stepForward(): Promise<void>;
  stepBack(): Promise<void>;
  runToEnd(): Promise<void>;
  reset(): Promise<void>;
  /** Stops a run that takes too long (the worker is ended; nothing is replayed). */
  stop(): void;
  /** Statement `index`'s record with its events (null past the end, or when another scenario was loaded meanwhile). */
  fetchRecord(index: number): Promise<StepRecord | null>;
}

/** Records fetched are kept for the loaded scenario, up to this many. */
const RECORD_CACHE = 64;

/**
 * Whether the UI plays the steps event by event (a speed other than 'instant', no reduced motion):
 * only then does a step bring its machines event by event (they cost the worker a snapshot an event).
 */
export type PlaysSteps = () => boolean;

export function createScenarioStore(client: KernelClient, builtins: readonly StoreBuiltin[], loadText: BuiltinTextLoader = noLoader, playsSteps: PlaysSteps = () => true) {
  /** Built-in texts known so far, by name. */
  const texts = new Map<string, string>();
  for (const b of builtins) if (b.source !== undefined) texts.set(b.name, b.source);
  /** Bumped by everything that replaces the text: a built-in's text arriving late yields to it. */
  let latestOpen = 0;
  let latestLoad = 0;
  let latestGoto = 0;
  let replaying = false;
  /** The machine the worker's next diff is made against (the last one it sent), null after a load or a crash. */
  let base: MachineSnapshot | null = null;
  /** Records fetched for the loaded scenario, by statement index. */
  const records = new Map<number, StepRecord>();
  return createStore<ScenarioState>()((set, get) => {
    /** Applies an 'at' reply (always, to stay in step with the worker's diffs); shows it if newest, drops it if not. */
    const applyAt = (reply: Extract<WorkerReply, { type: 'at' }>, ticket: number) => {
      const states = EventStates.fromReply(base, reply);
      base = states.after;
      if (ticket !== latestGoto) return;
      set({ snapshot: states.after, states, cursor: reply.step, record: reply.record, taskNames: reply.taskNames });
    };

    const crashed = async (message: string, stopped = false) => {
      base = null;
      if (stopped) {
        set({ loading: false, snapshot: null, states: null, outcome: null, total: 0, banner: 'Stopped. Your text is kept: edit it (it runs again) or pick a scenario.' });
        return;
      }
      if (replaying) {
        set({ loading: false, banner: `The simulator failed again (${message}). Your text is kept; edit it or pick a scenario to try again.` });
        return;
      }
      replaying = true;
      set({ banner: `The simulator stopped (${message}). It was restarted and replayed to where you were.`, snapshot: null, states: null });
      try {
        await get().reload(get().target);
      } finally {
        replaying = false;
      }
    };

    const gotoStep = async (step: number, fresh = false) => {
      const ticket = ++latestGoto;
      const reply = await client.send({ type: 'goto', step, fresh: fresh || base === null, events: playsSteps() });
      if (reply.type === 'crashed') return crashed(reply.message, reply.stopped === true);
      if (reply.type === 'at') applyAt(reply, ticket);
    };

    return {
      builtins,
      source: '',
      builtinName: null,
      loading: false,
      outcome: null,
      cursor: 0,
      target: 0,
      total: 0,
      record: null,
      snapshot: null,
      states: null,
      taskNames: {},
      banner: null,
      loadBuiltin(name, step = 0) {
        const b = get().builtins.find((x) => x.name === name);
        if (b === undefined) {
          set({ banner: `There is no built-in scenario named "${name}".` });
          return false;
        }
        const ticket = ++latestOpen;
        const known = texts.get(b.name);
        if (known !== undefined) {
          set({ source: known, builtinName: b.name, outcome: null, cursor: 0, target: 0 });
          void get().reload(step);
          return true;
        }
        // the lesson is chosen now (picker, title, an empty timeline); its text follows
        const before = get().builtinName;
        set({ builtinName: b.name, outcome: null, cursor: 0, target: 0, loading: true });
        loadText(b.name).then(
          (text) => {
            texts.set(b.name, text);
            if (ticket !== latestOpen) return;
            set({ source: text });
            void get().reload(step);
          },
          (e: unknown) => {
            if (ticket !== latestOpen) return;
            const why = e instanceof Error ? e.message : String(e);
            // back to the text still shown, so the timeline works again
            set({ builtinName: before, banner: `The lesson "${b.title}" could not be loaded (${why}). Check the connection and pick it again.` });
            void get().reload(0);
          },
        );
        return true;
      },
      loadSource(source, step = 0) {
        ++latestOpen;
        set({ source, builtinName: null, outcome: null, cursor: 0, target: 0 });
        void get().reload(step);
      },
      editSource(source) {
        ++latestOpen;
        set({ source, builtinName: null });
      },
      setBanner(message) {
        set({ banner: message });
      },
      async reload(step) {
        const ticket = ++latestLoad;
        records.clear();
        set({ loading: true });
        const reply = await client.send({ type: 'load', source: get().source });
        if (reply.type === 'crashed') return crashed(reply.message, reply.stopped === true);
        if (reply.type !== 'loaded') return;
        // the worker diffs against nothing after a load: our base goes too, and the records of the text before
        base = null;
        records.clear();
        set({ snapshot: null, states: null });
        if (ticket !== latestLoad) return;
        const outcome = reply.outcome;
        const total = outcome.status === 'parse-error' ? 0 : outcome.total;
        set({ loading: false, outcome, total });
        if (outcome.status === 'parse-error') {
          set({ record: null });
          return;
        }
        const to = Math.min(step ?? get().target, total);
        set({ target: to });
        await gotoStep(to, true);
      },
      goto(step) {
        if (get().outcome === null || get().outcome?.status === 'parse-error') return Promise.resolve();
        const to = Math.max(0, Math.min(get().total, step));
        set({ target: to });
        return gotoStep(to);
      },
      stepForward() {
        return get().goto(get().target + 1);
      },
      stepBack() {
        return get().goto(get().target - 1);
      },
      runToEnd() {
        return get().goto(get().total);
      },
      reset() {
        return get().goto(0);
      },
      stop() {
        client.stop?.();
      },
      async fetchRecord(index) {
        const known = records.get(index);
        if (known !== undefined) return known;
        const load = latestLoad;
        const reply = await client.send({ type: 'record', index });
        if (reply.type === 'crashed') {
          void crashed(reply.message, reply.stopped === true);
          return null;
        }
        // a load sent meanwhile answered first: this record is of the text before
        if (reply.type !== 'record' || load !== latestLoad || reply.record === null) return null;
        if (records.size >= RECORD_CACHE) records.clear();
        records.set(index, reply.record);
        return reply.record;
      },
    };
  });
}

export type ScenarioStore = ReturnType<typeof createScenarioStore>;
