/**
 * Row ix of bench/browser_goals.ts (a cold load at CPU 4x, "Step forward" clicked as soon as it is
 * enabled, long tasks from a PerformanceObserver up to 2 s after usable), traced: each long task the
 * page's observer reports is matched to the trace's main-thread task at that time, and listed with
 * its CPU time (tdur) and what ran inside it (the children over 15 % of it). Finds what row ix counts.
 *   node --import tsx bench/startup/ix_trace.ts URL RUNS
 * LONG_MS=N: observer entries over N ms (50 unless told); DETAIL=N: every event of those tasks over N ms;
 * RATE=1: load at full speed and list the trace's tasks whose CPU time x4 is over LONG_MS.
 */
import { chromium } from '@playwright/test';
import { CPU_SLOWDOWN, LOAD_PROBE } from '../browser_goals';
import { pageMainThread, tracedLoad, type TraceEvent } from './traced_load';
/** In the page: when the diagram's first picture is committed (the viewport's data-drawn-step). */
const DRAWN_PROBE = `new MutationObserver((_, mo) => {
  if (window.__appAt === undefined && document.querySelector('[data-testid=app]')) window.__appAt = performance.now();
  if (document.querySelector('[data-drawn-step]')) { window.__drawnAt = performance.now(); mo.disconnect(); }
}).observe(document, { subtree: true, childList: true, attributes: true });`;

