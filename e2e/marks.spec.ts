import { axe } from './axe';
import { expect, test, type Page } from '@playwright/test';
import { loadBuiltins } from '../src/scenario/builtins_node';
import { Interpreter } from '../src/scenario/interpreter';
import { parseOrThrow } from '../src/scenario/parser';

/**
 * Steps that matter: presentation mode's → and ← skip the steps that change nothing on screen
 * (s turns it off and on); the timeline marks the steps with a fault, a copy-on-write copy, a TLB
 * shootdown or a pageout, and a scenario's `# mark:` stops, which ] and [ and the Stops list reach.
 */

const counter = (page: Page) => page.getByTestId('step-counter');

/** The steps of built-in `name` whose records have an event of one of `types` (the interpreter, run here). */
function stepsWith(name: string, types: string[]): number[] {
  const lesson = loadBuiltins().find((b) => b.name === name)!;
  const it = new Interpreter(parseOrThrow(lesson.source));
  const steps: number[] = [];
  for (let step = 1; !it.done; step++) if (it.step().events.some((e) => types.includes(e.type))) steps.push(step);
  return steps;
}

test('presentation mode: → skips the asserts and assignments, ← skips back, s steps one by one again', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=fork_copy&step=15&present=1');
  await expect(counter(page)).toHaveText('step 15 / 37');
  const skip = page.getByRole('button', { name: 'Skip quiet steps' });
  await expect(skip).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('step 16 / 37'); // the child's write
  await expect(page.getByTestId('narration-statement')).toHaveText('Line 23: kr = write(C, x, "child data!")');
  // steps 17–21 are two asserts, an assignment and two asserts: the next step shown is the child's read
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('step 22 / 37');
  await expect(page.getByTestId('narration-statement')).toHaveText('Line 29: kr = read(C, x + 0x1000, 8, &v)');
  await page.keyboard.press('ArrowLeft');
  await expect(counter(page)).toHaveText('step 16 / 37');
  // s: every step again (the button says so too)
  await page.keyboard.press('s');
  await expect(skip).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('step 17 / 37');
  await expect(page.getByTestId('narration-statement')).toHaveText('Line 24: assert kr == KERN_SUCCESS');
  // the button turns it back on; End and Home still reach the last step and step 0
  await skip.click();
  await expect(skip).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('step 22 / 37');
  await page.keyboard.press('End');
  await expect(counter(page)).toHaveText('step 37 / 37');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Home');
  await expect(counter(page)).toHaveText('step 0 / 37');
  // normal mode steps one by one, whatever the toggle
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('step 2 / 37');
});

test("the timeline marks fork_copy's copy-on-write steps and a pageout lesson's pageouts; a click on a tick goes there", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const cow = stepsWith('fork_copy', ['cow_copy', 'copy_push']);
  expect(cow).toContain(16);
  await page.goto('/#builtin=fork_copy');
  await expect(counter(page)).toHaveText('step 0 / 37');
  const marks = page.getByRole('group', { name: 'Timeline marks' });
  const cowTicks = marks.locator('[data-testid="timeline-tick"][data-kinds~="cow"]');
  await expect(cowTicks).toHaveCount(cow.length);
  expect(await cowTicks.evaluateAll((ts) => ts.map((t) => Number(t.getAttribute('data-step'))))).toEqual(cow);
  const tick16 = marks.getByRole('button', { name: /^step 16: .*copy-on-write copy/ });
  await expect(tick16).toHaveAttribute('title', 'step 16: page fault, copy-on-write copy, TLB shootdown');
  // shootdowns have their own lane: each tick with one is at a step whose record has one
  const shootdowns = stepsWith('fork_copy', ['tlb_shootdown']);
  const shootdownTicks = await marks.locator('[data-testid="timeline-tick"][data-kinds~="shootdown"]').evaluateAll((ts) => ts.map((t) => Number(t.getAttribute('data-step'))));
  expect(shootdownTicks.length).toBeGreaterThan(0);
  expect(shootdownTicks.every((s) => shootdowns.includes(s))).toBe(true);
  await tick16.click();
  await expect(counter(page)).toHaveText('step 16 / 37');
  // the click took no focus from the page: → still steps
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText('step 17 / 37');

  const pageouts = stepsWith('pageout_pagein', ['pageout']);
  expect(pageouts.length).toBeGreaterThan(0);
  await page.goto('/#builtin=pageout_pagein');
  await expect(counter(page)).toHaveText(/^step 0 \/ [1-9]/);
  const pageoutTicks = marks.locator('[data-testid="timeline-tick"][data-kinds~="pageout"]');
  // steps close together on the bar share a tick (one per column): each tick is at a pageout step, the first at the first
  await expect(pageoutTicks.first()).toBeVisible();
  const shown = await pageoutTicks.evaluateAll((ts) => ts.map((t) => Number(t.getAttribute('data-step'))));
  expect(shown.every((s) => pageouts.includes(s))).toBe(true);
  expect(shown[0]).toBe(pageouts[0]);
  expect(shown.length).toBeGreaterThanOrEqual(pageouts.length / 2);
  // the legend counts them, by name (not only by colour)
  await page.getByTestId('stops-button').click();
  await expect(page.getByTestId('marks-legend')).toContainText(`${pageouts.length} pageout`);
  await page.keyboard.press('Escape');

  // presentation mode's bar has them too
  await page.keyboard.press('p');
  await expect(page.getByTestId('presentation-header').locator('[data-testid="timeline-tick"][data-kinds~="pageout"]').first()).toHaveAttribute('data-step', String(pageouts[0]));
});

