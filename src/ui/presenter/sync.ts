/**
 * Keeping the projected page and its presenter view at the same step (sync_protocol.ts has the
 * messages). Each side watches its own store: when the position (scenario, step, lecture item)
 * changes by itself (a key, a button, a lesson opened), it is sent; a position received is applied
 * and remembered as the last one, so it is not sent back. The position is read a microtask after
 * the store changes, so the passing states of a load (step 0 before the step asked for) are never
 * sent. Nothing is sent while a scenario loads (no outcome yet).
 *
 * startProjectorSync: the projected page (wakeProjector: when a presenter view first speaks). It answers a
 * presenter's hello with where it is, follows a presenter's step in the scenario it shows, sends an
 * own text when asked, and runs n / b for the presenter.
 * startPresenterSync: the presenter view. It says hello (again when a projected page starts), opens what the projector shows (a lesson
 * by name; a text it asks for, once) at its step, and sends its own steps.
 */
import type { ScenarioStore } from '../../store/scenario_store';
import { lectureState } from '../lecture/lecture_state';
import { positionKey, PRESENTER_CHANNEL, readMessage, textId, type LectureInfo, type ScenarioRef, type SyncMessage } from './sync_protocol';

type Port = Pick<BroadcastChannel, 'postMessage' | 'close'> & { onmessage: ((e: MessageEvent) => void) | null };

/** The scenario a store shows, as a reference (null while there is none to show). */
function refOf(store: ScenarioStore): ScenarioRef | null {
  const s = store.getState();
  if (s.outcome === null || s.loading) return null;
  return s.builtinName !== null ? { kind: 'builtin', name: s.builtinName } : { kind: 'text', id: textId(s.source) };
}

function sameRef(a: ScenarioRef | null, b: ScenarioRef): boolean {
  return a !== null && a.kind === b.kind && (a.kind === 'builtin' ? a.name === (b as { name: string }).name : a.id === (b as { id: string }).id);
}

/** Calls `send` with the position each time it changes (a microtask after the store does), unless it is `last()`. */
function watchPosition(store: ScenarioStore, position: () => { key: string; message: SyncMessage } | null, last: { key: string }, send: (m: SyncMessage) => void): () => void {
  let queued = false;
  const check = () => {
    queued = false;
    const p = position();
    if (p === null || p.key === last.key) return;
    last.key = p.key;
    send(p.message);
  };
  const onChange = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(check);
  };
  const offStore = store.subscribe(onChange);
  const offLecture = lectureState.subscribe(onChange);
  onChange();
  return () => {
    offStore();
    offLecture();
  };
}

function lectureInfo(titles: ReadonlyMap<string, string>): LectureInfo | null {
  const run = lectureState.getState().run;
  if (run === null) return null;
  const it = run.lecture.items[run.item];
  return { title: run.lecture.title, item: run.item, of: run.lecture.items.length, itemTitle: it.kind === 'builtin' ? (titles.get(it.name) ?? it.name) : it.title, steps: it.steps };
}

export function startProjectorSync(store: ScenarioStore, runCommand: (id: 'next-lesson' | 'previous-lesson') => void, open: () => Port = () => new BroadcastChannel(PRESENTER_CHANNEL)): () => void {
  const port = open();
  const titles = new Map(store.getState().builtins.map((b) => [b.name, b.title]));
  const last = { key: '' };
  const position = () => {
    const scenario = refOf(store);
    if (scenario === null) return null;
    const lecture = lectureInfo(titles);
    const step = store.getState().target;
    return { key: positionKey(scenario, step, lecture), message: { type: 'at', scenario, step, lecture } as SyncMessage };
  };
  const send = (m: SyncMessage) => port.postMessage(m);
  port.onmessage = (e) => {
    const m = readMessage(e.data);
    if (m === null) return;
    if (m.type === 'hello') {
      const p = position();
      if (p !== null) {
        last.key = p.key;
        send(p.message);
      }
    } else if (m.type === 'at') {
      if (!sameRef(refOf(store), m.scenario)) return; // another scenario: the projector decides what is shown
      last.key = positionKey(m.scenario, m.step, lectureInfo(titles));
      void store.getState().goto(m.step);
    } else if (m.type === 'need') {
      const { source } = store.getState();
      if (store.getState().builtinName === null && textId(source) === m.id) send({ type: 'text', id: m.id, source });
    } else if (m.type === 'command') {
      runCommand(m.id);
    }
  };
  const stop = watchPosition(store, position, last, send);
  return () => {
    stop();
    port.close();
  };
}

