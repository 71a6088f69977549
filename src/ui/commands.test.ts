// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ariaKeyShortcuts, COMMANDS, commandForKey, handleKey, keyHint, openLesson, shownKeys, type CommandContext, type KeyPress } from './commands';
import { createScenarioStore } from '../store/scenario_store';
import { createSettingsStore } from '../store/settings_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';
import type { Builtin } from '../scenario/builtins';
import type { PanZoom } from './diagram/pan_zoom';
import { createRoomQuizStore, roomQuizKeys } from './quiz/room';
import type { Question } from './quiz/questions';
import { COURSE, placeInCourse } from '../scenario/course';

// named stops at steps 1 and 4: from step 2 (where every command can run) there is one before and one after
const SRC = '# mark: start\ntask A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\n# mark: fork\ntask B = fork(A)\nkr = write(B, x, "yo")\n';
const BUILTINS: Builtin[] = ['alpha', 'beta', 'gamma'].map((name) => ({ name, title: name, goal: '', source: SRC }));

afterEach(() => {
  vi.restoreAllMocks();
  window.location.hash = '';
  document.body.innerHTML = '';
});

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await new Promise((r) => setTimeout(r, 0));
}

function fakePanZoom(): PanZoom & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fit: () => calls.push('fit'),
    reset: () => calls.push('reset'),
    zoomBy: (k) => calls.push(`zoomBy ${k.toFixed(4)}`),
    setBounds: () => {},
    view: () => ({ x: 0, y: 0, k: 1 }),
    destroy: () => {},
  };
}

/** The app's context over real stores, on lesson `beta` (or `lesson` of `builtins`), with a diagram (or none). */
async function app(opts: { diagram?: boolean; presentation?: boolean; embed?: boolean; step?: number; builtins?: Builtin[]; lesson?: string } = {}) {
  const h = new CommandHandler();
  const store = createScenarioStore(inProcessClient((c) => h.handle(c)), opts.builtins ?? BUILTINS);
  store.getState().loadBuiltin(opts.lesson ?? 'beta', opts.step ?? 0);
  await settle();
  const settings = createSettingsStore({ presentation: opts.presentation ?? false, embed: opts.embed ?? false });
  const pz = fakePanZoom();
  let help = 0;
  let lessonList = 0;
  let blanks = 0;
  const ctx: CommandContext = {
    store, settings, panZoom: () => (opts.diagram === false ? null : pz), toggleHelp: () => help++,
    toggleLessonList: () => lessonList++, blankScreen: () => blanks++,
  };
  return { ctx, store, settings, pz, helpToggles: () => help, lessonListToggles: () => lessonList, blanks: () => blanks };
}

/** A keydown at `target` (the page by default); the result says whether the key was taken. A registry key 'Shift+ ' is Shift with Space. */
function press(ctx: CommandContext, key: string, init: Partial<KeyPress> = {}) {
  let prevented = false;
  const shift = key.startsWith('Shift+');
  const taken = handleKey(
    { key: shift ? key.slice('Shift+'.length) : key, shiftKey: shift, target: document.body, altKey: false, ctrlKey: false, metaKey: false, preventDefault: () => (prevented = true), ...init },
    ctx,
  );
  return { taken, prevented };
}

/** A focused element of the page (the key's target). */
function focused<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  return el;
}

