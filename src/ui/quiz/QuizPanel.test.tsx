// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Builtin } from '../../scenario/builtins';
import { createScenarioStore, type ScenarioStore } from '../../store/scenario_store';
import { inProcessClient } from '../../worker/client';
import { CommandHandler } from '../../worker/handler';
import { NO_QUESTION, QUIZ_EMPTY, QUIZ_OVER, QuizPanel } from './QuizPanel';

afterEach(cleanup);

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\ntask B = fork(A)\nkr = write(B, x, "yo")\nassert x == 0x1000\n';
const builtins: Builtin[] = [{ name: 'small', title: 'Small', goal: 'g', source: SRC }];

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

async function loaded(step = 0): Promise<ScenarioStore> {
  const handler = new CommandHandler();
  const store = createScenarioStore(inProcessClient((c) => handler.handle(c)), builtins);
  store.getState().loadBuiltin('small', step);
  await settle();
  return store;
}

/** Renders the panel and lets the next statement's record come from the worker. */
async function show(store: ScenarioStore): Promise<void> {
  render(<QuizPanel store={store} />);
  await act(settle);
}

async function click(el: HTMLElement): Promise<void> {
  await act(async () => {
    fireEvent.click(el);
    await settle();
  });
}

function question(prompt: string | RegExp): HTMLElement {
  return screen.getByRole('group', { name: prompt });
}

describe('QuizPanel', () => {
  it('asks about the statement the next Step forward runs: a right answer says Right, with the why', async () => {
    const store = await loaded(1);
    await show(store);
    const quiz = screen.getByTestId('quiz');
    expect(quiz.getAttribute('aria-label')).toBe('Quiz');
    expect(quiz.textContent).toContain('kr = vm_allocate(A, &x, 0x2000, TRUE)');
    expect(screen.getByTestId('quiz-score').textContent).toBe('Score: 0 / 0');

    const q = question('What will vm_allocate(A, &x, 0x2000, TRUE) return?');
    expect(q.tagName).toBe('FIELDSET');
    const radios = within(q).getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual(['KERN_INVALID_ADDRESS', 'KERN_INVALID_ARGUMENT', 'KERN_NO_SPACE', 'KERN_SUCCESS']);
    expect(new Set(radios.map((r) => (r as HTMLInputElement).name)).size).toBe(1);

    const checkButton = screen.getByRole('button', { name: 'Check my answers' }) as HTMLButtonElement;
    expect(checkButton.disabled).toBe(true); // nothing answered yet
    await click(within(q).getByRole('radio', { name: 'KERN_SUCCESS' }));
    expect(checkButton.disabled).toBe(false);
    await click(checkButton);

    const result = screen.getByTestId('quiz-result');
    expect(result.textContent).toBe('Right');
    expect(result.className).toContain('text-emerald-300');
    expect(screen.getByTestId('quiz-why').textContent).toBe('KERN_SUCCESS: the call did what was asked.');
    expect(screen.getByTestId('quiz-score').textContent).toBe('Score: 1 / 1');
    expect(checkButton.disabled).toBe(true); // checked once: the score cannot be padded
    expect((within(q).getByRole('radio', { name: 'KERN_NO_SPACE' }) as HTMLInputElement).disabled).toBe(true);
  });

  it('a wrong answer says Not quite and gives the right one; Reveal step moves the cursor by one', async () => {
    const store = await loaded(2);
    await show(store);
    expect(screen.getByTestId('quiz').textContent).toContain('kr = write(A, x, "hi")');
    await click(within(question('What will write(A, x, "hi") return?')).getByRole('radio', { name: 'KERN_PROTECTION_FAILURE' }));
    await click(within(question("Will task A's write hit in the TLB?")).getByRole('radio', { name: 'No' }));
    await click(screen.getByRole('button', { name: 'Check my answers' }));

    const results = screen.getAllByTestId('quiz-result');
    expect(results.map((r) => r.textContent)).toEqual(['Not quite', 'Right']);
    expect(results[0].className).toContain('text-amber-300');
    const why = screen.getAllByTestId('quiz-why')[0].textContent;
    expect(why).toContain('The answer: KERN_SUCCESS.');
    expect(screen.getByTestId('quiz-score').textContent).toBe('Score: 1 / 2');

    expect(store.getState().cursor).toBe(2);
    await click(screen.getByRole('button', { name: 'Reveal step' }));
    expect(store.getState().cursor).toBe(3);
    expect(store.getState().target).toBe(3);
    // the next statement (the fork) has fresh, unanswered questions; the score stays
    expect(screen.queryByTestId('quiz-result')).toBeNull();
    expect(question('What will fork(A) return?')).toBeTruthy();
    expect(screen.getByTestId('quiz-score').textContent).toBe('Score: 1 / 2');
  });

  it("the child's copy-on-write write asks about the object and the copy", async () => {
    const store = await loaded(4);
    await show(store);
    const fields = screen.getAllByTestId('quiz-question');
    expect(fields.map((f) => f.querySelector('legend')!.textContent)).toEqual([
      'What will write(B, x, "yo") return?',
      'Which object will the written page be in?',
      'Will this write need a copy-on-write fault?',
    ]);
    await click(within(fields[0]).getByRole('radio', { name: 'KERN_SUCCESS' }));
    await click(within(fields[1]).getByRole('radio', { name: 'a new shadow object' }));
    await click(within(fields[2]).getByRole('radio', { name: 'Yes' }));
    await click(screen.getByRole('button', { name: 'Check my answers' }));
    expect(screen.getAllByTestId('quiz-result').map((r) => r.textContent)).toEqual(['Right', 'Right', 'Right']);
    expect(screen.getByTestId('quiz-score').textContent).toBe('Score: 3 / 3');
  });

  it('a statement with no question says so and offers Reveal; the end and an empty store say so too', async () => {
    const store = await loaded(0);
    await show(store);
    expect(screen.getByTestId('quiz-none').textContent).toBe(NO_QUESTION);
    expect(NO_QUESTION).toBe('No question for this step: just step forward.');
    expect(screen.queryByRole('button', { name: 'Check my answers' })).toBeNull();
    await click(screen.getByRole('button', { name: 'Reveal step' }));
    expect(store.getState().cursor).toBe(1);
    expect(screen.queryByTestId('quiz-none')).toBeNull();

    await act(async () => {
      await store.getState().runToEnd();
      await settle();
    });
    expect(screen.getByTestId('quiz').textContent).toContain(QUIZ_OVER);
    expect(screen.queryByRole('button', { name: 'Reveal step' })).toBeNull();

    cleanup();
    const handler = new CommandHandler();
    render(<QuizPanel store={createScenarioStore(inProcessClient((c) => handler.handle(c)), builtins)} />);
    expect(screen.getByTestId('quiz').textContent).toContain(QUIZ_EMPTY);
  });
});
