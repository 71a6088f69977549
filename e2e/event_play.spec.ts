/**
 * A step plays event by event, and the copy-on-write copy is one big chip the room can follow:
 * fork_copy's step 16 (the child's first write) in presentation mode, sampled every 50 ms while it
 * plays (in the page: each sample reads the narration line being told and the diagram).
 */
import { expect, test, type Page } from '@playwright/test';
import { TIMED } from './timed';

interface Sample {
  t: number;
  line: string | null;
  object2: boolean;
  /** page 0x0 of object 2 is resident (its label names a frame). */
  page20: boolean;
  /** The TLB has the child's new entry: 0x1000 (task C, vpn 0x1) → frame 3, the copy. */
  childTlb: boolean;
  chips: number;
  chip: { label: string; x: number; y: number; w: number; h: number; fontPx: number; fill: string } | null;
  veil: { opacity: number; involved: string } | null;
}

/** Starts sampling in the page every 50 ms for `ms`; returns a function that waits for and returns the samples. */
async function sampleWhilePlaying(page: Page, ms: number): Promise<() => Promise<Sample[]>> {
  await page.evaluate((ms) => {
    const w = window as unknown as { __samples: Sample[] };
    w.__samples = [];
    const t0 = performance.now();
    const take = () => {
      const chips = document.querySelectorAll('[data-testid="moving-page"]');
      const chip = chips[0];
      const box = chip?.querySelector('rect')?.getBoundingClientRect();
      const text = chip?.querySelector('text');
      const veil = document.querySelector('[data-testid="dim-overlay"]');
      w.__samples.push({
        t: performance.now() - t0,
        line: document.querySelector('[data-testid="narration"] li[data-state="active"]')?.textContent ?? null,
        object2: document.querySelector('[data-testid="object-2"]') !== null,
        page20: /frame \d/.test(document.querySelector('[data-testid="page-2-0"]')?.getAttribute('aria-label') ?? ''),
        childTlb: [...document.querySelectorAll('[data-testid="tlb"] [data-key^="tlb:"]')].some((e) => /task C, virtual page 0x1 .*→ frame 3/.test(e.getAttribute('aria-label') ?? '')),
        chips: chips.length,
        chip:
          box === undefined || text === null || text === undefined
            ? null
            : { label: text.textContent ?? '', x: box.x, y: box.y, w: box.width, h: box.height, fontPx: text.getBoundingClientRect().height, fill: chip.querySelector('rect')!.getAttribute('fill') ?? '' },
        veil: veil === null ? null : { opacity: Number(veil.getAttribute('opacity')), involved: veil.getAttribute('data-involved') ?? '' },
      });
      if (performance.now() - t0 < ms) setTimeout(take, 50);
    };
    take();
  }, ms);
  return async () => {
    await page.waitForTimeout(ms + 100);
    return page.evaluate(() => (window as unknown as { __samples: Sample[] }).__samples);
  };
}

/** fork_copy at step 15, the speed picked, in presentation mode. */
async function atStep15(page: Page, speed: 'Normal' | 'Slow') {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/#builtin=fork_copy&step=15');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 15 \//);
  await page.getByLabel('Animation speed').selectOption({ label: speed });
  await page.getByLabel('Animation speed').blur();
  await page.keyboard.press('p');
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
  await expect(page.getByTestId('object-2')).toHaveCount(0);
}

/** The samples with the chip, and how long it travelled (first sample with it → first at its final place). */
function chipRun(samples: Sample[]) {
  const withChip = samples.filter((s) => s.chip !== null);
  const last = withChip[withChip.length - 1];
  // the chip has gone before the sampling ended (else its travel may be cut short)
  expect(samples[samples.length - 1].chip).toBeNull();
  const arrived = withChip.find((s) => Math.abs(s.chip!.x - last.chip!.x) < 1 && Math.abs(s.chip!.y - last.chip!.y) < 1)!;
  // one run: no gap between the first and the last sample with the chip
  const first = samples.indexOf(withChip[0]);
  const runs = samples.slice(first, samples.indexOf(last) + 1).every((s) => s.chip !== null);
  return { withChip, travelMs: arrived.t - withChip[0].t, visibleMs: last.t - withChip[0].t, oneRun: runs };
}

