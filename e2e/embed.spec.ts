import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { expect, test } from '@playwright/test';

const DIST = join(process.cwd(), 'dist');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

test('the built site works served under a sub-path, inside an iframe, with the embed layout (embed.html)', async ({ page }) => {
  // a course site: the playground lives at /courses/os/vm/, embedded in a lecture page
  const site = 'http://course.test';
  await page.route(`${site}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/lecture.html') {
      await route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>Lecture 7</title><h1>Lecture 7: copy-on-write</h1><iframe title="Mach VM Playground" src="/courses/os/vm/embed.html#builtin=fork_copy&step=16" width="1200" height="700"></iframe>',
      });
      return;
    }
    const prefix = '/courses/os/vm/';
    if (!path.startsWith(prefix)) return route.fulfill({ status: 404, body: 'not found' });
    const file = join(DIST, path.slice(prefix.length) || 'index.html');
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${site}/lecture.html`);
  const frame = page.frameLocator('iframe[title="Mach VM Playground"]');
  await expect(frame.getByTestId('app')).toHaveAttribute('data-embed', 'true');
  await expect(frame.getByTestId('step-counter')).toHaveText(/^step 16 \//); // the worker loaded from the sub-path
  await expect(frame.getByTestId('object-2')).toBeVisible();
  await expect(frame.getByTestId('narration')).toContainText('new shadow object 2');
  await expect(frame.getByTestId('editor')).toHaveCount(0);
  await frame.getByRole('button', { name: 'Step back' }).click();
  await expect(frame.getByTestId('step-counter')).toHaveText(/^step 15 \//);
  await expect(frame.getByRole('link', { name: 'Open in the playground' })).toHaveAttribute('href', /\/courses\/os\/vm\/#builtin=fork_copy&step=16$/);
  await page.screenshot({ path: 'test-results/screenshots/embed.png' });
});

test('n and b move to the next and previous lesson of the course without the mouse', async ({ page }) => {
  await page.goto('/#builtin=fork_copy');
  await expect(page.getByTestId('lesson-title')).toContainText('Fork with VM_INHERIT_COPY');
  await page.keyboard.press('p');
  // fork_copy ends the unit "Inheritance and fork": n goes on to the first lesson of "Sharing" (course.ts)
  await page.keyboard.press('n');
  await expect(page).toHaveURL(/#builtin=shared_mapping$/);
  await page.keyboard.press('b');
  await expect(page).toHaveURL(/#builtin=fork_copy$/);
  await page.keyboard.press('b');
  await expect(page).toHaveURL(/#builtin=inherit_clipping$/);
  await expect(page.getByTestId('app')).toHaveAttribute('data-presentation', 'true');
});

test('in an embed, step keys pressed right after n are the next lesson\'s, though its page opens it only after fetching its options', async ({ page }) => {
  await page.goto('/#builtin=fork_copy&embed=1');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 0 \/ [1-9]/);
  // one task: n, then → → End ← before the page has begun to open the next lesson
  await page.evaluate(() => {
    for (const key of ['n', 'ArrowRight', 'ArrowRight', 'End', 'ArrowLeft']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
  await expect(page).toHaveURL(/#builtin=shared_mapping&embed=1$/);
  await expect(page.getByTestId('lesson-title')).toContainText('shared memory');
  // →, →, End, ←: one step before the end of the next lesson (its timeline has more than three steps)
  await expect
    .poll(async () => {
      const m = /^step (\d+) \/ (\d+)/.exec((await page.getByTestId('step-counter').textContent()) ?? '');
      return m === null ? 'no counter' : `${Number(m[2]) - Number(m[1])} before the end of ${Number(m[2]) > 3 ? 'a long timeline' : m[2]}`;
    })
    .toBe('1 before the end of a long timeline');
});
