/**
 * commands: everything the keyboard can do, in one registry (excalidraw's action registry in
 * small): each command has an id, a label, its keys, what it does and when it can. The app's one
 * key handler (handleKey), the buttons that run a command (their text, title and
 * aria-keyshortcuts) and the keyboard shortcuts list all read it, so a key shown is a key that
 * works. Keys are KeyboardEvent.key values ('Shift+ ' is Shift+Space); none fires while the user
 * types in a text field, or with Ctrl, Alt or ⌘ held (the browser's own shortcuts, Ctrl + wheel's zoom).
 *
 * Presenter keys. A clicker (presentation remote) sends PageDown / PageUp, some Space /
 * Shift+Space, Enter or → / ←: all of them step forward / back, in both modes. Which focused
 * control keeps a key (the rule, in full):
 * - a text field, a select, the editor: every key is its own (typing);
 * - the timeline slider (input range): in normal mode it keeps ← → ↑ ↓ Home End (they move it
 *   by one or to an end, as the commands would); every other key, and in presentation mode every
 *   key, is the app's, so PageDown never jumps the slider and n, p, . work after a drag;
 * - a button, link or anything else that presses itself (role button, option...): it keeps Space
 *   and Enter (they press it), in both modes; its other keys are the app's. In presentation mode a
 *   control clicked with the mouse gives the focus back to the page (App.tsx), so only a control
 *   reached with Tab keeps them: a clicker's Enter after a click on "Next lesson" steps.
 * Dialogs that use keys themselves (the lesson list, the shortcuts list's Escape) stop them first.
 *
 * An overlay's commands (`overlay`: the room's quiz question takes a b c d and Escape) share keys
 * with others: while enabled (the overlay open) they come first; otherwise the keys keep their
 * usual meaning.
 */
import { QUEUED_STEPS_MAX, stepRange, type ScenarioStore, type TimelineMove } from '../store/scenario_store';
import type { SettingsStore } from '../store/settings_store';
import type { PanZoom } from './diagram/pan_zoom';
import { WHEEL_STEP } from './diagram/pan_zoom';
import { toggleLegend } from './diagram/legend_state';
import { inCourseOrder } from '../scenario/course';
import { moveLectureItem } from './lecture/lecture_state';
import { openPresenterWindow } from './presenter/open_presenter';
import { markAfter, markBefore, marksOf, type Mark } from './stops';
import type { RoomQuizHook } from './quiz/room_keys';
import { toggleReference } from './reference/open_reference';
import { STEP_FORWARD_KEYS } from './step_keys';

export interface CommandContext {
  store: ScenarioStore;
  settings: SettingsStore;
  /** The diagram's pan and zoom; null while no diagram is drawn. */
  panZoom(): PanZoom | null;
  /** Opens or closes the keyboard shortcuts list. */
  toggleHelp(): void;
  /** The room's quiz overlay's key handlers (presentation mode, while it is mounted), where the page has one. */
  quizRoom?: RoomQuizHook;
  /** Opens or closes presentation mode's lesson list (key l); without it (tests) the key does nothing. */
  toggleLessonList?(): void;
  /** Blanks the screen until the next key or click (key .); without it (tests) the key does nothing. */
  blankScreen?(): void;
}

export type CommandId =
  | 'step-forward'
  | 'step-back'
  | 'reset'
  | 'run-to-end'
  | 'next-lesson'
  | 'previous-lesson'
  | 'presentation'
  | 'leave-presentation'
  | 'details'
  | 'skip-quiet'
  | 'next-stop'
  | 'previous-stop'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-fit'
  | 'legend'
  | 'shortcuts'
  | 'reference'
  | 'quiz'
  | 'quiz-answer'
  | 'quiz-skip'
  | 'lesson-list'
  | 'blank-screen'

  | 'presenter';

export interface Command {
  id: CommandId;
  /** What the command does, as its button and the shortcuts list say it. */
  label: string;
  /** A shorter text for its button, where the header has little room. */
  short?: string;
  /** Its keys (KeyboardEvent.key); of a letter's two cases the first listed is the one shown. */
  keys: readonly string[];
  /** `key`: the key that ran it (none from a button). */
  run(ctx: CommandContext, key?: string): void;
  /** False: the command would do nothing now, and its button is disabled. Always enabled without it. */
  enabled?(ctx: CommandContext): boolean;
  /**
   * While disabled, its keys are left to the browser (Escape outside presentation mode). By default
   * a disabled command still takes its keys, so End at the last step does not scroll the page.
   */
  releaseKeysWhenDisabled?: boolean;
  /** An overlay's command: while enabled, its keys come before every other command's; while disabled, they are left to them. */
  overlay?: boolean;
  /**
   * Its key pressed while the command is disabled: kept for later where it can be (Step forward
   * while a lesson opens: the store queues it until the first step is shown). Not a button's click.
   */
  keepWhileDisabled?(ctx: CommandContext): void;
}

