/**
 * The room's quiz (presentation mode, key q): which question the overlay shows, whether it is
 * revealed and what the room picked, as a small store, and the rule that decides what a step
 * forward does while the quiz is on. The overlay (RoomQuiz.tsx, a lazy chunk, with this file)
 * keeps one store while mounted, hands it the next statement's questions (setReady) as soon as it
 * has them, and gives the commands its keys (roomQuizKeys, through room_keys.ts's hook).
 *
 * The rule (docs/teaching.md, "Quizzing the room"), with the quiz on in presentation mode:
 *  - → (any key or button that steps forward) before a statement that has questions opens the
 *    overlay on its first question instead of stepping;
 *  - a–d / A–D or a click picks an answer: the overlay reveals the right one, the pick and the why;
 *  - → on a question not answered yet reveals it without a pick (a presenter's clicker has no letters);
 *  - → after a reveal goes to the statement's next question, or closes the overlay and steps;
 *  - ← closes the overlay without stepping back (it undoes the → that opened it);
 *  - Escape closes the overlay and skips the statement's questions (the next → steps); it does not
 *    leave presentation mode;
 *  - while the overlay is closed, a b c d and Escape mean what they always do (b: previous lesson,
 *    d: details, Escape: leave presentation mode);
 *  - a statement asked once (answered or skipped) is not asked again until the scenario is opened
 *    again or the quiz is turned off and on (a new overlay, a new store); any other move of the
 *    timeline closes the overlay.
 */
import { createStore } from 'zustand/vanilla';
import type { ScenarioStore } from '../../store/scenario_store';
import type { SettingsStore } from '../../store/settings_store';
import type { Question } from './questions';
import type { RoomQuizKeys } from './room_keys';

/** The questions of statement `step` of the load `loads` (none: the statement asks nothing). */
export interface RoomQuestions {
  loads: number;
  step: number;
  questions: readonly Question[];
}

/** The overlay, open on question `index` of statement `step`, opened with the timeline's target at `at`. */
export interface RoomOpen {
  loads: number;
  step: number;
  at: number;
  index: number;
  /** The id of the choice the room picked, or null (not answered, or revealed without a pick). */
  chosen: string | null;
  revealed: boolean;
}

export interface RoomQuizState {
  /** The next statement's questions, once the overlay has worked them out. */
  ready: RoomQuestions | null;
  open: RoomOpen | null;
  /** The statements of load `loads` the room has been asked about (or skipped). */
  asked: { loads: number; steps: ReadonlySet<number> };
  setReady(ready: RoomQuestions): void;
  /** Opens the overlay on the first question of statement `step` (the timeline's target at `at`). */
  openAt(loads: number, step: number, at: number): void;
  /** Picks choice `id` of the open question and reveals it (nothing once revealed). */
  choose(id: string): void;
  /** Picks the choice a letter names (a or A: the first), if the shown question has it. */
  answerKey(key: string): void;
  /** Reveals the open question without a pick. */
  reveal(): void;
  /** The open question's next question, if the statement has one: true when it moved. */
  nextQuestion(): boolean;
  /** Closes the overlay; `asked`: its statement counts as asked (the next → steps over it). */
  close(asked: boolean): void;
  /** Forgets every statement asked (the quiz was turned on again) and closes the overlay. */
  reset(): void;
}

export function createRoomQuizStore() {
  return createStore<RoomQuizState>()((set, get) => ({
    ready: null,
    open: null,
    asked: { loads: -1, steps: new Set() },
    setReady(ready) {
      set({ ready });
    },
    openAt(loads, step, at) {
      set({ open: { loads, step, at, index: 0, chosen: null, revealed: false } });
    },
    choose(id) {
      const { open } = get();
      if (open === null || open.revealed) return;
      set({ open: { ...open, chosen: id, revealed: true } });
    },
    answerKey(key) {
      const choice = shownQuestion(get())?.choices[choiceIndex(key)];
      if (choice !== undefined) get().choose(choice.id);
    },
    reveal() {
      const { open } = get();
      if (open === null || open.revealed) return;
      set({ open: { ...open, revealed: true } });
    },
    nextQuestion() {
      const { open } = get();
      const questions = questionsOf(get(), open);
      if (open === null || questions === null || open.index + 1 >= questions.length) return false;
      set({ open: { ...open, index: open.index + 1, chosen: null, revealed: false } });
      return true;
    },
    close(asked) {
      const { open, asked: was } = get();
      if (open === null) return;
      const steps = new Set(was.loads === open.loads ? was.steps : []);
      if (asked) steps.add(open.step);
      set({ open: null, asked: { loads: open.loads, steps } });
    },
    reset() {
      set({ open: null, asked: { loads: -1, steps: new Set() } });
    },
  }));
}

