import { expect, test } from '@playwright/test';
import { fillEditor, editorText, expectEditorText } from './editor';
import { TIMED } from './timed';

test('the scenario being edited survives a reload; a damaged stored value cannot break start-up', TIMED, async ({ page }) => {
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  const edited = 'task Mine\nkr = vm_allocate(Mine, &m, 0x2000, TRUE)\nassert m == 0x1000\n';
  await fillEditor(page, edited);
  await expect(page.getByTestId('summary')).toContainText('All 3 statements ran');
  await page.waitForTimeout(500); // the draft is saved 300 ms after the last keystroke
  await page.reload();
  await expectEditorText(page, edited);
  await expect(page.getByTestId('summary')).toContainText('All 3 statements ran');

  // a new link wins over the draft
  await page.goto('/#builtin=fork_copy');
  await expectEditorText(page, /Fork with VM_INHERIT_COPY/);

  await page.evaluate(() => localStorage.setItem('mach-vm-playground:draft', '{"v":1,"hash":'));
  await page.goto('/');
  await expect(page.getByTestId('summary')).toBeVisible();
  await expect(page.getByTestId('error')).toHaveCount(0);
});

/** A scenario of `n` characters in few lines (so the editor holds it whole, not a preview): comments after a real statement. */
function longText(n: number): string {
  const head = 'task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\n';
  const line = `# ${'the quick brown fox jumps over the lazy dog; '.repeat(30)}\n`;
  return (head + line.repeat(Math.ceil(n / line.length))).slice(0, n - 1) + '\n';
}

test('a 250,000-character draft survives a reload (drafts keep what the editor takes)', TIMED, async ({ page }) => {
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  const text = longText(250_000);
  expect(text.length).toBe(250_000);
  await fillEditor(page, text);
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 0 \/ 2$/);
  expect(await editorText(page)).toBe(text);
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
});

test('an edit made 50 ms before a reload survives it (the draft is written on pagehide)', TIMED, async ({ page }) => {
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  await fillEditor(page, 'task Old\n');
  await page.waitForTimeout(500); // saved
  const edited = 'task New\nkr = vm_allocate(New, &n, 0x1000, TRUE)\n';
  await fillEditor(page, edited);
  await page.waitForTimeout(50); // well inside the 300 ms pause
  await page.reload();
  await expectEditorText(page, edited);
});

test('a full storage quota: a notice says the edits are not kept, and the older draft does not come back', TIMED, async ({ page }) => {
  // localStorage refuses any draft over 100 characters once the test says so (a smaller value still fits, as in a full quota)
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (this === window.localStorage && key === 'mach-vm-playground:draft' && value.length > 100 && window.localStorage.getItem('e2e:full') === '1') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      setItem.call(this, key, value);
    };
  });
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  await fillEditor(page, 'task Older\n');
  await page.waitForTimeout(500); // saved: the older draft
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
  await page.evaluate(() => localStorage.setItem('e2e:full', '1'));
  const newer = longText(5_000);
  await fillEditor(page, newer);
  await expect(page.getByTestId('draft-notice')).toContainText("Your edits are not kept over a reload: the browser's storage for this site is full.");
  await expect(page.getByTestId('draft-notice')).toContainText('5,000 characters');
  await page.reload();
  // not "task Older" silently: the lesson of the link, and a notice that the last text was lost
  await expect(page.getByTestId('lesson-title')).toBeVisible();
  await expect.poll(() => editorText(page)).not.toBe('task Older\n');
  await expect(page.getByTestId('draft-notice')).toContainText("The text you were editing here last time (5,000 characters) could not be kept: the browser's storage for this site is full.");
  await page.getByTestId('draft-notice').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
});
