/**
 * Hostile and broken input a user can hit: links carrying markup or script, oversized links, a
 * scenario with absurd values. Each gives a clear message and a usable app, and nothing runs.
 */
import { expect, test, type Page } from '@playwright/test';

function watchForScript(page: Page): { fired: () => Promise<boolean>; dialogs: string[] } {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return { fired: () => page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned === true), dialogs };
}

test('a #src= carrying markup and script shows it as text and runs nothing', async ({ page }) => {
  const w = watchForScript(page);
  const hostile = 'task A\n# <img src=x onerror="window.__pwned=true;alert(1)"><script>window.__pwned=true</script>\nkr = vm_allocate(A, &x, 0x1000, TRUE)\n';
  await page.goto(`/#src=${encodeURIComponent(hostile)}`);
  await expect(page.getByTestId('editor')).toHaveValue(hostile);
  await expect(page.getByTestId('summary')).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await w.fired()).toBe(false);
  expect(w.dialogs).toEqual([]);
});

test('a #builtin= with markup or a javascript: URL names it as text', async ({ page }) => {
  const w = watchForScript(page);
  await page.goto(`/#builtin=${encodeURIComponent('<img src=x onerror="window.__pwned=true">')}`);
  await expect(page.getByRole('alert').first()).toContainText('<img src=x onerror="window.__pwned=true">');
  await page.goto(`/#src=${encodeURIComponent('javascript:window.__pwned=true')}`);
  await expect(page.getByTestId('error').first()).toContainText('Line 1');
  expect(await w.fired()).toBe(false);
  expect(w.dialogs).toEqual([]);
});

test('an oversized link is refused with a clear message; the app still works', async ({ page }) => {
  await page.goto(`/#src=${'A'.repeat(650_000)}`); // over the 600,000 characters a #src= may carry
  await expect(page.getByRole('alert').first()).toContainText('too long');
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
});

test('a scenario with absurd values gets clear messages at their lines, and the text stays', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('summary')).toBeVisible();
  const editor = page.getByTestId('editor');
  await editor.fill('config address_bits=64\ntask A\n');
  await expect(page.getByTestId('error')).toContainText('Line 1, column 21');
  await expect(page.getByTestId('error')).toContainText('address_bits must be between 20 and 48');
  await editor.fill('config frames=1000000\n');
  await expect(page.getByTestId('error')).toContainText('frames must be between 2 and 65536');
  await editor.fill('task A\nkr = vm_allocate(A, &x, 1 << 52, TRUE)\nkr = read(A, x, 1 << 40, &v)\n');
  await expect(page.getByTestId('error')).toContainText('Line 3');
  await expect(page.getByTestId('error')).toContainText('MiB');
  await expect(editor).toHaveValue('task A\nkr = vm_allocate(A, &x, 1 << 52, TRUE)\nkr = read(A, x, 1 << 40, &v)\n');
});
