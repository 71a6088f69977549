import { expect, test, type Page } from '@playwright/test';

async function startQuiz(page: Page, builtin: string, step: number) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`/#builtin=${builtin}&step=${step}`);
  await expect(page.getByTestId('step-counter')).toHaveText(new RegExp(`^step ${step} /`));
  await page.getByRole('button', { name: 'Quiz mode' }).click();
  await expect(page.getByTestId('quiz')).toBeVisible();
  await expect(page.getByTestId('statements')).toHaveCount(0); // the results would give the answers away
}

test('quiz on fork_copy: predict the child\'s first write, get told why, then reveal it', async ({ page }) => {
  await startQuiz(page, 'fork_copy', 15); // the next statement is kr = write(C, x, "child data!")
  const quiz = page.getByTestId('quiz');
  await quiz.getByRole('group', { name: /return/ }).getByLabel('KERN_SUCCESS').check();
  await quiz.getByRole('group', { name: /copy-on-write/ }).getByLabel('no').check(); // wrong on purpose
  await quiz.getByRole('group', { name: /Which object/ }).getByLabel('a new shadow object').check();
  await quiz.getByRole('button', { name: 'Check my answers' }).click();
  const results = quiz.getByTestId('quiz-result');
  await expect(results).toHaveText(['Right', 'Right', 'Not quite']); // return code, object, copy-on-write
  await expect(quiz.getByTestId('quiz-score')).toContainText('2 / 3');
  await quiz.getByRole('button', { name: 'Reveal step' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
  await expect(page.getByTestId('narration')).toContainText('copy-on-write fault');
});

test('quiz on protection_fault: a refused write is KERN_PROTECTION_FAILURE', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=protection_fault');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 0 \/ [1-9]/);
  // find the first refused write in the listing, then quiz on it
  await page.getByRole('button', { name: 'Run to end' }).click(); // results show once their statements have run
  await expect(page.getByTestId('step-counter')).not.toHaveText(/^step 0 /);
  const rows = page.getByTestId('statement');
  const texts = await rows.allTextContents();
  const index = texts.findIndex((t) => t.includes('write(') && t.includes('KERN_PROTECTION_FAILURE'));
  expect(index).toBeGreaterThan(0);
  await rows.nth(index - 1).getByRole('button').click();
  await page.getByRole('button', { name: 'Quiz mode' }).click();
  const quiz = page.getByTestId('quiz');
  await quiz.getByRole('group', { name: /return/ }).getByLabel('KERN_PROTECTION_FAILURE').check();
  for (const group of await quiz.getByRole('group').all()) {
    if ((await group.getByRole('radio', { checked: true }).count()) === 0) await group.getByRole('radio').first().check();
  }
  await quiz.getByRole('button', { name: 'Check my answers' }).click();
  await expect(quiz.getByTestId('quiz-result').first()).toHaveText('Right');
});
