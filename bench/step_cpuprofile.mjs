/* global document */
// Ad-hoc (issue 18, round 5, steprender): a CPU profile (CDP Profiler, 50 µs samples) of each step of a lesson (→ on body,
// to the paint after the counter moves; the profiler started and stopped around each step), the JS ms of each step, and for
// the worst steps (WORST=n) the inclusive ms per function; ALL=1 adds the mean over all steps (TOPT / TOP: how many lines).
// Build with `npx vite build --minify false --outDir DIR` (serve it: `npx vite preview --outDir DIR --port P`) for names.
// node bench/step_cpuprofile.mjs http://127.0.0.1:PORT [lesson=fork_copy] [presentation=0|1] [steps=all]; RATE=1|4 PAUSE=150
import { chromium } from 'playwright-core';
const [base, lesson = 'fork_copy', present = '0', nsteps = '999'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
const pres = present === '1';
const ctx = await browser.newContext({ viewport: pres ? { width: 1920, height: 1080 } : { width: 1280, height: 720 } });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await page.goto(`${base}/#builtin=${lesson}${pres ? '&present=1' : ''}`);
await page.waitForFunction(() => /^step \d+ \/ [1-9]/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''));
await page.waitForTimeout(1500);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.RATE ?? 1) });
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
const spans = []; const profiles = [];
for (let i = 0; i < Number(nsteps); i++) {
  await cdp.send('Profiler.start');
  const r = await page.evaluate(`(async () => {
  const counter = document.querySelector('[data-testid="step-counter"]');
  const at = () => { const m = /^step (\\d+) \\/ (\\d+)/.exec(counter.textContent); return [Number(m[1]), Number(m[2])]; };
  const [from, total] = at(); if (from >= total) return null;
  const t0 = performance.now();
  const done = new Promise((resolve) => { const mo = new MutationObserver(() => { if (at()[0] > from) { mo.disconnect(); requestAnimationFrame(() => setTimeout(() => resolve([from + 1, t0, performance.now()]), 0)); } }); mo.observe(counter, { subtree: true, childList: true, characterData: true }); });
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  return done; })()`);
  const { profile: pr } = await cdp.send('Profiler.stop');
  if (r === null) break;
  spans.push(r); profiles.push(pr);
  await page.waitForTimeout(Number(process.env.PAUSE ?? 150));
}
const key = (n) => `${n.callFrame.functionName || '(anon)'} ${String(n.callFrame.url).split('/').pop()}:${n.callFrame.lineNumber}`;
const steps = spans.map(([step, a, b], i) => {
  const profile = profiles[i];
  const st = { step, wall: b - a, self: new Map(), total: new Map(), busy: 0 };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  for (let j = 0; j < profile.samples.length; j++) {
    const id = profile.samples[j]; const dt = profile.timeDeltas[j + 1] ?? 50; const n = byId.get(id); const fn = n.callFrame.functionName;
    if (fn === '(idle)' || fn === '(program)' || fn === '(root)') continue;
    const ms = dt / 1000; st.busy += ms;
    const seen = new Set(); let p = id; while (p !== undefined) { const k = key(byId.get(p)); if (!seen.has(k)) { seen.add(k); st.total.set(k, (st.total.get(k) ?? 0) + ms); } p = parent.get(p); }
    st.self.set(key(n), (st.self.get(key(n)) ?? 0) + ms);
  }
  return st;
});
const busy = steps.map((s) => s.busy).sort((a, b) => a - b);
console.log(`${lesson}${pres ? ' pres' : ''}: ${steps.length} steps; JS busy ms per step median ${busy[busy.length >> 1].toFixed(1)} max ${busy[busy.length - 1].toFixed(1)}`);
console.log('per step JS ms:', steps.map((s) => `${s.step}:${s.busy.toFixed(0)}`).join(' '));
const all = new Map(); for (const s of steps) for (const [k, v] of s.total) all.set(k, (all.get(k) ?? 0) + v);
const allSelf = new Map(); for (const s of steps) for (const [k, v] of s.self) allSelf.set(k, (allSelf.get(k) ?? 0) + v);
const N = steps.length;
if (process.env.ALL) { console.log('ALL STEPS, TOTAL ms/step'); for (const [k, v] of [...all].sort((a, b) => b[1] - a[1]).filter(([k]) => !/^\(/.test(k)).slice(0, Number(process.env.TOPT ?? 50))) console.log((v / N).toFixed(2).padStart(7), k);
console.log('ALL STEPS, SELF ms/step'); for (const [k, v] of [...allSelf].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30))) console.log((v / N).toFixed(2).padStart(7), k); }
for (const s of [...steps].sort((a, b) => b.busy - a.busy).slice(0, Number(process.env.WORST ?? 2))) {
  console.log(`--- step ${s.step}: JS ${s.busy.toFixed(1)} ms`);
  for (const [k, v] of [...s.total].sort((a, b) => b[1] - a[1]).filter(([k]) => !/^\(/.test(k)).slice(0, Number(process.env.TOPW ?? 35))) console.log((v).toFixed(1).padStart(7), k);
}
await browser.close();
