// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScenarioStore } from '../store/scenario_store';
import { createSettingsStore, SPEED_MS } from '../store/settings_store';
import { inProcessClient } from '../worker/client';
import { CommandHandler } from '../worker/handler';
import { MachineView } from './MachineView';
import { mockReducedMotion } from './test_media';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\n';

async function atStep2() {
  const h = new CommandHandler();
  const store = createScenarioStore(inProcessClient((c) => h.handle(c)), [{ name: 'w', title: 'W', goal: 'g', source: SRC }]);
  store.getState().loadBuiltin('w', 2);
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
  return store;
}

/** What the diagram says of page 0 of object 1. */
const page = () => screen.getByTestId('page-1-0').getAttribute('aria-label') ?? '';

/** The narration line being told. */
const told = () => screen.getByTestId('narration').querySelector('li[data-state="active"]')?.textContent ?? '';

describe('MachineView plays a step event by event', () => {
  it('the diagram shows the machine as the narration tells it: no object during the TLB miss, the page once it is zero-filled', async () => {
    mockReducedMotion(false);
    const store = await atStep2();
    render(<MachineView store={store} settings={createSettingsStore({ speed: 'normal' })} />);
    vi.useFakeTimers();
    await act(() => store.getState().stepForward());
    const ms = SPEED_MS.normal;
    // the header, then the fault: the write has not reached memory yet
    expect(screen.queryByTestId('object-1')).toBeNull();
    await act(() => vi.advanceTimersByTime(ms));
    expect(told()).toContain('page-faults');
    expect(screen.queryByTestId('object-1')).toBeNull();
    // the entry gets its object: still no page in it
    await act(() => vi.advanceTimersByTime(ms));
    expect(told()).toContain('new object 1');
    expect(screen.getByTestId('object-1')).toBeTruthy();
    expect(page()).toContain('not here');
    // the zero fill: the page is in frame 0
    await act(() => vi.advanceTimersByTime(ms));
    expect(told()).toContain('zero-filled');
    expect(page()).toContain('frame 0');
    // the end: the whole step
    await act(() => vi.advanceTimersByTime(10 * ms));
    expect(screen.getByTestId('narration').querySelector('li[data-state="active"]')).toBeNull();
    expect(page()).toContain('frame 0');
    expect(store.getState().states?.after).toBe(store.getState().snapshot);
  });

  it('with reduced motion the step is shown whole at once', async () => {
    mockReducedMotion(true);
    const store = await atStep2();
    render(<MachineView store={store} settings={createSettingsStore({ speed: 'normal' })} />);
    await act(() => store.getState().stepForward());
    expect(page()).toContain('frame 0');
  });
});
