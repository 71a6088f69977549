import { axe } from './axe';
import { expect, test, type Page } from '@playwright/test';
import { COMMANDS } from '../src/ui/commands';
import { focusEditor } from './editor';

/** The keys the shortcuts list shows for a command (KeyboardEvent.key values, as Playwright presses them). */
async function keysOf(page: Page, id: string): Promise<string[]> {
  const row = page.getByRole('dialog', { name: 'Keyboard shortcuts' }).locator(`tr[data-command="${id}"]`);
  return row.locator('kbd').evaluateAll((kbds) => kbds.map((k) => k.getAttribute('data-key')!));
}

test('the keyboard shortcuts list opens with k or its button, and the keys it shows do what it says', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=fork_copy');
  const counter = page.getByTestId('step-counter');
  await expect(counter).toHaveText(/^step 0 \/ [1-9]/);

  // the Shortcuts button takes no room from the timeline: the step counter stays inside it at 1280 px
  const spill = await counter.evaluate((el) => el.getBoundingClientRect().right - el.closest('[role="toolbar"]')!.getBoundingClientRect().right);
  expect(spill).toBeLessThanOrEqual(0.5);

  await page.keyboard.press('k');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(list).toBeVisible();
  await expect(list).toBeFocused();
  await expect(list.getByRole('row', { name: /Step forward/ })).toBeVisible();
  await expect(list.locator('tr[data-command]')).toHaveCount(COMMANDS.length); // every command, a row each
  await page.screenshot({ path: 'test-results/screenshots/shortcuts-1280.png' });

  // the list stays open while its keys work: step forward twice with the key it shows
  const [forward] = await keysOf(page, 'step-forward');
  await page.keyboard.press(forward);
  await page.keyboard.press(forward);
  await expect(counter).toHaveText(/^step 2 \//);
  const [end] = await keysOf(page, 'run-to-end');
  await page.keyboard.press(end);
  const total = (await counter.textContent())!.split('/')[1].trim();
  await expect(counter).toHaveText(`step ${total} / ${total}`);
  const [presentation] = await keysOf(page, 'presentation');
  const [leave] = await keysOf(page, 'leave-presentation');
  const [help] = await keysOf(page, 'shortcuts');
  expect(help).toBe('k');

  // Escape closes the list and gives the focus back to its button
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  const button = page.getByRole('button', { name: 'Shortcuts' });
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.press(presentation);
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
  // in presentation mode too: open the list from its button by keyboard, Escape closes the list only
  await page.getByRole('button', { name: 'Shortcuts' }).focus();
  await page.keyboard.press('Enter');
  await expect(list).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
  await page.keyboard.press(leave);
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'false');

  // the buttons say their keys as the list does
  await expect(page.getByRole('button', { name: 'Step forward' })).toHaveAttribute('aria-keyshortcuts', `${forward} PageDown Space Enter`);
  await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute('aria-keyshortcuts', /^p\b/);

  // Tab past the list's end closes it
  await page.keyboard.press('k');
  await expect(list).toBeFocused();
  await page.keyboard.press('Tab'); // its Close button
  await expect(list).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(list).toHaveCount(0);

  // typing k in the editor types it
  await focusEditor(page);
  await page.keyboard.press('k');
  await expect(list).toHaveCount(0);
});

test('the open shortcuts list has no serious accessibility violations, in normal and presentation mode', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=fork_copy&step=16');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
  for (const presentation of [false, true]) {
    if (presentation) await page.keyboard.press('p');
    await page.keyboard.press('k');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    const results = await axe(page).include('[data-testid="shortcuts"]').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious).toEqual([]);
    await page.keyboard.press('k');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
});
