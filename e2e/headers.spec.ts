/**
 * Security headers where the site is served (issue 15, case 8): `vite preview` sends the
 * Content-Security-Policy as a header (src/security_headers.ts), so it reaches the kernel worker
 * (a meta tag does not: eval used to run there); the full app may not be framed by another site;
 * the embed layout (embed.html) may. The other site is a page of another origin (a server of the
 * test's own, on another port) framing the preview server's pages, which come with their real headers.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Frame } from '@playwright/test';
import { APP_CSP, EMBED_CSP } from '../src/security_headers';

test('the page and the kernel worker script are served with the CSP; eval is refused inside the worker', async ({ page }) => {
  const workerScript = page.waitForResponse((r) => /kernel\.worker-[\w-]+\.js$/.test(new URL(r.url()).pathname));
  const response = await page.goto('/#builtin=fork_copy&step=3');
  expect(response!.headers()['content-security-policy']).toBe(APP_CSP);
  expect(response!.headers()['x-frame-options']).toBe('DENY');
  expect(response!.headers()['x-content-type-options']).toBe('nosniff');
  const script = await workerScript;
  expect(script.headers()['content-security-policy']).toBe(APP_CSP);
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 3 \//); // the worker runs under it
  expect(page.workers()).toHaveLength(1);
  // DevTools' own evaluation may eval whatever the CSP says: the probe runs from a timer of the
  // worker's, as the worker's own code would, and leaves its answer for a second look
  const worker = page.workers()[0];
  await worker.evaluate(() => {
    const w = self as unknown as { evalProbe?: string };
    setTimeout(() => {
      try {
        w.evalProbe = `ran: ${(0, eval)('6 * 7')}`;
      } catch (e) {
        w.evalProbe = `refused: ${(e as Error).name}`;
      }
    }, 0);
  });
  await expect.poll(() => worker.evaluate(() => (self as unknown as { evalProbe?: string }).evalProbe)).toBeDefined();
  const evalInWorker = await worker.evaluate(() => (self as unknown as { evalProbe?: string }).evalProbe);
  expect(evalInWorker).toBe('refused: EvalError');
});

test('another site cannot frame the full app, and can frame the embed layout (embed.html)', async ({ page, baseURL }) => {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/frame-ancestors|Refused to (display|frame)/i.test(m.text())) refused.push(m.text());
  });
  // the other site: a lecture page served from another origin (another port) framing both pages
  const lecture = `<!doctype html><title>Lecture 7</title><h1>Lecture 7</h1>
    <iframe title="full app" src="${baseURL}/#builtin=fork_copy&step=3" width="900" height="300"></iframe>
    <iframe title="embed" src="${baseURL}/embed.html#builtin=fork_copy&step=16" width="1200" height="700"></iframe>`;
  const site = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(lecture));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  expect(origin).not.toBe(baseURL);
  const embedPage = await page.request.get(`${baseURL}/embed.html`);
  expect(embedPage.headers()['content-security-policy']).toBe(EMBED_CSP);
  expect(embedPage.headers()['x-frame-options']).toBeUndefined();
  try {
    await page.goto(`${origin}/lecture.html`);
    const embed = page.frameLocator('iframe[title="embed"]');
    await expect(embed.getByTestId('app')).toHaveAttribute('data-embed', 'true');
    await expect(embed.getByTestId('step-counter')).toHaveText(/^step 16 \//);
    await expect(embed.getByTestId('object-2')).toBeVisible();
    await expect(embed.getByTestId('editor')).toHaveCount(0);
    await expect(embed.getByRole('link', { name: 'Open in the playground' })).toHaveAttribute('href', `${baseURL}/#builtin=fork_copy&step=16`);

    // by now the full app would have drawn too: the browser refused it (frame-ancestors) and shows its error page
    await expect.poll(() => refused.length).toBeGreaterThan(0);
    expect(refused.join('\n')).toContain("frame-ancestors 'none'");
    await expect(page.frameLocator('iframe[title="full app"]').getByTestId('app')).toHaveCount(0);
    const children = page.frames().filter((f: Frame) => f.parentFrame() !== null);
    expect(children.map((f) => f.url().replace(baseURL!, 'APP'))).toEqual(['chrome-error://chromewebdata/', 'APP/embed.html#builtin=fork_copy&step=16']);
    await page.screenshot({ path: 'test-results/screenshots/headers-framing.png' });
  } finally {
    await new Promise((resolve) => site.close(resolve));
  }
});

test('the full app opened by itself still runs under its headers, and an old &embed=1 link still shows the embed layout', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.goto('/#builtin=fork_copy&step=16&embed=1');
  await expect(page.getByTestId('app')).toHaveAttribute('data-embed', 'true');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 16 \//);
  await page.goto('/embed.html#builtin=copy_on_map&step=20');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 20 \//);
  expect(violations).toEqual([]);
});
