// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ReferencePanel } from './ReferencePanel';
import { registerEditor } from '../editor_bridge';
import { COMMANDS } from '../commands';
import { REFERENCE } from '../../scenario/reference';
import type { ScenarioStore } from '../../store/scenario_store';

let unregister = () => {};
afterEach(() => {
  cleanup();
  unregister();
});

function fakeStore(source: string) {
  const state = { source, editSource: vi.fn((s: string) => (state.source = s)), reload: vi.fn(() => Promise.resolve()) };
  return { store: { getState: () => state } as unknown as ScenarioStore, state };
}

const frames = () => act(() => new Promise((r) => setTimeout(r, 30)));

describe('the reference panel', () => {
  it('shows every entry of the catalogue, the rules and the keyboard shortcuts', () => {
    const { store } = fakeStore('');
    render(<ReferencePanel request={{ anchor: null, n: 1 }} store={store} onClose={() => {}} />);
    const panel = screen.getByRole('dialog', { name: 'Language reference' });
    const ids = [...panel.querySelectorAll('[data-entry]')].map((e) => e.getAttribute('data-entry'));
    for (const e of REFERENCE) expect(ids).toContain(e.id);
    expect(ids).toContain('rule-cow-shadow');
    expect(within(panel).getByRole('region', { name: 'Rules the kernel follows' })).toBeTruthy();
    const keys = [...panel.querySelectorAll('tr[data-command]')].map((r) => r.getAttribute('data-command'));
    expect(keys).toEqual(COMMANDS.map((c) => c.id));
  });

  it('filters as one types; arrows choose and Enter inserts the chosen example at the editor', () => {
    const { store } = fakeStore('task A\n');
    const insert = vi.fn();
    unregister = registerEditor({ insert, revealLine: () => {} });
    render(<ReferencePanel request={{ anchor: null, n: 1 }} store={store} onClose={() => {}} />);
    const search = screen.getByRole('searchbox');
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'vm_map' } });
    const first = document.querySelector('[data-entry]')!;
    expect(first.getAttribute('data-entry')).toBe('call-vm_map');
    expect(first.getAttribute('aria-current')).toBe('true');
    expect(within(first as HTMLElement).getByText('memory_object')).toBeTruthy();
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(insert).toHaveBeenCalledWith(`${REFERENCE.find((e) => e.id === 'call-vm_map')!.example}\n`);
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    const second = document.querySelectorAll('[data-entry]')[1];
    expect(second.getAttribute('aria-current')).toBe('true');
  });

  it('Insert without an editor appends the example to the text', () => {
    const { store, state } = fakeStore('task A\n');
    render(<ReferencePanel request={{ anchor: 'query-faults', n: 1 }} store={store} onClose={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Insert the example of faults' }));
    expect(state.source).toBe('task A\nassert faults(A) >= 0\n');
    expect(screen.getByRole('status').textContent).toMatch(/Appended the example of faults/);
  });

  it('opens at an entry (a rule), and Escape closes it, the focus going back', async () => {
    const { store } = fakeStore('');
    const onClose = vi.fn();
    const before = document.createElement('button');
    document.body.append(before);
    before.focus();
    const { unmount } = render(<ReferencePanel request={{ anchor: 'rule-cow-shadow', n: 1 }} store={store} onClose={onClose} />);
    await frames();
    const rule = document.querySelector('[data-entry="rule-cow-shadow"]')!;
    expect(rule.getAttribute('aria-current')).toBe('true');
    expect(document.activeElement).toBe(rule);
    fireEvent.keyDown(rule, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
    unmount();
    expect(document.activeElement).toBe(before);
    before.remove();
  });
});
