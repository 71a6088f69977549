/* global document */
// Ad-hoc (issue 18, stepcost): a CPU profile (CDP Profiler, 50 µs samples) of N steps (→ on body) of a lesson on a build,
// self and inclusive time per function per step (build with `npx vite build --minify false --outDir DIR` for names).
// node bench/step_profile.mjs http://127.0.0.1:PORT [lesson=fork_copy] [presentation=0|1] [steps=16]; RATE=1|4
import { chromium } from 'playwright-core';
const [base, lesson = 'fork_copy', present = '0', nsteps = '16', startStep='0'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
const pres = present === '1';
const ctx = await browser.newContext({ viewport: pres ? { width: 1920, height: 1080 } : { width: 1280, height: 720 } });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await page.goto(`${base}/#builtin=${lesson}${pres ? '&present=1' : ''}${startStep !== '0' ? '&step=' + startStep : ''}`);
await page.waitForFunction(() => /^step \d+ \/ [1-9]/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''));
await page.waitForTimeout(2500);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.RATE ?? 1) });
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
for (let i = 0; i < Number(nsteps); i++) {
  await page.evaluate(`(async () => {
  const counter = document.querySelector('[data-testid="step-counter"]');
  const at = () => Number(/^step (\\d+)/.exec(counter.textContent)?.[1]);
  const from = at();
  const done = new Promise((resolve) => { const mo = new MutationObserver(() => { if (at() > from) { mo.disconnect(); requestAnimationFrame(() => setTimeout(resolve, 0)); } }); mo.observe(counter, { subtree: true, childList: true, characterData: true }); });
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  return done; })()`);
  await page.waitForTimeout(150);
}
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map(); for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + profile.timeDeltas[i]);
const key = (n) => `${n.callFrame.functionName || '(anon)'} ${String(n.callFrame.url).split('/').pop()}:${n.callFrame.lineNumber}`;
const self = new Map(), total = new Map();
for (const [id, t] of dt) { const n = byId.get(id); if (n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') continue; self.set(key(n), (self.get(key(n)) ?? 0) + t);
  const seen = new Set(); let p = id; while (p !== undefined) { const k = key(byId.get(p)); if (!seen.has(k)) { seen.add(k); total.set(k, (total.get(k) ?? 0) + t); } p = parent.get(p); } }
const N = Number(nsteps);
console.log('SELF ms/step'); for (const [k, v] of [...self].sort((a,b)=>b[1]-a[1]).slice(0, Number(process.env.TOP ?? 40))) console.log((v/1000/N).toFixed(2).padStart(7), k);
console.log('TOTAL ms/step'); for (const [k, v] of [...total].sort((a,b)=>b[1]-a[1]).filter(([k])=>!/^\(|^\(anon\)/.test(k)).slice(0, Number(process.env.TOPT ?? 60))) console.log((v/1000/N).toFixed(2).padStart(7), k);
await browser.close();
