// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScenarioStore } from '../store/scenario_store';
import { createSettingsStore, SPEED_MOVE_MS, SPEED_MS } from '../store/settings_store';
import { MOVE_REST_MS } from './diagram/motion';
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

  it("with reduced motion each event's state is still shown in turn", async () => {
    mockReducedMotion(true);
    const store = await atStep2();
    render(<MachineView store={store} settings={createSettingsStore({ speed: 'normal' })} />);
    vi.useFakeTimers();
    await act(() => store.getState().stepForward());
    expect(screen.queryByTestId('object-1')).toBeNull();
    await act(() => vi.advanceTimersByTime(2 * SPEED_MS.normal));
    expect(told()).toContain('new object 1');
    expect(page()).toContain('not here');
    await act(() => vi.advanceTimersByTime(10 * SPEED_MS.normal));
    expect(page()).toContain('frame 0');
  });

  it('at speed instant the step is shown whole at once', async () => {
    mockReducedMotion(false);
    const store = await atStep2();
    render(<MachineView store={store} settings={createSettingsStore({ speed: 'instant' })} />);
    await act(() => store.getState().stepForward());
    expect(page()).toContain('frame 0');
  });
});

/** fork_copy in short: the child's first write is a copy-on-write fault (step 5). */
const COW = 'task P\nkr = vm_allocate(P, &x, 0x2000, TRUE)\nkr = write(P, x, "parent data")\ntask C = fork(P)\nkr = write(C, x, "child data!")\n';

async function beforeCow(speed: 'normal' | 'slow' | 'instant') {
  const h = new CommandHandler();
  const store = createScenarioStore(inProcessClient((c) => h.handle(c)), [{ name: 'cow', title: 'C', goal: 'g', source: COW }], undefined, () => speed !== 'instant');
  store.getState().loadBuiltin('cow', 4);
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
  render(<MachineView store={store} settings={createSettingsStore({ speed })} />);
  return store;
}

describe("MachineView plays fork_copy's copy-on-write write", () => {
  it('no object 2 while the TLB miss is told; the shadow with its line; the copy with its line, which lasts while the chip travels; then what changed is marked', async () => {
    mockReducedMotion(false);
    const store = await beforeCow('normal');
    vi.useFakeTimers();
    await act(() => store.getState().stepForward());
    const ms = SPEED_MS.normal;
    await act(() => vi.advanceTimersByTime(ms)); // past the header
    expect(told()).toContain('TLB miss');
    expect(screen.queryByTestId('object-2')).toBeNull();
    await act(() => vi.advanceTimersByTime(ms));
    expect(told()).toContain('new shadow object 2');
    expect(screen.getByTestId('object-2')).toBeTruthy();
    expect(screen.getByTestId('page-2-0').getAttribute('aria-label')).not.toContain('frame');
    await act(() => vi.advanceTimersByTime(ms));
    expect(told()).toContain('copied up into object 2');
    expect(screen.getByTestId('page-2-0').getAttribute('aria-label')).toContain('frame');
    // the copy's line stays while its chip travels and rests (longer than a line)
    await act(() => vi.advanceTimersByTime(SPEED_MOVE_MS.normal + MOVE_REST_MS - 50));
    expect(told()).toContain('copied up into object 2');
    await act(() => vi.advanceTimersByTime(100));
    expect(told()).not.toContain('copied up into object 2');
    await act(() => vi.advanceTimersByTime(10 * ms));
    // the step shown whole: changed (thick) apart from touched-only (dashed)
    const changed = (id: string) => screen.getByTestId(id).getAttribute('data-changed');
    expect(changed('object-2')).toBe('true');
    expect(changed('page-2-0')).toBe('true');
    expect(screen.getByTestId('page-1-0').getAttribute('data-step')).toBe('true');
    expect(changed('page-1-0')).toBeNull(); // read from, not changed
  });

  it("at speed instant (no machine before the step from the worker), the machine after the step before it stands for it", async () => {
    mockReducedMotion(false);
    const store = await beforeCow('instant');
    await act(() => store.getState().stepForward());
    expect(screen.getByTestId('object-2').getAttribute('data-changed')).toBe('true');
    expect(screen.getByTestId('page-1-0').getAttribute('data-changed')).toBeNull();
  });
});

describe('MachineView while the text has an error', () => {
  it('keeps the last good machine drawn, marked stale, with the error beside it; the text that parses again takes the mark away', async () => {
    const store = await atStep2();
    render(<MachineView store={store} settings={createSettingsStore({ speed: 'instant' })} />);
    await act(() => store.getState().goto(3));
    expect(screen.getByTestId('object-1')).toBeTruthy();
    store.getState().editSource(SRC.replace('"hi")', '"hi"'));
    await act(() => store.getState().reload());
    const note = screen.getByTestId('stale-note').textContent ?? '';
    expect(note).toContain('Stale: the last good run, step 3 of 3.');
    expect(note).toMatch(/line 3, column \d+: /);
    expect(screen.getByTestId('object-1')).toBeTruthy(); // still drawn
    store.getState().editSource(SRC);
    await act(() => store.getState().reload());
    expect(screen.queryByTestId('stale-note')).toBeNull();
    expect(screen.getByTestId('object-1')).toBeTruthy();
  });
});
