/**
 * What the page's first commit holds: element counts per region of the page (header, lesson line, the
 * left column's toolbar / editor / statement list, the narration, the diagram), taken in the
 * MutationObserver callback right after the commit that first shows [data-testid=app]. Counts do not
 * depend on the machine's load, unlike the frame's time.
 *   node --import tsx bench/startup/first_census.ts URL
 */
import { chromium } from '@playwright/test';
import { CPU_SLOWDOWN } from '../browser_goals';

const CENSUS = `new MutationObserver((_, mo) => {
  const app = document.querySelector('[data-testid=app]');
  if (app === null) return;
  mo.disconnect();
  window.__census = { commit: census(app) };
  requestAnimationFrame(() => { window.__census.frame = census(app); });
}).observe(document, { subtree: true, childList: true });
function census(app) {
  const count = (el) => el === null ? 0 : el.querySelectorAll('*').length + 1;
  const regions = {};
  const all = count(app);
  regions.all = all;
  regions.header = count(app.querySelector('header'));
  regions.lesson = count(app.querySelector('section[aria-label=Lesson]'));
  const main = app.querySelector('main');
  const left = main?.firstElementChild ?? null;
  regions.leftColumn = count(left);
  regions.toolbar = count(left?.firstElementChild ?? null);
  regions.textarea = count(app.querySelector('textarea'));
  regions.statementList = left ? count(left.lastElementChild) : 0;
  regions.machineView = count(main?.lastElementChild ?? null);
  regions.diagram = count(app.querySelector('[data-testid=machine-diagram]'));
  regions.svg = app.querySelectorAll('svg *').length;
  regions.select = count(app.querySelector('select'));
  regions.counter = app.querySelector('[data-testid=step-counter]')?.textContent ?? null;
  regions.textLines = (app.querySelector('textarea')?.value ?? '').split('\\n').length;
  regions.statementRows = app.querySelectorAll('[data-testid=statement-list] li, ol li').length;
  regions.diagramChildren = count(app.querySelector('[data-testid=machine-diagram]'));
  return regions;
}`;

const url = process.argv[2];
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
await context.addInitScript({ content: CENSUS });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.RATE ?? CPU_SLOWDOWN) });
await page.goto(url);
await page.waitForFunction('window.__census?.frame !== undefined', undefined, { timeout: 60_000 });
console.log(url.replace(/^http:\/\/[^/]+/, ''), JSON.stringify(await page.evaluate('window.__census')));
await browser.close();
