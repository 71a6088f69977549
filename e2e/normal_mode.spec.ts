/**
 * Normal mode after the lecture-hall work (issue 14): the same diagram code, at a laptop's
 * 1366×768 and at 1920×1080. fork_copy's copy-on-write write (step 16), shown whole (speed
 * Instant): the page does not scroll sideways, every header control is on screen, the diagram
 * fits its column at its normal text size (≥ 14 px), shows the copied page in object 2 with its
 * frame, marks it changed, and the editor and the statement list are there.
 */
import { expect, test } from '@playwright/test';

for (const size of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]) {
  test(`normal mode at ${size.width}×${size.height}: fork_copy's copy-on-write step, whole and on screen`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/#builtin=fork_copy&step=15');
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 15 \//);
    await page.getByLabel('Animation speed').selectOption({ label: 'Instant' });
    await page.getByLabel('Animation speed').blur();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
    await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'false');
    await expect(page.getByTestId('editor')).toBeVisible();
    const copied = page.getByTestId('page-2-0');
    await expect(copied).toContainText('frame 3');
    await expect(copied).toHaveAttribute('data-changed', 'true');
    const m = await page.evaluate(() => {
      const out: string[] = [];
      if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
      for (const b of document.querySelectorAll('header button, header select, header [data-testid="step-counter"]')) {
        const r = b.getBoundingClientRect();
        if (r.right > window.innerWidth + 1 || r.left < -1 || r.width === 0) out.push(`header control "${b.textContent?.trim()}" off screen: ${r.left.toFixed(0)}–${r.right.toFixed(0)}`);
      }
      const svg = document.querySelector('[data-testid="machine-diagram"] svg')!;
      const column = svg.closest('[data-testid="machine-diagram"]')!.getBoundingClientRect();
      if (svg.getBoundingClientRect().width > column.width + 1) out.push(`the diagram is wider than its column: ${svg.getBoundingClientRect().width.toFixed(0)} > ${column.width.toFixed(0)}`);
      const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize));
      const small = sizes.filter((s) => s < 14);
      if (small.length > 0) out.push(`${small.length} diagram texts under 14 px (${Math.min(...small)} px)`);
      return { out, texts: sizes.length };
    });
    expect(m.texts).toBeGreaterThan(20);
    expect(m.out).toEqual([]);
    await expect(page.getByTestId('statements')).toBeVisible();
  });
}
