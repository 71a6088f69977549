/* global window, document, innerHeight, requestAnimationFrame */
// Ad-hoc (issue 18, presfit): presentation mode's text size while stepping. Steps a lesson N times with → (WAIT ms apart) and
// logs, frame by frame, each change of the drawing's text size (its first <text>'s font-size, in vh) or of the diagram's box,
// with the step shown then and the <svg>'s height (a new size or viewBox of the <svg> lays every text out again).
// node bench/present_sizes.mjs http://127.0.0.1:PORT [lesson] [steps=30] [width=1920] [height=1080]
import { chromium } from 'playwright-core';
const [base, lesson, n = '30', w = '1920', h = '1080'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
const page = await (await browser.newContext({ viewport: { width: +w, height: +h } })).newPage();
await page.goto(`${base}/#builtin=${lesson}&present=1`);
await page.waitForFunction(() => /^step \d+ \/ [1-9]/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''));
await page.waitForTimeout(2000);
await page.evaluate(() => { window.__log = []; let last = null; const tick = () => { const svg = document.querySelector('svg[data-presentation]'); const t = svg?.querySelector('text'); const fs = Number(t?.getAttribute('font-size')); const vh = innerHeight / 100; const v = (fs / vh).toFixed(1); const box = document.querySelector('[data-testid="machine-diagram"]')?.dataset.box; const k = v + ' ' + box; if (k !== last) { window.__log.push(`${document.querySelector('[data-testid="step-counter"]').textContent.match(/step \d+/)[0]} ${v}vh box ${box} svg ${svg?.getAttribute('height')}`); last = k; } requestAnimationFrame(tick); }; tick(); });
for (let i = 0; i < +n; i++) { await page.keyboard.press('ArrowRight'); await page.waitForTimeout(Number(process.env.WAIT ?? 1200)); }
console.log((await page.evaluate(() => window.__log)).join('\n'));
await browser.close();
