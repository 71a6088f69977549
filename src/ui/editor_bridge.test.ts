import { describe, expect, it, vi } from 'vitest';
import { appendLine, insertIntoEditor, registerEditor, revealLine } from './editor_bridge';
import type { ScenarioStore } from '../store/scenario_store';

function fakeStore(source: string) {
  const state = { source, editSource: vi.fn((s: string) => (state.source = s)), reload: vi.fn(() => Promise.resolve()) };
  return { store: { getState: () => state } as unknown as ScenarioStore, state };
}

describe('editor bridge', () => {
  it('appends on a line of its own without an editor, and runs the text', () => {
    const { store, state } = fakeStore('task A');
    expect(insertIntoEditor('fork(A, B)', store)).toBe(false);
    expect(state.source).toBe('task A\nfork(A, B)\n');
    expect(state.reload).toHaveBeenCalledOnce();
    expect(appendLine('', 'x')).toBe('x\n');
    expect(appendLine('a\n', 'x\n')).toBe('a\nx\n');
  });

  it('hands the text to the mounted editor, and forgets it once unmounted', () => {
    const { store, state } = fakeStore('task A\n');
    const insert = vi.fn();
    const reveal = vi.fn();
    const unregister = registerEditor({ insert, revealLine: reveal });
    expect(insertIntoEditor('task B\n', store)).toBe(true);
    expect(insert).toHaveBeenCalledWith('task B\n');
    revealLine(3);
    expect(reveal).toHaveBeenCalledWith(3);
    expect(state.source).toBe('task A\n');
    unregister();
    expect(insertIntoEditor('task B\n', store)).toBe(false);
    expect(state.source).toBe('task A\ntask B\n');
  });
});
