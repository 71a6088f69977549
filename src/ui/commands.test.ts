// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS, commandForKey, handleKey, keyHint, shownKeys, type CommandContext, type KeyPress } from './commands';
import { createScenarioStore } from '../store/scenario_store';
import { createSettingsStore } from '../store/settings_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';
import type { Builtin } from '../scenario/builtins';
import type { PanZoom } from './diagram/pan_zoom';

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

/** The app's context over real stores, on lesson `beta`, with a diagram (or none). */
async function app(opts: { diagram?: boolean; presentation?: boolean; embed?: boolean; step?: number } = {}) {
  const h = new CommandHandler();
  const store = createScenarioStore(inProcessClient((c) => h.handle(c)), BUILTINS);
  store.getState().loadBuiltin('beta', opts.step ?? 0);
  await settle();
  const settings = createSettingsStore({ presentation: opts.presentation ?? false, embed: opts.embed ?? false });
  const pz = fakePanZoom();
  let help = 0;
  const ctx: CommandContext = { store, settings, panZoom: () => (opts.diagram === false ? null : pz), toggleHelp: () => help++ };
  return { ctx, store, settings, pz, helpToggles: () => help };
}

/** A keydown at `target` (the page by default); the result says whether the key was taken. */
function press(ctx: CommandContext, key: string, init: Partial<KeyPress> = {}) {
  let prevented = false;
  const taken = handleKey({ key, target: document.body, altKey: false, ctrlKey: false, metaKey: false, preventDefault: () => (prevented = true), ...init }, ctx);
  return { taken, prevented };
}

describe('the command registry', () => {
  it('gives each key to one command only (a letter in either case counts as one key)', () => {
    const owner = new Map<string, string>();
    for (const c of COMMANDS) {
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
    for (const c of COMMANDS) {
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
    expect(keyHint(byId('step-forward'))).toBe('Key →');
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

  it('n and b open the next and previous lesson in the picker order, wrapping, keeping the embed layout', async () => {
    const { ctx } = await app();
    press(ctx, 'n');
    expect(window.location.hash).toBe('#builtin=gamma');
    await settle(); // the hashchange
    const embedded = await app({ embed: true });
    press(embedded.ctx, 'b');
    expect(window.location.hash).toBe('#builtin=alpha&embed=1');
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
