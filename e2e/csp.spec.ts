import { expect, test } from '@playwright/test';

test('the built app runs under its Content-Security-Policy (no inline script, no eval) without a violation', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.goto('/#builtin=copy_on_map&step=20');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  const scriptSrc = csp!.split(';').find((d) => d.trim().startsWith('script-src'))!;
  expect(scriptSrc).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 20 \//); // the worker started
  await expect(page.getByTestId('object-2')).toBeVisible();
  await page.getByRole('button', { name: 'Share', exact: true }).click(); // the codec chunk loads
  await expect(page.getByTestId('share-link')).toHaveValue(/#s=1\./);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  await page.getByRole('button', { name: 'Quiz mode' }).click();
  await expect(page.getByTestId('quiz')).toBeVisible();
  expect(violations).toEqual([]);
});
