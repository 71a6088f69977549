// @vitest-environment happy-dom
/**
 * The editor without its CodeMirror chunk (offline, or a chunk that fails to load): the textarea
 * stays and works, and a long text from elsewhere is previewed first.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Editor, LONG_TEXT_LINES, PREVIEW_LINES } from './Editor';
import { editorStore, LONG_TEXT, settle } from './editor_test_setup';

vi.mock('./editor/CodeEditor', () => {
  throw new Error('offline: the chunk could not be fetched');
});

afterEach(cleanup);

const long = LONG_TEXT;
const store = editorStore;

describe('Editor without its chunk', () => {
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

  it('a short text, or a long one typed or pasted, is in the textarea, which stays when the chunk cannot load', async () => {
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
  it('typing re-runs the text after a pause; a parse error is shown under it', async () => {
    const s = store();
    render(<Editor store={s} />);
    await settle();
    fireEvent.change(screen.getByTestId('editor'), { target: { value: 'task A\nx = = 1\n' } });
    await new Promise((r) => setTimeout(r, 400));
    await settle();
    expect(screen.getByTestId('editor').tagName).toBe('TEXTAREA');
    expect(screen.getByRole('alert').textContent).toMatch(/^Line 2, column 5: /);
  });
});
