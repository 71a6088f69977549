/**
 * The end-to-end tests' hook on the scenario editor (src/ui/Editor.tsx). The editor is CodeMirror,
 * in a chunk that arrives after the first render (a textarea stands in until then); its content
 * element carries data-testid="editor". CodeMirror draws only the lines in view, so the text is read
 * from the editor's state (the content element's `scenarioText`), never from the DOM; a text is put
 * in as a user would paste it (select all, paste), through CodeMirror's own paste handling.
 *
 *   fillEditor(page, text)    replaces the whole text (it runs after the editor's pause)
 *   editorText(page)          the whole text
 *   expectEditorText(page, t) waits until the text is t (a string, or a RegExp it matches)
 *   focusEditor(page)         puts the keyboard focus in the text
 *
 * The textarea becomes CodeMirror only when the text is reached for (the pointer over it, its focus,
 * a key): fillEditor and focusEditor focus the textarea first, as a user would.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The CodeMirror editor, once its chunk has arrived. */
export function codeEditor(page: Page): Locator {
  return page.locator('.cm-content[data-testid="editor"]');
}

/** Focuses the textarea if it is still there (CodeMirror comes when the text is reached for: src/ui/Editor.tsx). */
async function reachEditor(page: Page): Promise<void> {
  const area = page.locator('textarea[data-testid="editor"]');
  if ((await area.count()) > 0) await area.focus({ timeout: 5_000 }).catch(() => undefined); // gone meanwhile: CodeMirror is there
}

export async function fillEditor(page: Page, text: string): Promise<void> {
  const ed = codeEditor(page);
  await reachEditor(page);
  await ed.waitFor();
  await ed.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await ed.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await expect.poll(() => editorText(page)).toBe(text);
}

export async function editorText(page: Page): Promise<string> {
  const ed = page.getByTestId('editor');
  return ed.evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : ((el as HTMLElement & { scenarioText?: string }).scenarioText ?? '')));
}

/** Waits up to 10 s: on a busy machine the first load and the editor's chunk arriving can take more than the default 5. */
export async function expectEditorText(page: Page, expected: string | RegExp, message?: string): Promise<void> {
  const poll = expect.poll(() => editorText(page), { message, timeout: 10_000 });
  await (typeof expected === 'string' ? poll.toBe(expected) : poll.toMatch(expected));
}

export async function focusEditor(page: Page): Promise<void> {
  const ed = codeEditor(page);
  await reachEditor(page);
  await ed.waitFor();
  await ed.focus();
}
