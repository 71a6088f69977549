/**
 * For the e2e tests of hostile input (issue 15): does the page still answer a click, and how much
 * memory does the whole browser hold while it works on a link?
 *
 * Memory is the sum of the proportional set size (Pss: shared pages split between the processes
 * sharing them) of every process of this browser, which Chromium lists over the DevTools protocol
 * (SystemInfo.getProcessInfo): the renderers (the page and its kernel worker), the GPU and the
 * utility processes. Linux only (/proc/PID/smaps_rollup), as CI is. An idle browser on one page of
 * the app holds about 300 MB this way.
 */
import { readFileSync } from 'node:fs';
import { expect, type Browser, type Page } from '@playwright/test';

/** What a hostile link may make the browser hold, in MB (the bound). */
export const MEMORY_BOUND_MB = 1024;
/** How soon the page must answer a click, in ms (the bound). */
export const ANSWER_MS = 1000;

/** The browser's memory now, in MB: the Pss of all its processes. */
export async function browserMemoryMB(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { id: number }[] };
    let kb = 0;
    for (const { id } of processInfo) {
      try {
        const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${id}/smaps_rollup`, 'utf8'));
        if (m !== null) kb += Number(m[1]);
      } catch {
        // the process ended between the listing and the reading: it holds nothing now
      }
    }
    return kb / 1024;
  } finally {
    await cdp.detach();
  }
}

/** Samples the browser's memory every `everyMs` until stopped; stop() gives the peak in MB. */
export function watchPeakMemory(browser: Browser, everyMs = 200): { stop: () => Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await browserMemoryMB(browser));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return Math.max(peak, await browserMemoryMB(browser));
    },
  };
}

/**
 * Clicks the header's "Quiz mode" toggle and waits for it to show it is pressed, then clicks it
 * again to put it back; fails unless each click is answered within `ms`. Returns the slower of the
 * two answers in ms. A page whose main thread is frozen (a long layout, a huge string being built)
 * answers neither.
 */
export async function answersClickWithin(page: Page, ms = ANSWER_MS): Promise<number> {
  const toggle = page.getByRole('button', { name: 'Quiz mode' });
  let slowest = 0;
  for (const pressed of ['true', 'false']) {
    const t0 = Date.now();
    await toggle.click({ timeout: ms });
    await expect(toggle, `the page answers a click within ${ms} ms`).toHaveAttribute('aria-pressed', pressed, { timeout: Math.max(1, ms - (Date.now() - t0)) });
    slowest = Math.max(slowest, Date.now() - t0);
  }
  return slowest;
}

/**
 * Opens `url` and, for `forMs` after, keeps clicking (each click answered within ANSWER_MS) while
 * watching the browser's memory; fails if a click goes unanswered or the memory passes
 * MEMORY_BOUND_MB. Returns the slowest answer and the peak memory, for the test's own report.
 */
export async function expectResponsiveWhileOpening(page: Page, browser: Browser, url: string, forMs = 8000): Promise<{ slowestMs: number; peakMB: number }> {
  const memory = watchPeakMemory(browser);
  let slowestMs = 0;
  let peakMB: number;
  try {
    await page.goto(url);
    await expect(page.getByRole('button', { name: 'Quiz mode' })).toBeVisible({ timeout: ANSWER_MS * 5 });
    const until = Date.now() + forMs;
    while (Date.now() < until) {
      slowestMs = Math.max(slowestMs, await answersClickWithin(page));
      await page.waitForTimeout(250);
    }
  } finally {
    // measured even when a click failed first, so the failure reports the memory too
    peakMB = await memory.stop();
  }
  expect(peakMB, `the browser's memory while the link is open (MB)`).toBeLessThan(MEMORY_BOUND_MB);
  return { slowestMs, peakMB };
}