/**
 * The lesson n or b last asked for while the page has not yet begun to open it: the address changes
 * at once, the page opens the lesson on the hashchange that follows (an embed's page only after
 * fetching its options), and a key pressed in between (keys are handled before other tasks) counts
 * from the lesson asked for, not the one still shown.
 */
let pendingLesson: { name: string; hash: string; store: ScenarioStore } | null = null;
/**
 * Moves of the timeline pressed in that gap (a clicker's Enter right after "Next lesson"): they are
 * the next lesson's, queued in its store as soon as it starts opening it, up to QUEUED_STEPS_MAX.
 */
let movesForPending: TimelineMove[] = [];
let watchingHash = false;
const watchedStores = new WeakSet<ScenarioStore>();

/** The lesson asked for by n / b in this store's page and not yet opening, or null. */
const pendingIn = (ctx: CommandContext) => (pendingLesson !== null && pendingLesson.store === ctx.store ? pendingLesson : null);

/** The page's address moved elsewhere than the lesson asked for (the browser's Back, another link): the gap's keys go with it. */
function dropPendingOnOtherHash(): void {
  if (pendingLesson !== null && window.location.hash !== pendingLesson.hash) {
    pendingLesson = null;
    movesForPending = [];
  }
}

/** The store began opening the lesson asked for: the moves pressed in the gap are queued there (queueMove: only while it opens). */
function handOverWhenOpening(store: ScenarioStore): void {
  const p = pendingLesson;
  if (p === null || p.store !== store || store.getState().builtinName !== p.name) return;
  if (movesForPending.length > 0 && !store.getState().queueMove(movesForPending[0])) return; // not opening yet
  for (const move of movesForPending.slice(1)) store.getState().queueMove(move);
  pendingLesson = null;
  movesForPending = [];
}

/** The next (+1) or previous (-1) built-in lesson in the course order (course.ts), across units, wrapping around. */
function goLesson(ctx: CommandContext, delta: 1 | -1): void {
  if (moveLectureItem(delta)) return; // a lecture runs: its next / previous item
  const { builtins, builtinName, origin } = ctx.store.getState();
  if (builtins.length === 0) return;
  const lessons = inCourseOrder(builtins);
  // from a changed lesson (origin: edited, a what-if), the lesson after that one
  const at = lessons.findIndex((b) => b.name === (pendingIn(ctx)?.name ?? builtinName ?? origin));
  openLesson(ctx, lessons[(at < 0 ? 0 : at + delta + lessons.length) % lessons.length].name);
}

/** Opens the built-in `name` through the address (as n, b and the lesson list do), keeping the embed layout. */
export function openLesson(ctx: CommandContext, name: string): void {
  const embedded = ctx.settings.getState().embed ? '&embed=1' : '';
  const hash = `#builtin=${encodeURIComponent(name)}${embedded}`;
  if (hash === window.location.hash) {
    // no change, no hashchange to wait for; the lesson changed (edited, a what-if): its own text again
    if (ctx.store.getState().builtinName !== name) ctx.store.getState().loadBuiltin(name);
    return;
  }
  if (!watchingHash) {
    window.addEventListener('hashchange', dropPendingOnOtherHash);
    watchingHash = true;
  }
  const store = ctx.store;
  if (!watchedStores.has(store)) {
    store.subscribe(() => handOverWhenOpening(store));
    watchedStores.add(store);
  }
  // a lesson asked for before, not yet opening: its moves were pressed for it, not for this one
  movesForPending = [];
  pendingLesson = { name, hash, store };
  window.location.hash = hash;
}

// within the timeline's range (an embed's start and end step: stepRange)
// (a stale machine, the last good run of a text that no longer parses, has no timeline to move)
const notAtStart = (ctx: CommandContext) => !ctx.store.getState().stale && ctx.store.getState().target > stepRange(ctx.store.getState()).first;
const notAtEnd = (ctx: CommandContext) => !ctx.store.getState().stale && ctx.store.getState().target < stepRange(ctx.store.getState()).last;
const hasDiagram = (ctx: CommandContext) => ctx.panZoom() !== null;
/** The scenario's `# mark:` stop after / before the target (stops.ts), or null. */
const stopAfter = (ctx: CommandContext) => markAfter(marksOf(ctx.store.getState().outcome), ctx.store.getState().target);
const stopBefore = (ctx: CommandContext) => markBefore(marksOf(ctx.store.getState().outcome), ctx.store.getState().target);
const goStop = (ctx: CommandContext, m: Mark | null) => void (m !== null && ctx.store.getState().goto(m.step));
/** The room's quiz question is on screen (presentation mode, the quiz on, the overlay open). */
const quizOpen = (ctx: CommandContext) => ctx.quizRoom?.current?.isOpen() === true;