test('Normal: the COW write plays event by event; one big chip carrying "parent" travels ≥ 0.8 s with the rest dimmed; then what changed is marked', TIMED, async ({ page }) => {
  await atStep15(page, 'Normal');
  const labelPx = await page.getByTestId('task-P').locator('text').first().evaluate((el) => el.getBoundingClientRect().height);
  const done = await sampleWhilePlaying(page, 5200);
  await page.keyboard.press('ArrowRight');
  const samples = await done();
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);

  // the TLB miss: nothing of the copy-on-write is drawn yet
  const miss = samples.filter((s) => s.line?.includes('TLB miss'));
  expect(miss.length).toBeGreaterThan(3);
  for (const s of miss) expect(s.object2 || s.page20 || s.childTlb, `at ${Math.round(s.t)} ms`).toBe(false);
  // the shadow line: object 2 appears, still without the page
  const shadow = samples.filter((s) => s.line?.includes('new shadow object 2'));
  expect(shadow.length).toBeGreaterThan(3);
  for (const s of shadow) expect([s.object2, s.page20, s.childTlb]).toEqual([true, false, false]);
  // the copy line: the page is copied up; the TLB fill comes only with the last line
  const copy = samples.filter((s) => s.line?.includes('copied up into object 2'));
  for (const s of copy) expect([s.object2, s.page20, s.childTlb]).toEqual([true, true, false]);
  const resolved = samples.filter((s) => s.line?.includes('Fault resolved'));
  expect(resolved.length).toBeGreaterThan(0);
  for (const s of resolved) expect(s.childTlb).toBe(true);

  // one chip at a time, once, during the copy line only
  expect(Math.max(...samples.map((s) => s.chips))).toBe(1);
  const run = chipRun(samples);
  expect(run.oneRun).toBe(true);
  for (const s of run.withChip) expect(s.line).toContain('copied up into object 2');
  // the line stays at least as long as the chip travels
  expect(copy[copy.length - 1].t - copy[0].t).toBeGreaterThanOrEqual(run.visibleMs);
  const chip = run.withChip[0].chip!;
  expect(chip.label).toContain('parent');
  expect(chip.fontPx).toBeGreaterThanOrEqual(1.6 * labelPx * 0.95);
  expect(chip.w * chip.h).toBeGreaterThan(4 * 59 * 34);
  expect(chip.h).toBeGreaterThan(1.4 * 34);
  expect(chip.fill).not.toBe('#ff66ff'); // not the step highlight's colour
  expect(run.travelMs).toBeGreaterThanOrEqual(800);
  expect(run.travelMs).toBeLessThan(1500);
  // everything not involved is dimmed meanwhile: the tasks, the TLB, the other frames
  for (const s of run.withChip) {
    expect(s.veil).not.toBeNull();
    expect(s.veil!.opacity).toBeGreaterThanOrEqual(0.5);
    expect(s.veil!.involved.split(' ').sort()).toEqual(['frame:0', 'frame:3', 'object:1', 'object:2', 'page:1:0', 'page:2:0']);
  }
  expect(samples.filter((s) => s.veil !== null).every((s) => s.chip !== null)).toBe(true);

  // the step shown whole: changed (solid) apart from only touched (dashed)
  await expect(page.getByTestId('narration').locator('li[data-state="active"]')).toHaveCount(0);
  for (const id of ['object-2', 'page-2-0', 'frame-3', 'entry-2']) await expect(page.getByTestId(id), id).toHaveAttribute('data-changed', 'true');
  for (const id of ['page-1-0', 'frame-0']) {
    await expect(page.getByTestId(id), id).toHaveAttribute('data-step', 'true');
    await expect(page.getByTestId(id), id).not.toHaveAttribute('data-changed', 'true');
  }
  await expect(page.locator('[data-testid="tlb"] [data-changed="true"]')).toHaveCount(1);
});

/** The brightest white-ish pixel (0-255: the min of r, g, b; the green chip passing over counts low) of a PNG, decoded in the page. */
async function brightest(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = c.getContext('2d')!;
    g.drawImage(bitmap, 0, 0);
    const d = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let max = 0;
    for (let i = 0; i < d.length; i += 4) max = Math.max(max, Math.min(d[i], d[i + 1], d[i + 2]));
    return max;
  }, png.toString('base64'));
}

test('Slow: the chip travels ≥ 1.5 s; what it does not concern is visibly dimmed on screen meanwhile', TIMED, async ({ page }) => {
  await atStep15(page, 'Slow');
  const taskP = page.getByTestId('task-P');
  const done = await sampleWhilePlaying(page, 7500);
  await page.keyboard.press('ArrowRight');
  // task P on screen while the chip travels (a screenshot taken while the chip is there before and after it)
  let dimmed: number | null = null;
  await page.getByTestId('moving-page').waitFor();
  while (dimmed === null && (await page.getByTestId('moving-page').count()) === 1) {
    const shot = await taskP.screenshot();
    if ((await page.getByTestId('moving-page').count()) === 1) dimmed = await brightest(page, shot);
  }
  expect(dimmed, 'a screenshot of task P while the chip travels').not.toBeNull();
  const samples = await done();
  const run = chipRun(samples);
  expect(run.oneRun).toBe(true);
  expect(run.travelMs).toBeGreaterThanOrEqual(1500);
  await expect(page.getByTestId('dim-overlay')).toHaveCount(0);
  const lit = await brightest(page, await taskP.screenshot());
  expect(lit).toBeGreaterThan(200); // white text on black
  expect(dimmed!).toBeLessThan(0.5 * lit);
});

test('a TLB eviction leaves a ghost of the evicted entry beside the refilled slot', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // step 19 reads page 0x14 of A: set 0 is full (0x10, 0x12), the least recently used (0x10, frame 0) goes
  await page.goto('/#builtin=tlb_basics&step=18');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 18 \//);
  await page.getByLabel('Animation speed').selectOption({ label: 'Instant' });
  await page.getByLabel('Animation speed').blur();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 19 \//);
  const ghost = page.getByTestId('tlb-ghost');
  await expect(ghost).toHaveCount(1);
  await expect(ghost).toContainText('evicted');
  await expect(ghost).toContainText('A 0x10→0');
  // beside the slot that was refilled, which is lit as changed
  const slot = await ghost.getAttribute('data-slot');
  const refilled = page.locator(`[data-key="tlb:${slot}"]`);
  await expect(refilled).toHaveAttribute('data-changed', 'true');
  const [g, s] = [await ghost.boundingBox(), await refilled.boundingBox()];
  expect(Math.abs(g!.y - s!.y)).toBeLessThan(2 * s!.height);
  expect(g!.x).toBeGreaterThanOrEqual(s!.x + s!.width - 1);
  // presentation mode draws the diagram anew: the ghost and what changed stay
  await page.keyboard.press('p');
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
  await page.keyboard.press('s'); // one step at a time: the next step, an assert, evicts nothing
  await expect(ghost).toHaveCount(1);
  await expect(page.locator(`[data-key="tlb:${slot}"]`)).toHaveAttribute('data-changed', 'true');
  // the next step has no eviction: no ghost
  await page.keyboard.press('ArrowRight');
  await expect(ghost).toHaveCount(0);
});
