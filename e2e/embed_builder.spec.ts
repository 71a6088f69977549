import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fillEditor } from './editor';

const DIST = join(process.cwd(), 'dist');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const SITE = 'http://course.test';
const PREFIX = '/courses/os/vm/';

/** A course site serving the built playground under PREFIX, and a lecture page holding `iframe` (the builder's code). */
async function courseSite(page: Page, iframe: string): Promise<void> {
  await page.route(`${SITE}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/lecture.html') {
      await route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>Lecture 7</title><h1>Lecture 7</h1>${iframe}` });
      return;
    }
    if (!path.startsWith(PREFIX)) return route.fulfill({ status: 404, body: 'not found' });
    const file = join(DIST, path.slice(PREFIX.length) || 'index.html');
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
}

test('the embed builder writes iframe code; the embed starts at the start step, autoplays to the end step, stops there, and lacks the hidden controls', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/#builtin=fork_copy&step=16');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog', { name: /Embed "Fork with VM_INHERIT_COPY/ });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Start at step').fill('3');
  await dialog.getByLabel('End at step').fill('6');
  await dialog.getByLabel(/^Autoplay/).check();
  await dialog.getByLabel('Speed').selectOption('fast');
  await dialog.getByLabel('Scrubber').uncheck();
  await dialog.getByLabel('"Open in the playground" link').uncheck();
  await dialog.getByLabel('Size').selectOption('small');
  await expect(dialog.getByTestId('embed-range')).toHaveText('The timeline shows steps 3 to 6 of 37.');
  // keys typed in the dialog stay there: the timeline behind does not move
  await dialog.getByRole('button', { name: 'Copy code' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
  await page.screenshot({ path: 'test-results/screenshots/embed-builder.png' });

  const code = await dialog.getByTestId('embed-code').inputValue();
  expect(code).toMatch(/^<iframe title="Mach VM Playground: Fork with VM_INHERIT_COPY[^"]*" src="[^"]+\/embed\.html#builtin=fork_copy&amp;start=3&amp;end=6&amp;autoplay=1&amp;speed=fast&amp;hide=scrubber,open" width="640" height="420"/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // the code, pasted into a course page (the playground at a sub-path of another site)
  const pasted = code.replace(/src="[^"]*\/embed\.html/, `src="${PREFIX}embed.html`);
  await courseSite(page, pasted);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${SITE}/lecture.html`);
  const frameEl = page.locator('iframe');
  await expect(frameEl).toHaveAttribute('width', '640');
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('app')).toHaveAttribute('data-embed', 'true');
  await expect(frame.getByTestId('step-counter')).toHaveText(/^step 3 \/ 37$/);
  // hidden controls are absent; the others are there
  await expect(frame.getByTestId('scrubber')).toHaveCount(0);
  await expect(frame.getByRole('link', { name: 'Open in the playground' })).toHaveCount(0);
  await expect(frame.getByRole('button', { name: 'Step back' })).toBeVisible();
  await expect(frame.getByTestId('narration')).toBeVisible();
  // autoplay steps on by itself to the end step and stops there
  await expect(frame.getByTestId('step-counter')).toHaveText(/^step 4 \//, { timeout: 10_000 });
  await expect(frame.getByTestId('step-counter')).toHaveText(/^step 6 \//, { timeout: 15_000 });
  await expect(frame.getByTestId('autoplay')).toHaveText('Play');
  await page.waitForTimeout(2500);
  await expect(frame.getByTestId('step-counter')).toHaveText(/^step 6 \//);
  // nor can the reader go past it, nor before the start
  await expect(frame.getByRole('button', { name: 'Step forward' })).toBeDisabled();
  await expect(frame.getByRole('button', { name: 'Run to end' })).toBeDisabled();
  await frame.getByRole('button', { name: 'Reset' }).click();
  await expect(frame.getByTestId('step-counter')).toHaveText(/^step 3 \//);
  await expect(frame.getByRole('button', { name: 'Step back' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/screenshots/embed-builder-embed.png' });
});

test('an edited text is embedded by its share value; the embed can hide the buttons and the narration', async ({ page }) => {
  await page.goto('/#builtin=fork_copy');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 0 \/ 37$/);
  await fillEditor(page, 'task P\nkr = vm_allocate(P, &x, 0x1000, TRUE)\nkr = write(P, x, "a")\n');
  await expect(page.getByTestId('step-counter')).toHaveText(/\/ 3$/);
  await page.getByRole('button', { name: 'Embed…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Timeline buttons').uncheck();
  await dialog.getByLabel('Narration').uncheck();
  await expect(dialog.getByTestId('embed-code')).toHaveValue(/embed\.html#s=[^"&]+&amp;hide=buttons,narration"/);
  const code = await dialog.getByTestId('embed-code').inputValue();
  await courseSite(page, code.replace(/src="[^"]*\/embed\.html/, `src="${PREFIX}embed.html`));
  await page.goto(`${SITE}/lecture.html`);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('step-counter')).toHaveText('step 0 / 3');
  await expect(frame.getByRole('button', { name: 'Step forward' })).toHaveCount(0);
  await expect(frame.getByTestId('narration')).toHaveCount(0);
  await expect(frame.getByTestId('scrubber')).toBeVisible();
  await expect(frame.getByTestId('machine-diagram')).toBeVisible();
});

test('an embed link with hostile options says what it ignored, and still opens', async ({ page }) => {
  await page.goto('/embed.html#builtin=fork_copy&start=9&end=3&hide=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&speed=warp&autoplay=yes');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 9 \/ 37$/);
  const error = page.getByTestId('error');
  await expect(error).toContainText('the end step 3 is before the start step 9');
  await expect(error).toContainText('"warp"');
  await expect(error).toContainText('"<img src=x onerror=alert…" is no control'); // shown as text, cut at SHOWN_VALUE
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.getByTestId('autoplay')).toHaveCount(0);
  await page.getByRole('button', { name: 'Run to end' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 37 \/ 37$/);
});