describe('the command registry', () => {
  it('gives each key to one command only (a letter in either case counts as one key), and an overlay\'s keys to one overlay command', () => {
    const owner = new Map<string, string>();
    const overlayOwner = new Map<string, string>();
    for (const c of COMMANDS.filter((o) => o.overlay === true)) {
      for (const k of c.keys) {
        const other = overlayOwner.get(k);
        if (other !== undefined && other !== c.id) throw new Error(`${k} belongs to ${other} and ${c.id}`);
        overlayOwner.set(k, c.id);
      }
    }
    for (const c of COMMANDS.filter((o) => o.overlay !== true)) {
      expect(c.keys.length).toBeGreaterThan(0);
      for (const k of c.keys) {
        const key = k.length === 1 ? k.toLowerCase() : k;
        const other = owner.get(key);
        if (other !== undefined && other !== c.id) throw new Error(`${k} belongs to ${other} and ${c.id}`);
        owner.set(key, c.id);
      }
    }
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
  });

  it('runs every command from every one of its keys, and that command only', async () => {
    // a state where every command can run: mid-timeline, in presentation mode, with a diagram
    const { ctx } = await app({ presentation: true, step: 2 });
    for (const c of COMMANDS.filter((o) => o.overlay !== true)) {
      for (const k of c.keys) {
        const runs = COMMANDS.map((o) => vi.spyOn(o, 'run').mockImplementation(() => {}));
        expect(press(ctx, k), `${c.id} from ${k}`).toEqual({ taken: true, prevented: true });
        COMMANDS.forEach((o, i) => expect(runs[i], `${o.id} after ${k}`).toHaveBeenCalledTimes(o === c ? 1 : 0));
        vi.restoreAllMocks();
      }
    }
  });

  it('keeps the keys of today: → ← Home End n b p P Escape, and d for details', () => {
    const expected: Record<string, string> = { ArrowRight: 'step-forward', ArrowLeft: 'step-back', Home: 'reset', End: 'run-to-end', n: 'next-lesson', b: 'previous-lesson', p: 'presentation', P: 'presentation', Escape: 'leave-presentation', d: 'details', D: 'details' };
    for (const [key, id] of Object.entries(expected)) expect(commandForKey(key)?.id, key).toBe(id);
  });

  it('names its keys for people', () => {
    const byId = (id: string) => COMMANDS.find((c) => c.id === id)!;
    expect(keyHint(byId('step-forward'))).toBe('Keys → or PgDn or Space or Enter');
    expect(keyHint(byId('step-back'))).toBe('Keys ← or PgUp or Shift+Space');
    expect(ariaKeyShortcuts(byId('step-back'))).toBe('ArrowLeft PageUp Shift+Space');
    expect(keyHint(byId('blank-screen'))).toBe('Key .');
    expect(keyHint(byId('leave-presentation'))).toBe('Key Esc');
    expect(keyHint(byId('zoom-in'))).toBe('Keys + or =');
    expect(shownKeys(byId('presentation'))).toEqual(['p']);
  });
});

