// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { PresentationHeader } from './PresentationHeader';
import type { CommandContext } from './commands';
import { createScenarioStore } from '../store/scenario_store';
import { createSettingsStore } from '../store/settings_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\n';
const TITLE = 'Fork with VM_INHERIT_COPY: the child gets a copy-on-write copy of every page';

afterEach(cleanup);

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('the presentation header', () => {
  it('has the whole title for screen readers and in title=, the lesson and step buttons named in words, the counter and the timeline', async () => {
    const h = new CommandHandler();
    const store = createScenarioStore(inProcessClient((c) => h.handle(c)), [{ name: 'one', title: TITLE, goal: '', source: SRC }]);
    store.getState().loadBuiltin('one', 1);
    await act(settle);
    const settings = createSettingsStore({ presentation: true });
    const ctx: CommandContext = { store, settings, panZoom: () => null, toggleHelp: () => {} };
    render(<PresentationHeader ctx={ctx} title={TITLE} lesson="one" help={<button type="button">Shortcuts</button>} />);
    const h1 = screen.getByRole('heading', { level: 1 });
    expect(h1.textContent).toBe(TITLE);
    expect(h1.getAttribute('title')).toBe(TITLE);
    expect(h1.className).toContain('truncate');
    // short texts or signs on screen, the commands' labels as names, their keys in title=
    expect(screen.getByRole('button', { name: 'Previous lesson' }).textContent).toBe('◀◀');
    expect(screen.getByRole('button', { name: 'Next lesson' }).textContent).toBe('▶▶');
    expect(screen.getByRole('button', { name: 'Next lesson' }).getAttribute('title')).toBe('Next lesson: key n');
    expect(screen.getByRole('button', { name: 'Step back' }).textContent).toBe('←');
    expect(screen.getByRole('button', { name: 'Step forward' }).getAttribute('title')).toBe('Step forward: keys → or PgDn or Space or Enter');
    expect(screen.getByRole('button', { name: 'Lessons' }).textContent).toBe('☰');
    expect(screen.getByRole('button', { name: 'Leave presentation mode' }).textContent).toBe('✕');
    expect(screen.getByTestId('step-counter').textContent).toBe('step 1 / 3');
    expect((screen.getByRole('slider', { name: 'Timeline position' }) as HTMLInputElement).value).toBe('1');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Step forward' }));
      await settle();
    });
    expect(screen.getByTestId('step-counter').textContent).toBe('step 2 / 3');
    fireEvent.click(screen.getByRole('button', { name: 'Leave presentation mode' }));
    expect(settings.getState().presentation).toBe(false);
  });

  it('while a big scenario runs: its progress in per cent on the screen, the whole count for screen readers', async () => {
    const n = 150;
    const source = ['task A', 'kr = vm_allocate(A, &x, 0x10000, TRUE)', ...Array.from({ length: n - 2 }, (_, i) => `kr = write(A, x + ${(i % 16) * 4096}, "w")`)].join('\n') + '\n';
    const store = createScenarioStore(inProcessClient(new CommandHandler({ loadWork: 50, chunkWork: 50 })), []);
    const ctx: CommandContext = { store, settings: createSettingsStore({ presentation: true }), panZoom: () => null, toggleHelp: () => {} };
    render(<PresentationHeader ctx={ctx} title="Mach VM Playground" lesson={null} help={null} />);
    await act(async () => {
      store.getState().loadSource(source);
      for (let i = 0; i < 3 && store.getState().snapshot === null; i++) await new Promise((r) => setTimeout(r, 0));
    });
    const running = store.getState().running!;
    expect(running.ran).toBeLessThan(n);
    const progress = screen.getByTestId('run-progress');
    expect(progress.querySelector('[aria-hidden="true"]')!.textContent).toBe(`running… ${Math.floor((100 * running.ran) / n)}%`);
    expect(progress.querySelector('.sr-only')!.textContent).toBe(`running… ${running.ran} of ${n}`);
    expect(progress.getAttribute('title')).toBe(`running… ${running.ran} of ${n}`);
    // the Lessons button gives its room to the progress (key l still opens the list)
    expect(screen.queryByRole('button', { name: 'Lessons' })).toBeNull();
  });
});
