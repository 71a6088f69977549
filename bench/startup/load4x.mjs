/* global window, document, performance, requestAnimationFrame, PerformanceObserver, setTimeout */
// Load at CPU xRATE; no Playwright selector engine in the page while it loads (its injected script is a long task
// of its own): an init script records when Step forward is enabled at step 0, and the long tasks; then a real mouse
// click on Step forward must move the counter to step 1 (the harness fails otherwise).
// node load4x.mjs URL[,URL...] RATE RUNS WxH
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
const urls = process.argv[2].split(',');
const rate = Number(process.argv[3] ?? 4);
const runs = Number(process.argv[4] ?? 3);
const vp = (process.argv[5] ?? '1280x800').split('x').map(Number);
const profile = process.env.PROFILE;
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(page, expr, timeout = 30000) {
  const t = Date.now();
  for (;;) { const v = await page.evaluate(expr); if (v) return v; if (Date.now() - t > timeout) throw new Error('timeout: ' + expr); await sleep(50); }
}
for (let run = 0; run < runs; run++) for (const url of urls) {
  const ctx = await browser.newContext({ viewport: { width: vp[0], height: vp[1] } });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  if (profile) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
  await page.addInitScript(() => {
    window.__lt = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
    const check = () => {
      const b = [...document.querySelectorAll('button')].find((x) => /^step forward/i.test(x.getAttribute('aria-label') ?? x.textContent ?? ''));
      const c = document.querySelector('[data-testid=step-counter]');
      if (b && !b.disabled && c && /step 0 \//.test(c.textContent) && document.querySelector('[data-testid=app] svg')) { window.__tEnabled = performance.now(); return; }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  await page.goto(url, { waitUntil: 'commit' });
  await until(page, () => window.__tEnabled !== undefined);
  const tEnabled = await page.evaluate(() => Math.round(window.__tEnabled));
  const box = await page.evaluate(() => { const b = [...document.querySelectorAll('button')].find((x) => /^step forward/i.test(x.getAttribute('aria-label') ?? x.textContent ?? '')); const r = b.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; });
  const tClick = await page.evaluate(() => Math.round(performance.now()));
  await page.mouse.click(box.x, box.y);
  await until(page, () => /step 1 \//.test(document.querySelector('[data-testid=step-counter]')?.textContent ?? ''));
  const tMoved = await page.evaluate(() => Math.round(performance.now()));
  // what comes after the first step (lazy chunks; CodeMirror comes only when the text is reached for)
  await sleep(2000);
  const lt = await page.evaluate(() => window.__lt);
  const fcp = await page.evaluate(() => Math.round(performance.getEntriesByType('paint').find((x) => x.name === 'first-contentful-paint')?.startTime ?? -1));
  const over = lt.filter(([, d]) => d > 100);
  const tbt = lt.filter(([s]) => s < tClick).reduce((a, [, d]) => a + Math.max(0, d - 50), 0);
  console.log(`${url.replace(/^http:\/\/[^/]+/, '').padEnd(20)} ${run}: enabled ${tEnabled} click→moved ${tMoved - tClick} fcp ${fcp} maxLT ${Math.max(0, ...lt.map((x) => x[1]))} n>100 ${over.length} tbt(before click)~${tbt} lt ${JSON.stringify(lt)}`);
  if (profile) { const { profile: p } = await cdp.send('Profiler.stop'); writeFileSync(`${profile}-${run}.cpuprofile`, JSON.stringify(p)); }
  await ctx.close();
}
await browser.close();
