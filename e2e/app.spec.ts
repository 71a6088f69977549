import { expect, test, type Page } from '@playwright/test';
import { fillEditor, expectEditorText } from './editor';

/** Console errors are bugs a user would not see but a lecturer's projector log would. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('opens on the default built-in and shows each statement with its result', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByTestId('lesson-title')).toHaveText('First fit: where vm_allocate(anywhere) puts memory');
  await expectEditorText(page, /kr = vm_allocate\(A, &x, 0x3000, TRUE\)/);
  await page.getByRole('button', { name: 'Run to end' }).click(); // results show once their statements have run
  const rows = page.getByTestId('statement');
  const allocate = rows.filter({ hasText: 'kr = vm_allocate(A, &x, 0x3000, TRUE)' });
  await expect(allocate.getByTestId('kr')).toHaveText('KERN_SUCCESS');
  await expect(allocate).toContainText('x = 4096 (0x1000)');
  await expect(page.getByTestId('summary')).toContainText('asserts held');
  await page.screenshot({ path: 'test-results/screenshots/default.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('#builtin=NAME opens that built-in, and the picker switches scenarios', async ({ page }) => {
  await page.goto('/#builtin=first_fit');
  await expectEditorText(page, /task A/);
  const picker = page.getByLabel('Built-in scenario');
  const options = await picker.locator('option').allTextContents();
  expect(options.length).toBeGreaterThanOrEqual(2);
  const other = (await picker.locator('option').nth(1).getAttribute('value'))!;
  await picker.selectOption(other);
  await expect(page).toHaveURL(new RegExp(`#builtin=${other}$`));
  await expect(page.getByTestId('summary')).toBeVisible();
});

test('#src= opens the text it carries, and a parse error names its line and column', async ({ page }) => {
  const src = 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nassert kr == KERN_SUCCESS\n';
  await page.goto(`/#src=${encodeURIComponent(src)}`);
  await expectEditorText(page, src);
  await page.getByRole('button', { name: 'Run to end' }).click(); // results show once their statements have run
  await expect(page.getByTestId('kr')).toHaveText('KERN_SUCCESS');

  await fillEditor(page, 'task A\nkr = vm_allocate(A, x, 0x1000, TRUE)\n');
  const error = page.getByTestId('error');
  await expect(error).toContainText('Line 2, column 21');
  await expect(error).toContainText('&name');
  // nothing the user typed is lost
  await expectEditorText(page, 'task A\nkr = vm_allocate(A, x, 0x1000, TRUE)\n');
});

test('a result code other than success is shown by name, and a failed assert names its line', async ({ page }) => {
  const src = 'task A\nx = 0x1000\nkr = vm_allocate(A, &x, 0x1000, FALSE)\nkr = vm_allocate(A, &x, 0x1000, FALSE)\nassert kr == KERN_SUCCESS\n';
  await page.goto(`/#src=${encodeURIComponent(src)}`);
  await page.getByRole('button', { name: 'Run to end' }).click(); // results show once their statements have run
  await expect(page.getByTestId('kr').nth(1)).toHaveText('KERN_NO_SPACE');
  await expect(page.getByTestId('error')).toContainText('Line 5: assert failed');
  await expect(page.getByTestId('error')).toContainText('KERN_NO_SPACE');
});

test('a broken link gives a clear message and a working app', async ({ page }) => {
  await page.goto('/#src=%E0%A4%A');
  await expect(page.getByRole('alert').first()).toContainText('could not be opened');
  await expect(page.getByTestId('summary')).toBeVisible();
  await page.goto('/#builtin=no_such_lesson');
  await expect(page.getByRole('alert').first()).toContainText('no_such_lesson');
});
