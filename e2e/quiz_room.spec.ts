import { axe } from './axe';
import { expect, test, type Page } from '@playwright/test';

/**
 * The room predicts (presentation mode, key q): → before a statement with questions shows one
 * question large with choices A–D instead of stepping; a letter picks and reveals (✓ the answer,
 * ✗ picked, the why), → without a letter reveals, → after the last reveal plays the step. The
 * choices never name an object the step has not made yet. Text ≥ 3% of the viewport's height,
 * at 1920×1080 and 1280×720.
 */

// each test walks many keys, runs axe and takes screenshots: more than the default 30 s on a busy machine
test.describe.configure({ timeout: 90_000 });

async function present(page: Page, builtin: string, step: number) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`/#builtin=${builtin}&step=${step}&present=1`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
  await expect(page.getByTestId('step-counter')).toHaveText(new RegExp(`^step ${step} /`));
}

/** The overlay's accessibility violations: serious ones, and any text below 7:1 (axe's enhanced contrast rule). */
async function overlayViolations(page: Page): Promise<string[]> {
  const all = await axe(page).include('[data-testid="room-quiz"]').analyze();
  const contrast = await axe(page).include('[data-testid="room-quiz"]').withRules(['color-contrast-enhanced']).analyze();
  return [...all.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), ...contrast.violations].map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** The overlay shows all it says without scrolling. */
async function fits(page: Page): Promise<boolean> {
  return page.getByTestId('room-quiz').evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
}

/** Font size of an element, in % of the viewport height. */
async function fontVh(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).first().evaluate((el) => (parseFloat(getComputedStyle(el).fontSize) / window.innerHeight) * 100);
}

for (const size of [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
]) {
  test(`fork_copy at ${size.width}×${size.height}: the child's write asked in the room, answered with keys, then played`, async ({ page }) => {
    await page.setViewportSize(size);
    await present(page, 'fork_copy', 15); // the next statement: kr = write(C, x, "child data!")
    const quizButton = page.getByRole('button', { name: 'Quiz the room (presentation mode)' });
    await expect(quizButton).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('q');
    await expect(quizButton).toHaveAttribute('aria-pressed', 'true');

    // → asks instead of stepping
    await page.keyboard.press('ArrowRight');
    const overlay = page.getByTestId('room-quiz');
    await expect(overlay).toBeVisible();
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 15 \//);
    await expect(overlay.getByTestId('room-quiz-statement')).toHaveText('kr = write(C, x, "child data!")');
    await expect(overlay.getByTestId('room-quiz-count')).toHaveText('question 1 of 3');
    await expect(overlay.getByTestId('room-quiz-prompt')).toHaveText('What will write(C, x, "child data!") return?');
    const choices = overlay.getByTestId('room-choice');
    // each choice: its letter (drawn, and said to screen readers as "A: "), then its text
    await expect(choices).toHaveText(['AA: KERN_INVALID_ADDRESS', 'BB: KERN_INVALID_ARGUMENT', 'CC: KERN_PROTECTION_FAILURE', 'DD: KERN_SUCCESS']);
    for (const id of ['room-quiz-prompt', 'room-choice', 'room-quiz-statement']) expect(await fontVh(page, id), id).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `test-results/quiz_room-${size.width}-asked.png` });

    // d answers (it is not "details" while the question is open)
    await page.keyboard.press('d');
    await expect(choices.nth(3)).toHaveAttribute('data-state', 'answer');
    await expect(choices.nth(3)).toContainText('✓ the answer');
    await expect(overlay.getByTestId('room-quiz-result')).toHaveText('✓ Right: D, KERN_SUCCESS.');
    await expect(overlay.getByTestId('room-quiz-why')).toHaveText('KERN_SUCCESS: the call did what was asked.');

    // the next question: where the written page lands. Object 2 does not exist yet: no choice names it
    await page.keyboard.press('ArrowRight');
    await expect(overlay.getByTestId('room-quiz-count')).toHaveText('question 2 of 3');
    await expect(overlay.getByTestId('room-quiz-prompt')).toHaveText('Which object will the written page be in?');
    await expect(choices).toHaveText(['AA: object 1', 'BB: a new shadow object']);
    for (const text of await choices.allTextContents()) expect(text).not.toMatch(/object 2/);
    // b picks B here (not the previous lesson); a wrong pick first: A
    await page.keyboard.press('a');
    await expect(choices.nth(0)).toHaveAttribute('data-state', 'wrong');
    await expect(choices.nth(0)).toContainText('✗ picked');
    await expect(choices.nth(1)).toHaveAttribute('data-state', 'answer');
    await expect(overlay.getByTestId('room-quiz-result')).toHaveText('✗ Not this one: the answer is B, a new shadow object.');
    await expect(overlay.getByTestId('room-quiz-why')).toContainText('A new shadow object (object 2).');
    expect(await fontVh(page, 'room-quiz-why')).toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('lesson-title')).toHaveAttribute('data-lesson', 'fork_copy');
    expect(await fits(page)).toBe(true);
    expect(await overlayViolations(page)).toEqual([]);
    await page.screenshot({ path: `test-results/quiz_room-${size.width}-revealed.png` });

    // the third: → without a letter reveals (a clicker has none), → again plays the step
    await page.keyboard.press('ArrowRight');
    await expect(overlay.getByTestId('room-quiz-prompt')).toHaveText('Will this write need a copy-on-write fault?');
    await page.keyboard.press('ArrowRight');
    await expect(overlay.getByTestId('room-quiz-result')).toHaveText('The answer: B, Yes.');
    await expect(overlay.getByTestId('room-choice').nth(1)).toHaveAttribute('data-state', 'answer');
    await page.keyboard.press('ArrowRight');
    await expect(overlay).toHaveCount(0);
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
    await expect(page.getByTestId('narration-band')).toContainText('copy-on-write');
    await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
  });
}

