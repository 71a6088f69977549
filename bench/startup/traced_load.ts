/**
 * One cold load of row ix (bench/browser_goals.ts: LOAD_PROBE, 1280×720, "Step forward" clicked as
 * soon as it is enabled), with the CPU slowed `rate`× and traced in `categories`, up to 2 s after it
 * is usable; the shared start of the load tracing tools (ix_trace.ts, frame_detail.ts).
 * `initScripts` run in the page before LOAD_PROBE's; `atEnd` reads the page before the trace ends.
 */
import type { Browser, Page } from '@playwright/test';
import { LOAD_PROBE } from '../browser_goals';

export interface TraceEvent {
  name: string; cat?: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number;
  args?: { name?: string; elementCount?: number; beginData?: { dirtyObjects?: number; totalObjects?: number }; data?: { url?: string; functionName?: string; type?: string } };
}

export async function tracedLoad<T>(
  browser: Browser,
  url: string,
  opts: { rate: number; categories: string[]; initScripts?: string[]; atEnd?: (page: Page) => Promise<T> },
): Promise<{ events: TraceEvent[]; read: T | undefined }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
  try {
    for (const content of opts.initScripts ?? [LOAD_PROBE]) await context.addInitScript({ content });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: opts.rate });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: opts.categories }, transferMode: 'ReportEvents' });
    await page.goto(url);
    await page.waitForFunction('window.__load.usableAt !== null', undefined, { timeout: 60_000 });
    await page.waitForTimeout(2000);
    const read = opts.atEnd === undefined ? undefined : await opts.atEnd(page);
    await cdp.send('Tracing.end');
    await done;
    return { events, read };
  } finally {
    await context.close();
  }
}

/** The renderer's main thread of the page (the one that parsed its HTML): its thread_name event. */
export function pageMainThread(events: TraceEvent[]): TraceEvent {
  return events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'ParseHTML'))!;
}
