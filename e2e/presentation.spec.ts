import { expect, test, type Page } from '@playwright/test';
import { loadBuiltins } from '../src/scenario/builtins_node';
import { Interpreter } from '../src/scenario/interpreter';
import { parseOrThrow } from '../src/scenario/parser';
import { narrate } from '../src/ui/narration/narrate';
import { headlineOf } from '../src/ui/narration/headline';
import { slowWorker } from './slow_worker';

/**
 * Presentation mode, as a lecture hall sees it at 1920×1080 and 1280×720 (the same picture at 2/3):
 * the header is one fixed line, the same on every lesson; the narration shows the line being told
 * large (≥ 3.7% of the viewport height), the statement and, on key d, the why and the rule at
 * ≥ 3%, in colours of ≥ 7:1 on black, and never overflows; &present=1 opens in presentation mode.
 */

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

const CORE = ['fork_copy', 'fork_share', 'fork_none', 'shared_object_two_tasks', 'copy_on_map', 'remap_share', 'remap_copy', 'cow_after_fork_read', 'tlb_basics', 'pageout_pagein', 'chain_collapse', 'file_pager'];

/** Font size of an element, in % of the viewport height. */
async function fontVh(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => (parseFloat(getComputedStyle(el).fontSize) / window.innerHeight) * 100);
}

for (const size of SIZES) {
  test(`presentation mode at ${size.width}×${size.height}: one line large, d for the why and the rule, keyboard stepping, p and Escape`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/#builtin=fork_copy&step=15');
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 15 \//);
    await page.keyboard.press('p');
    const app = page.getByTestId('app');
    await expect(app).toHaveAttribute('data-presentation', 'true');
    await expect(page.getByTestId('editor')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Leave presentation mode' })).toBeVisible();
    // the lecturer steps with the keyboard only
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
    // once the step has played (reduced motion: at once, or line by line without movement), its result line is the one line shown large
    const headline = page.getByTestId('narration-headline');
    await expect(page.getByTestId('narration-statement')).toHaveText('Line 23: kr = write(C, x, "child data!")');
    await expect(headline).toHaveAttribute('data-state', 'result', { timeout: 15_000 });
    await expect(headline).toHaveText('write returned KERN_SUCCESS: task C stored "child data!" at 0x1000.');
    expect(await fontVh(page, 'narration-headline')).toBeGreaterThanOrEqual(3.7);
    expect(await fontVh(page, 'narration-statement')).toBeGreaterThanOrEqual(3.0);
    // not every line at once: the event lines are not on the screen, only in the live region for screen readers
    const narration = page.getByTestId('narration');
    await expect(narration).toContainText('new shadow object 2');
    await expect(page.getByText(/new shadow object 2/)).not.toBeInViewport();
    await expect(page.getByTestId('narration-details')).toHaveCount(0);

    // d: the why and the rule under the headline (here the copy's, the reason the room last heard), kept across steps
    await page.keyboard.press('d');
    const details = page.getByTestId('narration-details');
    await expect(details).toContainText('The write must not change a page that others still see through object 1.');
    await expect(details).toContainText('Rule: copy-on-write: a write copies the page up into the top object');
    expect(await fontVh(page, 'narration-details')).toBeGreaterThanOrEqual(3.0);
    // → skips the quiet steps after it (asserts, an assignment: marks.spec.ts) to the child's next read
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 22 \//);
    await expect(details).toBeVisible();
    await page.keyboard.press('d');
    await expect(details).toHaveCount(0);

    // the keyboard's focus is drawn, thick, on the header's buttons
    await page.getByRole('button', { name: 'Next lesson' }).focus();
    await page.keyboard.press('Tab');
    const focused = page.getByRole('button', { name: 'Step back' });
    await expect(focused).toBeFocused();
    const ring = await focused.evaluate((el) => ({ style: getComputedStyle(el).outlineStyle, px: parseFloat(getComputedStyle(el).outlineWidth) }));
    expect(ring.style).not.toBe('none');
    expect(ring.px).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('Tab');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // the shortcuts list opens over the page: the header stays where it is, whole
    const header = page.getByTestId('presentation-header');
    const before = await header.boundingBox();
    await page.keyboard.press('k');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).locator('tr[data-command="details"]')).toContainText('d');
    expect(await header.boundingBox()).toEqual(before);
    await expect(page.getByTestId('step-counter')).toBeInViewport({ ratio: 1 });
    await page.keyboard.press('k');

    // high contrast: a black page
    expect(await app.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: `test-results/screenshots/presentation-${size.width}.png` });
    await page.keyboard.press('Escape');
    await expect(app).toHaveAttribute('data-presentation', 'false');
    await expect(page.getByTestId('editor')).toBeVisible();
    // in normal mode d does nothing and every line shows with its why and rule
    await page.keyboard.press('d');
    await expect(page.getByTestId('narration').locator('li')).not.toHaveCount(0);
    await expect(page.getByTestId('narration-details')).toHaveCount(0);
  });
}

