import { expect, test } from '@playwright/test';

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`presentation mode at ${size.width}×${size.height}: large type, no editor, keyboard stepping, p and Escape`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/#builtin=fork_copy&step=15');
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 15 \//);
    await page.keyboard.press('p');
    const app = page.getByTestId('app');
    await expect(app).toHaveAttribute('data-presentation', 'true');
    await expect(page.getByTestId('editor')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute('aria-pressed', 'true');
    // the lecturer steps with the keyboard only
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
    await expect(page.getByTestId('narration')).toContainText('new shadow object 2');
    // large type: narration text at least 20 px, diagram labels at least 18 px
    const narrationPx = await page.getByTestId('narration').locator('li').first().evaluate((el) => parseFloat(getComputedStyle(el.querySelector('span')!).fontSize));
    expect(narrationPx).toBeGreaterThanOrEqual(20);
    const labelPx = await page.getByTestId('task-C').locator('text').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(labelPx).toBeGreaterThanOrEqual(18);
    // high contrast: a black page
    expect(await app.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: `test-results/screenshots/presentation-${size.width}.png` });
    await page.keyboard.press('Escape');
    await expect(app).toHaveAttribute('data-presentation', 'false');
    await expect(page.getByTestId('editor')).toBeVisible();
  });
}