const MARKED = [
  'task A',
  'kr = vm_allocate(A, &x, 0x2000, TRUE)',
  'assert kr == KERN_SUCCESS',
  '# mark: first touch',
  'kr = write(A, x, "one")',
  'assert kr == KERN_SUCCESS',
  '# mark: the fork',
  'task B = fork(A)',
  'kr = write(B, x, "two")',
  '# mark: the copy is seen',
  'kr = read(B, x, 3, &v)',
  'assert v == "two"',
].join('\n');

test('] and [ go to the named stops; the Stops list names them and works by keyboard; the header names the stop shown', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`/#src=${encodeURIComponent(MARKED)}`);
  await expect(counter(page)).toHaveText('step 0 / 9');
  await expect(page.getByTestId('timeline-stop')).toHaveCount(3);
  await page.keyboard.press(']');
  await expect(counter(page)).toHaveText('step 4 / 9');
  await expect(page.getByTestId('stop-name')).toContainText('first touch');
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await expect(counter(page)).toHaveText('step 8 / 9');
  await expect(page.getByTestId('stop-name')).toContainText('the copy is seen');
  await page.keyboard.press(']'); // no stop after the last: nothing moves
  await expect(counter(page)).toHaveText('step 8 / 9');
  await page.keyboard.press('[');
  await expect(counter(page)).toHaveText('step 6 / 9');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('stop-name')).toHaveCount(0);

  // the Stops list: opened by keyboard, ↓ and Enter choose a stop, the focus comes back to the button
  const button = page.getByTestId('stops-button');
  await expect(button).toHaveText('Stops (3)');
  await button.focus();
  await page.keyboard.press('Enter');
  const list = page.getByRole('dialog', { name: 'Stops and marks' });
  await expect(list.getByRole('button')).toHaveText(['step 4 · first touch', 'step 6 · the fork', 'step 8 · the copy is seen']);
  await expect(list.getByRole('button', { name: /first touch/ })).toBeFocused();
  const scan = await axe(page).include('[data-testid="stops"]').include('[data-testid="timeline-marks"]').analyze();
  expect(scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(counter(page)).toHaveText('step 8 / 9');
  await expect(button).toBeFocused();

  // presentation mode: the stop's name after the title, ] and [ the same
  await page.keyboard.press('p');
  const header = page.getByTestId('presentation-header');
  await expect(header.getByTestId('stop-name')).toContainText('the copy is seen');
  await page.keyboard.press('[');
  await expect(counter(page)).toHaveText('step 6 / 9');
  await expect(header.getByTestId('stop-name')).toContainText('the fork');

  // a core lesson's sections are its stops: ] walks fork_copy from the fork to the child's write
  await page.goto('/#builtin=fork_copy&present=1');
  await expect(counter(page)).toHaveText('step 0 / 37');
  await page.keyboard.press(']');
  await expect(counter(page)).toHaveText('step 9 / 37');
  await expect(header.getByTestId('stop-name')).toContainText('fork: nothing is copied');
  await page.keyboard.press(']');
  await expect(counter(page)).toHaveText('step 16 / 37');
  await expect(header.getByTestId('stop-name')).toContainText('the child writes: a shadow appears');
  await expect(header.getByTestId('timeline-stop')).toHaveCount(3);
});

test('screenshots: the marks in presentation mode at 1920×1080 and 1280×720 (the header one line) and in normal mode', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(size);
    await page.goto(`/#src=${encodeURIComponent(MARKED)}&step=6&present=1`);
    await expect(counter(page)).toHaveText('step 6 / 9');
    const header = page.getByTestId('presentation-header');
    await expect(header.getByTestId('timeline-stop')).toHaveCount(3);
    await expect(header.getByTestId('stop-name')).toBeVisible();
    // one line: everything in the header is within its 8vh
    const box = (await header.boundingBox())!;
    expect(Math.abs(box.height - 0.08 * size.height)).toBeLessThanOrEqual(1);
    for (const el of await header.locator('button:visible, [data-testid="step-counter"], [data-testid="stop-name"]').all()) {
      const b = (await el.boundingBox())!;
      expect(b.y).toBeGreaterThanOrEqual(box.y - 0.5);
      expect(b.y + b.height).toBeLessThanOrEqual(box.y + box.height + 0.5);
    }
    await page.screenshot({ path: `test-results/screenshots/marks-presentation-${size.width}.png` });
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/#builtin=fork_copy&step=16');
  await expect(counter(page)).toHaveText('step 16 / 37');
  await expect(page.getByTestId('timeline-tick').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/marks-normal-1920.png' });
});
