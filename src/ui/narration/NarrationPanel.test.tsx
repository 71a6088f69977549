// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Interpreter, type StepRecord } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { EMPTY_NARRATION, NarrationPanel } from './NarrationPanel';

afterEach(cleanup);

const names = { task: (id: number) => ['?', 'P', 'C'][id] ?? `#${id}`, pageSize: 4096 };

/** The records of a small fork-and-write scenario. */
function records(): StepRecord[] {
  return new Interpreter(parseOrThrow('task P\nkr = vm_allocate(P, &x, 0x1000, TRUE)\nkr = write(P, x, "p")\ntask C = fork(P)\nkr = write(C, x, "c")\nkr = vm_allocate(P, &x, 0x1000, FALSE)\nassert kr == KERN_SUCCESS\n')).runAll();
}

describe('NarrationPanel', () => {
  it('shows the empty message before anything ran, in a polite log', () => {
    render(<NarrationPanel record={null} names={names} />);
    const panel = screen.getByTestId('narration');
    expect(panel.getAttribute('role')).toBe('log');
    expect(panel.getAttribute('aria-live')).toBe('polite');
    expect(panel.textContent).toBe(EMPTY_NARRATION);
    expect(EMPTY_NARRATION).toBe('Nothing has run yet: press Step forward (→).');
    expect(screen.getByRole('log')).toBe(panel);
  });

  it('renders one item per line, with its why and rule in a muted line', () => {
    const write = records()[4];
    render(<NarrationPanel record={write} names={names} />);
    const panel = screen.getByTestId('narration');
    expect(panel.textContent).toContain('Line 5:');
    expect(panel.textContent).toContain('kr = write(C, x, "c")');
    const items = within(panel).getAllByRole('listitem');
    expect(items[0].textContent).toBe('write returned KERN_SUCCESS: task C stored "c" at 0x1000.');
    expect(items[0].getAttribute('data-tone')).toBe('success');
    expect(items[0].querySelector('span')!.className).toContain('text-emerald-300');
    const shadow = items.find((li) => li.getAttribute('data-event') === 'shadow_created')!;
    expect(shadow.textContent).toContain("Task C's entry at 0x1000 is needs_copy, so this write first gives it a new shadow object 2 in front of object 1.");
    expect(shadow.textContent).toContain('Rule: copy-on-write: first write to a needs_copy entry (vm_fault, vm_object_shadow).');
    const muted = shadow.querySelectorAll('span')[1];
    expect(muted.className).toContain('text-slate-400');
    expect(muted.className).toContain('text-sm');
    expect(items.some((li) => li.getAttribute('data-event') === 'cow_copy')).toBe(true);
  });

  it('colours warnings and errors, and enlarges the text in presentation mode', () => {
    const recs = records();
    const { rerender } = render(<NarrationPanel record={recs[5]} names={names} />);
    const panel = screen.getByTestId('narration');
    const first = within(panel).getAllByRole('listitem')[0];
    expect(first.textContent).toBe('vm_allocate returned KERN_NO_SPACE: no free range of that size (or the fixed range overlaps an entry).');
    expect(first.querySelector('span')!.className).toContain('text-amber-300');
    expect(panel.className).toContain('bg-slate-950');
    expect(panel.className).toContain('text-base');

    rerender(<NarrationPanel record={recs[6]} names={names} presentation />);
    const failed = within(screen.getByTestId('narration')).getAllByRole('listitem')[0];
    expect(failed.getAttribute('data-tone')).toBe('error');
    expect(failed.querySelector('span')!.className).toContain('text-red-300');
    expect(failed.textContent).toContain('assert failed: kr == KERN_SUCCESS');
    expect(screen.getByTestId('narration').className).toContain('text-[1.4rem]');
    expect(screen.getByTestId('narration').getAttribute('data-presentation')).toBe('true');
  });
});
