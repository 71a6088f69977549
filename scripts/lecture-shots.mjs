/**
 * lecture-shots: screenshots of presentation mode (issue 14, the lecture hall) at the steps that
 * matter of each core lesson (a fork, a copy-on-write fault, a pageout, a collapse...): each at
 * 1920×1080 and 1280×720, and the 1920 one shrunk to 640×360 (the PNG loaded as a data URL in a
 * 640×360 page: what the back row of a hall sees), at speed Instant (a step shows whole at once).
 * Writes test-results/lecture-shots/<lesson>-<step>-<size>.png. Serves dist/ with `vite preview`
 * on SHOTS_PORT (4432) unless SHOTS_URL names a server already up; build first (npx vite build).
 *
 *   npm run shots                       all the lessons below
 *   npm run shots -- fork_copy:16       only these lesson:step pairs
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
/* global fetch, setTimeout, document, requestAnimationFrame */
import { chromium } from 'playwright-core';

/** The steps shown of each core lesson. */
const STEPS = {
  fork_copy: [9, 16, 28],
  fork_share: [12, 29],
  fork_none: [9, 28],
  shared_object_two_tasks: [10, 24],
  copy_on_map: [9, 14, 27, 37],
  remap_share: [7, 31],
  remap_copy: [10, 22, 30],
  cow_after_fork_read: [8, 21],
  tlb_basics: [6, 22, 28, 40],
  pageout_pagein: [15, 19, 40],
  chain_collapse: [9, 15],
  file_pager: [10, 24, 30],
};
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];
const OUT = 'test-results/lecture-shots';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

const wanted = process.argv.slice(2).map((a) => a.split(':'));
const jobs = wanted.length > 0 ? wanted.map(([l, s]) => [l, Number(s)]) : Object.entries(STEPS).flatMap(([l, ss]) => ss.map((s) => [l, s]));

async function serve() {
  if (process.env.SHOTS_URL) return { url: process.env.SHOTS_URL, stop: () => {} };
  const port = Number(process.env.SHOTS_PORT ?? 4432);
  const child = spawn('./node_modules/.bin/vite', ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => child.kill() };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`vite preview did not answer on ${url}`);
}

mkdirSync(OUT, { recursive: true });
const server = await serve();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: size });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    for (const [lesson, step] of jobs) {
      await page.goto(`${server.url}/#builtin=${lesson}&step=${step}`);
      await page.waitForFunction((n) => new RegExp(`^step ${n} /`).test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''), step);
      if ((await page.getAttribute('[data-testid="app"]', 'data-presentation')) !== 'true') {
        // Instant: the step shown whole, with its marks (reduced motion would still play its events in turn)
        await page.getByLabel('Animation speed').selectOption({ label: 'Instant' });
        await page.getByLabel('Animation speed').blur();
        await page.keyboard.press('p');
      }
      await page.waitForSelector('svg[data-presentation="true"]');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
      const file = `${OUT}/${lesson}-${step}-${size.width}.png`;
      await page.screenshot({ path: file });
      if (size.width === 1920) {
        // what the back row sees: the 1920×1080 picture shrunk to 640×360
        const small = await browser.newPage({ viewport: { width: 640, height: 360 } });
        const data = readFileSync(file).toString('base64');
        await small.setContent(`<body style="margin:0;background:#000"><img src="data:image/png;base64,${data}" style="width:640px;height:360px;display:block"></body>`);
        await small.waitForFunction(() => document.querySelector('img')?.complete === true);
        await small.screenshot({ path: `${OUT}/${lesson}-${step}-640.png` });
        await small.close();
      }
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.stop();
}
