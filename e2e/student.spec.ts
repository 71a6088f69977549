/**
 * The student at night (issue 17): a typo never blanks the screen (the last good run stays drawn,
 * marked stale, the error beside it; fixing the text goes back to the same step), and the list
 * gives nothing away (no results of statements not yet run).
 */
import { expect, test } from '@playwright/test';
import { editorText, fillEditor } from './editor';

test('a typo keeps the last diagram, marked stale, with the error beside it; the fix goes on from the same step', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=fork_copy&step=16');
  const counter = page.getByTestId('step-counter');
  await expect(counter).toHaveText('step 16 / 37');
  const machine = page.getByRole('region', { name: 'Machine' });
  const objects = machine.locator('[data-testid^="object-"][aria-label]');
  await expect(objects).toHaveCount(2); // O, and the child's shadow S_c made by its write (line 23, step 16)
  const text = await editorText(page);
  const typo = text.replace('kr = read(C, x, 11, &v)', 'kr = read(C, x, 11, v)'); // line 18: &v is needed

  await fillEditor(page, typo);
  const stale = page.getByTestId('stale-note');
  await expect(stale).toContainText('Stale: the last good run, step 16 of 37.');
  await expect(stale).toContainText('line 18, column');
  await expect(page.getByTestId('error')).toContainText('Line 18, column');
  // the machine is still drawn, as it was
  await expect(objects).toHaveCount(2);
  await expect(counter).toHaveText('step 16 / 37');
  await expect(page.getByRole('button', { name: 'Step forward' })).toBeDisabled();

  await fillEditor(page, text.replace('"child data!"', '"child data?"'));
  await expect(stale).toHaveCount(0);
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(counter).toHaveText('step 16 / 37');
  await expect(page.getByRole('button', { name: 'Step forward' })).toBeEnabled();
});

test('no spoilers: at step 0 the list shows the statements but none of their results; each appears as its statement runs', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=fork_copy');
  await expect(page.getByTestId('step-counter')).toHaveText('step 0 / 37');
  const rows = page.getByTestId('statement');
  await expect(rows).toHaveCount(37);
  await expect(page.getByTestId('kr')).toHaveCount(0);
  await expect(page.getByTestId('out')).toHaveCount(0);
  await expect(page.getByText('✓ assert held')).toHaveCount(0);
  await expect(page.getByTestId('summary')).toHaveText('All 37 statements ran; 0 asserts held so far: step on to see the rest.');

  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('step 2 / 37');
  await expect(page.getByTestId('kr')).toHaveText(['KERN_SUCCESS']);
  await expect(rows.nth(1)).toContainText('x = 4096 (0x1000)');
  await expect(rows.nth(2)).not.toContainText('assert held');
  await page.getByRole('button', { name: 'Run to end' }).click();
  await expect(page.getByTestId('summary')).toHaveText(/^All 37 statements ran; \d+ asserts held\.$/);
});
