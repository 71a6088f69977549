import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox','--disable-gpu'] });
const probe = `window.__sel = []; new MutationObserver(() => { const s = document.querySelector('select[aria-label="Built-in scenario"]'); if (!s) return; const n = s.querySelectorAll('option').length; if (window.__sel.at(-1)?.n !== n) window.__sel.push({ n, w: s.getBoundingClientRect().width, t: Math.round(performance.now()) }); }).observe(document, { subtree: true, childList: true });`;
for (const [w,h] of [[1280,720],[412,823]]) for (const p of ['/', '/#builtin=fork_copy', '/#builtin=page_zero']) {
  const ctx = await b.newContext({ viewport: { width: w, height: h } });
  await ctx.addInitScript({ content: probe });
  const pg = await ctx.newPage();
  await pg.goto('http://127.0.0.1:' + process.argv[2] + p);
  await pg.getByRole('button', { name: 'Step forward' }).waitFor();
  await pg.waitForTimeout(2500);
  console.log(w, p, JSON.stringify(await pg.evaluate('window.__sel')));
  await ctx.close();
}
await b.close();
