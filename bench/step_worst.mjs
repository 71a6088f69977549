/* global document */
// Ad-hoc (issue 18, round 4, stepworst): a lesson stepped as bench:ui row x steps it (a fresh page at 4× CPU,
// 1 s after the first step is shown, → then a 150 ms pause), printing for each step its ms (key to the next
// paint), the ms since navigation, the long tasks (> 50 ms) that overlapped it and whether CodeMirror's
// editor (.cm-editor) appeared during it: where the worst steps come from.
// node bench/step_worst.mjs http://127.0.0.1:PORT lesson[,lesson...] [presentation=0|1]
import { chromium } from 'playwright-core';
const [base, lessons = 'fork_none', present = '0'] = process.argv.slice(2);
const pres = present === '1';
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
const READY = `(() => { window.__ready = null; window.__long = []; const mo = new MutationObserver(() => {
  const c = document.querySelector('[data-testid="step-counter"]');
  if (c !== null && /^step 0 \\/ [1-9]/.test(c.textContent ?? '')) { window.__ready = performance.now(); mo.disconnect(); }
}); mo.observe(document, { subtree: true, childList: true, characterData: true });
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true }); })();`;
const STEP = `(async () => {
  const counter = document.querySelector('[data-testid="step-counter"]');
  const at = () => { const m = /^step (\\d+) \\/ (\\d+)/.exec(counter.textContent ?? ''); return m ? [Number(m[1]), Number(m[2])] : [NaN, NaN]; };
  const [from, total] = at();
  if (!(from < total)) return null;
  const cm0 = document.querySelector('.cm-editor') !== null;
  let t0 = 0;
  const done = new Promise((resolve) => {
    const mo = new MutationObserver(() => { if (at()[0] > from) { mo.disconnect(); requestAnimationFrame(() => setTimeout(() => {
      const t1 = performance.now();
      const long = window.__long.filter(([s, d]) => s + d >= t0 && s <= t1).map(([s, d]) => Math.round(d));
      console.timeStamp('w1');
      resolve({ ms: t1 - t0, at: t0, step: at()[0], total, cm: !cm0 && document.querySelector('.cm-editor') !== null, long });
    }, 0)); } });
    mo.observe(counter, { subtree: true, childList: true, characterData: true });
  });
  t0 = performance.now(); console.timeStamp('w0');
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  return done;
})()`;
for (const lesson of lessons.split(',')) {
  const ctx = await browser.newContext({ viewport: pres ? { width: 1920, height: 1080 } : { width: 1280, height: 720 }, bypassCSP: true });
  await ctx.addInitScript({ content: READY });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.RATE ?? 4) });
  await page.goto(`${base}/#builtin=${lesson}${pres ? '&present=1' : ''}`);
  await page.waitForFunction('window.__ready !== null', undefined, { timeout: 30_000 });
  await page.waitForTimeout(1000);
  const events = [];
  let ended = null;
  if (process.env.TRACE) {
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    ended = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
  }
  const rows = [];
  for (;;) {
    const r = await page.evaluate(STEP);
    if (r === null) break;
    rows.push(r);
    await page.waitForTimeout(150);
  }
  if (ended) { await cdp.send('Tracing.end'); await ended; }
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  const q = (p) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)];
  console.log(`${lesson}${pres ? ' (presentation)' : ''}: ${rows.length} steps, median ${q(0.5).toFixed(0)} p98 ${q(0.98).toFixed(0)} max ${ms[ms.length - 1].toFixed(0)} ms; CodeMirror mounted: ${(await page.evaluate(() => document.querySelector('.cm-editor') !== null)) ? 'yes' : 'no'}`);
  const worst = [...rows].sort((a, b) => b.ms - a.ms).slice(0, Number(process.env.WORST ?? 5));
  for (const r of worst) console.log(`  step ${String(r.step).padStart(3)}  ${r.ms.toFixed(0).padStart(4)} ms  at ${(r.at / 1000).toFixed(1)} s${r.cm ? '  CodeMirror mounted in it' : ''}${r.long.length ? '  long tasks ' + r.long.join(',') : ''}`);
  if (ended) explain(events, rows, worst);
  await ctx.close();
}
await browser.close();

/** For each worst step, the main thread's tasks in it (thread ms), and in each the events that took most (self time by name, with a script's URL or a function's name). */
function explain(events, rows, worst) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mt = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.tdur !== undefined);
  const marks = events.filter((e) => e.name === 'TimeStamp' && e.pid === main.pid).sort((a, b) => a.ts - b.ts);
  const spans = [];
  for (let i = 0; i + 1 < marks.length; i++) if (marks[i].args?.data?.message === 'w0' && marks[i + 1].args?.data?.message === 'w1') spans.push([marks[i].ts, marks[i + 1].ts]);
  const tops = mt.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  // each step's main-thread CPU (thread time of the tasks that overlap it): what the load of the machine does not inflate
  const cpu = spans.map(([a, b]) => tops.filter((e) => e.ts + e.dur >= a && e.ts <= b).reduce((s, e) => s + e.tdur, 0) / 1000).sort((x, y) => x - y);
  const at = (p) => cpu[Math.min(cpu.length - 1, Math.ceil(p * cpu.length) - 1)];
  console.log(`  main-thread CPU per step: median ${at(0.5).toFixed(1)} p98 ${at(0.98).toFixed(1)} max ${cpu[cpu.length - 1].toFixed(1)} ms (${cpu.length} steps)`);
  const label = (t) => {
    const kids = mt.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    const by = new Map();
    for (const e of kids) {
      const d = e.args?.data ?? {};
      const l = e.name + (d.url ? ' ' + d.url.replace(/^.*\//, '') : '') + (d.functionName ? ' ' + d.functionName : '') + (d.type ? ' ' + d.type : '');
      by.set(l, (by.get(l) ?? 0) + e.tdur);
    }
    return [...by].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([l, v]) => `${l} ${(v / 1000).toFixed(1)}`).join('; ');
  };
  if (process.env.ALLTASKS) {
    const t0 = spans[0]?.[0] ?? 0;
    for (const t of tops.filter((e) => e.tdur > Number(process.env.ALLTASKS) * 1000)) {
      const k = spans.findIndex(([a, b]) => t.ts + t.dur >= a && t.ts <= b);
      console.log(`    at +${((t.ts - t0) / 1e6).toFixed(2)} s ${k >= 0 ? 'in step ' + rows[k].step : 'between steps'}: task ${(t.tdur / 1000).toFixed(1)} ms: ${label(t)}`);
    }
  }
  for (const r of worst) {
    const k = rows.indexOf(r);
    const [a, b] = spans[k] ?? [];
    if (a === undefined) continue;
    const inside = tops.filter((e) => e.ts + e.dur >= a && e.ts <= b);
    console.log(`  step ${r.step}: ${inside.length} tasks, ${(inside.reduce((s, e) => s + e.tdur, 0) / 1000).toFixed(1)} ms thread time`);
    for (const t of inside.filter((e) => e.tdur > Number(process.env.MIN_TASK_US ?? 8000))) console.log(`    task ${(t.tdur / 1000).toFixed(1)} ms: ${label(t)}`);
  }
}
