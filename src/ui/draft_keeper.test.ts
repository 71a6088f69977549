import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScenarioStore } from '../store/scenario_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';
import { DRAFT_DELAY_MS, keepDrafts, type DraftPage } from './draft_keeper';
import { DRAFT_KEY, readDraft } from './persistence';

function memory() {
  const m = new Map<string, string>();
  let full = false;
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (full && v.length > 200) throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
      m.set(k, v);
    },
    removeItem: (k: string) => void m.delete(k),
    fill: (on: boolean) => (full = on),
  };
}

function page() {
  const listeners: Record<string, (() => void)[]> = {};
  let hidden = false;
  const p: DraftPage = {
    hash: () => '#src=x',
    on: (type, l) => (listeners[type] ??= []).push(l),
    hidden: () => hidden,
  };
  return { p, fire: (type: string, hide = false) => { hidden = hide; for (const l of listeners[type] ?? []) l(); } };
}

describe('keepDrafts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const setup = () => {
    const store = createScenarioStore(inProcessClient(new CommandHandler()), []);
    const storage = memory();
    const pg = page();
    keepDrafts(store, () => storage, pg.p);
    return { store, storage, pg };
  };

  it(`an edit is saved ${DRAFT_DELAY_MS} ms after the last change`, () => {
    const { store, storage } = setup();
    store.getState().editSource('task A\n');
    vi.advanceTimersByTime(DRAFT_DELAY_MS - 1);
    expect(storage.getItem(DRAFT_KEY)).toBeNull();
    vi.advanceTimersByTime(1);
    expect(readDraft(storage)).toMatchObject({ source: 'task A\n' });
  });

  it('an edit 50 ms before the page goes (pagehide, or hidden) is saved at once', () => {
    const { store, storage, pg } = setup();
    store.getState().editSource('task A\n');
    vi.advanceTimersByTime(50);
    pg.fire('pagehide');
    expect(readDraft(storage)).toMatchObject({ source: 'task A\n' });
    store.getState().editSource('task B\n');
    pg.fire('visibilitychange', false); // shown again: nothing to do
    expect(readDraft(storage)).toMatchObject({ source: 'task A\n' });
    pg.fire('visibilitychange', true);
    expect(readDraft(storage)).toMatchObject({ source: 'task B\n' });
  });

  it('a full storage puts up a notice; the next save that succeeds takes it down', () => {
    const { store, storage, pg } = setup();
    storage.fill(true);
    store.getState().editSource('x'.repeat(1000));
    pg.fire('pagehide');
    expect(store.getState().draftNote).toMatch(/not kept over a reload: the browser's storage for this site is full/);
    storage.fill(false);
    store.getState().editSource('task A\n');
    vi.advanceTimersByTime(DRAFT_DELAY_MS);
    expect(store.getState().draftNote).toBeNull();
  });

  it('a text opened from a link (not edited) that cannot be kept is no news: no notice', () => {
    const { store, storage, pg } = setup();
    storage.fill(true);
    store.getState().loadSource('x'.repeat(1000));
    pg.fire('pagehide');
    expect(store.getState().draftNote).toBeNull();
    expect(storage.getItem(DRAFT_KEY)).toBeNull();
  });

  it('the note of a text lost at the last visit is left up by a save that succeeds', () => {
    const { store } = setup();
    store.getState().setDraftNote('The text you were editing here last time (5 characters) could not be kept: …');
    store.getState().editSource('task A\n');
    vi.advanceTimersByTime(DRAFT_DELAY_MS);
    expect(store.getState().draftNote).toContain('last time');
  });
});
