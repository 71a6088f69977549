/* global document, Image, OffscreenCanvas */
// Ad-hoc (issue 18, framecost): does a change show? Whole-page screenshots of two builds at the same lesson and step
// (Normal 1280×720, presentation 1920×1080), compared pixel by pixel: how many pixels differ and by how much at most (0–255).
// FULL=1: the whole page (fullPage), not only the window; sizes of both shots are printed (a different page height shows there).
// node bench/shots_diff.mjs http://127.0.0.1:PORT_A http://127.0.0.1:PORT_B [lesson:presentation(0|1):step ...]
import { chromium } from 'playwright-core';
const [baseA, baseB, ...rest] = process.argv.slice(2);
const cases = (rest.length > 0 ? rest : ['fork_copy:1:12', 'shared_mapping:1:6', 'shared_mapping:0:6', 'copy_on_map:1:16', 'tlb_basics:1:9', 'fork_copy:0:12']).map((c) => { const [l, p, s] = c.split(':'); return [l, Number(p), Number(s)]; });
const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
const cmp = await browser.newPage();
for (const [lesson, pres, step] of cases) {
  const bufs = [];
  for (const base of [baseA, baseB]) {
    const page = await (await browser.newContext({ viewport: pres ? { width: 1920, height: 1080 } : { width: 1280, height: 720 } })).newPage();
    await page.goto(`${base}/#builtin=${lesson}&step=${step}${pres ? '&present=1' : ''}`);
    await page.waitForFunction(() => /^step \d+ \/ [1-9]/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''));
    await page.waitForTimeout(2500);
    bufs.push('data:image/png;base64,' + (await page.screenshot({ animations: 'disabled', fullPage: process.env.FULL === '1' })).toString('base64'));
    await page.close();
  }
  const r = await cmp.evaluate(async ([a, b]) => {
    const load = (src) => new Promise((res) => { const i = new Image(); i.onload = () => res(i); i.src = src; });
    const [ia, ib] = await Promise.all([load(a), load(b)]);
    const px = (img) => { const c = new OffscreenCanvas(img.width, img.height); const x = c.getContext('2d'); x.drawImage(img, 0, 0); return x.getImageData(0, 0, img.width, img.height).data; };
    const [da, db] = [px(ia), px(ib)]; let n = 0, max = 0;
    for (let i = 0; i < da.length; i += 4) { const d = Math.max(Math.abs(da[i] - db[i]), Math.abs(da[i + 1] - db[i + 1]), Math.abs(da[i + 2] - db[i + 2])); if (d > 0) n++; max = Math.max(max, d); }
    return { size: [ia.width, ia.height], sizeB: [ib.width, ib.height], differing: n, max };
  }, bufs);
  console.log(lesson, pres ? 'presentation 1920x1080' : 'normal 1280x720', 'step', step, JSON.stringify(r));
}
await browser.close();