test('tlb_basics: will the read hit in the TLB? (Esc skips a question, ← closes it; b is the answer only while it is open)', async ({ page }) => {
  await present(page, 'tlb_basics', 9); // the next statement: kr = read(A, x, 2, &v), right after the write filled the TLB
  await page.getByRole('button', { name: 'Quiz the room (presentation mode)' }).click();
  await page.keyboard.press('ArrowRight');
  const overlay = page.getByTestId('room-quiz');
  await expect(overlay.getByTestId('room-quiz-prompt')).toHaveText(/^What will read\(A, .+, 2, &v\) return\?$/);
  // ← closes it, without stepping back; → asks again
  await page.keyboard.press('ArrowLeft');
  await expect(overlay).toHaveCount(0);
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 9 \//);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight'); // reveal the result code
  await page.keyboard.press('ArrowRight'); // the TLB question
  await expect(overlay.getByTestId('room-quiz-prompt')).toHaveText("Will task A's read hit in the TLB?");
  const choices = overlay.getByTestId('room-choice');
  await expect(choices).toHaveText(['AA: No', 'BB: Yes']);
  await page.keyboard.press('b');
  await expect(overlay.getByTestId('room-quiz-result')).toHaveText('✓ Right: B, Yes.');
  await expect(overlay.getByTestId('room-quiz-why')).toContainText("task A's TLB still holds a translation of this page");
  await page.screenshot({ path: 'test-results/quiz_room-tlb.png' });
  expect(await fits(page)).toBe(true);
  // the frame question: by a click this time
  await page.keyboard.press('ArrowRight');
  await expect(overlay.getByTestId('room-quiz-prompt')).toHaveText("After task A's read, which frame will the page be in?");
  await expect(choices).toHaveText(['AA: frame 0', 'BB: a new frame']);
  await choices.nth(0).click();
  await expect(overlay.getByTestId('room-quiz-result')).toHaveText('✓ Right: A, frame 0.');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 10 \//);
  await expect(overlay).toHaveCount(0);

  // skipping quiet steps (on in presentation mode): the two asserts after the read are passed
  // over, and the question is about the write → goes to
  await page.keyboard.press('ArrowRight');
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText('kr = write(A, x + 1, "I")');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 10 \//);
  // Esc skips the write's questions without leaving presentation mode; the next → plays it
  await page.keyboard.press('Escape');
  await expect(overlay).toHaveCount(0);
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 13 \//);
  // closed, b is the previous lesson again; q turns the quiz off
  await page.keyboard.press('q');
  await expect(page.getByRole('button', { name: 'Quiz the room (presentation mode)' })).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('b');
  await expect(page.getByTestId('lesson-title')).not.toHaveAttribute('data-lesson', 'tlb_basics');
});
