import { axe } from './axe';
import { expect, test, type Page } from '@playwright/test';

async function seriousViolations(page: Page) {
  const results = await axe(page).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('no serious accessibility violations in normal mode', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=fork_copy&step=16');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
  expect(await seriousViolations(page)).toEqual([]);
});

test('no serious accessibility violations in presentation mode', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=copy_on_map&step=20');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 20 \//);
  await page.keyboard.press('p');
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
  expect(await seriousViolations(page)).toEqual([]);
});