/**
 * A move of the timeline (→ ← Home End) that cannot be made now is kept for the lesson on its way:
 * the one n / b asked for (the page has not yet begun to open it), or the one opening (the store
 * queues it); else nothing.
 */
function keepMove(ctx: CommandContext, move: TimelineMove): void {
  if (pendingIn(ctx) !== null) {
    if (movesForPending.length < QUEUED_STEPS_MAX) movesForPending.push(move);
  } else ctx.store.getState().queueMove(move);
}

/** The room's quiz takes a step forward first (quiz/room.ts: it opens, reveals or moves on the question). */
function stepForward(ctx: CommandContext): void {
  if (pendingIn(ctx) !== null) return keepMove(ctx, 'forward'); // for the lesson asked for, not the one still shown
  const quiz = ctx.quizRoom;
  if (quiz?.current?.forward() === true) return;
  const { presentation, quiz: on } = ctx.settings.getState();
  if (quiz !== undefined && quiz.current === null && presentation && on && quiz.pendingForward !== true) {
    quiz.pendingForward = true; // the overlay is on its way: it takes the press when it comes (a second press steps)
    return;
  }
  if (quiz !== undefined) quiz.pendingForward = false;
  void ctx.store.getState().stepForward();
}

function stepBack(ctx: CommandContext): void {
  if (pendingIn(ctx) !== null) return keepMove(ctx, 'back');
  if (ctx.quizRoom?.current?.back() === true) return;
  void ctx.store.getState().stepBack();
}

/** Home / End: to the timeline's start or end, or kept for the lesson n / b asked for. */
function moveToEdge(ctx: CommandContext, move: 'start' | 'end'): void {
  if (pendingIn(ctx) !== null) return keepMove(ctx, move);
  void (move === 'start' ? ctx.store.getState().reset() : ctx.store.getState().runToEnd());
}

/** The letters that answer the room's quiz, in choice order (either case). */
export const ANSWER_KEYS = ['a', 'b', 'c', 'd'] as const;

