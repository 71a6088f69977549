// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Legend } from './Legend';
import { NOTATIONS } from './notations';
import { DARK, PRESENTATION, linkStyle } from './theme';

afterEach(cleanup);

describe('Legend', () => {
  it('draws every notation: a sample with the diagram\'s styles and its meaning as text', () => {
    render(<Legend theme={DARK} presentation={false} onClose={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: /Legend/ });
    const rows = dialog.querySelectorAll('[data-notation]');
    expect(rows.length).toBe(NOTATIONS.length);
    for (const row of rows) {
      expect(row.querySelector('svg[data-sample]')).not.toBeNull();
      expect(row.textContent!.length).toBeGreaterThan(20);
    }
    // an arrow's sample is the diagram's own stroke: the shadow's width, the pager's dash
    const shadow = dialog.querySelector('[data-notation="link-shadow"] svg > path')!;
    expect(Number(shadow.getAttribute('stroke-width'))).toBe(linkStyle('shadow').width);
    const pager = dialog.querySelector('[data-notation="link-pager"] svg > path')!;
    expect(pager.getAttribute('stroke-dasharray')).toBe(linkStyle('pager').dash);
    // the orange stripe is drawn in the dirty colour
    expect(dialog.querySelector(`[data-notation="frame-dirty"] rect[fill="${DARK.dirty}"]`)).not.toBeNull();
  });

  it('closes on Escape (before the app\'s keys) and on Close', () => {
    const onClose = vi.fn();
    const app = vi.fn();
    window.addEventListener('keydown', app);
    render(<Legend theme={PRESENTATION} presentation onClose={onClose} />);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(app).not.toHaveBeenCalled(); // presentation mode's Escape (leave) does not also run
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
    window.removeEventListener('keydown', app);
  });
});
