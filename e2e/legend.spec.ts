/**
 * The diagram's legend (key g), its arrows told apart and labelled on hover, and the zoom: one
 * Ctrl+wheel notch is 1.2× whatever the browser reports a notch as (100 or 120 px, several small
 * events), + and - are 1.2×, the zoom level is shown and goes back to 100 %.
 */
import { expect, test, type Page } from '@playwright/test';
import { axe } from './axe';
import { NOTATIONS } from '../src/ui/diagram/notations';
import { expectDrawn } from './drawn';

/** The scale of the diagram's zoom (1 when never zoomed). */
async function scale(page: Page): Promise<number> {
  const t = await page.getByTestId('diagram-viewport').getAttribute('transform');
  return t === null ? 1 : Number(/scale\(([-\d.e]+)\)/.exec(t)![1]);
}

async function open(page: Page, url: string, step: number) {
  await page.goto(url);
  await page.getByLabel('Animation speed').selectOption('instant'); // the step shown whole at once: no play under the pointer
  await expect(page.getByTestId('step-counter')).toHaveText(new RegExp(`^step ${step} /`));
  await expectDrawn(page, step); // the page's first picture comes after the counter
}

/** A point of the arrow `key` on screen where the pointer finds it (no box over it), or null. */
async function pointOnArrow(page: Page, key: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((k) => {
    const hit = document.querySelector(`[data-link-hit="${k}"]`) as SVGPathElement | null;
    if (hit === null) return null;
    const len = hit.getTotalLength();
    const m = hit.getScreenCTM()!;
    for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85]) {
      const p = hit.getPointAtLength(len * f);
      const x = m.a * p.x + m.c * p.y + m.e;
      const y = m.b * p.x + m.d * p.y + m.f;
      if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
      if (document.elementFromPoint(x, y) === hit) return { x, y };
    }
    return null;
  }, key);
}

test('g opens the legend with a row for every notation; Escape, g and Close shut it', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await open(page, '/#builtin=fork_copy&step=16', 16);
  const legend = page.getByRole('dialog', { name: /Legend/ });
  await expect(legend).toHaveCount(0);
  await page.keyboard.press('g');
  await expect(legend).toBeVisible();
  await expect(legend.locator('[data-notation]')).toHaveCount(NOTATIONS.length);
  // the labels the issue found unexplained, in words
  await expect(legend.locator('[data-notation="frame"]')).toContainText('Frame 1 holds the page of object 1 at offset 0x1000');
  await expect(legend.locator('[data-notation="tlb"]')).toContainText("task C's virtual page 0x1");
  await expect(legend.locator('[data-notation="frame-dirty"]')).toContainText('Orange stripe');
  // each arrow's sample is drawn with its own dash (colour alone does not tell them apart)
  const dashes = await legend.locator('[data-notation^="link-"] svg path[stroke-dasharray], [data-notation^="link-"] svg path:not([stroke-dasharray])').evaluateAll((ps) =>
    ps.filter((p) => p.closest('marker') === null).map((p) => `${p.getAttribute('stroke-dasharray') ?? 'solid'}/${p.getAttribute('stroke-width')}`),
  );
  expect(new Set(dashes).size).toBe(6);
  await page.screenshot({ path: 'test-results/screenshots/legend-1920.png' });
  const scan = await axe(page).include('[data-testid="diagram-legend"]').analyze();
  expect(scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(legend).toHaveCount(0);
  await page.getByRole('button', { name: 'Legend' }).click();
  await expect(legend).toBeVisible();
  await page.keyboard.press('g');
  await expect(legend).toHaveCount(0);
  await page.keyboard.press('g');
  await legend.getByRole('button', { name: 'Close' }).click();
  await expect(legend).toHaveCount(0);
});

test('presentation mode: the legend is readable from the back (text >= 32 px at 1080p) and Escape closes it, not the mode', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await open(page, '/#builtin=fork_copy&step=16', 16);
  await page.keyboard.press('p');
  await expect(page.locator('html[data-presentation="true"]')).toHaveCount(1);
  await page.keyboard.press('g');
  const legend = page.getByRole('dialog', { name: /Legend/ });
  await expect(legend).toBeVisible();
  const size = await legend.locator('[data-notation="frame"] strong').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(32);
  await page.screenshot({ path: 'test-results/screenshots/legend-presentation-1920.png' });
  await page.keyboard.press('Escape');
  await expect(legend).toHaveCount(0);
  await expect(page.locator('html[data-presentation="true"]')).toHaveCount(1);
});

