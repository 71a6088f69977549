/**
 * Issue 15, case 7: after Stop, and after an error's cause is gone, the page reads true. Stop
 * leaves no machine on screen (the counter, the narration and the diagram all say so, not "step 6
 * / 0" with the narration of the run stopped); a banner, an editor error or a Share note goes away
 * as soon as what it was about does (the text fixed, a lesson opened).
 */
import { expect, test } from '@playwright/test';
import { fillEditor } from './editor';
import { slowWorker } from './slow_worker';
import { TIMED } from './timed';

/** `n` statements: a machine of 64 frames, one task, one allocation, then a write to a page of its own each (each evicts one). */
function writes(n: number): string {
  const lines = ['config frames=64', 'task A', `kr = vm_allocate(A, &x, 0x${(n * 0x1000).toString(16)}, TRUE)`];
  for (let i = 0; lines.length < n; i++) lines.push(`kr = write(A, x + 0x${(i * 0x1000).toString(16)}, "w")`);
  return lines.join('\n') + '\n';
}

test('Stop during a big run at step 6: step 0 / 0, no narration of that run, no diagram; a lesson opened runs again and the banner goes', TIMED, async ({ page }) => {
  test.setTimeout(60_000);
  const n = 5_000;
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  await slowWorker(page, 40); // the run still goes on after six steps, whatever the machine
  await page.getByLabel('Animation speed').selectOption('instant'); // a step is shown whole at once: no play to wait for
  await page.getByTestId('open-vms').setInputFiles({ name: 'writes.vms', mimeType: 'text/plain', buffer: Buffer.from(writes(n)) });
  await expect(page.getByTestId('step-counter')).toHaveText(`step 0 / ${n}`, { timeout: 30_000 });
  const t0 = Date.now();
  const forward = page.getByRole('button', { name: /Step forward/ });
  // six steps at once (keys pressed fast add up), while the run goes on in the worker
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText(`step 6 / ${n}`);
  await expect(page.getByTestId('narration')).toContainText('Line 6');
  const stop = page.getByRole('button', { name: 'Stop', exact: true });
  await expect(page.getByTestId('run-progress')).toBeVisible(); // still running: Stop stops the background run
  test.info().annotations.push({ type: 'progress', description: `${Date.now() - t0} ms: ${await page.getByTestId('run-progress').textContent()}` });
  await stop.click();
  await expect(page.getByTestId('step-counter')).toHaveText('step 0 / 0');
  await expect(page.getByTestId('narration')).toHaveText('Stopped: nothing is running. Edit the text (it runs again) or pick a scenario.');
  await expect(page.getByTestId('diagram-viewport')).toHaveCount(0);
  await expect(page.getByTestId('run-progress')).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: 'Stopped.' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('stopped.png') });

  await page.getByLabel('Built-in scenario').selectOption('fork_copy');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 0 \/ [1-9]\d*$/);
  await expect(page.getByRole('alert').filter({ hasText: 'Stopped.' })).toHaveCount(0);
  await expect(page.getByTestId('narration')).toContainText('Nothing has run yet');
  await forward.click();
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 1 \//);
});

test('a text that does not parse, then fixed: the editor error goes; a broken link: its banner goes when the text is edited or a lesson opened', async ({ page }) => {
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  await fillEditor(page, 'task A\nkr = vm_allocate(A, &x, 0x1000\n');
  await expect(page.getByTestId('error')).toContainText('Line 2');
  await fillEditor(page, 'task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\n');
  await expect(page.getByTestId('summary')).toContainText('All 2 statements ran');
  await expect(page.getByTestId('error')).toHaveCount(0);

  await page.goto('/#s=1.AAAA-not-deflate');
  await expect(page.getByTestId('error')).toContainText('This link could not be opened');
  await fillEditor(page, 'task B\n');
  await expect(page.getByTestId('error')).toHaveCount(0);

  await page.goto('/#builtin=no_such_lesson');
  await expect(page.getByTestId('error')).toContainText('There is no built-in scenario named "no_such_lesson"');
  await page.getByLabel('Built-in scenario').selectOption('fork_copy');
  await expect(page.getByTestId('lesson-title')).toContainText(/./);
  await expect(page.getByTestId('error')).toHaveCount(0);
});
