// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { KeyboardHelp } from './KeyboardHelp';
import { COMMANDS, keyName, shownKeys } from './commands';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Harness({ initial = false }: { initial?: boolean }) {
  const [open, setOpen] = useState(initial);
  return (
    <>
      <button type="button">elsewhere</button>
      <KeyboardHelp open={open} setOpen={setOpen} />
    </>
  );
}

describe('the keyboard shortcuts list', () => {
  it('lists every command of the registry with the keys that run it', async () => {
    render(<Harness initial />);
    const list = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await within(list).findByRole('table', {}, { timeout: 10_000 }); // the table comes in a lazy chunk
    const rows = within(list).getAllByRole('row').filter((r) => r.hasAttribute('data-command'));
    expect(rows.map((r) => r.getAttribute('data-command'))).toEqual(COMMANDS.map((c) => c.id));
    for (const c of COMMANDS) {
      const row = rows.find((r) => r.getAttribute('data-command') === c.id)!;
      expect(within(row).getByRole('cell').textContent).toBe(c.label);
      const kbds = [...row.querySelectorAll('kbd')];
      expect(kbds.map((k) => k.getAttribute('data-key'))).toEqual(shownKeys(c));
      expect(kbds.map((k) => k.textContent)).toEqual(shownKeys(c).map(keyName));
    }
    expect(within(rows.find((r) => r.getAttribute('data-command') === 'step-forward')!).getByRole('rowheader').textContent).toBe('→ or PgDn or Space or Enter');
    expect(within(rows.find((r) => r.getAttribute('data-command') === 'step-back')!).getByRole('rowheader').textContent).toBe('← or PgUp or Shift+Space');
  });

  it('opens from its button, takes the focus, and Escape closes it without reaching the page, giving the focus back', () => {
    render(<Harness />);
    const button = screen.getByRole('button', { name: 'Shortcuts' });
    expect(button.getAttribute('title')).toBe('Keyboard shortcuts: key k');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('aria-keyshortcuts')).toBe('k');
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const list = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(button.getAttribute('aria-controls')).toBe(list.id);
    expect(document.activeElement).toBe(list);
    const page = vi.fn();
    window.addEventListener('keydown', page);
    fireEvent.keyDown(list, { key: 'Escape' });
    window.removeEventListener('keydown', page);
    expect(page).not.toHaveBeenCalled(); // in presentation mode, Escape would also have left it
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('closes when the focus moves past it (Tab), and stays open while it moves inside it', () => {
    render(<Harness />);
    const button = screen.getByRole('button', { name: 'Shortcuts' });
    fireEvent.click(button);
    const list = screen.getByRole('dialog');
    const close = within(list).getByRole('button', { name: 'Close' });
    fireEvent.focusOut(list, { relatedTarget: close });
    expect(screen.queryByRole('dialog')).not.toBeNull();
    fireEvent.focusOut(close, { relatedTarget: screen.getByRole('button', { name: 'elsewhere' }) });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closes on its Close button and on a click elsewhere', () => {
    render(<Harness />);
    const button = screen.getByRole('button', { name: 'Shortcuts' });
    fireEvent.click(button);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(button);
    fireEvent.pointerDown(screen.getByRole('button', { name: 'elsewhere' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('does not take the focus when the page opens', () => {
    render(<Harness />);
    expect(document.activeElement).toBe(document.body);
  });
});
