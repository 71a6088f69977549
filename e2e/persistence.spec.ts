import { expect, test } from '@playwright/test';

test('the scenario being edited survives a reload; a damaged stored value cannot break start-up', async ({ page }) => {
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  const edited = 'task Mine\nkr = vm_allocate(Mine, &m, 0x2000, TRUE)\nassert m == 0x1000\n';
  await page.getByTestId('editor').fill(edited);
  await expect(page.getByTestId('summary')).toContainText('All 3 statements ran');
  await page.waitForTimeout(500); // the draft is saved 300 ms after the last keystroke
  await page.reload();
  await expect(page.getByTestId('editor')).toHaveValue(edited);
  await expect(page.getByTestId('summary')).toContainText('All 3 statements ran');

  // a new link wins over the draft
  await page.goto('/#builtin=fork_copy');
  await expect(page.getByTestId('editor')).toHaveValue(/Fork with VM_INHERIT_COPY/);

  await page.evaluate(() => localStorage.setItem('mach-vm-playground:draft', '{"v":1,"hash":'));
  await page.goto('/');
  await expect(page.getByTestId('summary')).toBeVisible();
  await expect(page.getByTestId('error')).toHaveCount(0);
});
