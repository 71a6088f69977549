/* global document */
// Ad-hoc (issue 18, stepcost): which DOM nodes a step (→ on body) changes, up to the paint after the counter moves.
// node bench/step_mutations.mjs http://127.0.0.1:PORT [lesson=fork_copy] [presentation=0|1] [steps=3]
import { chromium } from 'playwright-core';
const [base, lesson = 'fork_copy', present = '0', nsteps = '3'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
const pres = present === '1';
const page = await (await browser.newContext({ viewport: pres ? { width: 1920, height: 1080 } : { width: 1280, height: 720 } })).newPage();
await page.goto(`${base}/#builtin=${lesson}${pres ? '&present=1' : ''}`);
await page.waitForFunction(() => /^step \d+ \/ [1-9]/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''));
await page.waitForTimeout(2000);
for (let i = 0; i < Number(nsteps); i++) {
  const r = await page.evaluate(`(async () => {
  const counter = document.querySelector('[data-testid="step-counter"]');
  const at = () => Number(/^step (\\d+)/.exec(counter.textContent)?.[1]);
  const from = at(); const log = [];
  const desc = (n) => { const p = []; for (let e = n.nodeType === 1 ? n : n.parentElement; e && p.length < 4; e = e.parentElement) p.push(e.tagName.toLowerCase() + (e.dataset?.testid ? '[' + e.dataset.testid + ']' : '') + (e.getAttribute('class') ? '.' + String(e.getAttribute('class')).split(' ')[0] : '')); return p.join('<'); };
  const all = new MutationObserver((rs) => { for (const r of rs) log.push(r.type + (r.attributeName ? ':' + r.attributeName : '') + (r.type==='childList' ? ' +' + r.addedNodes.length + '-' + r.removedNodes.length : '') + ' ' + desc(r.target)); });
  all.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  const done = new Promise((resolve) => { const mo = new MutationObserver(() => { if (at() > from) { mo.disconnect(); requestAnimationFrame(() => setTimeout(() => { all.disconnect(); resolve(log); }, 0)); } }); mo.observe(counter, { subtree: true, childList: true, characterData: true }); });
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  return done; })()`);
  console.log('--- step', i + 1); console.log(r.join('\n'));
  await page.waitForTimeout(1500);
}
await browser.close();
