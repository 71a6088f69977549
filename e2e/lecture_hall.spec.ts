/**
 * Lecture hall (issue 14): presentation mode read from the back row. On every step of each core
 * lesson, at 1920×1080 and 1280×720, at speed Instant (a step shows whole at once, with what it
 * changed and its TLB ghosts; reduced motion would still play each event's state in turn), one
 * page.evaluate (lecture_hall_measure.ts) checks the diagram: text sizes (≥ 3.0vh, median ≥
 * 3.7vh), contrast, arrow and border widths, everything on screen and inside its box, no overlap,
 * not under the header or the narration band. Then "Zoom to fit" fits after a zoom in, in
 * presentation mode and in normal mode.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectDrawn } from './drawn';
import { measureLectureHall, type Measured } from './lecture_hall_measure';

const CORE = [
  'fork_copy', 'fork_share', 'fork_none', 'shared_object_two_tasks', 'copy_on_map', 'remap_share',
  'remap_copy', 'cow_after_fork_read', 'tlb_basics', 'pageout_pagein', 'chain_collapse', 'file_pager',
];
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];

/** The step shown and the last one, from the step counter ("step 16 / 37"). */
async function counter(page: Page): Promise<[number, number]> {
  const t = (await page.getByTestId('step-counter').textContent()) ?? '';
  const m = /step (\d+) \/ (\d+)/.exec(t);
  return m === null ? [-1, -1] : [Number(m[1]), Number(m[2])];
}

/**
 * In the page: waits (polling each frame, up to `ms`) for the step counter to say `n` and the
 * presentation diagram to be laid out for its box as it is now (after a resize, a re-fit after the
 * narration band's height changed), then two more frames for that to be drawn. Null when settled,
 * else what it was still waiting for. Self-contained: serialised into the page.
 */
function settleInPage([n, ms]: [number, number]): Promise<string | null> {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  const t0 = performance.now();
  const wait = async (what: string, ok: () => boolean): Promise<string | null> => {
    while (!ok()) {
      if (performance.now() - t0 > ms) return what;
      await frame();
    }
    return null;
  };
  const fitted = () => {
    const el = document.querySelector<HTMLElement>('[data-testid="machine-diagram"]');
    const [w, h] = (el?.dataset.box ?? '').split('x').map(Number);
    return el !== null && Math.abs(w - el.clientWidth) <= 1 && Math.abs(h - el.clientHeight) <= 1;
  };
  const shown = () => new RegExp(`^step ${n} /`).test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? '');
  return (async () => {
    const notShown = await wait(`the step counter to say step ${n}`, shown);
    if (notShown !== null) return notShown;
    await frame();
    await frame();
    const notFitted = await wait('the diagram to fit its box', fitted);
    if (notFitted !== null) return notFitted;
    await frame();
    await frame();
    return null;
  })();
}

/** Settles the step shown (settleInPage) and measures it (measureLectureHall), in one round trip. */
async function settleAndMeasure(page: Page, n: number): Promise<Measured> {
  const script = `(${settleInPage.toString()})([${n}, 20000]).then((late) => late === null ? (${measureLectureHall.toString()})() : { failures: ['still waiting for ' + late], texts: -1, medianVh: 0 })`;
  return (await page.evaluate(script)) as Measured;
}

// the lessons' walks are shared out between the workers (playwright.config.ts)
test.describe.configure({ mode: 'parallel' });

// Each lesson is walked at each size, every step measured: at 1920×1080 forwards from step 0; its
// last step again after a resize to 1280×720 (the diagram re-fitted to a new box); then from step 0
// (Home) forwards at 1280×720. Each step's settle and measure is one page.evaluate.
for (const lesson of CORE) {
  test(`lecture hall at 1920×1080 and 1280×720: every step of ${lesson} is readable from the back row`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(SIZES[0]);
    // no 120 ms outline fades: a resize changes every stroke's width, measured at once
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`/#builtin=${lesson}&step=0`);
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 0 \/ [1-9]/);
    // Instant: every step is shown whole at once, with its changed / touched marks and TLB ghosts
    await page.getByLabel('Animation speed').selectOption({ label: 'Instant' });
    await page.getByLabel('Animation speed').blur();
    await page.keyboard.press('p');
    await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
    await page.keyboard.press('s'); // every step, the quiet ones too
    // the lesson runs in the background after its first step shows: wait for its last step to be known
    await expect.poll(async () => (await counter(page))[1]).toBeGreaterThan(20);
    const [, last] = await counter(page);
    const failures: string[] = [];
    const measure = async (n: number, at: number) => {
      const m = await settleAndMeasure(page, n);
      const size = `${SIZES[at].width}×${SIZES[at].height}`;
      expect(m.texts, `step ${n} at ${size} draws its texts (at least the frames' and the TLB's headings and counts): ${m.failures.join('; ')}`).toBeGreaterThanOrEqual(4);
      for (const f of m.failures) failures.push(`${lesson} step ${n} at ${size}: ${f}`);
    };
    const walk = async (at: number) => {
      for (let n = 0; n <= last; n++) {
        if (n > 0) await page.keyboard.press('ArrowRight');
        await measure(n, at);
      }
    };
    await walk(0);
    await page.setViewportSize(SIZES[1]);
    await measure(last, 1); // re-fitted after the resize
    await page.keyboard.press('Home');
    await walk(1);
    expect(failures.slice(0, 30), `${failures.length} failures`).toEqual([]);
  });
}

/** True when the drawing's box (the zoomed viewport group) is inside the diagram's area on screen. */
async function drawingFits(page: Page): Promise<{ ok: boolean; what: string }> {
  return page.getByTestId('diagram-viewport').evaluate((g) => {
    const svg = (g as SVGGElement).ownerSVGElement!;
    const area = svg.getBoundingClientRect();
    const win = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    const clip = { left: Math.max(area.left, win.left), top: Math.max(area.top, win.top), right: Math.min(area.right, win.right), bottom: Math.min(area.bottom, win.bottom) };
    const r = g.getBoundingClientRect();
    const ok = r.left >= clip.left - 1 && r.top >= clip.top - 1 && r.right <= clip.right + 1 && r.bottom <= clip.bottom + 1;
    return { ok, what: `drawing ${r.left.toFixed(0)},${r.top.toFixed(0)}–${r.right.toFixed(0)},${r.bottom.toFixed(0)} in area ${clip.left.toFixed(0)},${clip.top.toFixed(0)}–${clip.right.toFixed(0)},${clip.bottom.toFixed(0)}` };
  });
}

for (const mode of ['presentation', 'normal'] as const) {
  test(`Zoom to fit fits the whole drawing after a zoom in (${mode} mode)`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/#builtin=fork_copy&step=16');
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
    await expectDrawn(page, 16); // the zoom keys below act on the drawn picture
    if (mode === 'presentation') await page.keyboard.press('p');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect.poll(async () => (await drawingFits(page)).ok).toBe(false);
    await page.keyboard.press('0');
    const fit = await drawingFits(page);
    expect(fit.ok, fit.what).toBe(true);
  });
}
