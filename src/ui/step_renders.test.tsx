// @vitest-environment happy-dom
/**
 * A step re-renders only what shows the step: the export menu, the Stops list (closed) and the
 * timeline's marks do not depend on it and must not render again when the cursor moves (issue 18:
 * each such render is time between the student's key and the next step's picture). React's
 * Profiler tells whether a subtree rendered.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Profiler, Suspense, useState } from 'react';
import { createStore } from 'zustand/vanilla';
import type { ScenarioState, ScenarioStore } from '../store/scenario_store';
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
  const store = createStore(() => ({ builtinName: 'fork_copy', cursor: 4, target: 4, total: 9, snapshot: snapshots[4], outcome, source: 'task P\n', goto: vi.fn(), ...over }));
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
