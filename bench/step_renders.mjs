/* global document */
// Ad-hoc (issue 18, round 5, steprender): which React components render in each step (→ on body, to the paint after the
// counter moves): a stand-in React DevTools hook walks each commit's tree and counts, by component (or <host> tag), the
// fibers new in that commit that did work (rendered, or a host element updated or mounted).
// node bench/step_renders.mjs http://127.0.0.1:PORT [lesson=fork_copy] [presentation=0|1] [steps=6]; TOP=25 PAUSE=150
import { chromium } from 'playwright-core';
const [base, lesson = 'fork_copy', present = '0', nsteps = '6'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
const pres = present === '1';
const ctx = await browser.newContext({ viewport: pres ? { width: 1920, height: 1080 } : { width: 1280, height: 720 } });
await ctx.addInitScript({ content: `window.__counts = null; window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = { supportsFiber: true, renderers: new Map(), inject() { return 1; }, onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {}, checkDCE() {},
  onCommitFiberRoot(id, root) { const prev = window.__seen ?? new WeakSet(); const seen = new WeakSet(); window.__seen = seen; const c = window.__counts ?? { commits: 0, n: 0, by: {} }; c.commits++; const walk = (f) => { for (; f; f = f.sibling) { seen.add(f); const alt = f.alternate; const did = !prev.has(f) && ((f.flags & 5) !== 0 || alt === null); if (did) { const t = f.type; const n = typeof t === 'string' ? '<' + t + '>' : t ? (t.displayName || t.name || (t.render && (t.render.displayName || t.render.name)) || (t.type && (t.type.displayName || t.type.name)) || '?') : '#text'; if (t !== null || f.tag === 6) c.by[n] = (c.by[n] ?? 0) + 1; c.n++; } if (f.child) walk(f.child); } }; walk(root.current.child); } };` });
const page = await ctx.newPage();
await page.goto(`${base}/#builtin=${lesson}${pres ? '&present=1' : ''}`);
await page.waitForFunction(() => /^step \d+ \/ [1-9]/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''));
await page.waitForTimeout(1500);
for (let i = 0; i < Number(nsteps); i++) {
  const r = await page.evaluate(`(async () => {
  const counter = document.querySelector('[data-testid="step-counter"]');
  const at = () => { const m = /^step (\\d+) \\/ (\\d+)/.exec(counter.textContent); return [Number(m[1]), Number(m[2])]; };
  const [from, total] = at(); if (from >= total) return null;
  window.__counts = { commits: 0, n: 0, by: {} };
  const done = new Promise((resolve) => { const mo = new MutationObserver(() => { if (at()[0] > from) { mo.disconnect(); requestAnimationFrame(() => setTimeout(() => { const c = window.__counts; window.__counts = null; resolve([from + 1, c]); }, 0)); } }); mo.observe(counter, { subtree: true, childList: true, characterData: true }); });
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  return done; })()`);
  if (r === null) break;
  const [step, c] = r;
  console.log(`step ${step}: ${c.commits} commits, ${c.n} fibers rendered: ` + Object.entries(c.by).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25)).map(([k, v]) => `${k} ${v}`).join(', '));
  await page.waitForTimeout(Number(process.env.PAUSE ?? 150));
}
await browser.close();
