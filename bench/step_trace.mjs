/* global window, document, MutationObserver, KeyboardEvent */
// Ad-hoc (issue 18, stepframe): trace N steps (→ dispatched on body) of a lesson and report each step's renderer main-thread
// thread time (trace events' tdur) from the key to the paint after the counter moves, by kind (CATSUM=1), per task (TASKS=1),
// the big Layout/Paint events' args (LAYOUTS=1), each step's layouts and their roots (ROOTS=1), each step's style / layout / paint
// events in order, marked (forced) when run inside script (SEQ=1), what each step invalidated
// for layout / paint / style by node and reason (INVAL=1, INVAL_TOP=n). RATE=1|4 (CPU throttling); STYLE="css" injects a style sheet after load
// (to try containment without a build); WARM=1 steps forward and back first (a fresh page's cold first steps against warm ones). The counter must move for a step to count.
// node bench/step_trace.mjs http://127.0.0.1:PORT [lesson=fork_copy] [presentation=0|1] [steps=12] [startStep=0]
import { chromium } from 'playwright-core';
const [base, lesson = 'fork_copy', present = '0', nsteps = '12', startStep = '0'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
const pres = present === '1';
const ctx = await browser.newContext({ viewport: pres ? { width: 1920, height: 1080 } : { width: 1280, height: 720 } });
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await page.goto(`${base}/#builtin=${lesson}${pres ? '&present=1' : ''}${startStep !== '0' ? '&step=' + startStep : ''}`);
await page.waitForFunction(() => /^step \d+ \/ [1-9]/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''));
if (process.env.STYLE) await page.addStyleTag({ content: process.env.STYLE });
await page.waitForTimeout(2500);
// WARM=1: a step forward and back (at 1×, untraced) before the traced steps: the first steps then run warm code, styles and caches
if (process.env.WARM) for (const key of ['ArrowRight', 'ArrowLeft']) {
  await page.evaluate((k) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })), key);
  await page.waitForTimeout(600);
}
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.RATE ?? 4) });
await page.evaluate(() => { window.__muts = 0; new MutationObserver((r) => { window.__muts += r.length; }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true }); });
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const ended = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline' + (process.env.INVAL ? ',disabled-by-default-devtools.timeline.invalidationTracking' : ''), transferMode: 'ReportEvents' });
const times = [];
for (let i = 0; i < Number(nsteps); i++) { if (await page.evaluate(() => { const m = /^step (\d+) \/ (\d+)/.exec(document.querySelector('[data-testid="step-counter"]').textContent); return Number(m[1]) >= Number(m[2]); })) break;
  const ms = await page.evaluate(`(async () => {
  const counter = document.querySelector('[data-testid="step-counter"]');
  const at = () => Number(/^step (\\d+)/.exec(counter.textContent)?.[1]);
  const from = at(); let t0; const m0 = window.__muts;
  const done = new Promise((resolve) => { const mo = new MutationObserver(() => { if (at() > from) { mo.disconnect(); requestAnimationFrame(() => setTimeout(() => { console.timeStamp('s1'); resolve([performance.now() - t0, window.__muts - m0]); }, 0)); } }); mo.observe(counter, { subtree: true, childList: true, characterData: true }); });
  t0 = performance.now(); console.timeStamp('s0');
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  return done; })()`);
  times.push(Math.round(ms[0])); (globalThis.muts ??= []).push(ms[1]);
  await page.waitForTimeout(Number(process.env.PAUSE ?? 150));
}
await cdp.send('Tracing.end');
await ended;
console.log('DOM mutations per step:', globalThis.muts.join(' '), 'sum', globalThis.muts.reduce((a,b)=>a+b,0));
console.log('step ms:', times.join(' '), ' median', [...times].sort((a,b)=>a-b)[times.length>>1]);
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const mt = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.tdur !== undefined);
const sum = new Map();
for (const e of mt) sum.set(e.name, (sum.get(e.name) ?? 0) + e.tdur);
console.log([...sum].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`).join('\n'));

const marks = events.filter((e) => e.name === 'TimeStamp' && e.pid === main.pid).map((e) => ({ ts: e.ts, m: e.args?.data?.message })).sort((a,b)=>a.ts-b.ts);
const tops = mt.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a,b)=>a.ts-b.ts);
const per = []; const detail = [];
for (let i = 0; i + 1 < marks.length; i++) {
  if (marks[i].m !== 's0' || marks[i+1].m !== 's1') continue;
  const a = marks[i].ts, b = marks[i+1].ts;
  const inside = tops.filter((e) => e.ts + e.dur >= a && e.ts <= b);
  per.push(inside.reduce((s, e) => s + e.tdur, 0) / 1000);
  const kinds = new Map();
  for (const e of mt) if (e.ts >= a && e.ts <= b && ['Layout','Paint','UpdateLayoutTree','PrePaint','Layerize','Commit','HandlePostMessage','EventDispatch','FunctionCall','TimerFire','FireAnimationFrame'].includes(e.name)) kinds.set(e.name, (kinds.get(e.name) ?? 0) + e.tdur / 1000);
  detail.push([...kinds].map(([k, v]) => k + ' ' + v.toFixed(1)).join(', '));
}
console.log('CPU ms per step (main thread, to the paint):', per.map((x) => x.toFixed(1)).join(' '));
const s = [...per].sort((a,b)=>a-b); console.log('median', s[s.length>>1].toFixed(1), 'max', s[s.length-1].toFixed(1), 'mean', (per.reduce((a,b)=>a+b,0)/per.length).toFixed(1));
if (process.env.CATSUM) { const tot = new Map(); let n = 0; for (let i = 0; i + 1 < marks.length; i++) { if (marks[i].m !== 's0' || marks[i+1].m !== 's1') continue; n++; const a = marks[i].ts, b = marks[i+1].ts; for (const e of mt) if (e.ts >= a && e.ts <= b && ['Layout','Paint','UpdateLayoutTree','PrePaint','Layerize','Commit','HandlePostMessage','EventDispatch','TimerFire','FireAnimationFrame','MinorGC','FunctionCall'].includes(e.name)) tot.set(e.name, (tot.get(e.name) ?? 0) + e.tdur / 1000); }
  console.log('CATSUM per step:', [...tot].map(([k, v]) => k + ' ' + (v / n).toFixed(2)).join(', ')); }
if (process.env.LAYOUTS) { const lays = mt.filter((e) => ['Layout','Paint','UpdateLayoutTree'].includes(e.name) && e.tdur > 300).slice(0, 40); for (const e of lays) console.log(e.name, (e.tdur/1000).toFixed(2), JSON.stringify(e.args).slice(0, 400)); }
if (process.env.ROOTS) for (let i = 0; i + 1 < marks.length; i++) { // each step's Layout events: time, dirty / total objects, roots
  if (marks[i].m !== 's0' || marks[i+1].m !== 's1') continue;
  const lays = mt.filter((e) => e.name === 'Layout' && e.ts >= marks[i].ts && e.ts <= marks[i+1].ts);
  const paints = mt.filter((e) => e.name === 'Paint' && e.ts >= marks[i].ts && e.ts <= marks[i+1].ts);
  console.log('paints', i, paints.map((e) => `${(e.tdur / 1000).toFixed(2)}ms ${String(e.args.data?.nodeName).slice(0, 30)} ${(e.args.data?.clip ?? []).slice(4, 6).join('x')}`).join(' | '));
  console.log('layouts', i, lays.map((e) => `${(e.tdur / 1000).toFixed(2)}ms ${e.args.beginData.dirtyObjects}/${e.args.beginData.totalObjects} [${(e.args.endData?.layoutRoots ?? []).map((r) => String(r.nodeName).slice(0, 40)).join('; ')}]`).join(' | '));
}
if (process.env.SEQ) for (let i = 0; i + 1 < marks.length; i++) { // each step's style / layout / paint events in order, with the task they ran in (forced from script or the frame's)
  if (marks[i].m !== 's0' || marks[i+1].m !== 's1') continue;
  const a = marks[i].ts, b = marks[i+1].ts;
  const evs = mt.filter((e) => ['UpdateLayoutTree','Layout','Paint','PrePaint','HandlePostMessage','FunctionCall','FireAnimationFrame','EventDispatch','TimerFire','IntersectionObserverController::computeIntersections'].includes(e.name) && e.ts >= a && e.ts <= b && e.tdur > 100).sort((x, y) => x.ts - y.ts);
  console.log('seq', i / 2 + 1, evs.map((e) => { const task = tops.find((t) => t.ts <= e.ts && t.ts + t.dur >= e.ts + e.dur); const inJs = mt.some((f) => (f.name === 'FunctionCall' || f.name === 'HandlePostMessage' || f.name === 'EventDispatch' || f.name === 'TimerFire' || f.name === 'FireAnimationFrame') && f !== e && f.ts <= e.ts && f.ts + f.dur >= e.ts + e.dur); return `${e.name}${inJs && ['UpdateLayoutTree','Layout'].includes(e.name) ? '(forced)' : ''} ${(e.tdur / 1000).toFixed(1)}${task ? '@' + ((task.ts - a) / 1000).toFixed(0) : ''}`; }).join(', '));
}
if (process.env.INVAL) for (let i = 0; i + 1 < marks.length; i++) { // what each step invalidated for layout and paint: node and reason, counted
  if (marks[i].m !== 's0' || marks[i+1].m !== 's1') continue;
  const inv = new Map();
  for (const e of events) if (e.pid === main.pid && e.ts >= marks[i].ts && e.ts <= marks[i+1].ts && /InvalidationTracking/.test(e.name)) { const d = e.args?.data ?? {}; const k = `${e.name.replace('InvalidationTracking', '')} ${String(d.nodeName ?? '').slice(0, 32)} ${d.reason ?? ''}${d.extraData ? ' (' + d.extraData + ')' : ''}`; inv.set(k, (inv.get(k) ?? 0) + 1); }
  if (process.env.INVAL_ARGS) { const seen = new Set(); for (const e of events) if (e.pid === main.pid && e.ts >= marks[i].ts && e.ts <= marks[i+1].ts && /InvalidationTracking/.test(e.name) && !seen.has(e.name + (e.args?.data?.reason ?? '')) && new RegExp(process.env.INVAL_ARGS).test(JSON.stringify(e.args))) { seen.add(e.name + (e.args?.data?.reason ?? '')); console.log('  ', e.name, JSON.stringify(e.args).slice(0, 700)); } }
  console.log('inval', i / 2 + 1, [...inv].sort((x, y) => y[1] - x[1]).slice(0, Number(process.env.INVAL_TOP ?? 12)).map(([k, v]) => `${v}× ${k}`).join(' | '));
}
if (process.env.DETAIL) detail.forEach((d, i) => console.log(i, d));
if (process.env.TASKS) for (let i = 0; i + 1 < marks.length; i++) {
  if (marks[i].m !== 's0' || marks[i+1].m !== 's1') continue;
  const a = marks[i].ts, b = marks[i+1].ts;
  const inside = tops.filter((e) => e.ts + e.dur >= a && e.ts <= b);
  console.log('step', i, inside.filter((e) => e.tdur > 500).map((e) => { const kids = mt.filter((k) => k !== e && k.ts >= e.ts && k.ts + k.dur <= e.ts + e.dur && k.name !== 'RunTask').sort((x, y) => y.tdur - x.tdur).slice(0, 3).map((k) => k.name + (k.args?.data?.functionName ? '(' + k.args.data.functionName + ')' : k.args?.data?.url ? '(' + String(k.args.data.url).split('/').pop() + ':' + k.args.data.lineNumber + ')' : '') + ' ' + (k.tdur / 1000).toFixed(1)); return (e.tdur / 1000).toFixed(1) + ' [' + kids.join(', ') + ']'; }).join(' | '));
}
await browser.close();
