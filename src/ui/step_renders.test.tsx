// @vitest-environment happy-dom
/**
 * A step re-renders only what shows the step: the export menu, the Stops list (closed) and the
 * timeline's marks do not depend on it and must not render again when the cursor moves (issue 18:
 * each such render is time between the student's key and the next step's picture). A step key
 * does not render the timeline before the worker answers (one render brings the step's picture, the
 * counter and the scrubber), and a step's narration play starts without a second render. React's
 * Profiler tells whether a subtree rendered.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Profiler, Suspense, useState } from 'react';
import { createStore } from 'zustand/vanilla';
import { createScenarioStore, TARGET_SHOWN_WAIT_MS, type ScenarioState, type ScenarioStore } from '../store/scenario_store';
import { createSettingsStore } from '../store/settings_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient, type KernelClient } from '../worker/client';
import { Controls } from './Controls';
import type { CommandContext } from './commands';
import { useEventPlayer } from './useEventPlayer';
import { MachineDiagram } from './diagram/MachineDiagram';
import { snapshotsOf } from './diagram/test_snapshots';
import { ExportMenu } from './export/ExportMenu';
import { StopsMenu } from './marks/StopsMenu';
import { LazyTimelineMarks } from './marks/lazy';
import { tickColumns } from './timeline_ticks';

// TimelineMarks fits its ticks to the bar on every render: counting the calls counts its renders
vi.mock('./timeline_ticks', async (original) => {
  const real = await original<typeof import('./timeline_ticks')>();
  return { ...real, tickColumns: vi.fn(real.tickColumns) };
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const snapshots = snapshotsOf('fork_copy');
const outcome = {
  status: 'ok',
  steps: { text: [], flags: [] },
  annotations: { marks: [{ step: 2, name: 'the fork' }, { step: 5, name: 'the copy' }] },
};

function fakeStore(over: Partial<ScenarioState> = {}) {
  const store = createStore(() => ({ builtinName: 'fork_copy', cursor: 4, target: 4, shownTarget: 4, total: 9, snapshot: snapshots[4], outcome, source: 'task P\n', goto: vi.fn(), ...over }));
  return store as unknown as ScenarioStore & { setState: (s: Partial<ScenarioState>) => void };
}

/** Renders `node` in a Profiler; returns the number of its commits after the mount. */
function renders(node: React.ReactNode) {
  const updates = { count: 0 };
  const onRender = (_id: string, phase: string) => {
    if (phase !== 'mount') updates.count++;
  };
  render(<Profiler id="under-test" onRender={onRender}>{node}</Profiler>);
  return updates;
}

describe('a step does not re-render what does not show it', () => {
  it('the export menu: not re-rendered by a step, and its file name still says the step shown', () => {
    const store = fakeStore();
    render(<MachineDiagram snapshot={snapshots[5]} />);
    const updates = renders(<ExportMenu store={store} getSvg={() => document.querySelector('svg')} />);
    const before = updates.count;
    act(() => store.setState({ cursor: 5, target: 5, snapshot: snapshots[5] }));
    act(() => store.setState({ cursor: 6, target: 6, snapshot: snapshots[6] }));
    expect(updates.count).toBe(before);
    const names: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test/1');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export SVG' }));
    expect(names).toEqual(['mach-vm-fork_copy-step-6.svg']);
  });

  it('the Stops list: closed, a step does not re-render it; open, it marks the stop shown', () => {
    const store = fakeStore({ cursor: 2, target: 2 });
    const updates = renders(<StopsMenu store={store} buttonClass="" />);
    act(() => store.setState({ cursor: 3, target: 3 }));
    act(() => store.setState({ cursor: 5, target: 5 }));
    expect(updates.count).toBe(0);
    fireEvent.click(screen.getByTestId('stops-button'));
    expect(screen.getByRole('button', { name: /step 5 · the copy/ }).getAttribute('aria-current')).toBe('step');
    act(() => store.setState({ cursor: 2, target: 2 }));
    expect(screen.getByRole('button', { name: /step 2 · the fork/ }).getAttribute('aria-current')).toBe('step');
  });

  it('the timeline marks: a re-render of the controls around them (a step) does not re-render them', async () => {
    const store = fakeStore();
    let step: (n: number) => void = () => {};
    function ControlsLike() {
      const [n, setN] = useState(0);
      step = setN;
      return (
        <div>
          <span data-testid="counter">step {n}</span>
          <Suspense fallback={null}>
            <LazyTimelineMarks store={store} />
          </Suspense>
        </div>
      );
    }
    render(<ControlsLike />);
    await screen.findByTestId('timeline-marks');
    const fitted = vi.mocked(tickColumns);
    fitted.mockClear();
    act(() => step(1));
    act(() => step(2));
    expect(screen.getByTestId('counter').textContent).toBe('step 2');
    expect(fitted).not.toHaveBeenCalled();
  });
});

/** The real setTimeout (the tests with fake timers still let the in-process worker's answers come). */
const realTimeout = globalThis.setTimeout;
const settleReal = async () => {
  for (let i = 0; i < 8; i++) await new Promise((r) => realTimeout(r, 0));
};

