/**
 * The step's frame in Normal mode (issue 18, stepframe): the narration box has one height whatever
 * a step says, so stepping does not move the diagram below it. fork_copy's step 6 tells a long
 * story (the box is full and scrolls) and step 7 a short one: before, the box shrank to its text
 * and the diagram jumped up by ~140 px. The statement list is a box of one height too: a step's
 * results do not make the page taller, and the box scrolls to keep the current statement in sight.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectDrawn } from './drawn';

async function at(page: Page, n: number) {
  await page.waitForFunction((want) => new RegExp(`^step ${want} /`).test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''), n);
  await expectDrawn(page, n);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
}

test('stepping from a long narration to a short one does not move the diagram (1280×720, Normal)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#builtin=fork_copy&step=6');
  await at(page, 6);
  const diagram = page.getByTestId('machine-diagram');
  await expect(diagram).toBeVisible();
  const box = page.getByRole('region', { name: 'Narration of the step (scrolls)' });
  const before = { box: await box.boundingBox(), diagram: await diagram.boundingBox() };
  await page.keyboard.press('ArrowRight');
  await at(page, 7);
  // the narration really changed (a step was taken) and is shorter than the box
  const text = (await box.textContent()) ?? '';
  expect(text.length).toBeGreaterThan(0);
  const after = { box: await box.boundingBox(), diagram: await diagram.boundingBox() };
  expect(after.box!.height).toBe(before.box!.height);
  expect(after.diagram!.y).toBe(before.diagram!.y);
});

test('stepping does not make the page taller, and the statement list follows the current row within its box (1280×720, Normal)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#builtin=fork_copy');
  await at(page, 0);
  const list = page.getByTestId('statements');
  await expect(list).toBeVisible();
  const pageHeight = () => page.evaluate(() => document.documentElement.scrollHeight);
  const height = await pageHeight();
  const listBox = await list.boundingBox();
  for (let n = 1; n <= 24; n++) {
    await page.keyboard.press('ArrowRight');
    await at(page, n);
    // each step shows its statement's results under its row: the list's box holds them, the page does not grow
    expect(await pageHeight()).toBe(height);
    expect(await list.boundingBox()).toEqual(listBox);
    // the current statement is highlighted and wholly in sight inside the box; the page itself did not scroll
    const inSight = await page.evaluate(() => {
      const ol = document.querySelector('[data-testid="statements"]')!;
      const row = ol.querySelector('[aria-current="step"]');
      if (row === null) return 'no current row';
      const o = ol.getBoundingClientRect();
      const r = row.getBoundingClientRect();
      return r.top >= o.top && r.bottom <= o.bottom ? 'in sight' : `out of sight: row ${r.top}–${r.bottom}, box ${o.top}–${o.bottom}`;
    });
    expect(inSight).toBe('in sight');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  }
  // the list had to scroll to follow (fork_copy's 24th statement is far below the box's first rows)
  expect(await list.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
});
