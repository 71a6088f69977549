// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Interpreter, type StepRecord } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { EMPTY_NARRATION, NarrationPanel } from './NarrationPanel';
import { narrate } from './narrate';
import { HEADLINE_VH } from './PresentationNarration';

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

  it('colours warnings and errors', () => {
    const recs = records();
    const { rerender } = render(<NarrationPanel record={recs[5]} names={names} />);
    const panel = screen.getByTestId('narration');
    const first = within(panel).getAllByRole('listitem')[0];
    expect(first.textContent).toBe('vm_allocate returned KERN_NO_SPACE: no free range of that size (or the fixed range overlaps an entry).');
    expect(first.querySelector('span')!.className).toContain('text-amber-300');
    expect(panel.className).toContain('bg-slate-950');
    expect(panel.className).toContain('text-base');

    rerender(<NarrationPanel record={recs[6]} names={names} />);
    const failed = within(screen.getByTestId('narration')).getAllByRole('listitem')[0];
    expect(failed.getAttribute('data-tone')).toBe('error');
    expect(failed.querySelector('span')!.className).toContain('text-red-300');
    expect(failed.textContent).toContain('assert failed: kr == KERN_SUCCESS');
  });
});

describe('NarrationPanel in presentation mode', () => {
  const write = () => records()[4];
  const visible = () => screen.getByTestId('narration').querySelector('[aria-hidden="true"]')!;

  it('shows the statement and ONE line large: the line being told while the step plays', () => {
    const record = write();
    const lines = narrate(record, names);
    const cow = lines.findIndex((l) => l.event?.type === 'cow_copy');
    const { rerender } = render(<NarrationPanel record={record} names={names} lines={lines} activeIndex={1} presentation />);
    expect(screen.getByTestId('narration-statement').textContent).toBe('Line 5: kr = write(C, x, "c")');
    const headline = screen.getByTestId('narration-headline');
    expect(headline.textContent).toBe(lines[1].text);
    expect(headline.getAttribute('data-state')).toBe('active');
    expect(headline.style.fontSize).toBe(`${HEADLINE_VH[0]}vh`);
    // the other lines are not on the screen
    for (const [i, l] of lines.entries()) if (i !== 1) expect(visible().textContent).not.toContain(l.text);
    rerender(<NarrationPanel record={record} names={names} lines={lines} activeIndex={cow} presentation />);
    expect(screen.getByTestId('narration-headline').textContent).toBe(lines[cow].text);
    expect(screen.getByTestId('narration-headline').getAttribute('data-line')).toBe(String(cow));
    // no why nor rule without d
    expect(screen.queryByTestId('narration-details')).toBeNull();
    expect(visible().textContent).not.toContain('Rule:');
  });

  it('once the step has played, shows its result line, in its tone', () => {
    render(<NarrationPanel record={write()} names={names} activeIndex={-1} presentation />);
    const headline = screen.getByTestId('narration-headline');
    expect(headline.textContent).toBe('write returned KERN_SUCCESS: task C stored "c" at 0x1000.');
    expect(headline.getAttribute('data-state')).toBe('result');
    expect(headline.className).toContain('text-emerald-300');
  });

  it('d (details) shows the why and the rule of the line under it; after the step, the last reason told', () => {
    const record = write();
    const lines = narrate(record, names);
    const cow = lines.findIndex((l) => l.event?.type === 'cow_copy');
    const { rerender } = render(<NarrationPanel record={record} names={names} lines={lines} activeIndex={cow} presentation details />);
    const details = screen.getByTestId('narration-details');
    expect(details.textContent).toBe(`${lines[cow].why} Rule: ${lines[cow].rule}.`);
    rerender(<NarrationPanel record={record} names={names} lines={lines} activeIndex={-1} presentation details />);
    // the result line gives no reason: the last one told explains it (here the bypass after the copy)
    const lastWhy = lines.filter((l) => l.why !== undefined).at(-1)!;
    expect(lastWhy.event?.type).toBe('object_bypassed');
    expect(screen.getByTestId('narration-details').textContent).toBe(`${lastWhy.why} Rule: ${lastWhy.rule}.`);
    expect(screen.getByTestId('narration').getAttribute('data-details')).toBe('true');
  });

  it('keeps every line, with its why and rule, in the live region for screen readers; the large text is hidden from them', () => {
    const record = write();
    const lines = narrate(record, names);
    render(<NarrationPanel record={record} names={names} lines={lines} activeIndex={2} presentation />);
    const panel = screen.getByTestId('narration');
    expect(panel.getAttribute('role')).toBe('log');
    expect(panel.getAttribute('aria-live')).toBe('polite');
    const items = within(panel).getAllByRole('listitem');
    expect(items.map((li) => li.firstChild!.textContent)).toEqual(lines.map((l) => l.text));
    expect(items[2].getAttribute('data-state')).toBe('active');
    expect(items[3].getAttribute('data-state')).toBe('pending');
    expect(items.some((li) => li.textContent!.includes('Rule: copy-on-write'))).toBe(true);
    expect(visible().getAttribute('aria-hidden')).toBe('true');
  });

  it('before anything ran, says so large', () => {
    render(<NarrationPanel record={null} names={names} presentation />);
    expect(screen.getByTestId('narration-headline').textContent).toBe(EMPTY_NARRATION);
    expect(screen.getByTestId('narration-headline').getAttribute('data-state')).toBe('empty');
  });
});
