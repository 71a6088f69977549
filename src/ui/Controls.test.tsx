// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Controls } from './Controls';
import { ariaKeyShortcuts, command, keyHint, type CommandContext } from './commands';
import { createScenarioStore } from '../store/scenario_store';
import { createSettingsStore } from '../store/settings_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\n';

afterEach(cleanup);

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('the timeline controls', () => {
  it('are the registry commands: their labels, keys and enabled states, and a click runs them', async () => {
    const h = new CommandHandler();
    const store = createScenarioStore(inProcessClient((c) => h.handle(c)), [{ name: 'one', title: 'One', goal: '', source: SRC }]);
    store.getState().loadBuiltin('one');
    await act(settle);
    const ctx: CommandContext = { store, settings: createSettingsStore(), panZoom: () => null, toggleHelp: () => {} };
    render(<Controls ctx={ctx} />);
    const names = ['Reset', 'Step back', 'Step forward', 'Run to end'];
    const ids = ['reset', 'step-back', 'step-forward', 'run-to-end'] as const;
    ids.forEach((id, i) => {
      const b = screen.getByRole('button', { name: names[i] });
      expect(b.getAttribute('title')).toBe(keyHint(command(id)));
      expect(b.getAttribute('aria-keyshortcuts')).toBe(ariaKeyShortcuts(command(id)));
    });
    expect(screen.getByRole('button', { name: 'Step forward' }).getAttribute('title')).toBe('Keys → or PgDn or Space or Enter');
    expect(screen.getByRole('button', { name: 'Step back' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Reset' })).toHaveProperty('disabled', true);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Run to end' }));
      await settle();
    });
    expect(screen.getByTestId('step-counter').textContent).toBe('step 3 / 3');
    expect(screen.getByRole('button', { name: 'Step forward' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Step back' })).toHaveProperty('disabled', false);
  });

  it('while a big scenario still runs: the counter spans the program, the run says how far it has got, and Run to end goes there', async () => {
    const n = 150;
    const source = ['task A', 'kr = vm_allocate(A, &x, 0x10000, TRUE)', ...Array.from({ length: n - 2 }, (_, i) => `kr = write(A, x + ${(i % 16) * 4096}, "w")`)].join('\n') + '\n';
    const store = createScenarioStore(inProcessClient(new CommandHandler({ loadWork: 50, chunkWork: 50 })), []);
    const ctx: CommandContext = { store, settings: createSettingsStore(), panZoom: () => null, toggleHelp: () => {} };
    render(<Controls ctx={ctx} />);
    await act(async () => {
      store.getState().loadSource(source);
      for (let i = 0; i < 3 && store.getState().snapshot === null; i++) await new Promise((r) => setTimeout(r, 0));
    });
    const running = store.getState().running!;
    expect(running.ran).toBeLessThan(n);
    expect(screen.getByTestId('step-counter').textContent).toBe(`step 0 / ${n}`);
    expect(screen.getByTestId('run-progress').textContent).toBe(`running… ${running.ran} of ${n}`);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Run to end' }));
      await settle();
    });
    expect(screen.getByTestId('step-counter').textContent).toBe(`step ${n} / ${n}`);
    expect(screen.queryByTestId('run-progress')).toBeNull();
  });
});
