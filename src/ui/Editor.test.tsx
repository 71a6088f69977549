// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Editor, LONG_TEXT_LINES, PREVIEW_LINES, lineCount } from './Editor';
import { createScenarioStore } from '../store/scenario_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';

afterEach(cleanup);

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
}

const long = ['task A', ...Array.from({ length: LONG_TEXT_LINES + 10 }, (_, i) => `y${i} = ${i}`)].join('\n') + '\n';

function store() {
  return createScenarioStore(inProcessClient(new CommandHandler()), []);
}

describe('Editor', () => {
  it('counts lines as the parser does (a final newline adds none)', () => {
    expect([lineCount(''), lineCount('a'), lineCount('a\n'), lineCount('a\nb'), lineCount('a\n\n')]).toEqual([0, 1, 1, 2, 2]);
    expect(lineCount(long)).toBe(LONG_TEXT_LINES + 11);
  });

  it('a long text from a file or a link is previewed; the textarea takes it when asked', async () => {
    const s = store();
    render(<Editor store={s} />);
    act(() => s.getState().loadSource(long));
    await settle();
    expect(screen.queryByTestId('editor')).toBeNull();
    const preview = screen.getByTestId('editor-preview');
    expect(preview.querySelector('pre')!.textContent!.split('\n')).toHaveLength(PREVIEW_LINES + 1);
    expect(preview.textContent).toContain(`${(LONG_TEXT_LINES + 11 - PREVIEW_LINES).toLocaleString('en')} more lines`);
    fireEvent.click(screen.getByTestId('edit-long-text'));
    expect((screen.getByTestId('editor') as HTMLTextAreaElement).value).toBe(long);
    expect(screen.queryByTestId('editor-preview')).toBeNull();
  });

  it('a short text, or a long one typed or pasted, is in the textarea', async () => {
    const s = store();
    render(<Editor store={s} />);
    act(() => s.getState().loadSource('task A\n'));
    await settle();
    const editor = screen.getByTestId('editor') as HTMLTextAreaElement;
    expect(editor.value).toBe('task A\n');
    fireEvent.change(editor, { target: { value: long } });
    expect((screen.getByTestId('editor') as HTMLTextAreaElement).value).toBe(long);
    expect(s.getState().source).toBe(long);
  });
});
