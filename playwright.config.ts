import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { TIMED_GREP } from './e2e/timed';

const PORT = Number(process.env.E2E_PORT ?? 4173);
// E2E_SERVER=dev runs against the Vite dev server; the default is `vite preview` of dist/
// (npm run test:e2e builds first).
const DEV = process.env.E2E_SERVER === 'dev';
// Debian's chromium (npx playwright install cannot download here). /usr/lib/chromium/chromium is
// the real binary; /usr/bin/chromium is Debian's wrapper script. The timed tests run on it.
const CHROMIUM =
  process.env.CHROMIUM_PATH ??
  (existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium');
/**
 * The browser of the tests that only wait (projects waits and hall): Debian's headless shell of the
 * same Chromium when it is installed (package chromium-headless-shell, which .ci/run installs at
 * chromium's version): the same Blink and V8 without the browser's UI layer and GPU process, what
 * Playwright itself runs headless. The waits tests took ≈ 15 % less CPU on it, the hall's walks
 * ≈ 5 % (BENCHMARKS.md, "Issue 18, round 9: cifast7"). The timed tests stay on chromium, whose
 * times their bounds were set on.
 * CHROMIUM_SHELL_PATH names another; a CHROMIUM_PATH given alone is used for every test.
 */
const SHELL =
  process.env.CHROMIUM_SHELL_PATH ??
  (process.env.CHROMIUM_PATH === undefined && existsSync('/usr/lib/chromium/chromium-headless-shell')
    ? '/usr/lib/chromium/chromium-headless-shell'
    : CHROMIUM);
const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The tests that measure time or memory are tagged TIMED (e2e/timed.ts): they run after the others,
 * one at a time. The other tests of their files only wait, and run with the `waits` project.
 */
/**
 * The lecture hall's walks: twelve lessons, every step measured at two sizes (a third of the e2e
 * time). They only wait and measure geometry, each walk in a page of its own, so they run two at
 * a time (E2E_HALL_WORKERS), beside the other waiting specs (the two projects share the browsers,
 * so neither waits for the other's last file) and before the timed ones.
 */
const HALL = ['**/lecture_hall.spec.ts'];
const HALL_WORKERS = Number(process.env.E2E_HALL_WORKERS ?? 2);
/** Browsers for the specs that only wait (the `waits` project). */
const WAITS_WORKERS = Number(process.env.E2E_WORKERS ?? 2);
/**
 * Playwright's trace records every test and keeps it when the test fails. With its DOM snapshots and
 * screencast a spec took ≈ 1.4× the CPU time it takes with no trace; without them (the actions,
 * console, network and sources) ≈ 1.1× (BENCHMARKS.md, "Issue 18, round 3: cifast"). E2E_TRACE=full records them too
 * (to debug a failure), E2E_TRACE=off nothing.
 */
const TRACE = process.env.E2E_TRACE ?? 'light';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  // Two browsers by default for the specs that only wait (E2E_WORKERS; a browser mostly waits on
  // the app, so one left a 2-core CI machine's second core idle). The races two browsers on two
  // cores found were the tests' own and are fixed: lessons.spec read a total before the new run
  // (7584156), presentation.spec's big run ended before it looked (e2e/slow_worker.ts),
  // presenter.spec pressed v while Chromium still held the closed view's window name
  // (reopenPresenter). The lecture hall's walks share those browsers (HALL_WORKERS at most). The
  // tests that measure time or memory (tagged TIMED: a click answered within 1 s, a chip sampled
  // every 50 ms, a run still going when Stop is pressed) run last, alone.
  workers: Math.max(WAITS_WORKERS, HALL_WORKERS),
  retries: 0,
  timeout: 30_000,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 720 },
    trace:
      TRACE === 'off' ? 'off'
      : TRACE === 'full' ? 'retain-on-failure'
      : { mode: 'retain-on-failure', snapshots: false, screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: BROWSER_ARGS },
  },
  projects: [
    { name: 'waits', testIgnore: HALL, grepInvert: TIMED_GREP, workers: WAITS_WORKERS, use: { launchOptions: { executablePath: SHELL, args: BROWSER_ARGS } } },
    { name: 'hall', testMatch: HALL, workers: HALL_WORKERS, use: { launchOptions: { executablePath: SHELL, args: BROWSER_ARGS } } },
    { name: 'timed', testIgnore: HALL, grep: TIMED_GREP, dependencies: ['waits', 'hall'], workers: 1 },
  ],
  webServer: {
    command: DEV
      ? `./node_modules/.bin/vite --host 127.0.0.1 --port ${PORT} --strictPort`
      : `./node_modules/.bin/vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