describe('keys at work', () => {
  it('→ ← Home End move the timeline; End at the last step still takes the key (the page does not scroll)', async () => {
    const { ctx, store } = await app();
    const total = store.getState().total;
    expect(total).toBe(5);
    press(ctx, 'ArrowRight');
    press(ctx, 'ArrowRight');
    expect(store.getState().target).toBe(2);
    press(ctx, 'ArrowLeft');
    expect(store.getState().target).toBe(1);
    press(ctx, 'End');
    expect(store.getState().target).toBe(total);
    expect(press(ctx, 'End')).toEqual({ taken: true, prevented: true });
    expect(store.getState().target).toBe(total);
    press(ctx, 'Home');
    expect(store.getState().target).toBe(0);
  });

  it('n and b follow the course order across a unit boundary, both ways, and wrap from the last lesson to the first', async () => {
    // the store's list in alphabetical order (as the browser's index is): n / b follow the course, not it
    const names = COURSE.flatMap((u) => u.lessons);
    const lessons: Builtin[] = [...names].sort().map((name) => ({ name, title: name, goal: '', source: SRC, ...placeInCourse(name) }));
    const lastOfFirstUnit = COURSE[0].lessons.at(-1)!;
    const firstOfSecondUnit = COURSE[1].lessons[0];
    const across = await app({ builtins: lessons, lesson: lastOfFirstUnit });
    press(across.ctx, 'n');
    expect(window.location.hash).toBe(`#builtin=${firstOfSecondUnit}`);
    await settle();
    const back = await app({ builtins: lessons, lesson: firstOfSecondUnit });
    press(back.ctx, 'b');
    expect(window.location.hash).toBe(`#builtin=${lastOfFirstUnit}`);
    await settle();
    const last = await app({ builtins: lessons, lesson: names.at(-1)! });
    press(last.ctx, 'n');
    expect(window.location.hash).toBe(`#builtin=${names[0]}`);
    await settle();
    const first = await app({ builtins: lessons, lesson: names[0] });
    press(first.ctx, 'b');
    expect(window.location.hash).toBe(`#builtin=${names.at(-1)!}`);
    await settle();
    // the example: b from fork_copy no longer lands on fixed_overlap_no_space (the alphabet's neighbour)
    const fork = await app({ builtins: lessons, lesson: 'fork_copy' });
    press(fork.ctx, 'b');
    expect(window.location.hash).toBe(`#builtin=${names[names.indexOf('fork_copy') - 1]}`);
    expect(window.location.hash).not.toBe('#builtin=fixed_overlap_no_space');
    await settle();
  });

  it('n and b open the next and previous lesson (lessons the course does not know: in the order given), wrapping, keeping the embed layout', async () => {
    const { ctx } = await app();
    press(ctx, 'n');
    expect(window.location.hash).toBe('#builtin=gamma');
    await settle(); // the hashchange
    const embedded = await app({ embed: true });
    press(embedded.ctx, 'b');
    expect(window.location.hash).toBe('#builtin=alpha&embed=1');
    await settle();
  });

  it('from a lesson changed (a what-if, an edit) n and b go to the lessons after and before it; the same lesson opens its own text again', async () => {
    const { ctx, store } = await app();
    store.getState().editSource(`${SRC}kr = write(A, x, "what if")\n`);
    expect(store.getState()).toMatchObject({ builtinName: null, origin: 'beta' });
    press(ctx, 'n');
    expect(window.location.hash).toBe('#builtin=gamma');
    await settle();
    window.location.hash = '#builtin=beta';
    await settle();
    store.getState().editSource(`${SRC}# changed\n`);
    press(ctx, 'b');
    expect(window.location.hash).toBe('#builtin=alpha');
    await settle();
    // the address already names the lesson (no hashchange would come): it is opened here
    window.location.hash = '#builtin=beta';
    await settle();
    store.getState().editSource(`${SRC}# changed\n`);
    openLesson(ctx, 'beta');
    expect(store.getState()).toMatchObject({ builtinName: 'beta', source: SRC });
    await settle();
  });

  it('n then b pressed before the page has opened the next lesson come back to the first one', async () => {
    const { ctx } = await app();
    press(ctx, 'n');
    press(ctx, 'b'); // the hashchange of n not handled yet: the store still says beta
    expect(window.location.hash).toBe('#builtin=beta');
    await settle();
    press(ctx, 'n');
    press(ctx, 'n');
    expect(window.location.hash).toBe('#builtin=alpha'); // beta → gamma → alpha (wrapping), not gamma twice
    await settle();
  });

  it('p toggles presentation mode; Escape leaves it, and outside it Escape is left to the browser', async () => {
    const { ctx, settings } = await app();
    press(ctx, 'p');
    expect(settings.getState().presentation).toBe(true);
    expect(press(ctx, 'Escape')).toEqual({ taken: true, prevented: true });
    expect(settings.getState().presentation).toBe(false);
    expect(press(ctx, 'Escape')).toEqual({ taken: false, prevented: false });
    press(ctx, 'P');
    expect(settings.getState().presentation).toBe(true);
  });

  it('d toggles the why and rule of presentation mode, kept until pressed again; outside presentation mode d is left alone', async () => {
    const { ctx, settings, store } = await app();
    expect(press(ctx, 'd')).toEqual({ taken: false, prevented: false });
    expect(settings.getState().details).toBe(false);
    press(ctx, 'p');
    expect(press(ctx, 'd')).toEqual({ taken: true, prevented: true });
    expect(settings.getState().details).toBe(true);
    // kept across steps
    press(ctx, 'ArrowRight');
    await settle();
    expect(store.getState().target).toBe(1);
    expect(settings.getState().details).toBe(true);
    press(ctx, 'D');
    expect(settings.getState().details).toBe(false);
  });

  it('+ = − 0 zoom the diagram in and out by a wheel notch and fit it; without a diagram they do nothing', async () => {
    const { ctx, pz } = await app();
    press(ctx, '+');
    press(ctx, '=');
    press(ctx, '-');
    press(ctx, '0');
    expect(pz.calls).toEqual(['zoomBy 1.2000', 'zoomBy 1.2000', 'zoomBy 0.8333', 'fit']);
    const none = await app({ diagram: false });
    expect(press(none.ctx, '0').taken).toBe(true);
    expect(none.pz.calls).toEqual([]);
  });

  it('a clicker steps: PageDown, Space and Enter forward, PageUp and Shift+Space back, in both modes', async () => {
    for (const presentation of [false, true]) {
      const { ctx, store } = await app({ presentation });
      for (const key of ['PageDown', ' ', 'Enter']) {
        const before = store.getState().target;
        expect(press(ctx, key), key).toEqual({ taken: true, prevented: true });
        expect(store.getState().target, `${key} (presentation: ${presentation})`).toBe(before + 1);
      }
      for (const key of ['PageUp', 'Shift+ ']) {
        const before = store.getState().target;
        expect(press(ctx, key), key).toEqual({ taken: true, prevented: true });
        expect(store.getState().target, `${key} (presentation: ${presentation})`).toBe(before - 1);
      }
      await settle();
    }
  });

  it('a step key pressed while a lesson opens (Step forward disabled, no timeline yet) is kept: the lesson opens at step 1', async () => {
    for (const key of ['ArrowRight', 'Enter']) {
      const { ctx, store } = await app({ presentation: key === 'Enter' });
      store.getState().loadSource('task Q\n'); // any text opening: its first step is not there yet
      store.getState().loadBuiltin('gamma');
      expect(store.getState().total).toBe(0);
      expect(press(ctx, key), key).toEqual({ taken: true, prevented: true });
      await settle();
      expect(store.getState().builtinName).toBe('gamma');
      expect(store.getState().cursor, key).toBe(1);
      // at the end a step key still does nothing, and nothing is kept for later
      await store.getState().runToEnd();
      expect(press(ctx, key)).toEqual({ taken: true, prevented: true });
      store.getState().loadBuiltin('alpha');
      await settle();
      expect(store.getState().cursor, key).toBe(0);
    }
  });

  it('End, ← and Home pressed while a lesson opens are kept too, in the order pressed; other keys still do nothing', async () => {
    const { ctx, store } = await app();
    store.getState().loadBuiltin('gamma');
    expect(store.getState().total).toBe(0);
    for (const key of ['End', 'ArrowLeft', 'ArrowLeft', '+']) expect(press(ctx, key), key).toEqual({ taken: true, prevented: true });
    await settle();
    expect(store.getState()).toMatchObject({ builtinName: 'gamma', total: 5, cursor: 3 }); // End (5), two steps back
    store.getState().loadBuiltin('alpha', 4);
    press(ctx, 'PageUp');
    press(ctx, 'Home');
    press(ctx, 'ArrowRight');
    await settle();
    expect(store.getState().cursor).toBe(1); // 4 → 3, Home → 0, → 1
  });

  it('keys pressed between n and the lesson opening are the next lesson\'s, also when the page opens it late (an embed fetches its options first)', async () => {
    const { ctx, store } = await app({ embed: true });
    await store.getState().goto(2);
    press(ctx, 'n');
    expect(window.location.hash).toBe('#builtin=gamma&embed=1');
    await settle(); // the hashchange: an embed's page has not begun to open the lesson yet
    press(ctx, 'ArrowRight');
    press(ctx, 'ArrowRight');
    press(ctx, 'End');
    press(ctx, 'ArrowLeft');
    expect(store.getState()).toMatchObject({ builtinName: 'beta', cursor: 2 }); // the lesson still shown is not moved
    store.getState().loadBuiltin('gamma'); // what main.tsx does once the embed's options are here
    await settle();
    expect(store.getState()).toMatchObject({ builtinName: 'gamma', cursor: 4 }); // →, →, End (5), ←
    // the address moved elsewhere before the lesson opened: the keys of the gap go with it
    press(ctx, 'n');
    await settle();
    press(ctx, 'ArrowRight');
    window.location.hash = '#builtin=beta';
    await settle();
    store.getState().loadBuiltin('alpha');
    await settle();
    expect(store.getState()).toMatchObject({ builtinName: 'alpha', cursor: 0 });
  });

  it('the timeline slider never takes a clicker key; in normal mode it keeps its arrows, Home and End, in presentation mode no key', async () => {
    const range = focused('input', { type: 'range' });
    const normal = await app({ step: 2 });
    const steps: number[] = [];
    for (const key of ['PageDown', 'PageDown', 'PageUp', ' ', 'Shift+ ', 'Enter']) {
      expect(press(normal.ctx, key, { target: range }), key).toEqual({ taken: true, prevented: true });
      steps.push(normal.store.getState().target);
    }
    expect(steps).toEqual([3, 4, 3, 4, 3, 4]); // not 0: PageDown no longer moves the slider to its start
    expect(press(normal.ctx, 'k', { target: range }).taken).toBe(true);
    expect(normal.helpToggles()).toBe(1);
    for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'Home', 'End']) expect(press(normal.ctx, key, { target: range }), key).toEqual({ taken: false, prevented: false });
    expect(normal.store.getState().target).toBe(4);
    await settle();

    const shown = await app({ step: 2, presentation: true });
    steps.length = 0;
    for (const key of ['ArrowRight', 'ArrowLeft', 'PageDown', ' ', 'Enter', 'Home', 'End']) {
      expect(press(shown.ctx, key, { target: range }), key).toEqual({ taken: true, prevented: true });
      steps.push(shown.store.getState().target);
    }
    expect(steps).toEqual([3, 2, 3, 4, 5, 0, 5]);
    await settle();
  });

  it('a focused button keeps Space and Enter (they press it) in both modes; its other keys are the app\'s', async () => {
    for (const presentation of [false, true]) {
      const { ctx, store } = await app({ presentation });
      for (const target of [focused('button'), focused('a', { href: '#x' }), focused('div', { role: 'button', tabindex: '0' })]) {
        for (const key of [' ', 'Enter', 'Shift+ ']) expect(press(ctx, key, { target }), `${key} on ${target.tagName}`).toEqual({ taken: false, prevented: false });
        expect(press(ctx, 'PageDown', { target }).taken).toBe(true);
      }
      expect(store.getState().target).toBe(3); // the three PageDowns only
      await settle();
    }
  });

  it('l opens the lesson list in presentation mode only; . blanks the screen, but not in an embedded lesson', async () => {
    const normal = await app();
    expect(press(normal.ctx, 'l')).toEqual({ taken: false, prevented: false });
    expect(normal.lessonListToggles()).toBe(0);
    expect(press(normal.ctx, '.').taken).toBe(true);
    expect(normal.blanks()).toBe(1);
    const shown = await app({ presentation: true });
    press(shown.ctx, 'l');
    press(shown.ctx, 'L');
    expect(shown.lessonListToggles()).toBe(2);
    const embedded = await app({ embed: true });
    expect(press(embedded.ctx, '.')).toEqual({ taken: false, prevented: false });
    expect(embedded.blanks()).toBe(0);
  });

  it('k opens and closes the keyboard shortcuts list', async () => {
    const { ctx, helpToggles } = await app();
    press(ctx, 'k');
    press(ctx, 'k');
    expect(helpToggles()).toBe(2);
  });

  it('does nothing while the user types in a field, or with Ctrl, Alt or ⌘ (the browser keeps its shortcuts)', async () => {
    const { ctx, store, settings, pz } = await app();
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    document.body.append(editable);
    const fields = [document.createElement('textarea'), document.createElement('input'), document.createElement('select'), editable];
    for (const target of fields) {
      for (const key of ['ArrowRight', 'End', 'p', '0', 'k']) expect(press(ctx, key, { target }), `${key} in ${target.tagName}`).toEqual({ taken: false, prevented: false });
    }
    for (const mod of ['ctrlKey', 'altKey', 'metaKey'] as const) {
      expect(press(ctx, '0', { [mod]: true }).taken).toBe(false); // Ctrl+0: the browser's own zoom reset
      expect(press(ctx, 'ArrowRight', { [mod]: true }).taken).toBe(false);
    }
    expect(store.getState().target).toBe(0);
    expect(settings.getState().presentation).toBe(false);
    expect(pz.calls).toEqual([]);
    expect(press(ctx, 'q')).toEqual({ taken: false, prevented: false }); // no command: the key goes on
  });
});

