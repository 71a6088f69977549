/**
 * What a hover costs on the big object of bench:ui v, phase by phase (not part of npm test):
 * `npx vite build && node --import tsx bench/hover.trace.ts` (HOVER_RUNS=n times each, default 3).
 *
 * Loads bigObject(16384, 'writes') (one object of 16,384 resident pages on 32,768 frames), goes to
 * its last step, then for each input of bench:ui v (pointer over the map entry, over the object,
 * over a cell of its page grid; an arrow key on the focused grid) records a Chrome trace from the
 * input to two frames later and prints the renderer main thread's time by phase (script, style,
 * layout, pre-paint, paint, ...), and the DOM mutations the input caused (attributes changed,
 * nodes added or removed): what re-renders, and what repaints. TRACE_DIR=dir also writes each
 * trace (open it in DevTools' Performance panel or ui.perfetto.dev); HOVER_PROFILE=1 samples the script
 * instead and prints the functions with the most self time (build with --minify false for names).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import config from '../playwright.config';
import { bigObject } from './ui.scenarios';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** The phases summed on the renderer main thread (slices of these names, nested ones not counted twice). */
const PHASES = ['FunctionCall', 'EventDispatch', 'v8.callFunction', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'PaintImage', 'Layerize', 'Commit', 'UpdateLayer', 'HitTest', 'MajorGC', 'MinorGC'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a !== null ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Time by phase on the main thread of the renderer, from the trace's JSON. */
function phases(json: string): { total: number; byPhase: Map<string, number> } {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const byPhase = new Map<string, number>();
  let total = 0;
  if (main === undefined) return { total, byPhase };
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // top-level tasks
  let end = -Infinity;
  for (const e of on) if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') if (e.ts >= end) { total += e.dur!; end = e.ts + e.dur!; }
  // each phase, outermost slices only
  for (const name of PHASES) {
    let until = -Infinity;
    let sum = 0;
    for (const e of on) if (e.name === name && e.ts >= until) { sum += e.dur!; until = e.ts + e.dur!; }
    if (sum > 0) byPhase.set(name, sum / 1000);
  }
  return { total: total / 1000, byPhase };
}

const COUNT_MUTATIONS = `(() => {
  const c = { attributes: 0, added: 0, removed: 0, text: 0, attrNames: {} };
  window.__mut = c;
  window.__mo?.disconnect();
  window.__mo = new MutationObserver((list) => {
    for (const m of list) {
      if (m.type === 'attributes') { c.attributes++; c.attrNames[m.attributeName] = (c.attrNames[m.attributeName] ?? 0) + 1; }
      else if (m.type === 'characterData') c.text++;
      else { c.added += m.addedNodes.length; c.removed += m.removedNodes.length; }
    }
  });
  window.__mo.observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
})()`;

async function main(): Promise<void> {
  const runs = Number(process.env.HOVER_RUNS ?? 3);
  const dir = process.env.TRACE_DIR;
  if (dir !== undefined) mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const server = spawn('./node_modules/.bin/vite', ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
  const browser = await chromium.launch({ ...(config.use?.launchOptions ?? {}), headless: true });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce', bypassCSP: true });
    const page = await context.newPage();
    const gen = bigObject(16384, 'writes');
    await page.goto('/#builtin=first_fit');
    await page.getByTestId('step-counter').waitFor();
    await page.getByTestId('open-vms').setInputFiles({ name: 'big_object.vms', mimeType: 'text/plain', buffer: Buffer.from(gen.text) });
    await page.waitForFunction(`document.querySelector('[data-testid="step-counter"]').textContent === 'step 0 / ${gen.statements}'`, undefined, { timeout: 60_000 });
    await page.getByTestId('step-counter').click();
    await page.keyboard.press('End');
    await page.waitForFunction(`document.querySelector('[data-testid="step-counter"]').textContent.startsWith('step ${gen.statements} /')`, undefined, { timeout: 60_000 });
    await page.waitForTimeout(1000);
    // an experiment: HOVER_CSS='selector { ... }' adds a style sheet first (what does the rest of the page cost a hover?)
    if (process.env.HOVER_CSS !== undefined) await page.addStyleTag({ content: process.env.HOVER_CSS });
    console.log(`SVG elements: ${(await page.evaluate(`document.querySelectorAll('svg *').length`)) as number}`);

    const centre = async (sel: string) => {
      const b = (await page.locator(sel).first().boundingBox())!;
      return [b.x + b.width / 2, b.y + b.height / 2] as const;
    };
    const away = async () => {
      await page.mouse.move(2, 2);
      await page.waitForTimeout(300);
    };
    const entry = await centre('[data-testid^="entry-"]');
    const object = await centre('[data-testid="object-1"] text');
    const gb = (await page.getByTestId('object-1-grid').boundingBox())!;
    const kinds: [string, () => Promise<void>, () => Promise<void>][] = [
      ['entry', away, () => page.mouse.move(...entry)],
      ['object', away, () => page.mouse.move(...object)],
      ['cell', away, () => page.mouse.move(gb.x + 3, gb.y + 3)],
      [
        'key',
        async () => {
          await away();
          await page.getByTestId('object-1-grid').focus();
          await page.waitForTimeout(300);
        },
        () => page.keyboard.press('ArrowRight'),
      ],
    ];
    const cdp = await context.newCDPSession(page);
    const profiling = process.env.HOVER_PROFILE === '1';
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    }
    for (const [name, reset, act] of kinds) {
      const self = new Map<string, number>();
      for (let r = 0; r < runs; r++) {
        await reset();
        await page.evaluate(COUNT_MUTATIONS);
        if (profiling) {
          // the script's own time by function (no trace: a sampling profile of the input and the next frames)
          await cdp.send('Profiler.start');
          await act();
          await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))');
          const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
          const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
          profile.samples.forEach((id, i) => {
            const f = byNode.get(id)!.callFrame;
            const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
            self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000 / runs);
          });
          continue;
        }
        await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'toplevel', 'v8.execute'] });
        await act();
        await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))');
        const json = (await browser.stopTracing()).toString();
        if (dir !== undefined) writeFileSync(`${dir}/hover-${name}-${r}.json`, json);
        const m = (await page.evaluate('window.__mut')) as { attributes: number; added: number; removed: number; text: number; attrNames: Record<string, number> };
        const { total, byPhase } = phases(json);
        const fmt = [...byPhase].map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
        const attrs = Object.entries(m.attrNames).map(([k, v]) => `${k}×${v}`).join(' ');
        console.log(`${name.padEnd(6)} tasks ${total.toFixed(1)} ms | ${fmt} | DOM: ${m.attributes} attrs (${attrs}), +${m.added} −${m.removed} nodes, ${m.text} texts`);
      }
      if (profiling) {
        console.log(`${name}: self time per input (ms), top functions:`);
        for (const [k, v] of [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`  ${v.toFixed(2).padStart(7)}  ${k}`);
      }
    }
    await context.close();
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
