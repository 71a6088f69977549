import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

/** The lesson fork_share, whose asserts test SHARE: on the COPY side they fail, and the run goes on past them. */
const FORK_SHARE = readFileSync(new URL('../scenarios/fork_share.vms', import.meta.url), 'utf8');

const differences = (page: Page) => page.getByTestId('compare-differences');

test('COPY vs SHARE: the parent reads the child\'s write only on the SHARE side; the link reopens it', async ({ page, context }) => {
  test.setTimeout(120_000); // two pages, each with two workers, on a shared machine
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  // after the child's write and the parent's read of it (kr = read(P, x, 10, &v))
  const lines = FORK_SHARE.split('\n');
  const read = lines.findIndex((l) => l.startsWith('kr = read(P, x, 10, &v)')) + 1;
  const step = lines.slice(0, read).filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
  await page.goto(`/#builtin=fork_share&step=${step}`);
  await expect(page.getByTestId('step-counter')).toHaveText(new RegExp(`^step ${step} /`));
  await page.getByRole('button', { name: 'Compare…' }).click();
  const view = page.getByRole('dialog', { name: 'Compare two machines' });
  await expect(view).toBeVisible();
  await view.getByRole('radio', { name: 'One choice changed' }).check();
  // the choice offered first is the vm_inherit before the fork, SHARE → COPY
  await expect(page.getByTestId('compare-choice').locator('option:checked')).toHaveText(/VM_INHERIT_SHARE → VM_INHERIT_COPY \(vm_inherit, new_inheritance\)/);
  await expect(page.getByTestId('compare-right')).toHaveAttribute('data-step', String(step));
  await expect(differences(page)).toContainText('P 0x1000: reads "from chi" on the left, "before f" on the right');
  await expect(differences(page)).toContainText('v = "from child" on the left, "before for" on the right');
  await expect(differences(page)).toContainText('P 0x1000: inheritance share on the left, copy on the right');
  // the lesson's asserts about sharing fail on the COPY side, and its run went on past them
  await expect(differences(page)).toContainText('line 12: the assert holds on the left, fails on the right');
  // the child wrote the same on both sides: no difference there
  await expect(differences(page)).not.toContainText('C 0x1000: reads');
  // marked on both diagrams
  for (const side of ['compare-left', 'compare-right']) {
    await expect(page.getByTestId(side).locator('[data-changed="true"][data-key^="frame:"]').first()).toBeAttached();
  }

  await view.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByTestId('compare-link').inputValue();
  expect(link).toMatch(/#compare=1\.[A-Za-z0-9_-]+$/);
  await page.keyboard.press('Escape');
  await expect(view).toBeHidden();

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('dialog', { name: 'Compare two machines' })).toBeVisible();
  await expect(other.getByTestId('compare-choice').locator('option:checked')).toHaveText(/VM_INHERIT_SHARE → VM_INHERIT_COPY/);
  await expect(differences(other)).toContainText('P 0x1000: reads "from chi" on the left, "before f" on the right');
});

test('two steps of fork_copy side by side, stepped together, and the link reopens the same comparison', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=fork_copy&step=12');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 12 \//);
  await page.getByRole('button', { name: 'Compare…' }).click();
  const view = page.getByRole('dialog', { name: 'Compare two machines' });
  await expect(page.getByTestId('compare-right')).toHaveAttribute('data-step', '12');
  await expect(differences(page)).toContainText('No differences');
  await page.getByLabel('Right step').fill('16');
  await page.getByLabel('Right step').press('Enter');
  await expect(page.getByTestId('compare-right')).toHaveAttribute('data-step', '16');
  await expect(page.getByTestId('compare-right-statement')).toHaveText('line 23: kr = write(C, x, "child data!")');
  await expect(differences(page)).toContainText('C 0x1000: reads "parent d" on the left, "child da" on the right');
  await expect(differences(page)).toContainText('C: 0 copy-on-write faults on the left, 1 on the right');

  await view.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByTestId('compare-link').inputValue();

  // → moves both sides a step (the page's own keys do not get it)
  await view.getByRole('heading', { name: 'Compare' }).click();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('compare-left')).toHaveAttribute('data-step', '13');
  await expect(page.getByTestId('compare-right')).toHaveAttribute('data-step', '17');

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('compare-left')).toHaveAttribute('data-step', '12');
  await expect(other.getByTestId('compare-right')).toHaveAttribute('data-step', '16');
  await expect(differences(other)).toContainText('C 0x1000: reads "parent d" on the left, "child da" on the right');
  await expect(other.getByTestId('lesson-title')).toHaveText(/Fork with VM_INHERIT_COPY/);
  // closed, the address is the page's own again: a reload does not reopen the comparison
  await other.keyboard.press('Escape');
  await expect(other.getByRole('dialog', { name: 'Compare two machines' })).toBeHidden();
  await expect(other).toHaveURL(/#builtin=fork_copy&step=12$/);
  await other.reload();
  await expect(other.getByTestId('step-counter')).toHaveText('step 12 / 37');
  await expect(other.getByRole('dialog', { name: 'Compare two machines' })).toHaveCount(0);
});

test('a damaged compare link says what is wrong, and the page still works', async ({ page }) => {
  await page.goto('/#compare=1.AAAA-not-deflate');
  await expect(page.getByRole('alert').first()).toContainText('This link could not be opened: the link is damaged');
  await expect(page.getByRole('dialog', { name: 'Compare two machines' })).toHaveCount(0);
  await expect(page.getByTestId('summary')).toBeVisible();
});