const url = process.argv[2];
const runs = Number(process.argv[3] ?? 1);
const LONG_MS = Number(process.env.LONG_MS ?? 50);
// RATE=1: the load at full speed, each task's CPU time scaled by 4 (thread time is steadier than a throttled
// task's under a loaded machine; the order of tasks may differ from a 4x load's). The observer's entries are then rate-1 wall.
const RATE = Number(process.env.RATE ?? CPU_SLOWDOWN);
const SCALE = CPU_SLOWDOWN / RATE;
const KIDS = new Set(['EvaluateScript', 'v8.evaluateModule', 'v8.compileModule', 'v8.compile', 'v8.produceModuleCache', 'FunctionCall', 'Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint', 'Layerize', 'ParseHTML', 'ParseAuthorStyleSheet', 'FireAnimationFrame', 'FireIdleCallback', 'HandlePostMessage', 'MinorGC', 'MajorGC', 'V8.GC_MC_BACKGROUND', 'TimerFire', 'RunMicrotasks', 'EventDispatch', 'V8.CollectSourcePositions', 'v8.run', 'ScheduleStyleRecalculation', 'IntersectionObserverController::computeIntersections', 'ResizeObserver', 'HitTest']);
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (let run = 0; run < runs; run++) {
  const initScripts = [`performance.mark('ix-probe');${LOAD_PROBE};${DRAWN_PROBE}`];
  // WARM=HTML: an experiment, that markup added (hidden) to the boot screen
  if (process.env.WARM) initScripts.push(`document.addEventListener('DOMContentLoaded', () => { const d = document.createElement('div'); d.setAttribute('aria-hidden', 'true'); d.style.cssText = 'position:absolute;visibility:hidden;top:0;left:0'; d.innerHTML = ${JSON.stringify(process.env.WARM)}; document.body.append(d); });`);
  // HIDE=CSS selector: an experiment, what the first frames cost without those elements (display: none from the start)
  if (process.env.HIDE) initScripts.push(`document.addEventListener('DOMContentLoaded', () => { const st = document.createElement('style'); st.textContent = ${JSON.stringify(`${process.env.HIDE} { display: none !important }`)}; document.head.append(st); });`);
  const { events, read } = await tracedLoad(browser, url, {
    rate: RATE,
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', 'v8'],
    initScripts,
    atEnd: async (page) => ({
      s: (await page.evaluate('window.__load')) as { longTasks: { start: number; ms: number }[]; enabledAt: number; usableAt: number },
      drawnAt: (await page.evaluate('window.__drawnAt ?? NaN')) as number,
      appAt: (await page.evaluate('window.__appAt ?? NaN')) as number,
      probeAt: (await page.evaluate("performance.getEntriesByName('ix-probe')[0].startTime")) as number,
    }),
  });
  const { s, drawnAt, appAt, probeAt } = read!;
  const main = pageMainThread(events);
  const m = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const probe = events.find((e) => e.name === 'ix-probe' && e.cat?.includes('user_timing'))!;
  const origin = probe.ts / 1000 - probeAt; // performance.now() 0 in trace ms
  const tasks = m.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.tdur !== undefined);
  const what = (t: TraceEvent) => m.filter((e) => e.ph === 'X' && KIDS.has(e.name) && e.ts >= t.ts && e.ts < t.ts + t.dur! && (e.tdur ?? e.dur ?? 0) > t.tdur! * 0.15)
    .map((e) => `${e.name}${e.args?.data?.url ? '(' + e.args.data.url.split('/').pop()!.split('?')[0] + ')' : ''}${e.args?.data?.type ? '[' + e.args.data.type + ']' : ''}${e.args?.data?.functionName ? '{' + e.args.data.functionName + '}' : ''}${e.args?.beginData?.totalObjects !== undefined ? `<${e.args.beginData.dirtyObjects}/${e.args.beginData.totalObjects} objects>` : ''}${e.args?.elementCount !== undefined ? `<${e.args.elementCount} elements>` : ''} ${((e.tdur ?? 0) * SCALE / 1000).toFixed(0)}`).slice(0, 8).join(', ');
  console.log(`${url.replace(/^http:\/\/[^/]+/, '')} ${run}: page drawn ${appAt.toFixed(0)} enabled ${s.enabledAt.toFixed(0)} usable ${s.usableAt.toFixed(0)} first picture ${drawnAt.toFixed(0)} (wall, 4x)`);
  // at RATE 1 the observer sees only tasks over 50 ms at full speed: every task over LONG_MS at 4x is listed from the trace
  const listed = RATE === CPU_SLOWDOWN ? s.longTasks.filter((t) => t.start <= s.usableAt + 2000 && t.ms > LONG_MS)
    : tasks.filter((e) => (e.ts / 1000 - origin) <= s.usableAt + 2000 && e.tdur! * SCALE / 1000 > LONG_MS).map((e) => ({ start: e.ts / 1000 - origin, ms: e.dur! / 1000 }));
  for (const lt of listed) {
    const at = (origin + lt.start) * 1000;
    const t = tasks.filter((e) => e.ts + e.dur! >= at && e.ts <= at + lt.ms * 1000).sort((a, b) => b.dur! - a.dur!)[0];
    console.log(`  @${lt.start.toFixed(0)} ${lt.ms.toFixed(0)} ms wall${t ? `: task CPU ${(t.tdur! * SCALE / 1000).toFixed(0)} ms — ${what(t)}` : ': no main-thread task found'}`);
    // DETAIL=N: every event inside the task over N ms of CPU (at 4x), in order
    if (t && process.env.DETAIL) for (const e of m.filter((e) => e.ph === 'X' && e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur! && (e.tdur ?? 0) * SCALE / 1000 > Number(process.env.DETAIL))) console.log(`      +${((e.ts - t.ts) / 1000).toFixed(0)} ${e.name}${e.args?.data?.functionName ? '{' + e.args.data.functionName + '}' : ''}${e.args?.data?.type ? '[' + e.args.data.type + ']' : ''} ${((e.tdur ?? 0) * SCALE / 1000).toFixed(0)}`);
  }
  // the window row ix counts (to usable + 2 s): its three longest tasks, and the main thread's CPU until enabled (x SCALE)
  // (Playwright's injected script, evaluated for waitForFunction: the harness's, not the page's, left out)
  const harness = (t: TraceEvent) => m.some((e) => e.name === 'EvaluateScript' && !e.args?.data?.url && e.ts >= t.ts && e.ts < t.ts + t.dur! && (e.tdur ?? 0) > t.tdur! * 0.3);
  const inWindow = tasks.filter((e) => e.ts / 1000 - origin <= s.usableAt + 2000 && !harness(e));
  const top = inWindow.map((e) => Math.round((e.tdur! * SCALE) / 1000)).sort((a, b) => b - a).slice(0, 3);
  const untilEnabled = inWindow.filter((e) => e.ts / 1000 - origin <= s.enabledAt).reduce((a, e) => a + e.tdur!, 0) * SCALE / 1000;
  console.log(`  longest three but the harness's script (CPU x${SCALE}): ${top.join(', ')}; CPU until enabled x${SCALE}: ${untilEnabled.toFixed(0)} ms`);
  // TIMELINE=N: every main-thread task over N ms (x SCALE) until usable + 2 s, with what ran inside
  if (process.env.TIMELINE) for (const t of tasks.filter((e) => e.ts / 1000 - origin <= s.usableAt + 2000 && e.tdur! * SCALE / 1000 > Number(process.env.TIMELINE))) console.log(`    task @${(t.ts / 1000 - origin).toFixed(0)} CPU ${(t.tdur! * SCALE / 1000).toFixed(0)}: ${what(t)}`);
  // scripts evaluated without a URL (the init script, Playwright's injected script of waitForFunction)
  for (const e of m.filter((e) => e.name === 'EvaluateScript' && e.ph === 'X' && !e.args?.data?.url)) console.log(`  (a script without a URL @${(e.ts / 1000 - origin).toFixed(0)}: ${((e.tdur ?? 0) * SCALE / 1000).toFixed(0)} ms)`);
}
await browser.close();