/** Every command, in the order the shortcuts list shows them. */
export const COMMANDS: readonly Command[] = [
  // a clicker's keys too (PageDown / PageUp, Space / Shift+Space, Enter): see the rule above
  // pressed while a lesson opens (no timeline yet), the step is queued and taken once the lesson is shown (a clicker's press is not lost)
  { id: 'step-forward', label: 'Step forward', short: '→', keys: STEP_FORWARD_KEYS, enabled: notAtEnd, run: stepForward, keepWhileDisabled: (ctx) => keepMove(ctx, 'forward') },
  { id: 'step-back', label: 'Step back', short: '←', keys: ['ArrowLeft', 'PageUp', 'Shift+ '], enabled: (ctx) => notAtStart(ctx) || quizOpen(ctx), run: stepBack, keepWhileDisabled: (ctx) => keepMove(ctx, 'back') },
  { id: 'reset', label: 'Reset', keys: ['Home'], enabled: notAtStart, run: (ctx) => moveToEdge(ctx, 'start'), keepWhileDisabled: (ctx) => keepMove(ctx, 'start') },
  { id: 'run-to-end', label: 'Run to end', keys: ['End'], enabled: notAtEnd, run: (ctx) => moveToEdge(ctx, 'end'), keepWhileDisabled: (ctx) => keepMove(ctx, 'end') },
  { id: 'next-lesson', label: 'Next lesson', short: 'Lesson ▶', keys: ['n'], run: (ctx) => goLesson(ctx, 1) },
  { id: 'previous-lesson', label: 'Previous lesson', short: '◀ Lesson', keys: ['b'], run: (ctx) => goLesson(ctx, -1) },
  {
    id: 'presentation',
    label: 'Presentation mode',
    keys: ['p', 'P'],
    run: (ctx) => ctx.settings.getState().setPresentation(!ctx.settings.getState().presentation),
  },
  {
    id: 'leave-presentation',
    label: 'Leave presentation mode',
    short: 'Leave',
    keys: ['Escape'],
    enabled: (ctx) => ctx.settings.getState().presentation,
    releaseKeysWhenDisabled: true,
    run: (ctx) => ctx.settings.getState().setPresentation(false),
  },
  {
    id: 'details',
    label: 'Show why and rule (presentation mode)',
    short: 'Details',
    keys: ['d', 'D'],
    // only presentation mode hides them (normal mode shows every line's why and rule): elsewhere d is left alone
    enabled: (ctx) => ctx.settings.getState().presentation,
    releaseKeysWhenDisabled: true,
    run: (ctx) => ctx.settings.getState().setDetails(!ctx.settings.getState().details),
  },
  {
    id: 'skip-quiet',
    label: 'Skip quiet steps',
    short: 'Skip',
    keys: ['s', 'S'],
    // normal mode steps one by one: there s is left alone
    enabled: (ctx) => ctx.settings.getState().presentation,
    releaseKeysWhenDisabled: true,
    run: (ctx) => ctx.settings.getState().setSkipQuiet(!ctx.settings.getState().skipQuiet),
  },
  { id: 'next-stop', label: 'Next marked stop', keys: [']'], enabled: (ctx) => stopAfter(ctx) !== null, run: (ctx) => goStop(ctx, stopAfter(ctx)) },
  { id: 'previous-stop', label: 'Previous marked stop', keys: ['['], enabled: (ctx) => stopBefore(ctx) !== null, run: (ctx) => goStop(ctx, stopBefore(ctx)) },
  { id: 'zoom-in', label: 'Zoom in', keys: ['+', '='], enabled: hasDiagram, run: (ctx) => ctx.panZoom()?.zoomBy(WHEEL_STEP) },
  { id: 'zoom-out', label: 'Zoom out', keys: ['-'], enabled: hasDiagram, run: (ctx) => ctx.panZoom()?.zoomBy(1 / WHEEL_STEP) },
  { id: 'zoom-fit', label: 'Zoom to fit', keys: ['0'], enabled: hasDiagram, run: (ctx) => ctx.panZoom()?.fit() },
  { id: 'legend', label: 'Legend of the diagram', short: 'Legend', keys: ['g', 'G'], enabled: hasDiagram, releaseKeysWhenDisabled: true, run: () => toggleLegend() },
  { id: 'shortcuts', label: 'Keyboard shortcuts', short: 'Shortcuts', keys: ['k'], run: (ctx) => ctx.toggleHelp() },
  // the language, the kernel's rules and these keys, in one panel (reference/ReferencePanel.tsx)
  { id: 'reference', label: 'Language reference', short: 'Reference', keys: ['?'], run: () => toggleReference() },
  {
    id: 'quiz',
    label: 'Quiz the room (presentation mode)',
    short: 'Quiz',
    keys: ['q', 'Q'],
    enabled: (ctx) => ctx.settings.getState().presentation,
    releaseKeysWhenDisabled: true,
    run: (ctx) => {
      if (ctx.quizRoom !== undefined) ctx.quizRoom.pendingForward = false;
      ctx.settings.getState().setQuiz(!ctx.settings.getState().quiz);
    },
  },
  {
    id: 'quiz-answer',
    label: 'Answer A, B, C or D (quiz question open)',
    keys: [...ANSWER_KEYS, ...ANSWER_KEYS.map((k) => k.toUpperCase())],
    overlay: true,
    enabled: quizOpen,
    releaseKeysWhenDisabled: true,
    run: (ctx, key) => ctx.quizRoom?.current?.answer(key ?? ''),
  },
  {
    id: 'quiz-skip',
    label: 'Close the quiz question (skips it)',
    keys: ['Escape'],
    overlay: true,
    enabled: quizOpen,
    releaseKeysWhenDisabled: true,
    run: (ctx) => ctx.quizRoom?.current?.skip(),
  },
  {
    id: 'lesson-list',
    label: 'Lessons',
    keys: ['l', 'L'],
    enabled: (ctx) => ctx.settings.getState().presentation,
    releaseKeysWhenDisabled: true,
    run: (ctx) => ctx.toggleLessonList?.(),
  },
  {
    id: 'blank-screen',
    label: 'Blank screen',
    keys: ['.'],
    // not in an embedded lesson: a course page's iframe has no screen of its own to blank
    enabled: (ctx) => !ctx.settings.getState().embed,
    releaseKeysWhenDisabled: true,
    run: (ctx) => ctx.blankScreen?.(),
  },
  {
    id: 'presenter',
    label: 'Presenter view (a second window)',
    short: 'Presenter',
    keys: ['v'],
    enabled: (ctx) => !ctx.settings.getState().embed,
    releaseKeysWhenDisabled: true,
    run: () => openPresenterWindow(),
  },
];