/** Channels whose projector sync has started (a second message while the chunk was fetched must not start another). */
const woken = new WeakSet<object>();

/** The projected page's sync, started on the first message a presenter view sent (open_presenter.ts), which it then answers. */
export function wakeProjector(channel: Port, first: MessageEvent, store: ScenarioStore, runCommand: (id: 'next-lesson' | 'previous-lesson') => void): void {
  if (woken.has(channel)) return;
  woken.add(channel);
  startProjectorSync(store, runCommand, () => channel);
  channel.onmessage?.(first);
}

export interface PresenterSync {
  /** The lecture the projector runs (null: none), as it last said. */
  lecture(): LectureInfo | null;
  /** n / b: asks the projector for the next or previous lesson (or lecture item). */
  command(id: 'next-lesson' | 'previous-lesson'): void;
  stop(): void;
}

export function startPresenterSync(store: ScenarioStore, onLecture: (lecture: LectureInfo | null) => void, open: () => Port = () => new BroadcastChannel(PRESENTER_CHANNEL)): PresenterSync {
  const port = open();
  const last = { key: '' };
  let lecture: LectureInfo | null = null;
  /** The one own text known (the last asked for), and the step to open it at once it comes. */
  let text: { id: string; source: string } | null = null;
  let waiting: { id: string; step: number } | null = null;
  const send = (m: SyncMessage) => port.postMessage(m);
  const position = () => {
    const scenario = refOf(store);
    if (scenario === null) return null;
    const step = store.getState().target;
    return { key: positionKey(scenario, step, lecture), message: { type: 'at', scenario, step, lecture: null } as SyncMessage };
  };
  const follow = (scenario: ScenarioRef, step: number) => {
    last.key = positionKey(scenario, step, lecture);
    const s = store.getState();
    const shown = s.builtinName !== null ? { kind: 'builtin', name: s.builtinName } : s.source !== '' ? { kind: 'text', id: textId(s.source) } : null;
    if (shown !== null && sameRef(shown as ScenarioRef, scenario) && s.outcome !== null) {
      void s.goto(step);
    } else if (scenario.kind === 'builtin') {
      s.loadBuiltin(scenario.name, step);
    } else if (text?.id === scenario.id) {
      s.loadSource(text.source, step);
    } else {
      // asked for once: a later position only changes the step it opens at
      if (waiting?.id !== scenario.id) send({ type: 'need', id: scenario.id });
      waiting = { id: scenario.id, step };
    }
  };
  port.onmessage = (e) => {
    const m = readMessage(e.data);
    if (m === null) return;
    if (m.type === 'started') {
      send({ type: 'hello' });
    } else if (m.type === 'at') {
      if (m.lecture !== lecture) {
        lecture = m.lecture;
        onLecture(lecture);
      }
      follow(m.scenario, m.step);
    } else if (m.type === 'text' && waiting?.id === m.id) {
      text = { id: m.id, source: m.source };
      const step = waiting.step;
      waiting = null;
      store.getState().loadSource(m.source, step);
    }
  };
  const stop = watchPosition(store, position, last, send);
  send({ type: 'hello' });
  return {
    lecture: () => lecture,
    command: (id) => send({ type: 'command', id }),
    stop: () => {
      stop();
      port.close();
    },
  };
}
