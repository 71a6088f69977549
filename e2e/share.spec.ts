import { expect, test } from '@playwright/test';
import { fillEditor, editorText, expectEditorText } from './editor';

test('Share makes a link with the whole scenario and the step; opening it restores both', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#builtin=fork_copy&step=3');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 3 \/ [1-9]/);
  await fillEditor(page, 'task A\nkr = vm_allocate(A, &x, 0x2000, TRUE)\nkr = write(A, x, "shared!")\nkr = read(A, x, 7, &v)\nassert v == "shared!"\n');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 3 \/ 5$/);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#s=1\.[A-Za-z0-9_-]+&step=3$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const other = await context.newPage();
  await other.goto(link);
  await expectEditorText(other, /kr = write\(A, x, "shared!"\)/);
  await expect(other.getByTestId('step-counter')).toHaveText('step 3 / 5');
  await expect(other.getByTestId('narration')).toContainText('stored "shared!"');
});

test('a damaged share link says so and the app still works', async ({ page }) => {
  await page.goto('/#s=1.AAAA-not-deflate');
  await expect(page.getByRole('alert').first()).toContainText('could not be opened');
  await expect(page.getByTestId('summary')).toBeVisible();
  await page.goto('/#s=9.abc');
  await expect(page.getByRole('alert').first()).toContainText('newer version');
});

test('every built-in survives a share round trip: the same text at the same step', async ({ page, context }) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  // the page's first render is sliced (a transition): it may end after the load event
  await expect(page.getByLabel('Built-in scenario').locator('option').nth(15)).toBeAttached();
  const names = await page.getByLabel('Built-in scenario').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(names.length).toBeGreaterThanOrEqual(15);
  const sizes: string[] = [];
  for (const name of names) {
    await page.goto(`/#builtin=${name}&step=2`);
    await expect(page.getByTestId('step-counter')).toHaveText(/^step 2 \//);
    const text = await editorText(page);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const link = await page.getByTestId('share-link').inputValue();
    sizes.push(`${name} ${link.length}`);
    expect(link.length, `${name}'s link`).toBeLessThan(3_000);
    await page.goto('about:blank');
    await page.goto(link);
    await expect(page.getByTestId('step-counter'), name).toHaveText(/^step 2 \//);
    expect(await editorText(page), name).toBe(text);
  }
  test.info().annotations.push({ type: 'link sizes', description: sizes.join(', ') });
});

/** `n` characters of a scenario in lines of ~1,800: many CJK characters (DEFLATE shrinks them little), so its link is long. */
function bulkyText(n: number): string {
  let seed = 2024;
  const random = () => {
    // mulberry32: a deterministic generator whose output DEFLATE cannot predict
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let line = '';
  const lines: string[] = ['task A\n'];
  let length = lines[0].length;
  while (length < n) {
    line += String.fromCharCode(0x4e00 + Math.floor(random() * 0x5000));
    if (line.length >= 1800 || length + line.length + 3 >= n) {
      const l = `# ${line}\n`.slice(0, n - length);
      lines.push(l);
      length += l.length;
      line = '';
    }
  }
  return lines.join('');
}

test("Share's link always opens: the issue's 181,807-character text (its link was refused before) comes back whole", async ({ page, context }) => {
  test.setTimeout(60_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  const text = bulkyText(181_807);
  expect(text.length).toBe(181_807);
  await fillEditor(page, text);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByTestId('share-note')).toContainText('Link copied');
  const link = await page.getByTestId('share-link').inputValue();
  expect(link.length).toBeGreaterThan(185_000); // the old reader refused anything over 100,000
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('step-counter')).toHaveText(/^step 0 \/ 1$/);
  await expect(other.getByText('This link could not be opened')).toHaveCount(0);
  expect(await editorText(other)).toBe(text);
});

test('Share refuses a text a link could not carry, saying which limit and how far over; an edit takes the note away', async ({ page }) => {
  await page.goto('/#builtin=first_fit');
  await expect(page.getByTestId('summary')).toBeVisible();
  await fillEditor(page, `task A\n${'#'.repeat(249_992)}\n`);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByTestId('share-note')).toHaveText('Not shared: the scenario is too long for a link (250,000 characters, 50,000 over the 200,000 a link can carry).');
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  await fillEditor(page, 'task A\n');
  await expect(page.getByTestId('share-note')).toHaveCount(0);
  // a link made, then the text changed: the link (of the text before) goes
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByTestId('share-link')).toHaveValue(/#s=1\./);
  await fillEditor(page, 'task B\n');
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  await expect(page.getByTestId('share-note')).toHaveCount(0);
});