const BY_ID = new Map(COMMANDS.map((c) => [c.id, c]));
const BY_KEY = new Map(COMMANDS.filter((c) => c.overlay !== true).flatMap((c) => c.keys.map((k) => [k, c] as const)));
const OVERLAY_BY_KEY = new Map(COMMANDS.filter((c) => c.overlay === true).flatMap((c) => c.keys.map((k) => [k, c] as const)));

export function command(id: CommandId): Command {
  return BY_ID.get(id)!;
}

/** The command a key runs when no overlay is open, if any. */
export function commandForKey(key: string): Command | undefined {
  return BY_KEY.get(key);
}

/** The overlay's command of a key (quiz-answer for b), if any: it runs instead while enabled. */
export function overlayCommandForKey(key: string): Command | undefined {
  return OVERLAY_BY_KEY.get(key);
}

export function isEnabled(c: Command, ctx: CommandContext): boolean {
  return c.enabled === undefined || c.enabled(ctx);
}

/** The keys the shortcuts list shows: each key once, a letter in its first-listed case. */
export function shownKeys(c: Command): string[] {
  return c.keys.filter((k, i) => c.keys.findIndex((o) => o.toLowerCase() === k.toLowerCase()) === i);
}

const KEY_NAMES: Record<string, string> = { ArrowRight: '→', ArrowLeft: '←', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc', PageDown: 'PgDn', PageUp: 'PgUp' };

/** How a key is written for people: → for ArrowRight, Esc for Escape, Space for ' ' (also in 'Shift+ '). */
export function keyName(key: string): string {
  return KEY_NAMES[key] ?? key.replace(/ $/, 'Space');
}

/** A button's title: "Key →", "Keys + or =". */
export function keyHint(c: Command): string {
  const keys = shownKeys(c).map(keyName);
  return `${keys.length === 1 ? 'Key' : 'Keys'} ${keys.join(' or ')}`;
}

/** The aria-keyshortcuts value of a command's button (ARIA names the space bar "Space"). */
export function ariaKeyShortcuts(c: Command): string {
  return c.keys.map((k) => k.replace(/ $/, 'Space')).join(' ');
}

/** The focused element, when the key's target is one. */
const asElement = (target: EventTarget | null) => (typeof (target as HTMLElement | null)?.tagName === 'string' ? (target as HTMLElement) : null);

/** The timeline slider (any input range). */
const isRange = (t: HTMLElement) => (t as HTMLInputElement).type === 'range';

/** The user is typing: the key belongs to the field (the editor, the bytes to write, a select); not a slider (see isKeptByControl). */
export function isTyping(target: EventTarget | null): boolean {
  const t = asElement(target);
  return t !== null && (t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && !isRange(t)) || t.tagName === 'SELECT' || t.isContentEditable);
}

/** The focused control keeps this key (the rule in the header comment): the app leaves it alone. */
export function isKeptByControl(target: EventTarget | null, key: string, presentation: boolean): boolean {
  const t = asElement(target);
  if (t === null) return false;
  // a slider keeps, in normal mode, its own moves (the same as the commands'); a button (link...) Space and Enter, which press it
  if (t.tagName === 'INPUT') return isRange(t) && !presentation && /^(Arrow|Home$|End$)/.test(key);
  return (key === ' ' || key === 'Enter') && t.matches?.('button,a[href],summary,[role=button]') === true;
}

/** The fields of a keydown that handleKey reads (shiftKey: Shift+Space steps back). */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'target' | 'altKey' | 'ctrlKey' | 'metaKey' | 'preventDefault'> & { shiftKey?: boolean };

/**
 * Runs the command of a keydown; true when the key was taken (its default prevented). A disabled
 * command takes its key but does nothing (or keeps it for later: keepWhileDisabled), unless it
 * releases its keys when disabled.
 */
export function handleKey(e: KeyPress, ctx: CommandContext): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return false;
  if (isKeptByControl(e.target, e.key, ctx.settings.getState().presentation)) return false;
  const key = e.shiftKey === true && e.key === ' ' ? 'Shift+ ' : e.key; // the registry's name of Shift+Space
  const over = overlayCommandForKey(key);
  const c = over !== undefined && isEnabled(over, ctx) ? over : commandForKey(key);
  if (c === undefined) return false;
  const enabled = isEnabled(c, ctx);
  if (!enabled && c.releaseKeysWhenDisabled === true) return false;
  e.preventDefault();
  if (enabled) c.run(ctx, e.key);
  else c.keepWhileDisabled?.(ctx);
  return true;
}
