import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectDrawn } from './drawn';
import { editorText, expectEditorText } from './editor';

test('export the diagram as SVG (it parses and holds the task diagrams) and PNG, and save the scenario', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=fork_copy&step=16');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
  await expectDrawn(page, 16); // the page's first picture comes after the counter
  // the step plays its events in turn (reduced motion too: nothing travels): export once it is shown whole
  await expect(page.getByTestId('narration').locator('li[data-state="active"]')).toHaveCount(0);

  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
  expect(svgDownload.suggestedFilename()).toBe('mach-vm-fork_copy-step-16.svg');
  const svg = readFileSync((await svgDownload.path())!, 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror') !== null,
      tasks: [...doc.querySelectorAll('[data-testid^="task-"]')].map((g) => g.getAttribute('data-testid')),
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent).join(' '),
    };
  }, svg);
  expect(parsed.error).toBe(false);
  expect(parsed.tasks).toEqual(['task-P', 'task-C']);
  expect(parsed.texts).toContain('object 2');

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(pngDownload.suggestedFilename()).toBe('mach-vm-fork_copy-step-16.png');
  const png = readFileSync((await pngDownload.path())!);
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(png.length).toBeGreaterThan(10_000);

  const [vms] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save .vms' }).click()]);
  expect(vms.suggestedFilename()).toBe('fork_copy.vms');
  expect(readFileSync((await vms.path())!, 'utf8')).toBe(await editorText(page));
});

test('import a .vms file with the file picker', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('summary')).toBeVisible();
  await page.getByTestId('open-vms').setInputFiles({
    name: 'mine.vms',
    mimeType: 'text/plain',
    buffer: Buffer.from('task Z\nkr = vm_allocate(Z, &z, 0x1000, TRUE)\nassert z == 0x1000\n'),
  });
  await expectEditorText(page, /task Z/);
  await expect(page.getByTestId('summary')).toContainText('All 3 statements ran; 0 asserts held so far');
});

test('import by drag and drop; a binary file is refused by name', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('summary')).toBeVisible();
  // the import code (a lazy chunk) is there once "Open .vms" is (before it, a drop is kept: early_drop.test.ts)
  await expect(page.getByTestId('open-vms')).toBeAttached();
  const drop = async (name: string, bytes: number[]) => {
    const dt = await page.evaluateHandle(({ name, bytes }) => {
      const d = new DataTransfer();
      d.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/plain' }));
      return d;
    }, { name, bytes });
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
    await expect(page.getByTestId('drop-overlay')).toBeVisible();
    await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  };
  await drop('dropped.vms', [...Buffer.from('task D\n')]);
  await expectEditorText(page, 'task D\n');
  await drop('a.out', [0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]);
  await expect(page.getByRole('alert').first()).toContainText('"a.out"');
  await expectEditorText(page, 'task D\n');
});
