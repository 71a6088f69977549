/**
 * What if, from any step: a page or an entry clicked (or Enter pressed on it) in the diagram at
 * step N puts the statement chosen right after the statement step N ran, runs to it, and keeps
 * the lesson ("TITLE (changed)") with a way back; addresses go through the variable naming the
 * entry (`x + 0x2000`). The statement list says where the new statement is (its line) without
 * reading the editor. Reduced motion: the assertions wait for the end of a step.
 */
import { expect, test, type Page } from '@playwright/test';

const FORK_COPY_TITLE = 'Fork with VM_INHERIT_COPY: copy-on-write between parent and child';

async function open(page: Page, builtin: string, step: number) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`/#builtin=${builtin}&step=${step}`);
  // the first load of a page waits for the worker and the lesson's chunk: slow on a busy machine
  await expect(page.getByTestId('step-counter')).toHaveText(new RegExp(`^step ${step} / [1-9]`), { timeout: 15_000 });
}

const current = (page: Page) => page.locator('[data-testid="statement"][data-state="current"]');
const menu = (page: Page) => page.getByRole('dialog', { name: /^What if/ });

test('fork_copy at step 16: a write to a page of the child lands on line 24 (after the child\'s write on line 23); Back to the lesson restores it', async ({ page }) => {
  await open(page, 'fork_copy', 16);
  await expect(page.getByTestId('step-counter')).toHaveText('step 16 / 37');
  await expect(current(page)).toHaveAttribute('data-line', '23'); // kr = write(C, x, "child data!")
  await page.getByRole('button', { name: 'page 0x1000 of task C: read or write here' }).click();
  await expect(menu(page)).toBeVisible();
  await expect(menu(page)).toContainText('task C, page x (0x1000)');
  await expect(page.getByTestId('what-if-place')).toHaveText('What if, after step 16 (line 23): the statement goes on the next line and runs as step 17.');
  await menu(page).getByLabel('Bytes to write').fill('zz');
  await menu(page).getByRole('button', { name: 'Write' }).click();
  await expect(menu(page)).toHaveCount(0);

  await expect(page.getByTestId('step-counter')).toHaveText('step 17 / 38');
  await expect(current(page)).toHaveAttribute('data-line', '24');
  await expect(current(page)).toContainText('kr = write(C, x, "zz")');
  await expect(page.getByTestId('narration')).toContainText('stored "zz"');
  // the statements after it follow, one line down: the assert that was on line 24
  await expect(page.locator('[data-testid="statement"][data-line="25"]')).toContainText('assert kr == KERN_SUCCESS');
  await expect(page.getByTestId('lesson-title')).toHaveText(`${FORK_COPY_TITLE} (changed)`);
  await expect(page.getByRole('combobox', { name: 'Built-in scenario' })).toHaveValue('');
  await expect(page.getByRole('combobox', { name: 'Built-in scenario' }).locator('option:checked')).toHaveText(`${FORK_COPY_TITLE} (changed)`);

  await page.getByRole('button', { name: 'Back to the lesson' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('step 16 / 37');
  await expect(page.getByTestId('lesson-title')).toHaveText(FORK_COPY_TITLE);
  await expect(current(page)).toHaveAttribute('data-line', '23');
  await expect(page.locator('[data-testid="statement"][data-line="24"]')).toContainText('assert kr == KERN_SUCCESS');
  await expect(page.getByRole('button', { name: 'Back to the lesson' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Built-in scenario' })).toHaveValue('fork_copy');
});

test("an entry's protect from the keyboard: Enter on the parent's entry, VM_PROT_READ for the whole entry; Escape closes the menu and gives the focus back", async ({ page }) => {
  await open(page, 'fork_copy', 16);
  const entry = page.getByTestId('task-P').locator('[data-testid^="entry-"]').first();
  await entry.focus();
  await page.keyboard.press('Enter');
  await expect(menu(page)).toBeVisible();
  await expect(menu(page).getByRole('button', { name: 'Read' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu(page)).toHaveCount(0);
  await expect(entry).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(menu(page)).toContainText('the entry x, 0x3000 bytes');
  // the first choice offered changes something: the entry is read / write now
  await expect(menu(page).getByLabel('New protection')).toHaveValue('VM_PROT_READ');
  await menu(page).getByRole('button', { name: 'Protect' }).click();
  // the parent's write (now line 38) fails, and the assert after it ends the run: 30 steps
  await expect(page.getByTestId('step-counter')).toHaveText('step 17 / 30');
  await expect(current(page)).toHaveAttribute('data-line', '24');
  await expect(current(page)).toContainText('kr = vm_protect(P, x, 0x3000, FALSE, VM_PROT_READ)');
  await expect(page.getByTestId('narration')).toContainText('vm_protect returned KERN_SUCCESS');
  // the parent's write later on now fails: what if, indeed
  await page.getByRole('button', { name: /^Go to after line 38:/ }).click();
  await expect(page.locator('[data-testid="statement"][data-line="38"]')).toContainText('KERN_PROTECTION_FAILURE');

  // presentation mode: the title says changed, and the way back is in the header
  await page.keyboard.press('p');
  const header = page.getByTestId('presentation-header');
  await expect(header.getByTestId('lesson-title')).toHaveText(`${FORK_COPY_TITLE} (changed)`);
  await header.getByRole('button', { name: 'Back to the lesson' }).click();
  await expect(header.getByTestId('lesson-title')).toHaveText(FORK_COPY_TITLE);
  await expect(page.getByTestId('step-counter')).toHaveText('step 16 / 37');
});

test('before any variable names the entry the address is a number; once one does, it is written through it', async ({ page }) => {
  await open(page, 'fork_copy', 16); // x (set by vm_allocate, step 2) names the entry at 0x1000
  await page.getByRole('button', { name: 'page 0x3000 of task C: read or write here' }).click();
  await expect(menu(page)).toContainText('task C, page x + 0x2000 (0x3000)');
  await menu(page).getByRole('button', { name: 'Read' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('step 17 / 38');
  await expect(current(page)).toHaveAttribute('data-line', '24');
  await expect(current(page)).toContainText('kr = read(C, x + 0x2000, 2, &v)');
  await expect(current(page)).toContainText('"pa"'); // what it read: "page three"'s first two bytes

  // a text where nothing names the entry: the address as a number
  await page.goto(`/#src=${encodeURIComponent('task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nx = 0\nassert kr == KERN_SUCCESS\n')}&step=3`);
  await expect(page.getByTestId('step-counter')).toHaveText('step 3 / 4');
  await page.getByRole('button', { name: 'page 0x2000 of task A: read or write here' }).click();
  await menu(page).getByRole('button', { name: 'Write' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('step 4 / 5');
  await expect(current(page)).toHaveAttribute('data-line', '4');
  await expect(current(page)).toContainText('kr = write(A, 0x2000, "hi")');
  await expect(page.getByRole('button', { name: 'Back to the lesson' })).toHaveCount(0); // no lesson to go back to
});

test('a reload keeps the lesson changed (its draft), and the way back', async ({ page }) => {
  await open(page, 'fork_copy', 16);
  await page.getByRole('button', { name: 'page 0x1000 of task C: read or write here' }).click();
  await menu(page).getByRole('button', { name: 'Write' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('step 17 / 38');
  await page.waitForTimeout(500); // the draft is saved 300 ms after the change
  await page.reload();
  await expect(page.getByTestId('step-counter')).toHaveText(/ \/ 38$/);
  await expect(page.getByTestId('lesson-title')).toHaveText(`${FORK_COPY_TITLE} (changed)`);
  await expect(page.locator('[data-testid="statement"][data-line="24"]')).toContainText('kr = write(C, x, "hi")');
  await page.getByRole('button', { name: 'Back to the lesson' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('step 16 / 37');
  await expect(page.getByTestId('lesson-title')).toHaveText(FORK_COPY_TITLE);
});
