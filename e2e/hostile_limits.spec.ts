/**
 * Issue 15, case 3 in the app: a short link whose 16 MiB vm_copies on 2 frames fill the default
 * pager's swap (it used to hold 704 MiB in seconds, nothing counted it). Now swap counts in the
 * memory limit: the run stops at the line that passes 128 MiB, the error names the limit and the
 * line, and the page answers clicks within 1 s with the browser under 1 GB (e2e/hostile.ts).
 * Also: a pasted text opening with a byte-order mark runs (case 6, the app's side).
 */
import { expect, test } from '@playwright/test';
import { expectResponsiveWhileOpening } from './hostile';
import { fillEditor } from './editor';
import { TIMED } from './timed';

const copies = Array.from({ length: 12 }, (_, i) => `kr = vm_allocate(A, &b${i}, 0x1000000, TRUE)\nkr = vm_copy(A, x, 0x1000000, b${i})`).join('\n');
const SWAP_FLOOD = `config frames=2\ntask A\nkr = vm_allocate(A, &x, 0x1000000, TRUE)\n${copies}\n`;

test('a link filling swap stops at the line that passes the memory limit, naming it; the page stays responsive under 1 GB', TIMED, async ({ page, browser }) => {
  expect(SWAP_FLOOD.length).toBeLessThan(1000);
  const { slowestMs, peakMB } = await expectResponsiveWhileOpening(page, browser, `/#src=${encodeURIComponent(SWAP_FLOOD)}`, 6000);
  const error = page.getByTestId('error').first();
  await expect(error).toContainText('Line 19');
  await expect(error).toContainText('the pages evicted to swap took');
  await expect(error).toContainText('past the limit of 128 MiB (MAX_HELD_BYTES)');
  test.info().annotations.push({ type: 'measured', description: `slowest click ${slowestMs} ms, peak ${peakMB.toFixed(0)} MB` });
});

test('a text opening with a byte-order mark runs (pasted from a file an editor saved with one)', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('summary')).toBeVisible();
  await fillEditor(page, '\uFEFFtask A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\nassert kr == KERN_SUCCESS\n');
  await expect(page.getByTestId('summary')).toContainText('3');
  await expect(page.getByTestId('error')).toHaveCount(0);
});
