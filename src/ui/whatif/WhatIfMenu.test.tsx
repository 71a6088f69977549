// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScenarioStore } from '../../store/scenario_store';
import { inProcessClient } from '../../worker/client';
import { CommandHandler } from '../../worker/handler';
import WhatIfMenu from './WhatIfMenu';

afterEach(cleanup);

// step 3 runs line 4 (the write), step 4 line 5 (the assert)
const SRC = '# a lesson\ntask A\nkr = vm_allocate(A, &x, 0x3000, TRUE)\nkr = write(A, x, "hi")\nassert kr == KERN_SUCCESS\n';

const settle = async () => {
  for (let i = 0; i < 6; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
};

async function lessonAt(step: number) {
  const h = new CommandHandler();
  const store = createScenarioStore(inProcessClient((c) => h.handle(c)), [{ name: 'w', title: 'W', goal: 'g', source: SRC }]);
  store.getState().loadBuiltin('w', step);
  await settle();
  return store;
}

describe('the what-if menu', () => {
  it('a write to the third page goes after the line of the step shown, through x, and the timeline goes to it', async () => {
    const store = await lessonAt(3);
    const onClose = vi.fn();
    render(<WhatIfMenu store={store} pick={{ task: 'A', address: 0x3000 }} onClose={onClose} />);
    expect(screen.getByRole('dialog').textContent).toContain('task A, page x + 0x2000 (0x3000)');
    fireEvent.change(screen.getByLabelText('Bytes to write'), { target: { value: 'zz' } });
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
    await settle();
    const s = store.getState();
    expect(s.source.split('\n').slice(3, 6)).toEqual(['kr = write(A, x, "hi")', 'kr = write(A, x + 0x2000, "zz")', 'assert kr == KERN_SUCCESS']);
    expect(s).toMatchObject({ cursor: 4, total: 5, builtinName: null, origin: 'w', originStep: 3 });
    expect(onClose).toHaveBeenCalled();
  });

  it('protect, inherit and deallocate cover the whole entry; the first choice offered changes something', async () => {
    const store = await lessonAt(4);
    render(<WhatIfMenu store={store} pick={{ task: 'A', address: 0x2000 }} onClose={() => {}} />);
    expect((screen.getByLabelText('New protection') as HTMLSelectElement).value).toBe('VM_PROT_READ');
    expect((screen.getByLabelText('New inheritance') as HTMLSelectElement).value).toBe('VM_INHERIT_SHARE'); // it is COPY
    fireEvent.change(screen.getByLabelText('New inheritance'), { target: { value: 'VM_INHERIT_NONE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Inherit' }));
    await settle();
    expect(store.getState().source.split('\n')[5]).toBe('kr = vm_inherit(A, x, 0x3000, VM_INHERIT_NONE)');
    expect(store.getState().cursor).toBe(5);
  });

  it("Escape closes it and goes no further (the page's Escape would leave presentation mode)", async () => {
    const store = await lessonAt(4);
    const onClose = vi.fn();
    const page = vi.fn();
    window.addEventListener('keydown', page);
    try {
      render(<WhatIfMenu store={store} pick={{ task: 'A', address: 0x1000 }} onClose={onClose} />);
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Read' }));
      fireEvent.keyDown(screen.getByRole('button', { name: 'Read' }), { key: 'Escape' });
      expect(onClose).toHaveBeenCalledTimes(1);
      expect(page).not.toHaveBeenCalled();
      expect(store.getState().source).toBe(SRC);
    } finally {
      window.removeEventListener('keydown', page);
    }
  });

  it('while the text does not parse nothing can be inserted', async () => {
    const store = await lessonAt(4);
    store.getState().editSource('task A\nkr = (\n');
    await act(() => store.getState().reload());
    render(<WhatIfMenu store={store} pick={{ task: 'A', address: 0x1000 }} onClose={() => {}} />);
    expect(screen.getByTestId('what-if-place').textContent).toContain('fix it first');
    expect((screen.getByRole('button', { name: 'Write' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
