import { expect, test } from '@playwright/test';
import { focusEditor } from './editor';

test('the timeline steps with its buttons and keys, and a link with &step=N opens there', async ({ page }) => {
  await page.goto('/#builtin=fork_copy');
  const counter = page.getByTestId('step-counter');
  await expect(counter).toHaveText(/^step 0 \/ [1-9]\d*$/);
  const total = Number((await counter.textContent())!.split('/')[1]);
  expect(total).toBeGreaterThan(5);

  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(counter).toHaveText(`step 1 / ${total}`);
  await expect(page.locator('[data-testid="statement"][data-state="current"]')).toHaveCount(1);

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(counter).toHaveText(`step 3 / ${total}`);
  await page.keyboard.press('ArrowLeft');
  await expect(counter).toHaveText(`step 2 / ${total}`);

  await page.getByRole('button', { name: 'Run to end' }).click();
  await expect(counter).toHaveText(`step ${total} / ${total}`);
  await expect(page.getByRole('button', { name: 'Step forward' })).toBeDisabled();
  await page.keyboard.press('Home');
  await expect(counter).toHaveText(`step 0 / ${total}`);
  await page.keyboard.press('End');
  await expect(counter).toHaveText(`step ${total} / ${total}`);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(counter).toHaveText(`step 0 / ${total}`);

  // clicking a statement goes to just after it
  const third = page.getByTestId('statement').nth(2);
  await third.getByRole('button').click();
  await expect(counter).toHaveText(`step 3 / ${total}`);
  await expect(third).toHaveAttribute('data-state', 'current');

  // keys typed in the editor edit the text, they do not move the timeline
  await focusEditor(page);
  await page.keyboard.press('ArrowRight');
  await expect(counter).toHaveText(`step 3 / ${total}`);

  await page.goto('/#builtin=fork_copy&step=4');
  await expect(counter).toHaveText(`step 4 / ${total}`);
});

test('the scrubber jumps anywhere', async ({ page }) => {
  await page.goto('/#builtin=pageout_pagein');
  const counter = page.getByTestId('step-counter');
  await expect(counter).toHaveText(/^step 0 \/ [1-9]/);
  const scrubber = page.getByTestId('scrubber');
  await scrubber.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight'); // the range input's own keys
  await expect(counter).toHaveText(/^step 5 \//);
  const box = (await scrubber.boundingBox())!;
  await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2); // the far right end
  const total = (await counter.textContent())!.split('/')[1].trim();
  await expect(counter).toHaveText(`step ${total} / ${total}`);
});
