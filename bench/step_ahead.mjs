// Ad-hoc (issue 18, round 6, stepahead): lessons stepped as bench:ui row x steps them (a fresh page at 4× CPU, 1 s
// after the first step is shown, → then a 150 ms pause), printing per lesson the median / p98 / max of each step's
// wall ms (key to the paint after the counter moves) and of its main-thread CPU (thread time of the tasks that
// overlap it, from a trace: what the machine's load does not inflate), the first steps' CPU, and how many steps were
// prepared (the step's `goto` was posted to the worker before its key: prepare_next.ts) and the idle callbacks' thread
// time (FireIdleCallback: prepare_next.ts's slices) — any build, old or new.
// node bench/step_ahead.mjs http://127.0.0.1:PORT lesson[,lesson...] [presentation=0|1]   (RATE=4, PAUSE=150, FIRST=5)
import { chromium } from 'playwright-core';
const [base, lessons = 'fork_copy', present = '0'] = process.argv.slice(2);
const pres = present === '1';
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
const INIT = `(() => { window.__ready = null; window.__gotos = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (m, ...rest) { if (m && m.type === 'goto') window.__gotos.push(performance.now()); return post.call(this, m, ...rest); };
  const mo = new MutationObserver(() => {
    const c = document.querySelector('[data-testid="step-counter"]');
    if (c !== null && /^step 0 \\/ [1-9]/.test(c.textContent ?? '')) { window.__ready = performance.now(); mo.disconnect(); }
  }); mo.observe(document, { subtree: true, childList: true, characterData: true }); })();`;
const STEP = `(async () => {
  const counter = document.querySelector('[data-testid="step-counter"]');
  const at = () => { const m = /^step (\\d+) \\/ (\\d+)/.exec(counter.textContent ?? ''); return m ? [Number(m[1]), Number(m[2])] : [NaN, NaN]; };
  const [from, total] = at();
  if (!(from < total)) return null;
  let t0 = 0;
  const done = new Promise((resolve) => {
    const mo = new MutationObserver(() => { if (at()[0] > from) { mo.disconnect(); requestAnimationFrame(() => setTimeout(() => {
      const t1 = performance.now();
      console.timeStamp('a1');
      resolve({ ms: t1 - t0, step: at()[0], asked: window.__gotos.filter((t) => t >= t0 && t <= t1).length });
    }, 0)); } });
    mo.observe(counter, { subtree: true, childList: true, characterData: true });
  });
  t0 = performance.now(); console.timeStamp('a0');
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  return done;
})()`;
const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const f = (x) => x.toFixed(0);
for (const lesson of lessons.split(',')) {
  const ctx = await browser.newContext({ viewport: pres ? { width: 1920, height: 1080 } : { width: 1280, height: 720 }, bypassCSP: true });
  await ctx.addInitScript({ content: INIT });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.RATE ?? 4) });
  await page.goto(`${base}/#builtin=${lesson}${pres ? '&present=1' : ''}`);
  await page.waitForFunction('window.__ready !== null', undefined, { timeout: 60_000 });
  await page.waitForTimeout(1000);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const ended = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel', transferMode: 'ReportEvents' });
  const rows = [];
  for (;;) {
    const r = await page.evaluate(STEP);
    if (r === null) break;
    rows.push(r);
    await page.waitForTimeout(Number(process.env.PAUSE ?? 150));
  }
  await cdp.send('Tracing.end');
  await ended;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mt = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.tdur !== undefined);
  const marks = events.filter((e) => e.name === 'TimeStamp' && e.pid === main.pid).sort((a, b) => a.ts - b.ts);
  const spans = [];
  for (let i = 0; i + 1 < marks.length; i++) if (marks[i].args?.data?.message === 'a0' && marks[i + 1].args?.data?.message === 'a1') spans.push([marks[i].ts, marks[i + 1].ts]);
  const tops = mt.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const cpu = spans.map(([a, b]) => tops.filter((e) => e.ts + e.dur >= a && e.ts <= b).reduce((s, e) => s + e.tdur, 0) / 1000);
  const wall = rows.map((r) => r.ms);
  // the idle callbacks run during the walk (prepare_next.ts's slices among them): their longest, in thread ms
  const idle = mt.filter((e) => e.name === 'FireIdleCallback').map((e) => e.tdur / 1000);
  const prepared = rows.filter((r) => r.asked === 0).length;
  console.log(`${lesson}${pres ? ' (presentation)' : ''}: ${rows.length} steps, prepared ${prepared}; wall median ${f(q(wall, 0.5))} p98 ${f(q(wall, 0.98))} max ${f(Math.max(...wall))}; CPU median ${f(q(cpu, 0.5))} p98 ${f(q(cpu, 0.98))} max ${f(Math.max(...cpu))} ms; first ${Number(process.env.FIRST ?? 5)} steps CPU ${cpu.slice(0, Number(process.env.FIRST ?? 5)).map(f).join(' ')}; idle callbacks ${idle.length}, median ${idle.length ? f(q(idle, 0.5)) : '-'} max ${idle.length ? f(Math.max(...idle)) : '-'} ms`);
  await ctx.close();
}
await browser.close();
