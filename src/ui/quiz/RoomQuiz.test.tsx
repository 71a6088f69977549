// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Builtin } from '../../scenario/builtins';
import { createScenarioStore } from '../../store/scenario_store';
import { createSettingsStore } from '../../store/settings_store';
import { inProcessClient } from '../../worker/client';
import { CommandHandler } from '../../worker/handler';
import { handleKey, type CommandContext } from '../commands';
import { RoomQuiz } from './RoomQuiz';
import type { RoomQuizHook } from './room_keys';

afterEach(cleanup);

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\ntask B = fork(A)\nkr = write(B, x, "yo")\nassert x == 0x1000\n';
const builtins: Builtin[] = [{ name: 'small', title: 'Small', goal: 'g', source: SRC }];

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) await new Promise((r) => setTimeout(r, 0));
}

/** The overlay mounted as the page mounts it (presentation mode, quiz on), at `step` of the small lesson. */
async function mounted(step: number, wait = true) {
  const handler = new CommandHandler();
  const store = createScenarioStore(inProcessClient((c) => handler.handle(c)), builtins);
  store.getState().loadBuiltin('small', step);
  await settle();
  const settings = createSettingsStore({ presentation: true, quiz: true });
  const hook: RoomQuizHook = { current: null };
  const ctx: CommandContext = { store, settings, panZoom: () => null, toggleHelp: () => {}, quizRoom: hook };
  const view = render(<RoomQuiz ctx={ctx} />);
  if (wait) await act(settle);
  const press = async (key: string) => {
    await act(async () => {
      handleKey({ key, target: document.body, altKey: false, ctrlKey: false, metaKey: false, preventDefault: () => {} }, ctx);
      await settle();
    });
  };
  return { store, settings, hook, press, view };
}

const texts = () => screen.getAllByTestId('room-choice').map((b) => b.textContent);

describe('RoomQuiz', () => {
  it("asks the child's copy-on-write write: the new object by what it is, a wrong pick marked ✗, the answer ✓, then the why", async () => {
    const { store, press } = await mounted(4);
    expect(screen.queryByTestId('room-quiz')).toBeNull(); // nothing until →
    await press('ArrowRight');
    expect(store.getState().target).toBe(4);
    expect(screen.getByTestId('room-quiz-statement').textContent).toBe('kr = write(B, x, "yo")');
    expect(screen.getByTestId('room-quiz-count').textContent).toBe('question 1 of 3');
    await press('ArrowRight'); // reveal the result code without a pick
    expect(screen.getByTestId('room-quiz-result').textContent).toBe('The answer: D, KERN_SUCCESS.');
    await press('ArrowRight');
    expect(screen.getByTestId('room-quiz-prompt').textContent).toBe('Which object will the written page be in?');
    expect(texts()).toEqual(['AA: object 1', 'BB: a new shadow object']);
    expect(screen.queryByTestId('room-quiz-why')).toBeNull(); // the why only after the answer
    await press('A');
    const [a, b] = screen.getAllByTestId('room-choice');
    expect(a.dataset.state).toBe('wrong');
    expect(a.textContent).toContain('✗ picked');
    expect(b.dataset.state).toBe('answer');
    expect(b.textContent).toContain('✓ the answer');
    expect(screen.getByTestId('room-quiz-result').textContent).toBe('✗ Not this one: the answer is B, a new shadow object.');
    expect(screen.getByTestId('room-quiz-why').textContent).toMatch(/^A new shadow object \(object 2\)\./);
    // a second letter changes nothing once revealed
    await press('b');
    expect(screen.getAllByTestId('room-choice')[0].dataset.state).toBe('wrong');
    // the last question by a click, then the buttons step
    fireEvent.click(screen.getByRole('button', { name: /Next question/ }));
    await act(settle);
    expect(screen.getByTestId('room-quiz-prompt').textContent).toBe('Will this write need a copy-on-write fault?');
    fireEvent.click(screen.getAllByTestId('room-choice')[1]);
    await act(settle);
    expect(screen.getByTestId('room-quiz-result').textContent).toBe('✓ Right: B, Yes.');
    fireEvent.click(screen.getByRole('button', { name: /Show the step/ }));
    await act(settle);
    expect(screen.queryByTestId('room-quiz')).toBeNull();
    expect(store.getState().target).toBe(5);
  });

  it('a → pressed before the questions are known opens the overlay; a statement that asks nothing then steps by itself', async () => {
    const { store, press } = await mounted(0, false); // the next statement, "task A", asks nothing
    await press('ArrowRight');
    await act(settle);
    expect(store.getState().target).toBe(1);
    expect(screen.queryByTestId('room-quiz')).toBeNull();
  });

  it('moving the timeline elsewhere closes it; unmounting takes its keys away, and → steps again', async () => {
    const { store, hook, press, view } = await mounted(2);
    await press('ArrowRight');
    expect(screen.getByTestId('room-quiz')).toBeTruthy();
    await act(async () => {
      await store.getState().goto(1);
      await settle();
    });
    expect(screen.queryByTestId('room-quiz')).toBeNull();
    expect(hook.current).not.toBeNull();
    view.unmount();
    expect(hook.current).toBeNull();
    await press('q'); // off: → is a plain step again
    await press('ArrowRight');
    expect(store.getState().target).toBe(2);
  });
});
