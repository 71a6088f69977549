import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/** The steps a lesson marks: `# mark:` lines, each before a statement (the step that shows it run), as the lesson file has them. */
function markedSteps(lesson: string): { step: number; name: string }[] {
  const lines = readFileSync(join(process.cwd(), 'scenarios', `${lesson}.vms`), 'utf8').split('\n');
  const out: { step: number; name: string }[] = [];
  let statements = 0;
  let pending: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const mark = /^#\s*mark:\s*(.*)$/.exec(line);
    if (mark !== null) pending.push(mark[1].trim());
    else if (line !== '' && !line.startsWith('#')) {
      statements++;
      if (pending.length > 0) out.push({ step: statements, name: pending.join(' / ') });
      pending = [];
    }
  }
  return out;
}

/** Pages in a PDF: its page objects (/Type /Page, not the /Pages tree). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

test('a handout of a lesson prints one page per marked step, each with its title, step, mark, statement, diagram and caption', async ({ page }) => {
  const marks = markedSteps('fork_copy');
  expect(marks.length).toBeGreaterThan(1);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/#builtin=fork_copy&handout=1');
  const handout = page.getByTestId('handout');
  await expect(handout).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const pages = page.getByTestId('handout-page');
  await expect(pages).toHaveCount(marks.length);
  for (let i = 0; i < marks.length; i++) {
    const p = pages.nth(i);
    await expect(p.getByTestId('handout-title')).toHaveText('Fork with VM_INHERIT_COPY: copy-on-write between parent and child');
    await expect(p.getByTestId('handout-step')).toHaveText(new RegExp(`^step ${marks[i].step} / \\d+$`));
    await expect(p.getByTestId('handout-mark')).toHaveText(marks[i].name);
    await expect(p.getByTestId('handout-statement')).not.toBeEmpty();
    await expect(p.getByTestId('handout-caption')).not.toBeEmpty();
    // the diagram is the machine at that step, drawn on white
    await expect(p.locator('svg[aria-label^="Machine diagram"] > rect').first()).toHaveAttribute('fill', '#ffffff');
  }
  // the step where the child writes: its own shadow object, and the caption says what the write did
  const childWrites = pages.filter({ hasText: 'kr = write(C, x, "child data!")' });
  await expect(childWrites.getByTestId('object-2')).toBeVisible();
  await expect(childWrites.getByTestId('handout-caption')).toHaveText('write returned KERN_SUCCESS: task C stored "child data!" at 0x1000.');
  await page.screenshot({ path: 'test-results/screenshots/handout.png' });

  // as the browser's print makes it: the page size the print view asks for (A4 landscape)
  const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true });
  expect(pdfPageCount(pdf)).toBe(marks.length);
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  expect(box).not.toBeNull();
  expect(Number(box![1])).toBeCloseTo(841.89, 0); // 297 mm
  expect(Number(box![2])).toBeCloseTo(595.28, 0); // 210 mm

  // back to the playground: the print view goes, the link loses its flag
  await page.getByRole('button', { name: 'Back to the playground' }).click();
  await expect(handout).toHaveCount(0);
  await expect(page.getByTestId('editor')).toBeVisible();
  await expect(page).toHaveURL(/#builtin=fork_copy$/);
});

test('a text without marks prints every step with a fault or a copy, or the current step', async ({ page }) => {
  const text = 'task P\nkr = vm_allocate(P, &x, 0x2000, TRUE)\nkr = write(P, x, "a")\ntask C = fork(P)\nkr = write(C, x, "b")\n';
  await page.goto(`/#src=${encodeURIComponent(text)}&step=2&handout=1`);
  await expect(page.getByTestId('handout')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('handout-page')).toHaveCount(2);
  await expect(page.getByTestId('handout-step')).toHaveText(['step 3 / 5', 'step 5 / 5']);
  await expect(page.getByTestId('handout-title').first()).toHaveText('Mach VM Playground scenario');
  await page.getByRole('radio', { name: /the current step \(step 2\)/ }).check();
  await expect(page.getByTestId('handout')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('handout-step')).toHaveText(['step 2 / 5']);
  expect(pdfPageCount(await page.pdf({ preferCSSPageSize: true }))).toBe(1);
});

test('the light export: the step on white, with the title, step, statement and caption', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#builtin=fork_copy&step=16');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
  await expect(page.getByTestId('narration').locator('li[data-state="active"]')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Light sheet' }).check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
  expect(download.suggestedFilename()).toBe('mach-vm-fork_copy-step-16-light.svg');
  const svg = readFileSync((await download.path())!, 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const words = (id: string) => [...doc.querySelectorAll(`[data-testid="${id}"]`)].map((t) => t.textContent).join(' ');
    return {
      error: doc.querySelector('parsererror') !== null,
      background: doc.querySelector('[data-export="background"]')?.getAttribute('fill'),
      title: words('sheet-title'),
      step: words('sheet-step'),
      statement: words('sheet-statement'),
      caption: words('sheet-caption'),
      tasks: [...doc.querySelectorAll('[data-testid^="task-"]')].map((g) => g.getAttribute('data-testid')),
    };
  }, svg);
  expect(parsed.error).toBe(false);
  expect(parsed.background).toBe('#ffffff');
  expect(parsed.title).toBe('Fork with VM_INHERIT_COPY: copy-on-write between parent and child');
  expect(parsed.step).toBe('step 16 / 37');
  expect(parsed.statement).toBe('kr = write(C, x, "child data!")');
  expect(parsed.caption).toBe('write returned KERN_SUCCESS: task C stored "child data!" at 0x1000.');
  expect(parsed.tasks).toEqual(['task-P', 'task-C']);
  expect(svg.toLowerCase()).not.toContain('#020617'); // no dark background left

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(png.suggestedFilename()).toBe('mach-vm-fork_copy-step-16-light.png');
  expect([...readFileSync((await png.path())!).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  // Handout… opens the print view of this lesson; Back returns to the step the timeline was at
  await page.getByRole('button', { name: 'Handout…' }).click();
  await expect(page.getByTestId('handout')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('handout-page').first()).toBeVisible();
  await page.getByRole('button', { name: 'Back to the playground' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
  await expect(page.getByTestId('editor')).toBeVisible();
});
