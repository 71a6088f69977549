import { expect, test } from '@playwright/test';

test('Share makes a link with the whole scenario and the step; opening it restores both', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#builtin=fork_copy&step=3');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 3 \/ [1-9]/);
  await page.getByTestId('editor').fill('task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "shared!")\nkr = read(A, x, 7, &v)\nassert v == "shared!"\n');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 3 \/ 5$/);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#s=1\.[A-Za-z0-9_-]+&step=3$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('editor')).toHaveValue(/kr = write\(A, x, "shared!"\)/);
  await expect(other.getByTestId('step-counter')).toHaveText('step 3 / 5');
  await expect(other.getByTestId('narration')).toContainText('stored "shared!"');
});

test('a damaged share link says so and the app still works', async ({ page }) => {
  await page.goto('/#s=1.AAAA-not-deflate');
  await expect(page.getByRole('alert').first()).toContainText('could not be opened');
  await expect(page.getByTestId('summary')).toBeVisible();
  await page.goto('/#s=9.abc');
  await expect(page.getByRole('alert').first()).toContainText('newer version');
});
