/**
 * The step's frame in Normal mode (issue 18, stepframe): the narration box has one height whatever
 * a step says, so stepping does not move the diagram below it. fork_copy's step 6 tells a long
 * story (the box is full and scrolls) and step 7 a short one: before, the box shrank to its text
 * and the diagram jumped up by ~140 px.
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
