/**
 * What the load's frames spend their style and layout on: a cold load of row ix (LOAD_PROBE, the same
 * viewport and clicks) traced with Blink's own categories, and for each main-thread task with a style
 * recalc or a layout over MIN_MS (CPU, x4 when RATE=1), every event inside it summed by name (count,
 * CPU x4), the biggest first: font lookups (fallback for a character, a family's first use), text
 * shaping, style, layout. Finds what a frame's time is made of, not only its size.
 *   RATE=1 MIN_MS=20 node --import tsx bench/startup/frame_detail.ts URL [RUNS]
 * SHORT=1: one line a task (its CPU, style and layout sizes and times, and the font work inside:
 * FontCache lookups, font IPC replies, shaping), for alternating two builds.
 */
import { chromium } from '@playwright/test';
import { CPU_SLOWDOWN } from '../browser_goals';
import { pageMainThread, tracedLoad, type TraceEvent } from './traced_load';
const url = process.argv[2];
const runs = Number(process.argv[3] ?? 1);
const RATE = Number(process.env.RATE ?? CPU_SLOWDOWN);
const SCALE = CPU_SLOWDOWN / RATE;
const MIN_MS = Number(process.env.MIN_MS ?? 20);
const TOP = Number(process.env.TOP ?? 25);
const SHORT = process.env.SHORT !== undefined;
const FONT_WORK = ['FontCache::GetFontPlatformData', 'Receive mojo reply', 'InlineNode::ShapeTextIncludingFirstLine'];
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', 'v8', 'blink', 'fonts', 'disabled-by-default-fonts', 'blink_style', 'disabled-by-default-blink.debug.layout'];
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (let run = 0; run < runs; run++) {
  const { events } = await tracedLoad(browser, url, { rate: RATE, categories: CATEGORIES });
  const main = pageMainThread(events);
  const m = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  const ms = (e: TraceEvent) => ((e.tdur ?? 0) * SCALE) / 1000;
  const t0 = m.find((e) => e.name === 'ParseHTML')!.ts;
  const frames = m.filter((e) => e.name === 'RunTask' && e.tdur !== undefined)
    .filter((t) => m.some((e) => (e.name === 'Layout' || e.name === 'UpdateLayoutTree') && e.ts >= t.ts && e.ts < t.ts + t.dur! && ms(e) > MIN_MS));
  console.log(`${url.replace(/^http:\/\/[^/]+/, '')} run ${run}`);
  for (const t of frames) {
    const inside = m.filter((e) => e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur!);
    const sizes = inside.filter((e) => e.name === 'UpdateLayoutTree' || e.name === 'Layout')
      .map((e) => `${e.name === 'Layout' ? 'layout' : 'style'} ${e.args?.beginData?.totalObjects ?? e.args?.elementCount ?? '?'} ${ms(e).toFixed(0)}`).join(', ');
    const byName = new Map<string, { n: number; cpu: number }>();
    for (const e of inside) {
      const s = byName.get(e.name) ?? { n: 0, cpu: 0 };
      s.n++; s.cpu += ms(e);
      byName.set(e.name, s);
    }
    const fonts = FONT_WORK.map((n) => `${n.replace(/.*::/, '')} ×${byName.get(n)?.n ?? 0} ${(byName.get(n)?.cpu ?? 0).toFixed(1)}`).join(', ');
    console.log(`  task @${((t.ts - t0) / 1000).toFixed(0)} (after ParseHTML) CPU ${ms(t).toFixed(0)} ms x${SCALE}: ${sizes}${SHORT ? `; ${fonts}` : ''}`);
    if (!SHORT) for (const [name, s] of [...byName].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, TOP)) console.log(`      ${name} ×${s.n} ${s.cpu.toFixed(1)}`);
  }
}
await browser.close();
