/**
 * commands: everything the keyboard can do, in one registry (excalidraw's action registry in
 * small): each command has an id, a label, its keys, what it does and when it can. The app's one
 * key handler (handleKey), the buttons that run a command (their text, title and
 * aria-keyshortcuts) and the keyboard shortcuts list all read it, so a key shown is a key that
 * works. Keys are KeyboardEvent.key values; none fires while the user types in a text field, or
 * with Ctrl, Alt or ⌘ held (the browser's own shortcuts, Ctrl + wheel's zoom).
 */
import { stepRange, type ScenarioStore } from '../store/scenario_store';
import type { SettingsStore } from '../store/settings_store';
import type { PanZoom } from './diagram/pan_zoom';
import { WHEEL_STEP } from './diagram/pan_zoom';
import { markAfter, markBefore, marksOf, type Mark } from './stops';

export interface CommandContext {
  store: ScenarioStore;
  settings: SettingsStore;
  /** The diagram's pan and zoom; null while no diagram is drawn. */
  panZoom(): PanZoom | null;
  /** Opens or closes the keyboard shortcuts list. */
  toggleHelp(): void;
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
  | 'shortcuts';

export interface Command {
  id: CommandId;
  /** What the command does, as its button and the shortcuts list say it. */
  label: string;
  /** A shorter text for its button, where the header has little room. */
  short?: string;
  /** Its keys (KeyboardEvent.key); of a letter's two cases the first listed is the one shown. */
  keys: readonly string[];
  run(ctx: CommandContext): void;
  /** False: the command would do nothing now, and its button is disabled. Always enabled without it. */
  enabled?(ctx: CommandContext): boolean;
  /**
   * While disabled, its keys are left to the browser (Escape outside presentation mode). By default
   * a disabled command still takes its keys, so End at the last step does not scroll the page.
   */
  releaseKeysWhenDisabled?: boolean;
}

/** The next (+1) or previous (-1) built-in lesson in the picker's order, wrapping around. */
/**
 * The lesson n or b last asked for while the page has not yet opened it: the address changes at
 * once, the page opens the lesson on the hashchange that follows, and a key pressed in between
 * (keys are handled before other tasks) counts from the lesson asked for, not the one still shown.
 */
let pendingLesson: string | null = null;
let watchingHash = false;

function goLesson(ctx: CommandContext, delta: 1 | -1): void {
  const { builtins, builtinName } = ctx.store.getState();
  if (builtins.length === 0) return;
  const at = builtins.findIndex((b) => b.name === (pendingLesson ?? builtinName));
  const next = builtins[(at < 0 ? 0 : at + delta + builtins.length) % builtins.length];
  const embedded = ctx.settings.getState().embed ? '&embed=1' : '';
  const hash = `#builtin=${encodeURIComponent(next.name)}${embedded}`;
  if (hash === window.location.hash) return; // no change, no hashchange to wait for
  if (!watchingHash) {
    window.addEventListener('hashchange', () => (pendingLesson = null));
    watchingHash = true;
  }
  pendingLesson = next.name;
  window.location.hash = hash;
}

// within the timeline's range (an embed's start and end step: stepRange)
const notAtStart = (ctx: CommandContext) => ctx.store.getState().target > stepRange(ctx.store.getState()).first;
const notAtEnd = (ctx: CommandContext) => ctx.store.getState().target < stepRange(ctx.store.getState()).last;
const hasDiagram = (ctx: CommandContext) => ctx.panZoom() !== null;
/** The scenario's `# mark:` stop after / before the target (stops.ts), or null. */
const stopAfter = (ctx: CommandContext) => markAfter(marksOf(ctx.store.getState().outcome), ctx.store.getState().target);
const stopBefore = (ctx: CommandContext) => markBefore(marksOf(ctx.store.getState().outcome), ctx.store.getState().target);
const goStop = (ctx: CommandContext, m: Mark | null) => void (m !== null && ctx.store.getState().goto(m.step));

/** Every command, in the order the shortcuts list shows them. */
export const COMMANDS: readonly Command[] = [
  { id: 'step-forward', label: 'Step forward', short: '→', keys: ['ArrowRight'], enabled: notAtEnd, run: (ctx) => void ctx.store.getState().stepForward() },
  { id: 'step-back', label: 'Step back', short: '←', keys: ['ArrowLeft'], enabled: notAtStart, run: (ctx) => void ctx.store.getState().stepBack() },
  { id: 'reset', label: 'Reset', keys: ['Home'], enabled: notAtStart, run: (ctx) => void ctx.store.getState().reset() },
  { id: 'run-to-end', label: 'Run to end', keys: ['End'], enabled: notAtEnd, run: (ctx) => void ctx.store.getState().runToEnd() },
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
  { id: 'shortcuts', label: 'Keyboard shortcuts', short: 'Shortcuts', keys: ['k'], run: (ctx) => ctx.toggleHelp() },
];

const BY_ID = new Map(COMMANDS.map((c) => [c.id, c]));
const BY_KEY = new Map(COMMANDS.flatMap((c) => c.keys.map((k) => [k, c] as const)));

export function command(id: CommandId): Command {
  return BY_ID.get(id)!;
}

/** The command a key runs, if any. */
export function commandForKey(key: string): Command | undefined {
  return BY_KEY.get(key);
}

export function isEnabled(c: Command, ctx: CommandContext): boolean {
  return c.enabled === undefined || c.enabled(ctx);
}

/** The keys the shortcuts list shows: each key once, a letter in its first-listed case. */
export function shownKeys(c: Command): string[] {
  return c.keys.filter((k, i) => c.keys.findIndex((o) => o.toLowerCase() === k.toLowerCase()) === i);
}

const KEY_NAMES: Record<string, string> = { ArrowRight: '→', ArrowLeft: '←', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc', ' ': 'Space' };

/** How a key is written for people: → for ArrowRight, Esc for Escape. */
export function keyName(key: string): string {
  return KEY_NAMES[key] ?? key;
}

/** A button's title: "Key →", "Keys + or =". */
export function keyHint(c: Command): string {
  const keys = shownKeys(c).map(keyName);
  return `${keys.length === 1 ? 'Key' : 'Keys'} ${keys.join(' or ')}`;
}

/** The aria-keyshortcuts value of a command's button (ARIA names the space bar "Space"). */
export function ariaKeyShortcuts(c: Command): string {
  return c.keys.map((k) => (k === ' ' ? 'Space' : k)).join(' ');
}

/** The user is typing: the key belongs to the field (the editor, the bytes to write, the scrubber, a select). */
export function isTyping(target: EventTarget | null): boolean {
  if (target === null || typeof (target as HTMLElement).tagName !== 'string') return false;
  const t = target as HTMLElement;
  return t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.isContentEditable;
}

/** The fields of a keydown that handleKey reads. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'target' | 'altKey' | 'ctrlKey' | 'metaKey' | 'preventDefault'>;

/**
 * Runs the command of a keydown; true when the key was taken (its default prevented). A disabled
 * command takes its key but does nothing, unless it releases its keys when disabled.
 */
export function handleKey(e: KeyPress, ctx: CommandContext): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return false;
  const c = commandForKey(e.key);
  if (c === undefined) return false;
  const enabled = isEnabled(c, ctx);
  if (!enabled && c.releaseKeysWhenDisabled === true) return false;
  e.preventDefault();
  if (enabled) c.run(ctx);
  return true;
}
