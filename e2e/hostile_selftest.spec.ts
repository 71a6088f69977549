/**
 * The checks of e2e/hostile.ts can fail: a page whose main thread is busy does not answer a click
 * in time, and memory the page holds is seen. (The hostile-link specs rely on them to show a fix.)
 */
import { expect, test } from '@playwright/test';
import { answersClickWithin, browserMemoryMB, expectResponsiveWhileOpening } from './hostile';
import { TIMED } from './timed';

test('a lesson answers clicks at once; a page that freezes on a press does not', TIMED, async ({ page, browser }) => {
  const { slowestMs, peakMB } = await expectResponsiveWhileOpening(page, browser, '/#builtin=fork_copy', 1500);
  expect(slowestMs).toBeLessThan(1000);
  expect(peakMB).toBeGreaterThan(50);
  // the next press freezes the main thread for 3 s before the page can answer it
  await page.evaluate(() => {
    document.addEventListener(
      'pointerdown',
      () => {
        const end = Date.now() + 3000;
        while (Date.now() < end);
      },
      { capture: true, once: true },
    );
  });
  await expect(answersClickWithin(page)).rejects.toThrow(/within 1000 ms|Timeout/);
});

test('memory the page holds shows in browserMemoryMB', async ({ page, browser }) => {
  await page.goto('/#builtin=fork_copy');
  await expect(page.getByRole('button', { name: 'Quiz mode' })).toBeVisible();
  const before = await browserMemoryMB(browser);
  await page.evaluate(() => {
    const keep = Array.from({ length: 4 }, () => new Uint8Array(64 * 1024 * 1024).fill(1));
    (window as unknown as { keep: Uint8Array[] }).keep = keep;
  });
  expect(await browserMemoryMB(browser)).toBeGreaterThan(before + 200);
});
