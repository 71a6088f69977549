/* global window, document, performance, requestAnimationFrame, setTimeout */
// Trace loads at CPU rate 1 and report each main-thread task's CPU time (tdur, insensitive to the machine's load),
// scaled by 4 to estimate the task at a 4x slowdown: tasks over 100 ms at 4x, and TBT estimate until "enabled".
// node cpu.mjs URL RUNS [WxH]; LONG_MS=N lists the tasks over N ms at 4x (100 unless told)
import { chromium } from 'playwright-core';
const url = process.argv[2]; const runs = Number(process.argv[3] ?? 3); const vp = (process.argv[4] ?? '1280x800').split('x').map(Number);
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const LONG_MS = Number(process.env.LONG_MS ?? 100);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (let run = 0; run < runs; run++) {
  const ctx = await browser.newContext({ viewport: { width: vp[0], height: vp[1] } });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await page.addInitScript(() => {
    const check = () => {
      const b = [...document.querySelectorAll('button')].find((x) => /^step forward/i.test(x.getAttribute('aria-label') ?? x.textContent ?? ''));
      const c = document.querySelector('[data-testid=step-counter]');
      if (b && !b.disabled && c && /step 0 \//.test(c.textContent)) { performance.mark('enabled'); window.__en = 1; }
      if (!window.__en) requestAnimationFrame(check); else if (document.querySelector('[data-testid=machine-diagram] svg')) { performance.mark('drawn'); } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel'] }, transferMode: 'ReportEvents' });
  await page.goto(url, { waitUntil: 'commit' });
  for (let i = 0; i < 300 && !(await page.evaluate(() => performance.getEntriesByName('drawn').length > 0)); i++) await sleep(50);
  await sleep(2000); // what comes after the picture (lazy chunks; CodeMirror comes only when the text is reached for)
  await cdp.send('Tracing.end'); await done;
  const names = events.filter((e) => e.name === 'thread_name');
  const main = names.find((e) => e.args.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'ParseHTML'));
  const worker = names.find((e) => e.args.name === 'DedicatedWorker thread' && e.pid === main.pid);
  const on = (t) => events.filter((e) => e.pid === t.pid && e.tid === t.tid);
  const m = on(main);
  const t0 = m.find((e) => e.name === 'ParseHTML')?.ts ?? 0;
  const mark = (n) => { const e = events.find((x) => x.name === n && x.cat?.includes('user_timing')); return e ? (e.ts - t0) / 1000 : NaN; };
  const tasks = m.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.tdur !== undefined);
  const cpu = (list, until) => list.filter((e) => e.ts - t0 < until * 1000).reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000;
  const enabled = mark('enabled'), drawn = mark('drawn');
  const KIDS = new Set(['EvaluateScript', 'v8.evaluateModule', 'v8.compileModule', 'v8.compile', 'FunctionCall', 'Layout', 'UpdateLayoutTree', 'ParseHTML', 'ParseAuthorStyleSheet', 'FireAnimationFrame', 'FireIdleCallback', 'HandlePostMessage', 'Paint', 'MinorGC', 'MajorGC', 'TimerFire', 'RunMicrotasks']);
  const what = (t) => m.filter((e) => e.ph === 'X' && KIDS.has(e.name) && e.ts >= t.ts && e.ts < t.ts + t.dur && (e.tdur ?? 0) > t.tdur * 0.15)
    .map((e) => `${e.name}${e.args?.data?.url ? '(' + e.args.data.url.split('/').pop().split('-')[0] + ')' : ''} ${Math.round(e.tdur * 4 / 1000)}`).slice(0, 5).join(', ');
  const long = tasks.filter((e) => e.tdur * 4 / 1000 > LONG_MS).map((e) => `\n    @${Math.round((e.ts - t0) / 1000)} ${Math.round(e.tdur * 4 / 1000)} ms: ${what(e)}`);
  const tbt = tasks.filter((e) => e.ts - t0 < enabled * 1000).reduce((a, e) => a + Math.max(0, e.tdur * 4 / 1000 - 50), 0);
  const wt = worker ? on(worker).filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').filter((e) => e.ph === 'X') : [];
  // the load's window: until 2 s (at 4x: 500 ms at rate 1) after the diagram is drawn; its longest tasks at 4x
  const windowEnd = (drawn + 500) * 1000;
  const top = tasks.filter((e) => e.ts - t0 < windowEnd).map((e) => Math.round(e.tdur * 4 / 1000)).sort((a, b) => b - a).slice(0, 3);
  console.log(`${url.replace(/^http:\/\/[^/]+/, '')} ${run}: enabled ${enabled.toFixed(0)} drawn ${drawn.toFixed(0)} (rate 1 wall) | main CPU until enabled ${cpu(tasks, enabled).toFixed(0)} ms (x4 ${(4 * cpu(tasks, enabled)).toFixed(0)}), until drawn x4 ${(4 * cpu(tasks, drawn)).toFixed(0)} | longest x4 until drawn + 2 s at 4x: ${top.join(', ')} | worker CPU ${cpu(wt, enabled).toFixed(0)} | est. TBT before enabled ${tbt.toFixed(0)}, est. 4x long tasks: ${long.join('')}`);
  await ctx.close();
}
await browser.close();