test('&present=1 opens a lesson in presentation mode at its step; another value is ignored; Share can make such a link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=copy_on_map&step=4&present=1');
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 4 \//);
  await page.goto('about:blank');
  await page.goto('/#builtin=copy_on_map&step=4&present=yes');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 4 \//);
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'false');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // a lecturer prepares the projector's tab: Share, ticked "opens in presentation mode"
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByTestId('share-link')).toHaveValue(/&step=4$/);
  await page.getByLabel('opens in presentation mode').check();
  await expect(page.getByTestId('share-link')).toHaveValue(/&step=4&present=1$/);
  const link = await page.getByTestId('share-link').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 4 \//);
});

/**
 * Everything about the header a test can measure, in the page: its box, the step counter's, every
 * text's size and contrast on black, that it is one line, and what is clipped. Returns the boxes
 * (to compare across lessons) and the failures, saying what and where.
 */
function measureHeader() {
  const header = document.querySelector('[data-testid="presentation-header"]') as HTMLElement;
  const counter = header.querySelector('[data-testid="step-counter"]') as HTMLElement;
  const vh = window.innerHeight / 100;
  const fails: string[] = [];
  const box = (el: Element) => {
    const r = el.getBoundingClientRect();
    return [r.left, r.top, r.width, r.height].map((v) => Math.round(v * 10) / 10).join(',');
  };
  // the relative luminance of a CSS colour (Tailwind's are oklch(): a canvas turns them into sRGB)
  const paint = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  const lum = (c: string) => {
    paint.clearRect(0, 0, 1, 1);
    paint.fillStyle = c;
    paint.fillRect(0, 0, 1, 1);
    const [r, g, b] = Array.from(paint.getImageData(0, 0, 1, 1).data.slice(0, 3)).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const hr = header.getBoundingClientRect();
  if (Math.abs(hr.height - 8 * vh) > 1) fails.push(`header is ${hr.height} px tall, not 8vh`);
  if (header.scrollWidth > header.clientWidth + 1) fails.push(`header overflows: ${header.scrollWidth} > ${header.clientWidth}`);
  const cr = counter.getBoundingClientRect();
  if (counter.scrollWidth > counter.clientWidth + 1) fails.push(`step counter clipped: ${counter.scrollWidth} > ${counter.clientWidth}`);
  if (cr.left < 0 || cr.right > window.innerWidth || cr.top < 0 || cr.bottom > window.innerHeight) fails.push(`step counter outside the viewport: ${box(counter)}`);
  if (cr.left < header.querySelector('h1')!.getBoundingClientRect().right) fails.push('step counter overlaps the title');
  for (const el of Array.from(header.querySelectorAll('h1, button, [data-testid="step-counter"], [data-testid="run-progress"]'))) {
    const r = el.getBoundingClientRect();
    const name = el.textContent?.trim() ?? el.tagName;
    if (r.top < hr.top - 0.5 || r.bottom > hr.bottom + 0.5) fails.push(`"${name}" is not on the header's one line`);
    if (r.right > window.innerWidth + 0.5) fails.push(`"${name}" is past the right edge`);
    const style = getComputedStyle(el);
    const px = parseFloat(style.fontSize);
    if (px < 3 * vh - 0.01) fails.push(`"${name}" text ${px} px < 3vh`);
    const ratio = (lum(style.color) + 0.05) / 0.05;
    if (ratio < 7) fails.push(`"${name}" contrast ${ratio.toFixed(1)} < 7`);
  }
  const progress = header.querySelector('[data-testid="run-progress"]') as HTMLElement | null;
  if (progress !== null && progress.scrollWidth > progress.clientWidth + 1) fails.push('the run progress is clipped');
  const h1 = header.querySelector('h1')!;
  if (h1.getAttribute('title') !== h1.textContent) fails.push('the title= is not the whole title');
  return { header: box(header), counter: box(counter), fails };
}

test('the header is the same one line on every built-in lesson at 1280×720 and 1920×1080, the step counter whole', async ({ page }) => {
  test.setTimeout(90_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=fork_copy');
  // the page's first render is sliced (a transition): it may end after the load event
  await expect(page.getByLabel('Built-in scenario').locator('option').nth(38)).toBeAttached();
  const all = await page.getByLabel('Built-in scenario').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
  expect(all.length).toBeGreaterThanOrEqual(38);
  await page.keyboard.press('p');
  await expect(page.getByTestId('presentation-header')).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    let first: { header: string; counter: string } | null = null;
    for (const name of all) {
      // at step 0 (a lesson loads fast there): the counter's box has a fixed width whatever it says ("step 0 / 16384" is measured below)
      await page.evaluate((n) => (window.location.hash = `builtin=${n}`), name);
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="lesson-title"]')?.getAttribute('data-lesson') === n && /^step 0 \/ \d+$/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''),
        name,
        { polling: 'raf' },
      );
      const m = await page.evaluate(measureHeader);
      expect(m.fails, `${name} at ${size.width}`).toEqual([]);
      first ??= m;
      expect({ header: m.header, counter: m.counter }, `${name} at ${size.width}`).toEqual({ header: first.header, counter: first.counter });
    }
  }
});

