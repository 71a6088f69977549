// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Editor, LONG_TEXT_LINES, lineCount } from './Editor';
import { insertIntoEditor, revealLine } from './editor_bridge';
import { editorStore, LONG_TEXT, settle } from './editor_test_setup';

afterEach(cleanup);

const long = LONG_TEXT;
const store = editorStore;

describe('Editor', () => {
  it('counts lines as the parser does (a final newline adds none)', () => {
    expect([lineCount(''), lineCount('a'), lineCount('a\n'), lineCount('a\nb'), lineCount('a\n\n')]).toEqual([0, 1, 1, 2, 2]);
    expect(lineCount(long)).toBe(LONG_TEXT_LINES + 11);
  });

});

describe('Editor: the CodeMirror chunk', () => {
  const cm = () => document.querySelector<HTMLElement & { scenarioText?: string }>('.cm-content');

  it('the textarea works until the chunk arrives; then CodeMirror has the text typed, the cursor and the focus', async () => {
    const s = store();
    render(<Editor store={s} />);
    const area = screen.getByTestId('editor') as HTMLTextAreaElement;
    expect(area.tagName).toBe('TEXTAREA');
    fireEvent.change(area, { target: { value: 'task A\nx = 1\n' } });
    area.focus();
    area.setSelectionRange(5, 5);
    await waitFor(() => expect(cm()).not.toBeNull(), { timeout: 5000 });
    const content = cm()!;
    expect(content.dataset.testid).toBe('editor');
    expect(content.scenarioText).toBe('task A\nx = 1\n');
    expect(screen.queryByRole('textbox', { name: /Scenario/ })).toBe(content);
    expect(document.activeElement).toBe(content);
    expect(s.getState().source).toBe('task A\nx = 1\n');
  });

  it('CodeMirror comes when the text is reached for, not before (its chunk and its mount are long tasks on a slow laptop)', async () => {
    const s = store();
    render(<Editor store={s} />);
    // rounds 2 and 3 fetched the chunk 2 s after the render (no run here) and mounted it 5 s after it came
    await new Promise((r) => setTimeout(r, 4000));
    expect(cm()).toBeNull();
    expect(screen.getByTestId('editor').tagName).toBe('TEXTAREA');
    fireEvent.pointerDown(screen.getByTestId('editor'));
    await waitFor(() => expect(cm()).not.toBeNull(), { timeout: 5000 });
    expect(cm()!.scenarioText).toBe(s.getState().source);
  }, 20_000);

  it('a text from elsewhere replaces the document; line numbers are shown', async () => {
    const s = store();
    render(<Editor store={s} />);
    fireEvent.pointerDown(screen.getByTestId('editor')); // reached for: CodeMirror comes with its chunk
    await waitFor(() => expect(cm()).not.toBeNull(), { timeout: 5000 });
    act(() => s.getState().loadSource('task B\ny = 2\n'));
    await settle();
    expect(cm()!.scenarioText).toBe('task B\ny = 2\n');
    expect([...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')].map((e) => e.textContent)).toContain('2');
  });

  it('the bridge inserts at the cursor, on a line of its own, and the text runs again', async () => {
    const s = store();
    render(<Editor store={s} />);
    act(() => s.getState().loadSource('task A\nx = 1\n'));
    fireEvent.pointerDown(screen.getByTestId('editor'));
    await waitFor(() => expect(cm()?.scenarioText).toBe('task A\nx = 1\n'), { timeout: 5000 });
    expect(insertIntoEditor('y = 2\n', s)).toBe(true);
    // a text from elsewhere leaves the cursor at its end: the line is appended, as without an editor
    expect(cm()!.scenarioText).toBe('task A\nx = 1\ny = 2\n');
    expect(document.activeElement).toBe(cm()); // an insert focuses the editor
    // happy-dom fires selectionchange at once (browsers: after the update), which CodeMirror refuses mid-update: not focused here
    act(() => cm()!.blur());
    revealLine(1);
    insertIntoEditor('z = 3\n', s);
    expect(cm()!.scenarioText).toBe('task A\nz = 3\nx = 1\ny = 2\n');
    expect(document.activeElement).toBe(cm());
    expect(s.getState().source).toBe(cm()!.scenarioText);
  });

  it('Escape leaves the editor for its section: the page\'s keys work again', async () => {
    const s = store();
    render(<Editor store={s} />);
    fireEvent.pointerDown(screen.getByTestId('editor'));
    await waitFor(() => expect(cm()).not.toBeNull(), { timeout: 5000 });
    cm()!.focus();
    expect(document.activeElement).toBe(cm());
    fireEvent.keyDown(cm()!, { key: 'Escape', code: 'Escape', keyCode: 27 });
    expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Scenario text' }));
  });
});
