// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createStore } from 'zustand/vanilla';
import type { ScenarioStore } from '../store/scenario_store';
import { SECONDARY_IDLE_MS, SECONDARY_LATEST_MS, useAfterFirstStep } from './after_first_step';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A store with only what the hook reads: whether the first run has answered. */
const fakeStore = () => createStore<{ outcome: object | null }>(() => ({ outcome: null })) as unknown as ScenarioStore & { setState(s: { outcome: object | null }): void };

function Probe({ store }: { store: ScenarioStore }) {
  return <p data-testid="probe">{useAfterFirstStep(store) ? 'Share works' : 'stand-in'}</p>;
}

describe('useAfterFirstStep: when Share, Open .vms and the export menu come', () => {
  it('not before the first run has answered; then once the page is idle (at most SECONDARY_IDLE_MS on)', async () => {
    vi.useFakeTimers();
    const store = fakeStore();
    render(<Probe store={store} />);
    await act(() => vi.advanceTimersByTimeAsync(SECONDARY_LATEST_MS / 2));
    expect(screen.getByTestId('probe').textContent).toBe('stand-in');
    await act(async () => store.setState({ outcome: {} }));
    await act(() => vi.advanceTimersByTimeAsync(SECONDARY_IDLE_MS));
    expect(screen.getByTestId('probe').textContent).toBe('Share works');
  });

  it('at the latest SECONDARY_LATEST_MS after the first render, if the worker never answers', async () => {
    vi.useFakeTimers();
    render(<Probe store={fakeStore()} />);
    await act(() => vi.advanceTimersByTimeAsync(SECONDARY_LATEST_MS - 10));
    expect(screen.getByTestId('probe').textContent).toBe('stand-in');
    await act(() => vi.advanceTimersByTimeAsync(20));
    expect(screen.getByTestId('probe').textContent).toBe('Share works');
  });
});