/**
 * `n` statements: one task, one page, then `exec` of its first byte again and again. The worker is
 * slowed (slow_worker.ts) so the run outlasts SLOW_RUN_MS and the header's measurement at every
 * size whatever the machine: a run is bounded by MAX_WORK, so on a fast machine it would end first.
 */
function fetches(n: number): string {
  const lines = ['task A', 'kr = vm_allocate(A, &x, 0x1000, TRUE)'];
  while (lines.length < n) lines.push('exec(A,x)');
  return lines.join('\n') + '\n';
}

test('the header keeps its one line while a big scenario runs on: "running… N of M" and Stop take the title\'s room', async ({ page }) => {
  test.setTimeout(60_000);
  const n = 20000;
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  await slowWorker(page, 40); // 40 ms before each ~1 ms chunk: the run lasts many seconds
  await page.getByTestId('open-vms').setInputFiles({ name: 'fetches.vms', mimeType: 'text/plain', buffer: Buffer.from(fetches(n)) });
  await expect(page.getByTestId('step-counter')).toHaveText(`step 0 / ${n}`, { timeout: 30_000 });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // the page has the focus, not the file field
  await page.keyboard.press('p');
  await expect(page.getByTestId('presentation-header')).toBeVisible();
  await expect(page.getByTestId('run-progress')).toBeVisible();
  const stop = page.getByRole('button', { name: 'Stop', exact: true });
  await expect(stop).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const m = await page.evaluate(measureHeader);
    expect(m.fails, `at ${size.width}`).toEqual([]);
  }
  await expect(page.getByTestId('run-progress')).toBeVisible(); // it was measured while running
  await stop.click();
});

/** One picture of the band: the statement, the line shown large, and the why and rule shown under it with d. */
interface BandCase {
  lesson: string;
  step: number;
  line: number;
  statement: string;
  headline: string;
  why: string;
  rule: string;
}

/** Every picture the band shows on the core lessons: each line of each step while it plays, and each step's result (headline.ts). */
function bandCases(): BandCase[] {
  const cases: BandCase[] = [];
  for (const b of loadBuiltins().filter((l) => CORE.includes(l.name))) {
    const it = new Interpreter(parseOrThrow(b.source));
    const taskNames = new Map<number, string>();
    const names = { task: (id: number) => taskNames.get(id) ?? `task ${id}`, pageSize: it.kernel.pageSize };
    for (let step = 1; !it.done; step++) {
      const record = it.step();
      for (const e of record.events) if (e.type === 'task_created') taskNames.set(e.task, e.name);
      const lines = narrate(record, names);
      for (let i = -1; i < lines.length; i++) {
        const h = headlineOf(lines, i)!;
        const line = lines[h.index];
        const statement = `${record.line}: ${record.text}`;
        cases.push({ lesson: b.name, step, line: i, statement, headline: line.text, why: h.details?.why ?? '', rule: h.details?.rule ?? '' });
      }
    }
  }
  return cases;
}

