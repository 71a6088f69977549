// @vitest-environment happy-dom
/**
 * The scenario picker before and after its whole list (picker_options.ts): it holds the lesson
 * shown and the titles that decide its width until it is focused or pointed at, or the page has
 * settled and is idle; a student opening it always finds every lesson.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createStore } from 'zustand/vanilla';
import type { ScenarioStore, StoreBuiltin } from '../store/scenario_store';
import { BUILTIN_INDEX } from '../scenario/builtins_browser';
import { ScenarioPicker } from './ScenarioPicker';
import { PICKER_IDLE_MS, PICKER_LATEST_MS, WIDTH_HOLDER_SHARE, widthHolders } from './picker_options';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

interface PickerState { builtins: readonly StoreBuiltin[]; builtinName: string | null; origin: string | null; outcome: object | null; loading: boolean; cursor: number; target: number }
/** A store with what the picker reads: a lesson opening (no answer yet, loading). */
const fakeStore = (name: string) =>
  createStore<PickerState>(() => ({ builtins: BUILTIN_INDEX, builtinName: name, origin: name, outcome: null, loading: true, cursor: 0, target: 0 })) as unknown as ScenarioStore & { setState(s: Partial<PickerState>): void };

const picker = () => screen.getByRole('combobox', { name: 'Built-in scenario' }) as HTMLSelectElement;
const values = () => [...picker().options].map((o) => o.value);
const longestTitle = () => BUILTIN_INDEX.reduce((a, b) => (b.title.length > a.title.length ? b : a));

describe('widthHolders: the options the closed picker needs', () => {
  it('keeps the lesson shown and every title near the longest, in the list order', () => {
    const held = widthHolders(BUILTIN_INDEX, 'fork_copy');
    expect(held.map((b) => b.name)).toContain('fork_copy');
    expect(held.map((b) => b.name)).toContain(longestTitle().name);
    const max = longestTitle().title.length;
    for (const b of BUILTIN_INDEX) if (b.title.length >= max * WIDTH_HOLDER_SHARE) expect(held).toContain(b);
    expect(held).toEqual(BUILTIN_INDEX.filter((b) => held.includes(b)));
    // the point: far fewer options (and their groups) in the page's first frame
    expect(held.length).toBeLessThan(BUILTIN_INDEX.length / 3);
  });
});

describe('ScenarioPicker: the whole list before it can be opened', () => {
  it('while the lesson opens: the lesson shown, selected, and the width holders, each in its unit', () => {
    render(<ScenarioPicker store={fakeStore('fork_copy')} />);
    expect(picker().value).toBe('fork_copy');
    expect(values()).toEqual(widthHolders(BUILTIN_INDEX, 'fork_copy').map((b) => b.name));
    for (const o of picker().options) expect(o.parentElement?.tagName).toBe('OPTGROUP');
  });

  it('comes when the picker is focused (Tab) or pointed at, the lesson still selected', () => {
    render(<ScenarioPicker store={fakeStore('fork_copy')} />);
    act(() => picker().focus());
    expect(values()).toHaveLength(BUILTIN_INDEX.length);
    expect(picker().value).toBe('fork_copy');
    cleanup();
    render(<ScenarioPicker store={fakeStore('first_fit')} />);
    fireEvent.pointerDown(picker());
    expect(values()).toHaveLength(BUILTIN_INDEX.length);
    expect(picker().value).toBe('first_fit');
  });

  it('comes once the page has settled and is idle, not while a step is on its way', async () => {
    vi.useFakeTimers();
    const store = fakeStore('fork_copy');
    render(<ScenarioPicker store={store} />);
    // the first step shown, and a click's step on its way: not yet
    await act(async () => store.setState({ outcome: {}, loading: false, cursor: 0, target: 1 }));
    await act(() => vi.advanceTimersByTimeAsync(PICKER_IDLE_MS * 2));
    expect(values().length).toBeLessThan(BUILTIN_INDEX.length);
    // the step shown: the whole list at the next idle moment
    await act(async () => store.setState({ cursor: 1 }));
    await act(() => vi.advanceTimersByTimeAsync(PICKER_IDLE_MS));
    expect(values()).toHaveLength(BUILTIN_INDEX.length);
  });

  it('comes PICKER_LATEST_MS after it is drawn if the worker never answers', async () => {
    vi.useFakeTimers();
    render(<ScenarioPicker store={fakeStore('fork_copy')} />);
    await act(() => vi.advanceTimersByTimeAsync(PICKER_LATEST_MS - 10));
    expect(values().length).toBeLessThan(BUILTIN_INDEX.length);
    await act(() => vi.advanceTimersByTimeAsync(20));
    expect(values()).toHaveLength(BUILTIN_INDEX.length);
  });
});
