/**
 * Lecture flow (issue 16, course): the course order (the picker's units, n / b across units and
 * around), presentation mode's lesson list (l, arrows, Enter, Escape), a presenter's clicker keys
 * (PageDown / PageUp, Space / Shift+Space, Enter) stepping whatever was last clicked or dragged,
 * and the blank screen (.) with its return.
 */
import { axe } from './axe';
import { expect, test, type Page } from '@playwright/test';
import { COURSE } from '../src/scenario/course';

const ALL = COURSE.flatMap((u) => u.lessons);
const counter = (page: Page) => page.getByTestId('step-counter');

async function open(page: Page, lesson: string, step = 0, presentation = false) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`/#builtin=${lesson}&step=${step}${presentation ? '&present=1' : ''}`);
  await expect(counter(page)).toHaveText(new RegExp(`^step ${step} / [1-9]`));
}

/** The lesson shown (presentation mode's title says it). */
async function expectLesson(page: Page, name: string) {
  await expect(page).toHaveURL(new RegExp(`#builtin=${name}$`));
  await expect(page.getByTestId('lesson-title')).toHaveAttribute('data-lesson', name);
}

test('the picker shows the units in course order, each with its lessons in order', async ({ page }) => {
  await open(page, 'first_fit');
  // as a student reaches it (the whole list comes before the picker can be opened: picker_options.ts)
  await page.getByLabel('Built-in scenario').focus();
  const groups = await page.getByLabel('Built-in scenario').locator('optgroup').evaluateAll((gs) =>
    gs.map((g) => ({ title: g.getAttribute('label'), lessons: [...g.querySelectorAll('option')].map((o) => o.value) })),
  );
  expect(groups).toEqual(COURSE.map((u) => ({ title: u.title, lessons: [...u.lessons] })));
  expect(groups[0].title).toBe('Address maps and placement');
  expect(groups.at(-1)!.title).toBe('Paging and pagers');
});

test('n and b follow the course order across a unit boundary, both ways, and wrap around', async ({ page }) => {
  const lastOfUnit1 = COURSE[0].lessons.at(-1)!;
  const firstOfUnit2 = COURSE[1].lessons[0];
  await open(page, lastOfUnit1, 0, true);
  await page.keyboard.press('n');
  await expectLesson(page, firstOfUnit2);
  await page.keyboard.press('b');
  await expectLesson(page, lastOfUnit1);
  // fork_copy's neighbours are its unit's (not fixed_overlap_no_space, its alphabetical neighbour)
  await page.evaluate(() => (window.location.hash = 'builtin=fork_copy'));
  await expectLesson(page, 'fork_copy');
  await page.keyboard.press('b');
  await expectLesson(page, ALL[ALL.indexOf('fork_copy') - 1]);
  // around: the last lesson's next is the first, and back
  await page.evaluate((n) => (window.location.hash = `builtin=${n}`), ALL.at(-1)!);
  await expectLesson(page, ALL.at(-1)!);
  await page.keyboard.press('n');
  await expectLesson(page, ALL[0]);
  await page.keyboard.press('b');
  await expectLesson(page, ALL.at(-1)!);
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
});