/**
 * The band measured in the page for each case: its texts put in the band's own text nodes (the
 * statement's, the headline's, the why's and the rule's), the band re-fitted by the resize it
 * listens to, then checked: font sizes (headline ≥ 3.7vh, statement and details ≥ 3vh), contrast
 * on black ≥ 7:1, nothing overflowing its box or the band, the band inside the viewport under the
 * header. The band's own texts are put back at the end.
 */
function measureBand(cases: BandCase[]) {
  const vh = window.innerHeight / 100;
  const fails: string[] = [];
  const band = document.querySelector('[data-testid="narration"]') as HTMLElement;
  const get = (id: string) => band.querySelector(`[data-testid="${id}"]`) as HTMLElement;
  const statement = get('narration-statement');
  const headline = get('narration-headline');
  const details = get('narration-details');
  const rule = details.querySelector('button[data-rule]')!;
  // the text nodes: "Line " "23" ": " <code>statement</code>; the headline's; the why's (in its span) and the rule's (its link, after "Rule: ")
  const nodes = {
    line: statement.childNodes[1] as Text,
    code: statement.querySelector('code')!.firstChild as Text,
    headline: headline.firstChild as Text,
    why: details.firstChild!.firstChild as Text,
    rule: rule.firstChild as Text,
  };
  const saved = Object.fromEntries(Object.entries(nodes).map(([k, n]) => [k, n.data]));
  const paint = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  const lum = (c: string) => {
    paint.clearRect(0, 0, 1, 1);
    paint.fillStyle = c;
    paint.fillRect(0, 0, 1, 1);
    const [r, g, b] = Array.from(paint.getImageData(0, 0, 1, 1).data.slice(0, 3)).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  for (const c of cases) {
    const at = c.statement.indexOf(': ');
    nodes.line.data = c.statement.slice(0, at);
    nodes.code.data = c.statement.slice(at + 2);
    nodes.headline.data = c.headline;
    nodes.why.data = c.why;
    nodes.rule.data = c.rule;
    window.dispatchEvent(new Event('resize'));
    const what = `${c.lesson} step ${c.step} line ${c.line} "${c.headline.slice(0, 50)}"`;
    for (const [el, floor] of [
      [statement, 3],
      [headline, 3.7],
      [details, 3],
    ] as const) {
      const style = getComputedStyle(el);
      const px = parseFloat(style.fontSize);
      if (px < floor * vh - 0.01) fails.push(`${what}: ${el.dataset.testid} at ${(px / vh).toFixed(2)}vh < ${floor}vh`);
      const ratio = (lum(style.color) + 0.05) / 0.05;
      if (ratio < 7) fails.push(`${what}: ${el.dataset.testid} contrast ${ratio.toFixed(1)} < 7`);
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) fails.push(`${what}: ${el.dataset.testid} overflows its box`);
    }
    const r = band.getBoundingClientRect();
    if (band.scrollHeight > band.clientHeight + 1 || band.scrollWidth > band.clientWidth + 1) fails.push(`${what}: the band overflows`);
    if (r.top < 8 * vh - 1 || r.bottom > window.innerHeight || r.right > window.innerWidth) fails.push(`${what}: the band is not inside the viewport under the header`);
  }
  for (const [k, n] of Object.entries(nodes)) n.data = saved[k];
  window.dispatchEvent(new Event('resize'));
  return { checked: cases.length, fails };
}

test('the narration band never overflows on any line of any step of the core lessons, at 1280×720 and 1920×1080, with the why and rule shown', async ({ page }) => {
  const cases = bandCases();
  expect(cases.length).toBeGreaterThan(600);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  // fork_copy's step 16 has a statement, a result line and details with both a why and a rule: their nodes take each case's texts
  await page.goto('/#builtin=fork_copy&step=16&present=1');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
  await expect(page.getByTestId('narration-headline')).toHaveAttribute('data-state', 'result', { timeout: 15_000 });
  await page.keyboard.press('d');
  await expect(page.getByTestId('narration-details')).toContainText('Rule:');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const { checked, fails } = await page.evaluate(measureBand, cases);
    expect(checked).toBe(cases.length);
    expect(fails, `at ${size.width}×${size.height}`).toEqual([]);
  }
});
