/* global document */
// Ad-hoc (issue 18, stepframe): screenshots of a lesson at a step, Normal 1280×720 (the top and the page scrolled to the
// statement list) and presentation 1920×1080, to compare two builds by eye. Not committed output: files go to OUTDIR.
// node bench/stepframe_shots.mjs http://127.0.0.1:PORT OUTDIR PREFIX [lesson=fork_copy] [step=12]
import { chromium } from 'playwright-core';
const [base, outdir, prefix, lesson = 'fork_copy', step = '12'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
for (const [w, h, p] of [[1280, 720, false], [1920, 1080, true], [412, 823, false]]) {
  const page = await (await browser.newContext({ viewport: { width: w, height: h } })).newPage();
  await page.goto(`${base}/#builtin=${lesson}&step=${step}${p ? '&present=1' : ''}`);
  await page.waitForFunction((s) => new RegExp(`^step ${s} / `).test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''), step);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `${outdir}/${prefix}-${w}x${h}${p ? '-present' : ''}.png` });
  if (!p) {
    await page.evaluate(() => document.querySelector('[aria-label="Results"]')?.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${outdir}/${prefix}-${w}x${h}-list.png` });
  }
}
await browser.close();
