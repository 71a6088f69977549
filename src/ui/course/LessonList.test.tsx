// @vitest-environment happy-dom
/** The lesson list: units in course order, the lesson on screen marked and focused, keys kept from the app, Escape and Enter. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import LessonList from './LessonList';
import { createScenarioStore } from '../../store/scenario_store';
import { createSettingsStore } from '../../store/settings_store';
import { CommandHandler } from '../../worker/handler';
import { inProcessClient } from '../../worker/client';
import { placeInCourse } from '../../scenario/course';
import type { CommandContext } from '../commands';

const SRC = 'task A\n';
// given out of order: the list shows them in course order
const NAMES = ['tlb_basics', 'fork_copy', 'first_fit', 'shared_mapping', 'page_zero'];

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

async function list() {
  const store = createScenarioStore(
    inProcessClient((c) => new CommandHandler().handle(c)),
    NAMES.map((name) => ({ name, title: `Title of ${name}`, goal: '', source: SRC, ...placeInCourse(name) })),
  );
  store.getState().loadBuiltin('fork_copy');
  const ctx: CommandContext = { store, settings: createSettingsStore({ presentation: true }), panZoom: () => null, toggleHelp: () => {} };
  const onClose = vi.fn();
  await act(async () => {
    render(<LessonList ctx={ctx} onClose={onClose} />);
  });
  return { onClose, dialog: screen.getByRole('dialog', { name: 'Lessons' }) };
}

describe('the lesson list', () => {
  it('shows the units and their lessons in course order, the lesson on screen marked and focused', async () => {
    const { dialog } = await list();
    expect(within(dialog).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      '1. Address maps and placement', '2. Inheritance and fork', '3. Sharing', '4. The TLB',
    ]);
    const lessons = dialog.querySelectorAll('[data-lesson]');
    expect([...lessons].map((b) => b.getAttribute('data-lesson'))).toEqual(['first_fit', 'page_zero', 'fork_copy', 'shared_mapping', 'tlb_basics']);
    const current = dialog.querySelector('[aria-current="true"]')!;
    expect(current.getAttribute('data-lesson')).toBe('fork_copy');
    expect(document.activeElement).toBe(current);
  });

  it('moves with ↓ ↑ Home End and PgDn (next unit), keeps every key from the app, opens with a click, closes with Escape', async () => {
    const { dialog, onClose } = await list();
    const onWindow = vi.fn();
    window.addEventListener('keydown', onWindow);
    const focused = () => (document.activeElement as HTMLElement).getAttribute('data-lesson');
    const key = (k: string) => fireEvent.keyDown(document.activeElement!, { key: k });
    key('ArrowDown');
    expect(focused()).toBe('shared_mapping');
    key('ArrowUp');
    key('ArrowUp');
    expect(focused()).toBe('page_zero');
    key('End');
    expect(focused()).toBe('tlb_basics');
    key('ArrowDown'); // the end: stays
    expect(focused()).toBe('tlb_basics');
    key('Home');
    key('PageDown');
    expect(focused()).toBe('fork_copy'); // the first lesson of the next unit
    key('n');
    key('ArrowRight');
    expect(onWindow).not.toHaveBeenCalled(); // n and → did not reach the app's commands behind the list
    expect(onClose).not.toHaveBeenCalled();
    key('Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
    fireEvent.click(within(dialog).getByText('Title of tlb_basics'));
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(window.location.hash).toBe('#builtin=tlb_basics');
    window.removeEventListener('keydown', onWindow);
  });
});