for (const size of [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
]) {
  test(`l opens the lesson list in presentation mode at ${size.width}×${size.height}: the current lesson marked, arrows and Enter open another, Escape closes`, async ({ page }) => {
    await page.setViewportSize(size);
    await open(page, 'fork_copy', 3, true);
    // not in normal mode: l is left alone there
    const list = page.getByRole('dialog', { name: 'Lessons' });
    await page.keyboard.press('l');
    await expect(list).toBeVisible();
    const current = list.locator('[aria-current="true"]');
    await expect(current).toHaveAttribute('data-lesson', 'fork_copy');
    await expect(current).toBeFocused();
    await expect(list.getByRole('heading', { level: 3 })).toHaveText(COURSE.map((u, i) => `${i + 1}. ${u.title}`));
    // large enough for a hall: ≥ 3 % of the screen's height
    const fontVh = await current.evaluate((el) => (parseFloat(getComputedStyle(el).fontSize) / window.innerHeight) * 100);
    expect(fontVh).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `test-results/screenshots/lesson-list-${size.width}.png` });
    const scan = await axe(page).include('[data-testid="lesson-list"]').analyze();
    expect(scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    // Tab stays inside: the chosen lesson, Close, the chosen lesson again
    await page.keyboard.press('Tab');
    await expect(list.getByRole('button', { name: 'Close' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(current).toBeFocused();

    // Escape closes it without leaving presentation mode or stepping; the lesson stays
    await page.keyboard.press('Escape');
    await expect(list).toHaveCount(0);
    await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
    await expect(counter(page)).toHaveText(/^step 3 \//);

    // the header's button opens it too; ↓ crosses into the next unit (fork_copy ends its unit), ↑ ↓ again, Enter opens
    await page.getByRole('button', { name: 'Lessons' }).click();
    await expect(current).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    const next = ALL[ALL.indexOf('fork_copy') + 1];
    await expect(list.locator(`[data-lesson="${next}"]`)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(list).toHaveCount(0);
    await expectLesson(page, next);
    await expect(counter(page)).toHaveText(/^step 0 \/ [1-9]/); // Enter opened the lesson, and did not also step
    await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');

    // End and Home reach the ends of the course; Enter on the last opens it
    await page.keyboard.press('l');
    await page.keyboard.press('End');
    await expect(list.locator(`[data-lesson="${ALL.at(-1)}"]`)).toBeFocused();
    await page.keyboard.press('Home');
    await expect(list.locator(`[data-lesson="${ALL[0]}"]`)).toBeFocused();
    await page.keyboard.press('PageDown'); // the first lesson of the next unit
    await expect(list.locator(`[data-lesson="${COURSE[1].lessons[0]}"]`)).toBeFocused();
    await page.keyboard.press('l'); // l closes it as it opened it
    await expect(list).toHaveCount(0);
    // a click beside it closes it too
    await page.keyboard.press('l');
    await expect(list).toBeVisible();
    await page.mouse.click(5, size.height - 5);
    await expect(list).toHaveCount(0);
    await expectLesson(page, next);
  });
}

test('every clicker key steps in presentation mode, also after the slider was dragged and a header button clicked', async ({ page }) => {
  await open(page, 'fork_copy', 5, true);
  // with Skip on (presentation mode's default) the clicker's keys go where → and ← go: from one step that changes something to the next
  const stepText = async () => (await counter(page).textContent())!.replace(/ \/.*/, '');
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).not.toHaveText(/^step 5 \//);
  const loud = await stepText();
  await page.keyboard.press('ArrowLeft');
  await expect(counter(page)).toHaveText(/^step 5 \//);
  for (const key of ['PageDown', 'Space', 'Enter']) {
    await page.keyboard.press(key);
    await expect(counter(page), key).toHaveText(new RegExp(`^${loud} /`));
    await page.keyboard.press(key === 'Space' ? 'Shift+Space' : 'PageUp');
    await expect(counter(page), key).toHaveText(/^step 5 \//);
  }
  // one statement a press with Skip off (s), to count them
  await page.keyboard.press('s');
  const steps: [string, number][] = [['PageDown', 6], ['Space', 7], ['Enter', 8], ['PageUp', 7], ['Shift+Space', 6], ['ArrowRight', 7], ['ArrowLeft', 6]];
  for (const [key, step] of steps) {
    await page.keyboard.press(key);
    await expect(counter(page), key).toHaveText(new RegExp(`^step ${step} /`));
  }

  // drag the timeline slider with the mouse: the step it was dragged to, then PageDown steps from there (it jumped to 0 before)
  const slider = page.getByRole('slider', { name: 'Timeline position' });
  const box = (await slider.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const dragged = Number((await slider.inputValue()));
  expect(dragged).toBeGreaterThan(2);
  await expect(counter(page)).toHaveText(new RegExp(`^step ${dragged} /`));
  await expect(slider).not.toBeFocused();
  for (const [key, delta] of [['PageDown', 1], ['Space', 2], ['Enter', 3], ['PageUp', 2], ['Shift+Space', 1]] as const) {
    await page.keyboard.press(key);
    await expect(counter(page), `${key} after a drag`).toHaveText(new RegExp(`^step ${dragged + delta} /`));
  }
  // the arrows step by one statement, not by the slider's own increments
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText(new RegExp(`^step ${dragged + 2} /`));

  // a click on "Lesson ▶": the next lesson; then a clicker's Enter steps it, it does not press the button again
  await page.getByRole('button', { name: 'Next lesson' }).click();
  const next = ALL[ALL.indexOf('fork_copy') + 1];
  await expectLesson(page, next);
  await expect(counter(page)).toHaveText(/^step 0 \/ [1-9]/);
  await expect(page.getByRole('button', { name: 'Step forward' })).toBeEnabled(); // loaded: the counter shows step 0 while the lesson still loads
  for (const [key, step] of [['Enter', 1], ['Space', 2], ['PageDown', 3], ['Shift+Space', 2]] as const) {
    await page.keyboard.press(key);
    await expect(counter(page), `${key} after a click on Next lesson`).toHaveText(new RegExp(`^step ${step} /`));
  }
  await expectLesson(page, next);
  // and after a click on → (a button that steps): Enter steps once, not twice
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(counter(page)).toHaveText(/^step 3 \//);
  await page.keyboard.press('Enter');
  await expect(counter(page)).toHaveText(/^step 4 \//);
});

/** Each of `lessons`' texts (a chunk of its own) comes `ms` late: a key pressed meanwhile falls in the lesson's load. */
async function slowLessons(page: Page, lessons: readonly string[], ms: number) {
  await page.route(new RegExp(`/assets/(${lessons.join('|')})-[\\w-]+\\.js$`), async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

test('a step key pressed while a lesson loads is kept: right after the page opens, after Next lesson and after n, the lesson opens at step 1', async ({ page }) => {
  const next = ALL[ALL.indexOf('fork_copy') + 1];
  const after = ALL[ALL.indexOf('fork_copy') + 2];
  await slowLessons(page, ['fork_copy', next, after], 800);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  // right after navigation: the page (React, the App) is not drawn yet, the lesson's text on its way
  await page.goto('/#builtin=fork_copy', { waitUntil: 'domcontentloaded' });
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText(/^step 1 \/ [1-9]/);
  await page.keyboard.press('p');
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
  // a click on "Lesson ▶", then at once a clicker's Enter: the next lesson, at step 1 (the key was neither lost nor taken by fork_copy)
  await page.getByRole('button', { name: 'Next lesson' }).click();
  await page.keyboard.press('Enter');
  await expectLesson(page, next);
  await expect(counter(page)).toHaveText(/^step 1 \/ [1-9]/);
  // n, then at once → and PageDown: two steps into the lesson after
  await page.keyboard.press('n');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('PageDown');
  await expectLesson(page, after);
  await expect(counter(page)).toHaveText(/^step 2 \/ [1-9]/);
  // the lesson open, → steps as before (nothing left queued)
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText(/^step 3 \//);
});

test('in normal mode the clicker keys step too; a focused button keeps Space and Enter, the slider its arrows', async ({ page }) => {
  await open(page, 'fork_copy', 5);
  for (const [key, step] of [['PageDown', 6], ['Space', 7], ['Enter', 8], ['PageUp', 7], ['Shift+Space', 6]] as const) {
    await page.keyboard.press(key);
    await expect(counter(page), key).toHaveText(new RegExp(`^step ${step} /`));
  }
  // the slider focused: PageDown steps (it used to jump to 0), → moves it by one
  const slider = page.getByRole('slider', { name: 'Timeline position' });
  await slider.focus();
  await page.keyboard.press('PageDown');
  await expect(counter(page)).toHaveText(/^step 7 \//);
  await page.keyboard.press('ArrowRight');
  await expect(counter(page)).toHaveText(/^step 8 \//);
  // Enter on a focused Step back button presses it (steps back, where the clicker's Enter would step forward)
  await page.getByRole('button', { name: 'Step back' }).focus();
  await page.keyboard.press('Enter');
  await expect(counter(page)).toHaveText(/^step 7 \//);
  await page.keyboard.press('Space');
  await expect(counter(page)).toHaveText(/^step 6 \//);
});

test('. blanks the screen; any key or a click brings it back, and that key does nothing else', async ({ page }) => {
  await open(page, 'fork_copy', 5, true);
  const blank = page.locator('[data-blank="true"]');
  const status = page.getByRole('status').filter({ hasText: 'Screen blanked' });
  for (const back of ['ArrowRight', 'Escape', 'Enter', 'n', 'click'] as const) {
    await page.keyboard.press('.');
    await expect(blank).toBeVisible();
    await expect(status).toHaveText('Screen blanked — press any key');
    // it covers the whole screen, black
    const cover = await blank.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { w: r.width, h: r.height, bg: getComputedStyle(el).backgroundColor, top: document.elementFromPoint(innerWidth / 2, innerHeight / 2) === el };
    });
    expect(cover).toEqual({ w: 1280, h: 720, bg: 'rgb(0, 0, 0)', top: true });
    await page.keyboard.press('Shift'); // half a key: still blank
    await expect(blank).toBeVisible();
    if (back === 'click') await page.mouse.click(640, 360);
    else await page.keyboard.press(back);
    await expect(blank, `back with ${back}`).toHaveCount(0);
    await expect(status).toHaveCount(0);
    // nothing else happened: same step, same lesson, still presentation mode
    await expect(counter(page)).toHaveText(/^step 5 \//);
    await expect(page.getByTestId('lesson-title')).toHaveAttribute('data-lesson', 'fork_copy');
    await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
  }
  await page.screenshot({ path: 'test-results/screenshots/after-blank.png' });
  // in normal mode too
  await page.keyboard.press('Escape');
  await page.keyboard.press('.');
  await expect(blank).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(blank).toHaveCount(0);
  await expect(counter(page)).toHaveText(/^step 5 \//);
});
