/**
 * A big machine in the browser: thousands of frames, objects of hundreds of pages and thousands of
 * statements stay a light page (compact grids, a windowed statement list) that the keyboard and
 * a screen reader can still read cell by cell.
 */
import { axe } from './axe';
import { expect, test } from '@playwright/test';

/** `tasks` tasks writing `pages` pages each on a machine of `frames` frames. */
function scenario(frames: number, tasks: number, pages: number): { text: string; steps: number } {
  const lines = [`config frames=${frames}`];
  for (let t = 0; t < tasks; t++) lines.push(`task T${t}`, `kr = vm_allocate(T${t}, &x${t}, ${pages * 4096}, TRUE)`);
  for (let t = 0; t < tasks; t++) for (let p = 0; p < pages; p++) lines.push(`kr = write(T${t}, x${t} + ${p * 4096}, "p")`);
  return { text: lines.join('\n') + '\n', steps: lines.length };
}

test('32 tasks × 256 pages on 16,384 frames: a light diagram, the frames as a grid, the last statements listed', async ({ page }) => {
  const { text, steps } = scenario(16384, 32, 256);
  await page.goto('/#builtin=first_fit');
  await page.getByTestId('open-vms').setInputFiles({ name: 'big.vms', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(page.getByTestId('step-counter')).toHaveText(`step 0 / ${steps}`, { timeout: 30_000 });
  await page.getByTestId('step-counter').click(); // the page has the focus, not the editor
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-counter')).toHaveText(`step ${steps} / ${steps}`);
  await expect(page.getByTestId('frames')).toHaveAttribute('data-compact', 'true');
  await expect(page.getByTestId('frames')).toContainText(`physical memory: 16384 frames, ${16384 - 32 * 256} free`);
  await expect(page.getByTestId('object-1-grid')).toHaveAttribute('aria-label', /^pages of object 1: 256 pages, 256 resident, 0 in swap/);
  expect(await page.evaluate(() => document.querySelectorAll('svg *').length)).toBeLessThan(2000);
  await expect(page.getByTestId('statement')).toHaveCount(300);
  await expect(page.getByTestId('statements-before')).toContainText('earlier statements not listed');
  await expect(page.locator('[data-testid="statement"][data-state="current"]')).toHaveAttribute('data-line', String(steps));
});

test('the frames grid is read cell by cell with the arrow keys, and the cell lights up its page', async ({ page }) => {
  const { text, steps } = scenario(1024, 2, 40);
  await page.goto(`/#src=${encodeURIComponent(text)}`);
  await expect(page.getByTestId('step-counter')).toHaveText(`step 0 / ${steps}`);
  await page.getByTestId('step-counter').click();
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-counter')).toHaveText(`step ${steps} / ${steps}`);
  const grid = page.getByTestId('frames-grid');
  await grid.focus();
  const status = page.getByTestId('diagram-probe-status');
  await expect(status).toHaveText(/^frame 0: object \d+ at 0x0, dirty/);
  await page.keyboard.press('ArrowRight');
  await expect(status).toHaveText(/^frame 1: object \d+ at 0x1000, dirty/);
  await expect(page.getByTestId('diagram-probe')).toContainText('frame 1: object');
  // frame 1 holds page 0x1000 of the first task's object: outlined in that object's grid
  const owner = /object (\d+)/.exec((await status.textContent()) ?? '')![1];
  await expect(page.locator(`[data-mark][data-key="page:${owner}:4096"]`)).toHaveAttribute('data-highlighted', 'true');
  await page.keyboard.press('End');
  await expect(status).toHaveText('frame 1023: free');
  // the grids, their marks and the probe add no serious accessibility violation
  const violations = (await axe(page).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.keyboard.press('Tab');
  await expect(status).toHaveText('');
});