export type RoomQuizStore = ReturnType<typeof createRoomQuizStore>;

/** The letter a choice is shown with and answered by: 0 → A. */
export function choiceLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** The choice a key names: a or A → 0 … d or D → 3; -1 for any other key. */
export function choiceIndex(key: string): number {
  const i = key.length === 1 ? key.toUpperCase().charCodeAt(0) - 65 : -1;
  return i >= 0 && i < 26 ? i : -1;
}

/** The questions of the open statement, once known (null while they are being worked out). */
export function questionsOf(s: Pick<RoomQuizState, 'ready'>, open: RoomOpen | null): readonly Question[] | null {
  const r = s.ready;
  return open !== null && r !== null && r.loads === open.loads && r.step === open.step ? r.questions : null;
}

/** The question the overlay shows, or null (closed, or its questions still being worked out). */
export function shownQuestion(s: Pick<RoomQuizState, 'ready' | 'open'>): Question | null {
  const questions = questionsOf(s, s.open);
  return questions?.[s.open!.index] ?? null;
}

/** The quiz asks the room now: on, in presentation mode. */
export function roomQuizOn(settings: SettingsStore): boolean {
  const s = settings.getState();
  return s.presentation && s.quiz;
}

/**
 * The statement a step forward from the timeline's target runs last, the one the room is asked
 * about: the next one. (Where a step forward runs more than one statement, skipping quiet ones
 * that change nothing on screen, it is the last of them: the machine before it is the one at the
 * cursor, since the ones skipped change nothing.)
 */
export function statementAsked(store: ScenarioStore): number {
  const { target, total, nextStep } = store.getState();
  return target >= total ? target : nextStep() - 1;
}

/**
 * What a step forward does while the room's quiz is on (the rule above): true when the quiz took
 * it (opened, revealed or moved to the next question), false when the step should run (no quiz,
 * nothing to ask, or the last question revealed: then the overlay is closed first).
 */
export function quizTakesForward(store: ScenarioStore, settings: SettingsStore, room: RoomQuizStore): boolean {
  if (!roomQuizOn(settings)) return false;
  const { target, total, loads } = store.getState();
  if (target >= total) return false;
  const step = statementAsked(store);
  const r = room.getState();
  if (r.open !== null && r.open.loads === loads && r.open.at === target) {
    if (questionsOf(r, r.open) === null) return true; // still working the questions out: wait
    if (!r.open.revealed) {
      r.reveal();
      return true;
    }
    if (r.nextQuestion()) return true;
    r.close(true);
    return false;
  }
  if (step >= total || (r.asked.loads === loads && r.asked.steps.has(step))) return false;
  const ready = r.ready !== null && r.ready.loads === loads && r.ready.step === step ? r.ready : null;
  if (ready !== null && ready.questions.length === 0) return false; // nothing to ask: step
  r.openAt(loads, step, target); // the overlay shows the question (or, if none comes, closes and steps)
  return true;
}

/** A step back while the overlay is open only closes it (undoing the → that opened it): true when it did. */
export function quizTakesBack(room: RoomQuizStore): boolean {
  if (room.getState().open === null) return false;
  room.getState().close(false);
  return true;
}

/** The keys the commands hand the overlay while it is mounted (room_keys.ts). */
export function roomQuizKeys(store: ScenarioStore, settings: SettingsStore, room: RoomQuizStore): RoomQuizKeys {
  return {
    isOpen: () => room.getState().open !== null && roomQuizOn(settings),
    forward: () => quizTakesForward(store, settings, room),
    back: () => roomQuizOn(settings) && quizTakesBack(room),
    answer: (key) => room.getState().answerKey(key),
    skip: () => room.getState().close(true),
  };
}
