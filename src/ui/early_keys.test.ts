// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { keepEarlyKeys, takeOverEarlyKeys } from './early_keys';
import { createScenarioStore } from '../store/scenario_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';
import type { Builtin } from '../scenario/builtins';

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\n';
const BUILTINS: Builtin[] = [{ name: 'one', title: 'One', goal: '', source: SRC }];

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await new Promise((r) => setTimeout(r, 0));
}

function storeOpening() {
  const h = new CommandHandler();
  const store = createScenarioStore(inProcessClient((c) => h.handle(c)), BUILTINS);
  store.getState().loadBuiltin('one');
  return store;
}

/** A keydown on the page (nothing focused); whether its default was prevented. */
function press(key: string, init: KeyboardEventInit = {}): boolean {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  document.body.dispatchEvent(e);
  return e.defaultPrevented;
}

afterEach(() => takeOverEarlyKeys());

describe('early keys (before the page is drawn)', () => {
  it('a step key pressed while the link\'s lesson opens is queued: the lesson opens at step 1', async () => {
    const store = storeOpening();
    keepEarlyKeys(store);
    expect(press('ArrowRight')).toBe(true);
    await settle();
    expect(store.getState().cursor).toBe(1);
    // the lesson open, the page still not drawn: a clicker's PageDown steps at once
    expect(press('PageDown')).toBe(true);
    await settle();
    expect(store.getState().cursor).toBe(2);
  });

  it('leaves other keys, Shift+Space and modified keys to the browser, and every key once the page takes over', async () => {
    const store = storeOpening();
    keepEarlyKeys(store);
    expect(press('ArrowLeft')).toBe(false);
    expect(press(' ', { shiftKey: true })).toBe(false);
    expect(press('ArrowRight', { ctrlKey: true })).toBe(false);
    takeOverEarlyKeys();
    expect(press('ArrowRight')).toBe(false);
    await settle();
    expect(store.getState().cursor).toBe(0);
  });
});