/** An in-process worker whose answers wait until `release` is called (the key's task is over before the answer comes). */
function heldClient(): KernelClient & { release: () => Promise<void>; held: () => number } {
  const h = new CommandHandler();
  const real = inProcessClient((c) => h.handle(c));
  let waiting: (() => void)[] = [];
  let holding = false;
  return {
    ...real,
    send: (c) => (holding ? new Promise<void>((r) => waiting.push(r)).then(() => real.send(c)) : real.send(c)),
    release: async () => {
      const go = waiting;
      waiting = [];
      go.forEach((r) => r());
      await settleReal();
    },
    held: () => ((holding = true), waiting.length),
  };
}

describe('a step is one render of what shows it', () => {
  const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\nkr = write(A, x, "yo")\n';

  it('a step key does not re-render the timeline before the worker answers; the answer brings the counter, the scrubber and the buttons in one render', async () => {
    const client = heldClient();
    const store = createScenarioStore(client, [{ name: 'one', title: 'One', goal: '', source: SRC }]);
    store.getState().loadBuiltin('one');
    await act(() => client.release());
    const ctx: CommandContext = { store, settings: createSettingsStore(), panZoom: () => null, toggleHelp: () => {} };
    const updates = renders(<Controls ctx={ctx} />);
    // the lazy parts (the marks, the Stops list, the stop's name) are in
    await screen.findByTestId('timeline-marks');
    await screen.findByTestId('stops-button');
    await act(settleReal);
    const before = updates.count;
    // the scrubber input is not re-rendered by a step: only its value moves (no name, type or value attribute set again)
    const touched: string[] = [];
    new MutationObserver((rs) => rs.forEach((r) => touched.push(r.attributeName ?? r.type))).observe(screen.getByTestId('scrubber'), { attributes: true });
    client.held();
    act(() => void store.getState().stepForward());
    expect(client.held()).toBe(1);
    expect(updates.count).toBe(before);
    expect(screen.getByTestId('scrubber')).toHaveProperty('value', '0');
    await act(() => client.release());
    const answered = updates.count;
    expect(answered).toBeGreaterThan(before);
    expect(screen.getByTestId('step-counter').textContent).toBe('step 1 / 4');
    expect(screen.getByTestId('scrubber')).toHaveProperty('value', '1');
    await act(settleReal);
    expect(touched).toEqual([]);
    expect(screen.getByRole('button', { name: 'Step back' })).toHaveProperty('disabled', false);
    // the last step: Step forward and Run to end are disabled with its picture
    act(() => void store.getState().runToEnd());
    expect(updates.count).toBe(answered);
    await act(() => client.release());
    expect(screen.getByTestId('step-counter').textContent).toBe('step 4 / 4');
    expect(screen.getByRole('button', { name: 'Step forward' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Run to end' })).toHaveProperty('disabled', true);
  });

  it('a slow answer: the timeline shows the step asked for after TARGET_SHOWN_WAIT_MS; the scrubber moved shows its step at once', async () => {
    const client = heldClient();
    const store = createScenarioStore(client, [{ name: 'one', title: 'One', goal: '', source: SRC }]);
    store.getState().loadBuiltin('one');
    await act(() => client.release());
    const ctx: CommandContext = { store, settings: createSettingsStore(), panZoom: () => null, toggleHelp: () => {} };
    render(<Controls ctx={ctx} />);
    await screen.findByTestId('stops-button');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      client.held();
      act(() => void store.getState().stepForward());
      act(() => void vi.advanceTimersByTime(TARGET_SHOWN_WAIT_MS - 1));
      expect(screen.getByTestId('scrubber')).toHaveProperty('value', '0');
      act(() => void vi.advanceTimersByTime(1));
      expect(screen.getByTestId('scrubber')).toHaveProperty('value', '1');
      expect(screen.getByTestId('step-counter').textContent).toBe('step 0 / 4');
      fireEvent.change(screen.getByTestId('scrubber'), { target: { value: '4' } });
      expect(screen.getByTestId('scrubber')).toHaveProperty('value', '4');
      expect(screen.getByRole('button', { name: 'Step forward' })).toHaveProperty('disabled', true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a new step's narration play starts in the render that brings the step, not in a second one; a step come back to plays again", () => {
    const seen: number[] = [];
    let go: (key: string) => void = () => {};
    function Player() {
      const [key, setKey] = useState('1');
      go = setKey;
      const active = useEventPlayer(key, [50, 50]);
      seen.push(active);
      return <span data-testid="line">{active}</span>;
    }
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      render(<Player />);
      act(() => void vi.advanceTimersByTime(100));
      expect(screen.getByTestId('line').textContent).toBe('-1');
      seen.length = 0;
      act(() => go('2'));
      expect(seen).toEqual([0]);
      act(() => void vi.advanceTimersByTime(50));
      expect(seen).toEqual([0, 1]);
      // back to step 1 before step 2 has played through: step 1 plays again from its first line
      act(() => go('1'));
      expect(screen.getByTestId('line').textContent).toBe('0');
      act(() => void vi.advanceTimersByTime(50));
      expect(screen.getByTestId('line').textContent).toBe('1');
      act(() => void vi.advanceTimersByTime(50));
      expect(screen.getByTestId('line').textContent).toBe('-1');
    } finally {
      vi.useRealTimers();
    }
  });
});