for (const { kind, url, step, label } of [
  { kind: 'map', url: '/#builtin=fork_copy&step=16', step: 16, label: /^mapping: entry 0x1000–0x4000 of task [PC] → object \d+ \(its pages come from there\)$/ },
  { kind: 'shadow', url: '/#builtin=fork_copy&step=16', step: 16, label: /^shadow: object 2 → object 1 \(copy-on-write: reads fall through\)$/ },
  { kind: 'frame', url: '/#builtin=fork_copy&step=16', step: 16, label: /^frame: page 0x\d+ of object \d+ → frame \d+ \(the page is in this frame\)$/ },
  { kind: 'pager', url: '/#builtin=coalescing&step=40', step: 40, label: /^pager: object \d+ → file \S+ \(its pages are read from the file\)$/ },
  { kind: 'swap', url: '/#builtin=pageout_pagein&step=18', step: 18, label: /^swap: object \d+ → the default pager \(some of its pages are in swap\)$/ },
  { kind: 'copy', url: '/#builtin=copy_mapping&step=10', step: 10, label: /^copy object: object \d+ → object \d+ \(gets the original pages before they change\)$/ },
]) {
  test(`an arrow of kind ${kind} says what it joins on hover`, async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await open(page, url, step);
    const keys = await page.locator(`[data-link-hit^="${kind}:"]`).evaluateAll((ps) => ps.map((p) => p.getAttribute('data-link-hit')!));
    expect(keys.length).toBeGreaterThan(0);
    let point = null;
    for (const k of keys) if ((point = await pointOnArrow(page, k)) !== null) break;
    expect(point, `a point of a ${kind} arrow the pointer reaches`).not.toBeNull();
    await page.mouse.move(point!.x, point!.y);
    const probe = page.getByTestId('link-probe');
    await expect(probe).toHaveAttribute('data-link', kind);
    await expect(probe.locator('text')).toHaveText(label);
    if (kind === 'shadow') await page.screenshot({ path: 'test-results/screenshots/link-probe-shadow.png' });
    // leaving the arrow takes the label away
    await page.mouse.move(5, 5);
    await expect(probe).toHaveCount(0);
  });
}

test('one Ctrl+wheel notch is 1.2× (100 px, 120 px, a notch in small events); + and - are 1.2×; the level shows and resets', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.emulateMedia({ reducedMotion: 'reduce' }); // no animation: each zoom is there at once
  await open(page, '/#builtin=fork_copy&step=16', 16);
  const level = page.getByTestId('zoom-level');
  await expect(level).toHaveText('100 %');
  // how many wheel events the page sees per notch, and whether anything else zooms the page
  await page.evaluate(() => {
    (window as unknown as { wheels: number }).wheels = 0;
    addEventListener('wheel', () => (window as unknown as { wheels: number }).wheels++, { capture: true, passive: true });
  });
  const box = (await page.getByTestId('task-P').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const notch = async (deltaY: number, events = 1) => {
    const before = await scale(page);
    await page.keyboard.down('Control');
    for (let i = 0; i < events; i++) await page.mouse.wheel(0, deltaY / events);
    await page.keyboard.up('Control');
    await expect.poll(() => scale(page)).not.toBe(before);
    await page.waitForTimeout(100);
    return (await scale(page)) / before;
  };
  expect(await notch(-100)).toBeCloseTo(1.2, 3);
  expect(await page.evaluate(() => (window as unknown as { wheels: number }).wheels)).toBe(1); // one event, one zoom
  expect(await notch(-120)).toBeCloseTo(1.2, 3);
  expect(await notch(120)).toBeCloseTo(1 / 1.2, 3);
  expect(await notch(100)).toBeCloseTo(1 / 1.2, 3);
  await expect.poll(() => scale(page)).toBeCloseTo(1, 3);
  // a touchpad's pinch: many small events add up smoothly, to 1.2× for 100 px
  expect(await notch(-100, 10)).toBeCloseTo(1.2, 2);
  await expect(level).toHaveText('120 %');
  expect(await page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1); // the page itself never zoomed
  expect(await page.evaluate(() => Math.round(devicePixelRatio * 100))).toBe(100);

  // the level is a button back to 100 %
  await level.click();
  await expect.poll(() => scale(page)).toBeCloseTo(1, 4);
  await expect(level).toHaveText('100 %');
  // + and - are the same notch
  await page.locator('body').click({ position: { x: 2, y: 2 } }); // the focus off the button: its Enter/Space are its own
  await page.keyboard.press('+');
  await expect.poll(() => scale(page)).toBeCloseTo(1.2, 4);
  await expect(level).toHaveText('120 %');
  await page.keyboard.press('=');
  await expect.poll(() => scale(page)).toBeCloseTo(1.44, 4);
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect.poll(() => scale(page)).toBeCloseTo(1, 4);
  await expect(level).toHaveText('100 %');
});
