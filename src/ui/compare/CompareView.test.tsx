// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScenarioStore } from '../../store/scenario_store';
import { createSettingsStore } from '../../store/settings_store';
import { inProcessClient } from '../../worker/client';
import { CommandHandler } from '../../worker/handler';
import { hex, inheritName, protString } from '../../kernel/vm_param';
import { kernReturnName } from '../../kernel/kern_return';
import { formatShown, stepCount, summaryAt } from '../../worker/step_summary';
import { PanZoomTarget } from '../diagram/usePanZoom';
import { MachineDiagram } from '../diagram/MachineDiagram';
import CompareView, { type CompareDeps } from './CompareView';
import { compareLinkValue } from './compare_link';

afterEach(cleanup);

const SHARE = `task P
kr = vm_allocate(P, &x, 0x2000, TRUE)
kr = vm_inherit(P, x, 0x2000, VM_INHERIT_SHARE)
kr = write(P, x, "before fork")
task C = fork(P)
kr = write(C, x, "from child")
kr = read(P, x, 10, &v)
`;
const LESSONS = [{ name: 'share', title: 'Share', goal: 'g', source: SHARE }];

const settle = async () => {
  for (let i = 0; i < 12; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

function setup() {
  const stops: string[] = [];
  const makeStore = () => {
    const h = new CommandHandler();
    const client = { ...inProcessClient((c) => h.handle(c)), stop: () => void stops.push('stopped') };
    return { client, store: createScenarioStore(client, LESSONS) };
  };
  const page = makeStore().store;
  const deps: CompareDeps = {
    makeSide: makeStore, loadText: async () => SHARE, defaultLesson: 'share', Diagram: MachineDiagram, PanZoomTarget,
    words: { hex, inheritName, protString, kernReturnName, formatShown, stepCount, summaryAt },
  };
  return { page, deps, stops, settings: createSettingsStore() };
}

describe('the Compare view', () => {
  it('opens a COPY-vs-SHARE link: the page\'s lesson on the left, the choice changed on the right, the parent\'s read differing', async () => {
    const { page, deps, stops, settings } = setup();
    const made = compareLinkValue(
      { left: { kind: 'builtin', name: 'share' }, leftStep: 7, right: { kind: 'change', change: { line: 3, col: 31, from: 'VM_INHERIT_SHARE', to: 'VM_INHERIT_COPY' } }, rightStep: 7 },
      new Set(['share']),
    );
    if (!made.ok) throw new Error(made.message);
    const onClose = vi.fn();
    const view = render(<CompareView store={page} settings={settings} link={made.value} onClose={onClose} deps={deps} />);
    await settle();
    expect(page.getState()).toMatchObject({ builtinName: 'share', cursor: 7 });
    const list = screen.getByTestId('compare-differences').textContent;
    expect(list).toContain('P 0x1000: reads "from chi" on the left, "before f" on the right');
    expect(screen.getByTestId('compare-right').textContent).toContain('Right: VM_INHERIT_SHARE changed to VM_INHERIT_COPY (line 3)');
    // → moves both sides; Escape leaves, and the right side's worker is ended
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'ArrowLeft' });
    await settle();
    expect(page.getState().cursor).toBe(6);
    expect(screen.getByTestId('compare-right').getAttribute('data-step')).toBe('6');
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
    view.unmount();
    await settle();
    expect(stops).toEqual(['stopped']);
  });

  it('a damaged link closes the view and leaves a banner saying what was wrong', async () => {
    const { page, deps, settings } = setup();
    const onClose = vi.fn();
    render(<CompareView store={page} settings={settings} link="1.AAAA" onClose={onClose} deps={deps} />);
    await settle();
    expect(onClose).toHaveBeenCalled();
    expect(page.getState().banner).toMatch(/^This link could not be opened: the link is damaged/);
    expect(page.getState().builtinName).toBe('share');
  });
});
