/**
 * The language at hand (issue 17): the reference panel (key ?) lists the language from its own
 * tables, searches it, inserts an example into the scenario; a narration line's Rule opens the
 * panel at that rule; an unknown call's error offers the closest call.
 */
import { axe } from './axe';
import { expect, test, type Page } from '@playwright/test';
import { expectEditorText, fillEditor } from './editor';

async function seriousViolations(page: Page) {
  const results = await axe(page).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('? opens the reference; a search for vm_map shows its parameters; Insert puts the example in the text; Escape closes', async ({ page }) => {
  await page.goto(`/#src=${encodeURIComponent('task A\n')}`);
  await expectEditorText(page, 'task A\n');
  await page.getByTestId('app').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const panel = page.getByRole('dialog', { name: 'Language reference' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Rules the kernel follows' })).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Keyboard shortcuts' })).toContainText('Language reference');

  const search = panel.getByRole('searchbox');
  await expect(search).toBeFocused();
  await search.fill('vm_map');
  const entry = panel.locator('[data-entry="call-vm_map"]');
  await expect(entry).toHaveAttribute('aria-current', 'true');
  await expect(entry).toContainText('kr = vm_map(target_task, &address, size, mask, anywhere, memory_object, offset, copy, cur_protection, max_protection, inheritance)');
  await expect(entry.getByTestId('reference-params')).toContainText('memory_object');
  await expect(entry.getByTestId('reference-params')).toContainText('max_protection');

  await entry.getByRole('button', { name: 'Insert the example of vm_map' }).click();
  await expectEditorText(page, /task A\nobject F size=0x2000 data="from the pager"\nkr = vm_map\(A, &f, 0x2000, 0, TRUE, F, 0, FALSE, VM_PROT_READ, VM_PROT_ALL, VM_INHERIT_SHARE\)\n/);
  // the inserted statements are the scenario's
  await expect(page.getByTestId('statement').filter({ hasText: 'kr = vm_map(A, &f, 0x2000' })).toHaveCount(1);

  await search.focus();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

test('a narration line\'s Rule opens the reference at that rule', async ({ page }) => {
  await page.goto('/#builtin=fork_copy&step=16');
  const link = page.getByTestId('narration').locator('button[data-rule]').first();
  await expect(link).toBeVisible();
  const rule = (await link.getAttribute('data-rule'))!;
  await link.click();
  const panel = page.getByRole('dialog', { name: 'Language reference' });
  const entry = panel.locator(`[data-entry="rule-${rule}"]`);
  await expect(entry).toHaveAttribute('aria-current', 'true');
  await expect(entry).toBeFocused();
  await expect(entry).toBeInViewport();
  await expect(entry).toContainText('Mach:');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(link).toBeFocused();
});

test('presentation mode: the ? button and the rule link (with d) are there, large', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#builtin=fork_copy&step=16');
  await page.getByTestId('app').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await page.keyboard.press('d');
  // the step has played: the details (and their rule) stay those of its result line
  await expect(page.getByTestId('narration-headline')).toHaveAttribute('data-state', 'result');
  const link = page.getByTestId('narration-details').locator('button[data-rule]');
  await expect(link).toBeVisible();
  const rule = (await link.getAttribute('data-rule'))!;
  const size = await link.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const around = await page.getByTestId('narration-details').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBe(around);
  expect(size).toBeGreaterThanOrEqual(0.03 * 720 - 0.5);
  await link.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Language reference' });
  await expect(panel.locator(`[data-entry="rule-${rule}"]`)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  // Escape closed the panel only: still presenting
  await expect(page.getByTestId('presentation-header')).toBeVisible();
  await page.getByTestId('presentation-header').getByRole('button', { name: 'Language reference' }).click();
  await expect(panel).toBeVisible();
});

test('an unknown call says which call was meant', async ({ page }) => {
  await page.goto(`/#src=${encodeURIComponent('task A\nvm_alocate(A, &x, 0x1000, TRUE)\n')}`);
  await expect(page.getByTestId('error')).toContainText("unknown call 'vm_alocate': did you mean vm_allocate?");
  await fillEditor(page, 'task A\nkr = vm_alocate(A, &x, 0x1000, TRUE)\n');
  await expect(page.getByTestId('error')).toContainText("unknown call 'vm_alocate': did you mean vm_allocate?");
});

test('no serious accessibility violations with the panel open, in normal mode and in presentation mode with the rule shown', async ({ page }) => {
  test.setTimeout(120_000); // axe over the whole catalogue, twice
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=fork_copy&step=16');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
  await page.getByRole('button', { name: 'Language reference' }).click();
  await expect(page.getByRole('dialog', { name: 'Language reference' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByTestId('app').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await page.keyboard.press('d');
  await expect(page.getByTestId('narration-details').locator('button[data-rule]')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
