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
 * A big scenario's load answers before it has all run (outcome 'running'): the summaries of the
 * rest arrive as the worker's `ran` notices and are appended, until the last says how the run
 * ended. Meanwhile `total` is the program's statement count (the timeline's end: a step past the
 * statements run makes the worker run up to it) and `ran` how many have run; when the run ends,
 * `total` becomes the statements that ran (fewer when one failed) and the target is clamped to it.
 *
 * Step forward / back skip the steps that change nothing on screen when `skipsQuiet` says so
 * (presentation mode's toggle): a search from the target in the summaries (loud_steps.ts).
 *
 * Built-ins: the store knows every lesson's name, title and goal; a lesson's text may come with it
 * (node, tests) or be fetched by `loadText` when the lesson is first opened (the browser, where the
 * texts are chunks of their own). loadBuiltin answers at once either way: false (and a banner) for
 * an unknown name; otherwise true, and the picker, the title and the timeline switch to the lesson
 * at once while its text, if not yet known, arrives. Opening anything else meanwhile wins.
 *
 * A move of the timeline asked for while a text opens (its timeline not there yet: the lesson's text
 * or the worker's first answer on its way) — a step forward or back, to the start or the end — is
 * queued (queueMove, up to QUEUED_STEPS_MAX moves) and taken once the text's first step is shown, in
 * the order asked, as if pressed then: a lecturer's clicker press is not lost.
 * A load that ends without a timeline (a parse error, a crash, a lesson that could not be fetched)
 * drops the queue.
 *
 * An embed may bound the timeline (bounds: its start and end step): goto, and a load's first step,
 * stay within them (stepRange, clamped to the total).
 *
 * One step ahead (prepareNext, asked by the page once a step is painted and the page is idle): the
 * machines of the step a step forward would go to are fetched from the worker and applied to the
 * diff chain like any reply, but not shown (`prepared`: the page lays them out meanwhile); a step
 * forward to that step then shows them without asking the worker again, the same record, machines
 * and task names the worker would have sent. At most one step is prepared, for the load, the target
 * and the play setting it was asked for: any other move, an edit, a load, a crash or Stop drops it,
 * and a prepared step that no longer matches is never shown (prepared_step.ts).
 *
 * A lesson changed (edited, or a what-if inserted into it) keeps where it came from: `origin` is
 * the lesson (set by loadBuiltin, kept by editSource, cleared by loadSource of another text) while
 * builtinName, the unedited lesson, is null; the page calls it "TITLE (changed)". backToLesson
 * opens the lesson again at the step it was left at (`originStep`: the target when it was first
 * changed). An edit that gives the lesson's text back makes it the lesson again.
 *
 * Every notice goes when its cause does: the banner (a bad link, a lesson that could not be
 * loaded, a crashed or stopped run) when another scenario is opened or the text is edited; a parse
 * error with the outcome it belongs to. An edit that does not parse leaves the last good run drawn,
 * marked stale (its machine, step and narration; the timeline waits), and the text that parses
 * again goes back to its step; a text opened that does not parse shows no machine. Stop leaves no machine: the counter at 0 / 0, no step, no
 * narration of the run before (stopped says so), until the text runs again.
 */
import { createStore } from 'zustand/vanilla';
import type { MachineSnapshot } from '../kernel/snapshot';
import type { BuiltinInfo } from '../scenario/builtins';
import type { StepRecord } from '../scenario/interpreter';
import type { KernelClient } from '../worker/client';
import type { LoadOptions, LoadOutcome, WorkerNotice, WorkerReply } from '../worker/protocol';
import { appendSummaries } from '../worker/step_summary';
import { EventStates } from './event_states';
import { nextLoudStep, previousLoudStep } from './loud_steps';
import { preparedFits, type PreparedStep, type Preparing } from './prepared_step';

export type { PreparedStep };

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
  /** The built-in the text came from, edited or not (null: any other text); with builtinName null, the lesson is "changed". */
  origin: string | null;
  /** The step the lesson was at when it was first changed: backToLesson goes there. */
  originStep: number;
  loading: boolean;
  outcome: LoadOutcome | null;
  /** Statements run so far at the cursor (0 = nothing yet). */
  cursor: number;
  /** Where the user asked to be: the cursor once the worker has answered (keys pressed fast add up). */
  target: number;
  /**
   * The target as the timeline shows it (the scrubber's value, the buttons' enabled states): a
   * step key's target comes with the worker's answer, in the render that draws the step (the key
   * does not cost a render and a frame of its own), or after TARGET_SHOWN_WAIT_MS if the answer is
   * slow; every other move (the scrubber, a stop, a load) shows at once.
   */
  shownTarget: number;
  /** Statements the timeline can reach (while the run goes on: the statements in the program). */
  total: number;
  /** Loads the worker has answered: a new one means a new outcome (a run's notices extend the outcome, they do not bump it). */
  loads: number;
  /** While the load's run goes on in the worker: how many statements have run, of how many; null once it has ended. */
  running: { ran: number; of: number } | null;
  /** The statement just run at the cursor, with its events. */
  record: StepRecord | null;
  /** The machine at the cursor (after the step). */
  snapshot: MachineSnapshot | null;
  /** The machine before the step at the cursor and after each of its events (null with no machine; none of them when steps are not played). */
  states: EventStates | null;
  taskNames: Record<number, string>;
  /** A problem outside the scenario text (a bad link, a crashed worker), shown as a banner; opening or editing a text clears it. */
  banner: string | null;
  /** The run was stopped (Stop): nothing is loaded until the text runs again. */
  stopped: boolean;
  /** Why the text being edited is not kept over a reload (draft_keeper.ts), or null. */
  draftNote: string | null;
  /** The text was edited since it was opened (a link or a lesson would not give it back). */
  edited: boolean;
  /**
   * The edited text has a parse error, and what is drawn is the last good run of it (its machine,
   * step and narration, at the step it was at): the timeline waits for the text to parse again,
   * which goes back to that step.
   */
  stale: boolean;
  /** The steps the timeline may reach (an embed's start and end step), or null: all of them. stepRange clamps it to the total. */
  bounds: StepBounds | null;
  /** The step a step forward would show, fetched ahead and not shown yet (prepareNext), or null. */
  prepared: PreparedStep | null;
  setBounds(bounds: StepBounds | null): void;
  /** Opens a built-in at `step`: false (and a banner) when there is none of that name. */
  loadBuiltin(name: string, step?: number): boolean;
  /** Opens a text; `origin`: the built-in it is a changed copy of (a draft kept over a reload of the lesson's link), else none. */
  loadSource(source: string, step?: number, origin?: string | null): void;
  /** The text as edited (it does not run: reload does); a lesson edited stays its origin, changed. */
  editSource(source: string): void;
  /** Opens the lesson a changed text came from (origin) at originStep: false when there is none. */
  backToLesson(): boolean;
  setBanner(message: string | null): void;
  setDraftNote(note: string | null): void;
  /** Sends the current text to the worker and goes back to the cursor (clamped). */
  reload(step?: number): Promise<void>;
  goto(step: number): Promise<void>;
  /** The step a step forward goes to from the target: the next one, or (skipping quiet steps) the next loud one; at most total. */
  nextStep(): number;
  stepForward(): Promise<void>;
  /**
   * Fetches the machines of the step a step forward would show, without showing them (`prepared`
   * once they are here): only while the step at the target is shown and nothing else is asked or
   * opening; null when nothing was fetched (nothing to prepare, or it went stale).
   */
  prepareNext(): Promise<PreparedStep | null>;
  /** While a text opens (no timeline yet): queues a move of the timeline, taken once its first step is shown; false (nothing queued) otherwise. */
  queueMove(move: TimelineMove): boolean;
  stepBack(): Promise<void>;
  runToEnd(): Promise<void>;
  reset(): Promise<void>;
  /** Stops a run that takes too long, or the background run (the worker is ended; nothing is replayed). */
  stop(): void;
  /** Statement `index`'s record with its events (null past the end, or when another scenario was loaded meanwhile). */
  fetchRecord(index: number): Promise<StepRecord | null>;
  /**
   * Up to BYTE_PAGE bytes from `offset` of the byte string statement `index` set variable `name` to,
   * with its whole length (the statement list shows a long one cut and asks for more a page at a
   * time); null when there is none, or another scenario was loaded meanwhile.
   */
  fetchBytes(index: number, name: string, offset: number): Promise<{ bytes: Uint8Array; length: number } | null>;
}

import { stepRange, type StepBounds } from './step_range';

export { stepRange, type StepBounds };

/** Records fetched are kept for the loaded scenario, up to this many. */
const RECORD_CACHE = 64;

/** Step forwards kept while a text opens, at most (a clicker's presses during a load; more are dropped). */
export const QUEUED_STEPS_MAX = 16;

/** A move of the timeline by a key or button (→, ←, Home, End), as queued while a text opens. */
export type TimelineMove = 'forward' | 'back' | 'start' | 'end';

/** A step key's target is shown by the timeline at the latest this long after the key, if the worker has not answered by then. */
export const TARGET_SHOWN_WAIT_MS = 100;

/**
 * Whether the UI plays the steps event by event (a speed other than 'instant'; under reduced motion too):
 * only then does a step bring its machines event by event (they cost the worker a snapshot an event).
 */
export type PlaysSteps = () => boolean;

/** Whether step forward / back skip the steps that change nothing on screen (presentation mode's toggle: loud_steps.ts). */
export type SkipsQuiet = () => boolean;

export function createScenarioStore(
  client: KernelClient,
  builtins: readonly StoreBuiltin[],
  loadText: BuiltinTextLoader = noLoader,
  playsSteps: PlaysSteps = () => true,
  skipsQuiet: SkipsQuiet = () => false,
  /** How its loads run (the Compare view's changed side: failed asserts go on). */
  loadOptions: LoadOptions = {},
) {
  /** Built-in texts known so far, by name. */
  const texts = new Map<string, string>();
  for (const b of builtins) if (b.source !== undefined) texts.set(b.name, b.source);
  /** Bumped by everything that replaces the text: a built-in's text arriving late yields to it. */
  let latestOpen = 0;
  let latestLoad = 0;
  let latestGoto = 0;
  let replaying = false;
  /** The id of the worker's load reply now shown: its run's notices are ours, others are stale. */
  let loadId = 0;
  /** The machine the worker's next diff is made against (the last one it sent), null after a load or a crash. */
  let base: MachineSnapshot | null = null;
  /** Records fetched for the loaded scenario, by statement index. */
  const records = new Map<number, StepRecord>();
  /** A text is opening: from loadBuiltin / loadSource / reload until its first step is shown (or the load ends without one). */
  let opening = false;
  /** Moves asked for while opening (queueMove), taken in order when the first step is shown. */
  let queuedMoves: TimelineMove[] = [];
  /** The load ended without a timeline to step in: the queued steps go. */
  const openingEnded = () => {
    opening = false;
    queuedMoves = [];
  };
  /** The timer that shows a step key's target if the worker is slow to answer. */
  let showTarget: ReturnType<typeof setTimeout> | undefined;
  /** The gotos answered (their replies applied): equal to latestGoto when none is on its way. */
  let answeredGoto = 0;
  /** The step fetched ahead (prepareNext), its reply on its way or here; at most one. */
  let preparing: Preparing | null = null;
  return createStore<ScenarioState>()((set, get) => {
    /** The target as the timeline shows it, from now on: the state to set with whatever else changes. */
    const targetShown = (): Pick<ScenarioState, 'shownTarget'> => {
      clearTimeout(showTarget);
      return { shownTarget: get().target };
    };
    /** Applies an 'at' reply (always, to stay in step with the worker's diffs); shows it if newest, drops it if not. */
    const applyAt = (reply: Extract<WorkerReply, { type: 'at' }>, ticket: number) => {
      const states = EventStates.fromReply(base, reply);
      base = states.after;
      answeredGoto = Math.max(answeredGoto, ticket);
      // the text turned out not to parse (a big text is checked after step 0 is shown): no machine to show
      if (ticket !== latestGoto || get().outcome?.status === 'parse-error') return;
      set({ snapshot: states.after, states, cursor: reply.step, record: reply.record, taskNames: reply.taskNames, ...targetShown() });
    };

    /** Forgets the step fetched ahead (its reply, on its way, is still applied to the chain): the state to set with the rest. */
    const dropPrepared = (): Pick<ScenarioState, 'prepared'> => {
      preparing = null;
      return { prepared: null };
    };

    const crashed = async (message: string, stopped = false) => {
      base = null;
      loadId = 0;
      preparing = null;
      if (get().prepared !== null) set({ prepared: null });
      if (stopped || replaying) openingEnded();
      if (stopped) {
        // no machine is left: nothing of the run before may stay on screen (counter, step, narration, diagram)
        set({
          loading: false, snapshot: null, states: null, outcome: null, total: 0, running: null, cursor: 0, target: 0, shownTarget: 0, record: null, taskNames: {}, stopped: true, stale: false,
          banner: 'Stopped. Your text is kept: edit it (it runs again) or pick a scenario.',
        });
        return;
      }
      if (replaying) {
        set({ loading: false, banner: `The simulator failed again (${message}). Your text is kept; edit it or pick a scenario to try again.` });
        return;
      }
      replaying = true;
      set({ banner: `The simulator stopped (${message}). It was restarted and replayed to where you were.`, snapshot: null, states: null, stale: false });
      try {
        await get().reload(get().target);
      } finally {
        replaying = false;
      }
    };

    /** A notice of the run of the load shown: its summaries appended; at its end, the outcome whole and the timeline clamped. */
    const noticed = (n: WorkerNotice) => {
      if (n.id !== loadId) return;
      if (n.type === 'run-crashed') {
        void crashed(n.message);
        return;
      }
      const o = get().outcome;
      if (o?.status !== 'running' || n.from !== o.total) return; // not the next batch: cannot happen in order
      const steps = appendSummaries(o.steps, n.steps);
      const ran = steps.text.length;
      if (n.end === null) {
        set({ outcome: { ...o, steps, total: ran }, running: { ran, of: o.statements } });
        return;
      }
      if (n.end.status === 'parse-error') {
        // nothing ran: shown as a text that does not parse always is, the timeline empty
        set({ outcome: n.end, total: 0, running: null, target: 0, shownTarget: 0, cursor: 0, snapshot: null, states: null, record: null });
        return;
      }
      const { annotations } = o;
      const names = n.names ?? o.names;
      const outcome: LoadOutcome = n.end.status === 'ok' ? { status: 'ok', steps, total: ran, annotations, names } : { ...n.end, steps, total: ran, annotations, names };
      const target = Math.min(get().target, ran);
      set({ outcome, total: ran, running: null, target, shownTarget: Math.min(get().shownTarget, ran) });
    };
    client.listen?.(noticed);

    /** The summaries to skip quiet steps in, or null when steps are not skipped (or there are none). */
    const skippedIn = () => {
      const o = get().outcome;
      return skipsQuiet() && o !== null && o.status !== 'parse-error' ? o.steps : null;
    };

    /** `withReply`: run when the worker answers, just after the step is applied, in the same task (one render shows both). */
    const gotoStep = async (step: number, fresh = false, withReply?: () => void) => {
      const ticket = ++latestGoto;
      const reply = await client.send({ type: 'goto', step, fresh: fresh || base === null, events: playsSteps() });
      if (reply.type === 'at') applyAt(reply, ticket);
      else answeredGoto = Math.max(answeredGoto, ticket);
      // an answer not drawn (the text does not parse after all) still shows the target
      if (ticket === latestGoto && get().shownTarget !== get().target) set(targetShown());
      withReply?.();
      if (reply.type === 'crashed') return crashed(reply.message, reply.stopped === true);
    };

    /**
     * Moves the target to `step` (clamped to the timeline) and asks the worker for it. `showNow`:
     * the timeline shows the new target at once (the scrubber dragged must follow the pointer);
     * otherwise (a step key or button) with the worker's answer, or after TARGET_SHOWN_WAIT_MS.
     */
    const moveTo = (step: number, showNow: boolean) => {
      if (get().outcome === null || get().outcome?.status === 'parse-error') return Promise.resolve();
      const { first, last } = stepRange(get());
      const to = Math.max(first, Math.min(last, step));
      const ahead = preparing;
      const taken = ahead !== null && preparedFits(ahead, { step: to, events: playsSteps(), load: latestLoad, answered: answeredGoto === latestGoto });
      const here = taken ? ahead.arrived : undefined;
      if (here !== undefined && here !== null) {
        // here already: the target and its step in one update (one render, in the key's task)
        answeredGoto = ++latestGoto;
        clearTimeout(showTarget);
        set({ target: to, shownTarget: to, ...dropPrepared(), ...stepShown(here) });
        return Promise.resolve();
      }
      if (showNow) {
        set({ target: to, shownTarget: to, ...dropPrepared() });
        clearTimeout(showTarget);
      } else {
        set({ target: to, ...dropPrepared() });
        clearTimeout(showTarget);
        showTarget = setTimeout(() => void (get().shownTarget !== get().target && set({ shownTarget: get().target })), TARGET_SHOWN_WAIT_MS);
      }
      return taken ? showPrepared(ahead) : gotoStep(to);
    };

    /** A queued move of the timeline, made as its key would make it now. */
    const moveBy = (move: TimelineMove): Promise<void> => {
      const s = get();
      return move === 'forward' ? s.stepForward() : move === 'back' ? s.stepBack() : move === 'start' ? s.reset() : s.runToEnd();
    };

    /** Shows the step fetched ahead (waiting for its reply if it is still on its way), unless a newer move came meanwhile. */
    const showPrepared = async (ahead: Preparing) => {
      const ticket = ++latestGoto;
      const ready = await ahead.reply;
      answeredGoto = Math.max(answeredGoto, ticket);
      if (ticket !== latestGoto) return;
      // the reply was a crash (crashed() replays to the target), or the text turned out not to parse
      if (ready === null || get().outcome?.status === 'parse-error') {
        if (get().shownTarget !== get().target) set(targetShown());
        return;
      }
      set({ ...stepShown(ready), ...targetShown() });
    };

    /** The state that shows a prepared step. */
    const stepShown = (ready: PreparedStep): Pick<ScenarioState, 'snapshot' | 'states' | 'cursor' | 'record' | 'taskNames'> => ({
      snapshot: ready.states.after, states: ready.states, cursor: ready.step, record: ready.record, taskNames: ready.taskNames,
    });

    return {
      builtins,
      source: '',
      builtinName: null,
      origin: null,
      originStep: 0,
      loading: false,
      outcome: null,
      cursor: 0,
      target: 0,
      shownTarget: 0,
      total: 0,
      loads: 0,
      running: null,
      record: null,
      snapshot: null,
      states: null,
      taskNames: {},
      banner: null,
      stopped: false,
      draftNote: null,
      edited: false,
      stale: false,
      bounds: null,
      prepared: null,
      setBounds(bounds) {
        set({ bounds, ...dropPrepared() });
      },
      loadBuiltin(name, step = 0) {
        const b = get().builtins.find((x) => x.name === name);
        if (b === undefined) {
          set({ banner: `There is no built-in scenario named "${name}".` });
          return false;
        }
        const ticket = ++latestOpen;
        opening = true;
        const known = texts.get(b.name);
        if (known !== undefined) {
          set({ source: known, builtinName: b.name, origin: b.name, originStep: 0, outcome: null, total: 0, cursor: 0, target: 0, shownTarget: 0, banner: null, edited: false, stale: false });
          void get().reload(step);
          return true;
        }
        // the lesson is chosen now (picker, title, an empty timeline: no total of the lesson before,
        // whose step keys would be taken and lost while this one loads); its text follows
        const before = { builtinName: get().builtinName, origin: get().origin, originStep: get().originStep };
        set({ builtinName: b.name, origin: b.name, originStep: 0, outcome: null, total: 0, cursor: 0, target: 0, shownTarget: 0, loading: true, banner: null, edited: false, stale: false, ...dropPrepared() });
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
            queuedMoves = []; // the moves were asked for in this lesson, not in the text still shown
            // back to the text still shown, so the timeline works again
            set({ ...before, banner: `The lesson "${b.title}" could not be loaded (${why}). Check the connection and pick it again.` });
            void get().reload(0);
          },
        );
        return true;
      },
      loadSource(source, step = 0, origin = null) {
        ++latestOpen;
        const known = origin !== null && get().builtins.some((b) => b.name === origin) ? origin : null;
        set({ source, builtinName: null, origin: known, originStep: step, outcome: null, cursor: 0, target: 0, shownTarget: 0, banner: null, edited: false, stale: false, ...dropPrepared() });
        void get().reload(step);
      },
      editSource(source) {
        ++latestOpen;
        const { origin, builtinName, target } = get();
        // the lesson's own text back (an edit undone): the lesson again
        const back = origin !== null && texts.get(origin) === source;
        set({ source, builtinName: back ? origin : null, banner: null, edited: !back, ...dropPrepared(), ...(builtinName !== null && !back ? { originStep: target } : {}) });
      },
      backToLesson() {
        const { origin, originStep } = get();
        return origin !== null && get().loadBuiltin(origin, originStep);
      },
      setBanner(message) {
        set({ banner: message });
      },
      setDraftNote(note) {
        set({ draftNote: note });
      },
      async reload(step) {
        const ticket = ++latestLoad;
        opening = true;
        records.clear();
        // running again: the banner saying it was stopped is no longer true
        set(get().stopped ? { loading: true, stopped: false, banner: null, ...dropPrepared() } : { loading: true, ...dropPrepared() });
        const reply = await client.send({ type: 'load', source: get().source, ...loadOptions });
        if (reply.type === 'crashed') return crashed(reply.message, reply.stopped === true);
        if (reply.type !== 'loaded') {
          if (ticket === latestLoad) openingEnded();
          return;
        }
        // the worker diffs against nothing after a load: our base goes too, and the records of the text before
        base = null;
        records.clear();
        loadId = 0;
        const outcome = reply.outcome;
        // an edit that does not parse keeps the last good run drawn (stale) until the text parses again
        const keepsLastGood = outcome.status === 'parse-error' && get().edited && get().snapshot !== null && get().outcome !== null;
        if (!keepsLastGood) set({ snapshot: null, states: null, stale: false });
        if (ticket !== latestLoad) return;
        if (keepsLastGood) {
          openingEnded();
          set({ loading: false, outcome, running: null, loads: get().loads + 1, stale: true });
          return;
        }
        loadId = reply.id;
        const total = outcome.status === 'parse-error' ? 0 : outcome.status === 'running' ? outcome.statements : outcome.total;
        const running = outcome.status === 'running' ? { ran: outcome.total, of: outcome.statements } : null;
        // a whole run's total (which enables the timeline) comes with its first step's picture: the
        // counter and the buttons never show a step whose machine is not drawn yet (a run still going,
        // a big text, shows at once: its notices extend the outcome)
        const withPicture = outcome.status !== 'running' && outcome.status !== 'parse-error';
        set({ loading: false, outcome, total: withPicture ? 0 : total, running, loads: get().loads + 1 });
        if (outcome.status === 'parse-error') {
          openingEnded();
          set({ record: null });
          return;
        }
        const { first, last } = stepRange({ bounds: get().bounds, total });
        const to = Math.max(first, Math.min(step ?? get().target, last));
        set({ target: to, ...targetShown() });
        await gotoStep(to, true, withPicture ? () => void (ticket === latestLoad && set({ total })) : undefined);
        if (ticket !== latestLoad || !opening) return;
        // the first step is shown: the moves asked for meanwhile, in order, as if pressed now
        const queued = queuedMoves;
        opening = false;
        queuedMoves = [];
        for (const move of queued) void moveBy(move);
      },
      goto(step) {
        return moveTo(step, true);
      },
      nextStep() {
        const { target, total } = get();
        const steps = skippedIn();
        return Math.min(total, steps === null ? target + 1 : nextLoudStep(steps, target, total));
      },
      stepForward() {
        return moveTo(get().nextStep(), false);
      },
      async prepareNext() {
        const s = get();
        const o = s.outcome;
        if (preparing !== null || opening || s.loading || s.stale || s.stopped || base === null || o === null || o.status === 'parse-error') return null;
        // only from a step shown and settled: no move on its way
        if (answeredGoto !== latestGoto || s.cursor !== s.target) return null;
        const step = s.nextStep();
        if (step <= s.cursor || step > stepRange(s).last) return null;
        const events = playsSteps();
        const load = latestLoad;
        let arrived: (r: PreparedStep | null) => void = () => {};
        const ahead: Preparing = { step, events, load, reply: new Promise((resolve) => (arrived = resolve)) };
        preparing = ahead;
        const reply = await client.send({ type: 'goto', step, events });
        if (reply.type !== 'at') {
          ahead.arrived = null;
          arrived(null);
          if (preparing === ahead) preparing = null;
          if (reply.type === 'crashed') await crashed(reply.message, reply.stopped === true);
          return null;
        }
        // applied whatever happened meanwhile: the worker diffs its next reply against this machine
        const states = EventStates.fromReply(base, reply);
        base = states.after;
        const ready: PreparedStep = { step: reply.step, record: reply.record, states, taskNames: reply.taskNames };
        ahead.arrived = ready;
        arrived(ready);
        if (preparing !== ahead || load !== latestLoad) return null;
        set({ prepared: ready });
        return ready;
      },
      queueMove(move) {
        if (!opening) return false;
        if (queuedMoves.length < QUEUED_STEPS_MAX) queuedMoves.push(move);
        return true;
      },
      stepBack() {
        const { target } = get();
        const steps = skippedIn();
        return moveTo(steps === null ? target - 1 : previousLoudStep(steps, target), false);
      },
      runToEnd() {
        return moveTo(get().total, false);
      },
      reset() {
        return moveTo(0, false);
      },
      stop() {
        if (preparing !== null) set(dropPrepared());
        client.stop?.();
        // the background run has no command waiting to answer 'stopped': say it here
        if (get().running !== null) void crashed('stopped', true);
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
      async fetchBytes(index, name, offset) {
        const load = latestLoad;
        const reply = await client.send({ type: 'bytes', index, name, offset });
        if (reply.type === 'crashed') {
          void crashed(reply.message, reply.stopped === true);
          return null;
        }
        if (reply.type !== 'bytes' || load !== latestLoad || reply.bytes === null) return null;
        return { bytes: reply.bytes, length: reply.length };
      },
    };
  });
}

export type ScenarioStore = ReturnType<typeof createScenarioStore>;
