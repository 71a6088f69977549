// @vitest-environment happy-dom
/**
 * A crowded machine in the component (layout/bound.ts): the summaries are buttons that move their
 * window a page at a time, with a click and with Enter or Space, the window kept from step to step.
 */
import { crowdedText } from '../../testing/crowded_scenario';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MachineDiagram } from './MachineDiagram';
import { ENTRY_WINDOW } from './layout/bound';
import { Interpreter } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { takeSnapshot, type MachineSnapshot } from '../../kernel/snapshot';

afterEach(cleanup);

/** One task of `entries` entries that do not coalesce, after each statement. */
function crowded(entries: number): MachineSnapshot[] {
  const it = new Interpreter(parseOrThrow(crowdedText(entries, 0)));
  const out: MachineSnapshot[] = [];
  while (!it.done) {
    it.step();
    out.push(takeSnapshot(it.kernel));
  }
  return out;
}

const entryAt = (address: number) => screen.queryByRole('group', { name: new RegExp(`^map entry 0x${address.toString(16)} to `) });

describe('a crowded machine in the diagram', () => {
  it('draws a window of entries and a summary that shows the next ones on a click, the previous ones on Enter', () => {
    const steps = crowded(100);
    const last = steps.at(-1)!;
    const { rerender } = render(<MachineDiagram snapshot={last} />);
    const first = 0x1000;
    const next = first + ENTRY_WINDOW * 0x1000;
    expect(entryAt(first)).not.toBeNull();
    expect(entryAt(next)).toBeNull();
    const more = screen.getByTestId('summary-entries-1-after');
    expect(more.getAttribute('role')).toBe('button');
    expect(more.getAttribute('tabindex')).toBe('0');
    expect(more.getAttribute('aria-label')).toMatch(/^84 more map entries of task A not drawn \(0x11000 to 0x65000\): show the next 16$/);
    fireEvent.click(more);
    expect(entryAt(first)).toBeNull();
    expect(entryAt(next)).not.toBeNull();
    expect(screen.getByTestId('summary-entries-1-before').getAttribute('data-count')).toBe(String(ENTRY_WINDOW));
    // the window stays where it was on the next step (the machine one statement earlier)
    rerender(<MachineDiagram snapshot={steps.at(-2)!} />);
    expect(entryAt(next)).not.toBeNull();
    // Enter (and Space) on the summary before: back to the first entries
    fireEvent.keyDown(screen.getByTestId('summary-entries-1-before'), { key: 'Enter' });
    expect(entryAt(first)).not.toBeNull();
    fireEvent.keyDown(screen.getByTestId('summary-entries-1-after'), { key: ' ' });
    expect(entryAt(next)).not.toBeNull();
  });
});
