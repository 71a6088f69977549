import { expect, test, type Page } from '@playwright/test';
import { expectDrawn } from './drawn';

/** The scale of the diagram's zoom (1 when never zoomed). */
async function scale(page: Page): Promise<number> {
  const t = await page.getByTestId('diagram-viewport').getAttribute('transform');
  return t === null ? 1 : Number(/scale\(([-\d.e]+)\)/.exec(t)![1]);
}

/** True when the element's box is inside the window. */
async function onScreen(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.left >= -0.5 && r.top >= -0.5 && r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5;
  });
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`zoom at ${size.width}×${size.height}: one Ctrl+wheel notch is a small step, Zoom to fit shows the whole machine, + − 0 work`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.emulateMedia({ reducedMotion: 'reduce' }); // no animation: each zoom is there at once
    await page.goto('/#builtin=fork_copy&step=16');
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
    await expectDrawn(page, 16);
    const diagram = page.getByTestId('diagram-viewport');

    // at 1280×720 the bottom row of frames is below the window at 1:1
    if (size.height === 720) expect(await onScreen(page, 'frame-63')).toBe(false);

    // one notch of Ctrl + wheel towards the user: 1.1–1.25×, not 5×
    const box = (await page.getByTestId('task-P').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await expect.poll(() => scale(page)).toBeGreaterThan(1.05);
    const notch = await scale(page);
    expect(notch).toBeGreaterThanOrEqual(1.1);
    expect(notch).toBeLessThanOrEqual(1.25);
    // a plain wheel scrolls the page and leaves the zoom alone
    await page.mouse.wheel(0, 200);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(await scale(page)).toBe(notch);

    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    await expect.poll(() => scale(page)).toBeLessThanOrEqual(1); // the whole SVG fits at 1:1 at most
    for (const id of ['task-P', 'task-C', 'object-1', 'object-2', 'tlb', 'frame-0', 'frame-63', 'pager-default']) {
      expect(await onScreen(page, id), `${id} on screen after Zoom to fit`).toBe(true);
    }
    // no smaller than it must be: it fills the height or the width of the part of the diagram on screen
    const fill = await diagram.evaluate((el) => {
      const svg = (el as SVGGElement).ownerSVGElement!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      const shown = Math.min(window.innerHeight, svg.bottom) - Math.max(0, svg.top);
      return Math.max(r.height / shown, r.width / svg.width);
    });
    expect(fill).toBeGreaterThan(0.95);
    await page.screenshot({ path: `test-results/screenshots/zoom-fit-${size.width}.png` });

    // the keys: + zooms in a notch, − out again, 0 fits
    const fit = await scale(page);
    await page.keyboard.press('+');
    await expect.poll(() => scale(page)).toBeCloseTo(fit * 1.2, 4);
    await page.keyboard.press('-');
    await expect.poll(() => scale(page)).toBeCloseTo(fit, 4);
    await page.keyboard.press('-');
    await page.keyboard.press('0');
    await expect.poll(() => scale(page)).toBeCloseTo(fit, 4);
    expect(await onScreen(page, 'frame-63')).toBe(true);
  });
}

test('Zoom to fit animates without reduced motion and lands on the same fit', async ({ page }) => {
  await page.goto('/#builtin=fork_copy&step=16');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
  await page.keyboard.press('0');
  await expect.poll(() => onScreen(page, 'frame-63')).toBe(true);
  expect(await onScreen(page, 'task-P')).toBe(true);
});
