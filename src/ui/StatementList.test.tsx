// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { StatementList, listWindow, LIST_WINDOW, LONG_LIST } from './StatementList';
import { createScenarioStore } from '../store/scenario_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';

afterEach(cleanup);

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
}

function storeWith(source: string) {
  const h = new CommandHandler();
  const store = createScenarioStore(inProcessClient(h), [{ name: 'it', title: 'It', goal: 'g', source }]);
  store.getState().loadBuiltin('it');
  return store;
}

describe('StatementList', () => {
  it('lists a short scenario whole, the current statement marked', async () => {
    const store = storeWith('task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "hi")\n');
    render(<StatementList store={store} />);
    await settle();
    await act(() => store.getState().goto(2));
    expect(screen.getAllByTestId('statement')).toHaveLength(3);
    expect(screen.getAllByTestId('statement').map((li) => li.getAttribute('data-state'))).toEqual(['done', 'current', 'todo']);
    expect(screen.queryByTestId('statements-before')).toBeNull();
  });

  it('lists a long scenario as a window around the current statement, saying what it leaves out; clicking one goes there', async () => {
    const n = 2000;
    const source = ['task A', 'kr = vm_allocate(A, &x, 0x10000, TRUE)', ...Array.from({ length: n - 2 }, (_, i) => `y = ${i}`)].join('\n') + '\n';
    const store = storeWith(source);
    render(<StatementList store={store} />);
    await settle();
    expect(screen.getAllByTestId('statement')).toHaveLength(LIST_WINDOW);
    expect(screen.getByTestId('statements-after').textContent).toBe(`${(n - LIST_WINDOW).toLocaleString('en')} later statements not listed`);

    await act(() => store.getState().goto(1234));
    const rows = screen.getAllByTestId('statement');
    expect(rows.length).toBe(LIST_WINDOW);
    const current = rows.find((li) => li.getAttribute('data-state') === 'current')!;
    expect(current.getAttribute('data-line')).toBe('1234');
    const [from] = listWindow(n, 1234);
    expect(screen.getByTestId('statements-before').textContent).toBe(`${from.toLocaleString('en')} earlier statements not listed (move the timeline to see them)`);
    expect(screen.getByTestId('statements').getAttribute('start')).toBe(String(from + 1));

    fireEvent.click(rows[rows.indexOf(current) + 10].querySelector('button')!);
    await settle();
    expect(store.getState().cursor).toBe(1244);
  });

  it('shows each statement\'s result, a long string cut with its length, and the asserts that held', async () => {
    const long = 'x'.repeat(100);
    const store = storeWith(`task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "${long}")\nkr = read(A, x, 100, &v)\nkr = read(A, x, 2, &w)\nassert w == "xx"\n`);
    render(<StatementList store={store} />);
    await settle();
    await act(() => store.getState().goto(6));
    const rows = screen.getAllByTestId('statement');
    expect(rows[1].textContent).toContain('KERN_SUCCESS');
    expect(rows[1].textContent).toContain('x = 4096 (0x1000)');
    expect(rows[3].textContent).toContain(`v = "${'x'.repeat(64)}"… (100 bytes)`);
    expect(rows[4].textContent).toContain('w = "xx"');
    expect(rows[5].textContent).toContain('✓ assert held');
    expect(screen.getByTestId('summary').textContent).toBe('All 6 statements ran; 1 assert held.');
  });

  it('shows no results of statements not yet run (no spoilers): only their text, and the asserts held so far', async () => {
    const store = storeWith('task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nassert x == 0x1000\nkr = vm_allocate(A, &x, 0x1000, FALSE)\nassert kr == KERN_NO_SPACE\n');
    render(<StatementList store={store} />);
    await settle();
    const rows = () => screen.getAllByTestId('statement');
    expect(rows().map((r) => r.textContent)).toEqual(['1task A', '2kr = vm_allocate(A, &x, 0x2000, TRUE)', '3assert x == 0x1000', '4kr = vm_allocate(A, &x, 0x1000, FALSE)', '5assert kr == KERN_NO_SPACE']);
    expect(screen.queryAllByTestId('kr')).toHaveLength(0);
    expect(screen.getByTestId('summary').textContent).toBe('All 5 statements ran; 0 asserts held so far: step on to see the rest.');
    await act(() => store.getState().goto(3));
    expect(screen.getAllByTestId('kr').map((k) => k.textContent)).toEqual(['KERN_SUCCESS']);
    expect(rows()[1].textContent).toContain('x = 4096 (0x1000)');
    expect(rows()[2].textContent).toContain('✓ assert held');
    expect(rows()[3].textContent).not.toContain('KERN_NO_SPACE');
    expect(screen.getByTestId('summary').textContent).toBe('All 5 statements ran; 1 assert held so far: step on to see the rest.');
    await act(() => store.getState().goto(5));
    expect(screen.getAllByTestId('kr').map((k) => k.textContent)).toEqual(['KERN_SUCCESS', 'KERN_NO_SPACE']);
    expect(screen.getByTestId('summary').textContent).toBe('All 5 statements ran; 2 asserts held.');
  });

  it('keeps the window still for a while as the timeline plays, and always holds the current statement', () => {
    for (const n of [LONG_LIST + 1, 1000, 8321]) {
      let moves = 0;
      let prev = listWindow(n, 0);
      for (let c = 0; c <= n; c++) {
        const [from, to] = listWindow(n, c);
        expect(to - from).toBe(LIST_WINDOW);
        if (c > 0) expect(from <= c - 1 && c - 1 < to).toBe(true);
        if (from !== prev[0]) moves++;
        prev = [from, to];
      }
      expect(moves).toBeLessThanOrEqual(Math.ceil(n / 100));
    }
    expect(listWindow(LONG_LIST, 7)).toEqual([0, LONG_LIST]);
  });

  it('while the run goes on, lists the statements run so far and says how far it has got; then the summary', async () => {
    const n = 200;
    const source = ['task A', 'kr = vm_allocate(A, &x, 0x10000, TRUE)', ...Array.from({ length: n - 2 }, (_, i) => `kr = write(A, x + ${(i % 16) * 4096}, "w")`)].join('\n') + '\n';
    const h = new CommandHandler({ loadWork: 100, chunkWork: 100 });
    const store = createScenarioStore(inProcessClient(h), []);
    render(<StatementList store={store} />);
    act(() => store.getState().loadSource(source));
    await act(() => new Promise((r) => setTimeout(r, 0)));
    const ran = store.getState().running!.ran;
    expect(ran).toBeLessThan(n);
    expect(screen.getAllByTestId('statement')).toHaveLength(ran);
    expect(screen.getByTestId('run-progress-list').textContent).toContain(`Running… ${ran} of ${n} statements so far`);
    expect(screen.queryByTestId('summary')).toBeNull();
    for (let i = 0; i < 100 && store.getState().running !== null; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(screen.getAllByTestId('statement')).toHaveLength(n);
    expect(screen.getByTestId('summary').textContent).toBe(`All ${n} statements ran; 0 asserts held so far: step on to see the rest.`);
    expect(screen.queryByTestId('run-progress-list')).toBeNull();
  });
});

describe('StatementList: long values and hidden characters', () => {
  it('shows a long value cut with its length; "more" dumps it a page at a time, "less" closes it', async () => {
    const store = storeWith('task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x + 0x3fe, "MORE")\nkr = read(A, x, 0x1800, &v)\n');
    render(<StatementList store={store} />);
    await settle();
    await act(() => store.getState().goto(4));
    const row = screen.getAllByTestId('statement')[3];
    expect(row.querySelector('[data-testid=out]')!.textContent).toBe(`v = "${'\\0'.repeat(64)}"… (6,144 bytes)more`);
    fireEvent.click(screen.getByRole('button', { name: 'Show the bytes of v' }));
    await settle();
    expect(screen.getByTestId('byte-dump').textContent).toContain('v: bytes 0 to 1,023 of 6,144');
    const lines = () => screen.getByTestId('byte-dump-lines').textContent!.split('\n');
    expect(lines()).toHaveLength(64);
    expect(lines()[63]).toBe('000003f0  00 00 00 00 00 00 00 00 00 00 00 00 00 00 4d 4f  |..............MO|');
    fireEvent.click(screen.getByRole('button', { name: 'Next 1,024 bytes' }));
    await settle();
    expect(lines()[0]).toBe('00000400  52 45 00 00 00 00 00 00 00 00 00 00 00 00 00 00  |RE..............|');
    fireEvent.click(screen.getByRole('button', { name: 'Hide the bytes of v' }));
    expect(screen.queryByTestId('byte-dump')).toBeNull();
    // Escape closes it too, and the focus goes back to "more"
    fireEvent.click(screen.getByRole('button', { name: 'Show the bytes of v' }));
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('dialog', { name: 'The bytes of v' }));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByTestId('byte-dump')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Show the bytes of v' }));
  });

  it('names a bidi override or an escape in a statement instead of applying it', async () => {
    const store = storeWith('task A\nx = "abc\u202edef\u001b[2J"\n');
    render(<StatementList store={store} />);
    await settle();
    await act(() => store.getState().goto(2));
    const row = screen.getAllByTestId('statement')[1];
    expect(row.textContent).toContain('x = "abc⟨U+202E⟩def⟨U+001B⟩[2J"');
    expect([...row.querySelectorAll('[data-testid=hidden-character]')].map((m) => m.textContent)).toEqual(['⟨U+202E⟩', '⟨U+001B⟩']);
    expect(row.textContent).not.toContain('\u202e');
    expect(row.textContent).not.toContain('\u001b');
  });
});
