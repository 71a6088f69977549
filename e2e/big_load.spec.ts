/**
 * A big scenario loads early (issue 13): step 0 is drawn while the worker still runs the rest, the
 * run says how far it has got, and then reaches the end; a syntax error far down is still reported
 * as one, with nothing run.
 */
import { expect, test, type Page } from '@playwright/test';

/** `n` statements: a machine of n frames, one task, one allocation, then a write to a page of its own each. */
function writes(n: number): string {
  const lines = [`config frames=${n}`, 'task A', `kr = vm_allocate(A, &x, 0x${(n * 0x1000).toString(16)}, TRUE)`];
  for (let i = 0; lines.length < n; i++) lines.push(`kr = write(A, x + 0x${(i * 0x1000).toString(16)}, "w${i}")`);
  return lines.join('\n') + '\n';
}

/** Records, from now on, whether step 0 of `n` was on screen (counter and diagram) while the run was still going. */
async function watchStepZero(page: Page, n: number): Promise<void> {
  await page.evaluate((n) => {
    const w = window as unknown as { __zeroWhileRunning?: boolean };
    const check = () => {
      const counter = document.querySelector('[data-testid="step-counter"]')?.textContent;
      if (counter !== `step 0 / ${n}` || document.querySelector('[data-testid="diagram-viewport"]') === null) return;
      w.__zeroWhileRunning ??= document.querySelector('[data-testid="run-progress"]') !== null;
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, n);
}

test('a 16,384-statement scenario shows step 0 while it still runs, says how far the run has got, then reaches the end', async ({ page }) => {
  test.setTimeout(120_000);
  const n = 16384;
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  await watchStepZero(page, n);
  await page.getByTestId('open-vms').setInputFiles({ name: 'writes.vms', mimeType: 'text/plain', buffer: Buffer.from(writes(n)) });
  await expect(page.getByTestId('step-counter')).toHaveText(`step 0 / ${n}`, { timeout: 30_000 });
  await expect.poll(() => page.evaluate(() => (window as unknown as { __zeroWhileRunning?: boolean }).__zeroWhileRunning)).toBe(true);
  // the editor previews a text this long instead of laying it all out
  await expect(page.getByTestId('editor-preview')).toContainText(`${(n - 40).toLocaleString('en')} more lines`);
  // the run goes on in the background and ends: every statement listed, the summary says so
  await expect(page.getByTestId('summary')).toHaveText(`All ${n} statements ran; 0 asserts held so far: step on to see the rest.`, { timeout: 90_000 });
  await expect(page.getByTestId('run-progress')).toHaveCount(0);
  await page.getByTestId('step-counter').click(); // the page has the focus
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-counter')).toHaveText(`step ${n} / ${n}`);
  await expect(page.locator('[data-testid="statement"][data-state="current"]')).toHaveAttribute('data-line', String(n));
  await expect(page.getByTestId('frames')).toContainText(`physical memory: ${n} frames, 3 free`);
});

test('End while the run goes on: the worker runs up to the end and shows it', async ({ page }) => {
  test.setTimeout(120_000);
  const n = 16384;
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  await page.getByTestId('open-vms').setInputFiles({ name: 'writes.vms', mimeType: 'text/plain', buffer: Buffer.from(writes(n)) });
  await expect(page.getByTestId('step-counter')).toHaveText(`step 0 / ${n}`, { timeout: 30_000 });
  await page.getByTestId('step-counter').click();
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-counter')).toHaveText(`step ${n} / ${n}`, { timeout: 60_000 });
  await expect(page.getByTestId('summary')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('step-counter')).toHaveText(`step ${n - 1} / ${n}`);
});

test('a syntax error at the end of a big text: step 0 first, then the error as always, and nothing ran', async ({ page }) => {
  const n = 16384;
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  const text = writes(n) + 'kr = vm_allocate(A, x, 0x1000, TRUE)\n';
  await page.getByTestId('open-vms').setInputFiles({ name: 'bad.vms', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(page.getByTestId('error')).toContainText(`Line ${n + 1}, column 21`, { timeout: 30_000 });
  await expect(page.getByTestId('step-counter')).toHaveText('step 0 / 0');
  await expect(page.getByTestId('statement')).toHaveCount(0);
  await expect(page.getByText('Fix the error in the scenario to see its results.')).toBeVisible();
});
