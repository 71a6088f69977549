/**
 * The diagram's picture of a step, drawn. The page's first picture comes a frame or more after the
 * step's counter and buttons (MachineDiagram's deferFirstPicture: it is measured and rendered after
 * the task that shows the step, in slices), so a spec that reads the picture right after a load
 * waits for the picture's own mark (`data-drawn-step` on its viewport), not for the counter.
 */
import { expect, type Page } from '@playwright/test';

/** Waits until a diagram on the page has drawn step `step` (at most `timeout` ms). */
export async function expectDrawn(page: Page, step: number, timeout?: number): Promise<void> {
  await expect(page.locator(`[data-testid="diagram-viewport"][data-drawn-step="${step}"]`).first()).toBeAttached({ timeout });
}
