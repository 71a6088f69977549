/**
 * Clicking through five lessons: at chosen steps, what is drawn (tasks, entries, objects and their
 * chains, frames, the TLB) and what the narration says; stepping back undoes it. Reduced motion is
 * emulated (and honoured): a step still shows its events' states in turn, nothing travels, and the
 * assertions wait for the end of the step.
 */
import { expect, test, type Page } from '@playwright/test';

async function open(page: Page, builtin: string, step: number) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`/#builtin=${builtin}&step=${step}`);
  await expect(page.getByTestId('step-counter')).toHaveText(new RegExp(`^step ${step} / [1-9]`));
}

const narration = (page: Page) => page.getByTestId('narration');

test('fork_copy: the child\'s write makes a shadow object holding the copied page; stepping back removes it', async ({ page }) => {
  await open(page, 'fork_copy', 15);
  await expect(page.getByTestId('task-P')).toBeVisible();
  await expect(page.getByTestId('task-C')).toBeVisible();
  await expect(page.getByTestId('object-1')).toHaveAttribute('aria-label', /VM object 1/);
  await expect(page.getByTestId('object-2')).toHaveCount(0);

  await page.getByRole('button', { name: 'Step forward' }).click(); // kr = write(C, x, "child data!")
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 /);
  await expect(narration(page)).toContainText('write returned KERN_SUCCESS');
  await expect(narration(page)).toContainText('needs_copy, so this write first gives it a new shadow object 2');
  await expect(page.getByTestId('object-2')).toBeVisible();
  await expect(page.getByTestId('object-2')).toHaveAttribute('aria-label', /shadows object 1/);
  await expect(page.getByTestId('page-2-0')).toHaveAttribute('aria-label', /in frame 3/);
  await expect(page.getByTestId('frame-3')).toHaveAttribute('aria-label', 'frame 3: object 2 at 0x0, dirty, referenced');
  await expect(page.getByTestId('tlb')).toHaveAttribute('aria-label', /1 valid entry/);
  await page.screenshot({ path: 'test-results/screenshots/fork_copy-cow.png' });

  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 15 /);
  await expect(page.getByTestId('object-2')).toHaveCount(0);
  await expect(page.getByTestId('frame-3')).toHaveAttribute('aria-label', 'frame 3: free');
});

test('fork_share: one object, two tasks, the child\'s write is the parent\'s', async ({ page }) => {
  await open(page, 'fork_share', 12); // task C = fork(P)
  await expect(narration(page)).toContainText('Object 1 is now marked shared');
  await expect(page.getByTestId('task-C')).toHaveAttribute('aria-label', 'task C: 1 map entry');
  await page.getByRole('button', { name: 'Run to end' }).click();
  await expect(page.getByTestId('summary')).toContainText('asserts held');
  await expect(page.locator('[data-testid^="object-"]')).toHaveCount(1); // no shadow: writes go to the one object
  await page.screenshot({ path: 'test-results/screenshots/fork_share-end.png' });
});

test('shared_object_two_tasks: a file object mapped by two tasks, its page comes from pager F', async ({ page }) => {
  await open(page, 'shared_object_two_tasks', 10); // kr = read(A, a, 13, &v)
  await expect(narration(page)).toContainText('the kernel asks pager F for it');
  await expect(page.getByTestId('pager-F')).toHaveAttribute('aria-label', /file F: .*object 1/);
  await expect(page.getByTestId('frame-0')).toHaveAttribute('aria-label', /frame 0: object 1 at 0x0/);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click(); // kr = read(B, y, 13, &v)
  await expect(narration(page)).toContainText("task B's page 0x80000 maps frame 0");
  await page.screenshot({ path: 'test-results/screenshots/shared_object.png' });
});

test('remap_share: vm_remap shares both objects into task B, cur/max is the AND', async ({ page }) => {
  await open(page, 'remap_share', 7); // vm_remap(B, ...)
  await expect(narration(page)).toContainText('vm_remap returned KERN_SUCCESS');
  await expect(narration(page)).toContainText('the AND over the source entries');
  await expect(page.getByTestId('task-B')).toHaveAttribute('aria-label', 'task B: 2 map entries');
  await expect(page.getByTestId('object-1')).toBeVisible();
  await expect(page.getByTestId('object-2')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/remap_share.png' });
});

test('pageout_pagein: memory full, a page goes to the default pager and comes back', async ({ page }) => {
  await open(page, 'pageout_pagein', 15); // the first write with no free frame
  await expect(narration(page)).toContainText('The pageout clock sweeps');
  await page.goto('/#builtin=pageout_pagein&step=23'); // kr = read(A, x, 6, &v)
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 23 /);
  await expect(narration(page)).toContainText('asks the default pager (swap) for it');
  await expect(page.getByTestId('pager-default')).toHaveAttribute('aria-label', /pages? swapped out/);
  await expect(page.locator('[data-testid^="frame-"][data-free="true"]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/pageout.png' });
});
