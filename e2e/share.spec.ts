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

test('every built-in survives a share round trip: the same text at the same step', async ({ page, context }) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  const names = await page.getByLabel('Built-in scenario').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(names.length).toBeGreaterThanOrEqual(15);
  const sizes: string[] = [];
  for (const name of names) {
    await page.goto(`/#builtin=${name}&step=2`);
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 2 \//);
    const text = await page.getByTestId('editor').inputValue();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const link = await page.getByTestId('share-link').inputValue();
    sizes.push(`${name} ${link.length}`);
    expect(link.length, `${name}'s link`).toBeLessThan(3_000);
    await page.goto('about:blank');
    await page.goto(link);
    await expect(page.getByTestId('step-counter'), name).toHaveText(/^step 2 \//);
    expect(await page.getByTestId('editor').inputValue(), name).toBe(text);
  }
  test.info().annotations.push({ type: 'link sizes', description: sizes.join(', ') });
});
