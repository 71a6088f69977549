/**
 * What the editor's tests share (Editor.test.tsx, with its CodeMirror chunk; Editor_textarea.test.tsx,
 * without it): a store on an in-process worker, a text long enough to be previewed, and a wait for
 * the pending updates to settle.
 */
import { act } from '@testing-library/react';
import { LONG_TEXT_LINES } from './Editor';
import { createScenarioStore } from '../store/scenario_store';
import { CommandHandler } from '../worker/handler';
import { inProcessClient } from '../worker/client';

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
}

/** A text of more than LONG_TEXT_LINES lines: one from a file or a link is previewed. */
export const LONG_TEXT = ['task A', ...Array.from({ length: LONG_TEXT_LINES + 10 }, (_, i) => `y${i} = ${i}`)].join('\n') + '\n';

export function editorStore() {
  return createScenarioStore(inProcessClient(new CommandHandler()), []);
}
