// @vitest-environment happy-dom
/**
 * The timeline's buttons (TimelineButton, in the normal controls and presentation mode's header)
 * render again only when a step enables or disables them: a step in the middle of a lesson renders
 * the counter and the scrubber, not the four buttons (issue 18, steprest: each render is time
 * between the key and the next picture). At the end, Step forward and Run to end are disabled, as
 * before. A button's render is counted by the calls of ariaKeyShortcuts (CommandButton's render).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createScenarioStore } from '../store/scenario_store';
import { createSettingsStore } from '../store/settings_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';
import { Controls } from './Controls';
import { PresentationHeader } from './PresentationHeader';
import { ariaKeyShortcuts, type CommandContext } from './commands';

vi.mock('./commands', async (original) => {
  const real = await original<typeof import('./commands')>();
  return { ...real, ariaKeyShortcuts: vi.fn(real.ariaKeyShortcuts) };
});

afterEach(cleanup);

const SRC = ['task A', 'kr = vm_allocate(A, &x, 0x4000, TRUE)', 'kr = write(A, x, "a")', 'kr = write(A, x + 4096, "b")', 'kr = write(A, x + 8192, "c")', 'kr = write(A, x + 12288, "d")'].join('\n') + '\n';

async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await new Promise((r) => setTimeout(r, 0));
}

async function lesson(): Promise<CommandContext> {
  const h = new CommandHandler();
  const store = createScenarioStore(inProcessClient((c) => h.handle(c)), [{ name: 'one', title: 'One', goal: '', source: SRC }]);
  store.getState().loadBuiltin('one');
  await act(settle);
  return { store, settings: createSettingsStore(), panZoom: () => null, toggleHelp: () => {} };
}

async function step(ctx: CommandContext, to: number): Promise<void> {
  await act(async () => {
    void ctx.store.getState().goto(to);
    await settle();
  });
  expect(screen.getByTestId('step-counter').textContent).toMatch(new RegExp(`^step ${to} /`));
}

/** Steps 1 → 2 → 3 (no button enabled or disabled: none rendered again), then to the end; the renders counted from step 1. */
async function middleThenEnd(ctx: CommandContext): Promise<ReturnType<typeof vi.mocked<typeof ariaKeyShortcuts>>> {
  await step(ctx, 1);
  const renders = vi.mocked(ariaKeyShortcuts);
  renders.mockClear();
  await step(ctx, 2);
  await step(ctx, 3);
  expect(renders).not.toHaveBeenCalled();
  await step(ctx, 6);
  return renders;
}

describe('a step does not render the timeline buttons again unless it enables or disables one', () => {
  it('the normal controls', async () => {
    const ctx = await lesson();
    render(<Controls ctx={ctx} />);
    const renders = await middleThenEnd(ctx);
    // the last step: Step forward and Run to end are disabled (rendered again), Reset and Step back are not
    expect(renders).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('button', { name: 'Step forward' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Run to end' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Step back' })).toHaveProperty('disabled', false);
  });

  it("presentation mode's header", async () => {
    const ctx = await lesson();
    render(<PresentationHeader ctx={ctx} title="One" lesson="one" help={null} />);
    await middleThenEnd(ctx);
    expect(screen.getByRole('button', { name: 'Step forward' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Step back' })).toHaveProperty('disabled', false);
  });
});