describe('skipping quiet steps and named stops', () => {
  // steps: 1 task, 2 call, 3 assert, 4 assign, 5 call, 6 assert
  const QUIET = 'task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\nassert kr == 0\ny = x\n# mark: the write\nkr = write(A, x, "hi")\nassert kr == 0\n';

  /** Stores wired as main.tsx wires them: the store skips when presentation mode and the toggle say so. */
  async function wired(presentation: boolean, source = QUIET) {
    const settings = createSettingsStore({ presentation });
    const h = new CommandHandler();
    const skips = () => settings.getState().presentation && settings.getState().skipQuiet;
    const store = createScenarioStore(inProcessClient((c) => h.handle(c)), BUILTINS, undefined, undefined, skips);
    store.getState().loadSource(source);
    await settle();
    const ctx: CommandContext = { store, settings, panZoom: () => null, toggleHelp: () => {} };
    const step = async (key: string) => {
      press(ctx, key);
      await settle();
      return store.getState().cursor;
    };
    return { ctx, store, settings, step };
  }

  it('in presentation mode → and ← skip the asserts and assignments; s turns it off and on; the counter keeps the true step', async () => {
    const { settings, step } = await wired(true);
    expect([await step('ArrowRight'), await step('ArrowRight'), await step('ArrowRight'), await step('ArrowRight')]).toEqual([1, 2, 5, 6]);
    expect(await step('ArrowLeft')).toBe(5);
    expect(await step('ArrowLeft')).toBe(2);
    await step('s');
    expect(settings.getState().skipQuiet).toBe(false);
    expect([await step('ArrowRight'), await step('ArrowRight')]).toEqual([3, 4]);
    await step('S');
    expect(settings.getState().skipQuiet).toBe(true);
    expect(await step('ArrowRight')).toBe(5);
  });

  it('] and [ go to the next and previous named stop, in either mode; with none that way they do nothing', async () => {
    for (const presentation of [false, true]) {
      const { store, step } = await wired(presentation, '# mark: begin\n' + QUIET);
      expect(await step(']')).toBe(1);
      expect(await step(']')).toBe(5);
      expect(store.getState().record?.text).toBe('kr = write(A, x, "hi")');
      expect(await step(']')).toBe(5);
      expect(await step('[')).toBe(1);
      expect(await step('[')).toBe(1);
    }
  });

  it('normal mode steps one by one, and leaves s alone', async () => {
    const { ctx, settings, step } = await wired(false);
    expect([await step('ArrowRight'), await step('ArrowRight'), await step('ArrowRight')]).toEqual([1, 2, 3]);
    expect(press(ctx, 's')).toEqual({ taken: false, prevented: false });
    expect(settings.getState().skipQuiet).toBe(true);
  });
});

describe("the room's quiz keys (presentation mode, q)", () => {
  /** The app's context with the room's quiz, at step 4 of lesson beta: the next statement, kr = write(B, x, "yo"), asks about the copy. */
  async function room() {
    const a = await app({ presentation: true, step: 4 });
    // what the overlay does while mounted: one store, its keys in the page's hook
    const quizRoom = createRoomQuizStore();
    const ctx: CommandContext = { ...a.ctx, quizRoom: { current: roomQuizKeys(a.store, a.settings, quizRoom) } };
    const q: Question = { id: '4:cow', prompt: 'Will this write need a copy-on-write fault?', choices: [{ id: 'no', label: 'No' }, { id: 'yes', label: 'Yes' }], answer: 'yes', why: 'Yes: …' };
    quizRoom.getState().setReady({ loads: a.store.getState().loads, step: 4, questions: [q] });
    return { ...a, ctx, quizRoom };
  }

  it('q turns the quiz on and off in presentation mode only; outside it q is left alone', async () => {
    const { ctx, settings } = await room();
    expect(press(ctx, 'q')).toEqual({ taken: true, prevented: true });
    expect(settings.getState().quiz).toBe(true);
    press(ctx, 'Q');
    expect(settings.getState().quiz).toBe(false);
    settings.getState().setPresentation(false);
    expect(press(ctx, 'q')).toEqual({ taken: false, prevented: false });
    expect(settings.getState().quiz).toBe(false);
  });

  it('→ asks first, a letter answers, the next → steps; b, d and Escape are the overlay\'s only while it is open', async () => {
    const { ctx, store, settings, quizRoom } = await room();
    press(ctx, 'q');
    // closed: b is still the previous lesson, d the details
    press(ctx, 'd');
    expect(settings.getState().details).toBe(true);
    press(ctx, 'ArrowRight');
    expect(store.getState().target).toBe(4); // no step: the question first
    expect(quizRoom.getState().open).toMatchObject({ step: 4, index: 0, revealed: false });
    expect(press(ctx, 'd')).toEqual({ taken: true, prevented: true }); // D has no choice here (yes/no): taken, nothing picked
    expect(settings.getState().details).toBe(true);
    expect(quizRoom.getState().open?.revealed).toBe(false);
    expect(press(ctx, 'B')).toEqual({ taken: true, prevented: true }); // B: "Yes"
    expect(window.location.hash).toBe(''); // not the previous lesson
    expect(quizRoom.getState().open).toMatchObject({ chosen: 'yes', revealed: true });
    press(ctx, 'ArrowRight');
    await settle();
    expect(quizRoom.getState().open).toBeNull();
    expect(store.getState().target).toBe(5);
    // back over it and forward again: asked once, not again
    press(ctx, 'ArrowLeft');
    await settle();
    press(ctx, 'ArrowRight');
    await settle();
    expect(store.getState().target).toBe(5);
  });

  it('→ on an unanswered question reveals it (a clicker has no letters); ← and Escape close it without leaving presentation mode', async () => {
    const { ctx, store, settings, quizRoom } = await room();
    press(ctx, 'q');
    press(ctx, 'ArrowRight');
    press(ctx, 'ArrowRight');
    expect(quizRoom.getState().open).toMatchObject({ chosen: null, revealed: true });
    expect(store.getState().target).toBe(4);
    press(ctx, 'ArrowLeft'); // closes, no step back
    expect(quizRoom.getState().open).toBeNull();
    expect(store.getState().target).toBe(4);
    press(ctx, 'ArrowRight'); // asks again: it was not answered through
    expect(quizRoom.getState().open).not.toBeNull();
    expect(press(ctx, 'Escape')).toEqual({ taken: true, prevented: true });
    expect(settings.getState().presentation).toBe(true);
    expect(quizRoom.getState().open).toBeNull();
    press(ctx, 'ArrowRight'); // skipped: the step runs
    await settle();
    expect(store.getState().target).toBe(5);
    // closed, Escape leaves presentation mode as always
    press(ctx, 'Escape');
    expect(settings.getState().presentation).toBe(false);
  });

  it('a statement with no question steps at once; without the quiz → always steps', async () => {
    const { ctx, store, quizRoom } = await room();
    quizRoom.getState().setReady({ loads: store.getState().loads, step: 4, questions: [] });
    press(ctx, 'q');
    press(ctx, 'ArrowRight');
    await settle();
    expect(quizRoom.getState().open).toBeNull();
    expect(store.getState().target).toBe(5);
    press(ctx, 'q'); // off (the overlay would unmount: its keys leave the hook)
    ctx.quizRoom!.current = null;
    press(ctx, 'ArrowLeft');
    await settle();
    press(ctx, 'ArrowRight');
    await settle();
    expect(store.getState().target).toBe(5);
  });
});
