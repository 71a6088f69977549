/// <reference types="vitest/config" />
import { readdirSync, readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rolldown';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { builtinInfoFromFile } from './src/scenario/builtins.js';
import { COMMON_HEADERS, META_CSP, pageHeaders } from './src/security_headers.js';
import { REACT_DOM_CLIENT, withStacklessSentinels } from './src/build/react_dom_sentinels.js';

/**
 * React DOM's five sentinel errors made without a stack (src/build/react_dom_sentinels.ts): under an
 * attached inspector (Lighthouse, Playwright, DevTools) their stacks made V8 re-parse React DOM's
 * whole module during its evaluation, the load's longest task. The build fails if they are not found.
 */
function reactDomSentinels(): Plugin {
  return {
    name: 'mach-vm:react-dom-sentinels',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!REACT_DOM_CLIENT.test(id.split('?')[0])) return null;
      const r = withStacklessSentinels(code);
      if ('error' in r) return this.error(r.error);
      return { code: r.code, map: null };
    },
  };
}

/**
 * `scenarios/NAME.vms?builtin-header` is a module whose default export is that lesson's
 * { name, title, goal, unit, order }, read from the file's header at build (and dev) time (its unit
 * and place in the course: src/scenario/course.ts). The picker's list is
 * built from these (src/scenario/builtins_browser.ts), so the main bundle carries no lesson text;
 * the texts are `?raw` chunks loaded when a lesson is opened. Vite watches the .vms files, so an
 * edited header reloads in dev.
 */
function builtinHeaders(): Plugin {
  return {
    name: 'mach-vm:builtin-headers',
    enforce: 'pre',
    load(id) {
      // build: x.vms?builtin-header; dev: x.vms?import&builtin-header
      const q = id.indexOf('?');
      if (q < 0 || !id.slice(0, q).endsWith('.vms') || !new URLSearchParams(id.slice(q + 1)).has('builtin-header')) return null;
      const file = id.slice(0, q);
      this.addWatchFile(file);
      this.addWatchFile(fileURLToPath(new URL('./src/scenario/course.ts', import.meta.url))); // each lesson's unit and place
      const info = builtinInfoFromFile(file, readFileSync(file, 'utf8'));
      return { code: `export default ${JSON.stringify(info)};`, moduleSideEffects: false };
    },
  };
}

/**
 * The built site's Content-Security-Policy and security headers (src/security_headers.ts): a meta
 * tag in each page (for hosts that send no headers; build only: the dev server needs an inline
 * script for hot reload), and `vite preview` sends them as headers, per page: the full app may
 * not be framed, embed.html may; every other response (the worker's script included) carries the
 * app's policy. preview.headers carries the headers that are the same everywhere.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, ctx) =>
        ctx.server !== undefined ? html : html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${META_CSP}" />`),
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const headers = pageHeaders(new URL(req.url ?? '/', 'http://preview').pathname);
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        next();
      });
    },
  };
}

/**
 * embed.html in the built site: index.html as built (the same scripts and styles), with the two
 * lines that differ in the source embed.html (its <html data-layout="embed"> and its title). Not a
 * second build input: with two HTML entries the bundler split modules that the main script shares
 * with lazy chunks into extra files loaded up front (about 4 kB gz more, in 6 files instead of 1).
 * The dev server serves the source embed.html itself.
 */
function embedPage(): Plugin {
  return {
    name: 'mach-vm:embed-page',
    apply: 'build',
    enforce: 'post',
    // after Vite's own HTML plugin has written index.html
    generateBundle: { order: 'post', handler(_options, bundle) {
      const index = bundle['index.html'];
      if (index === undefined || index.type !== 'asset') return this.error('embed-page: index.html was not built');
      const source = readFileSync(fileURLToPath(new URL('./embed.html', import.meta.url)), 'utf8');
      const htmlTag = /<html[^>]*>/.exec(source)?.[0];
      const title = /<title>[^<]*<\/title>/.exec(source)?.[0];
      if (htmlTag === undefined || title === undefined) return this.error('embed-page: embed.html has no <html> or <title>');
      const built = String(index.source);
      const html = built.replace(/<html[^>]*>/, htmlTag).replace(/<title>[^<]*<\/title>/, title);
      if (!html.includes('data-layout="embed"')) return this.error('embed-page: the embed layout mark did not make it into embed.html');
      this.emitFile({ type: 'asset', fileName: 'embed.html', source: html });
    } },
  };
}

/**
 * The page's chunks: src/ui/start_page.tsx (the App) and every chunk it imports (React DOM, React…),
 * which the entry script imports at once, less what the entry itself imports.
 */
function pageChunks(bundle: OutputBundle): string[] {
  const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
  const page = chunks.find((c) => (c.facadeModuleId ?? '').replaceAll('\\', '/').endsWith('/src/ui/start_page.tsx'));
  const entry = chunks.find((c) => c.isEntry);
  if (page === undefined || entry === undefined) return [];
  const files: string[] = [];
  const visit = (name: string) => {
    const c = bundle[name];
    if (c === undefined || c.type !== 'chunk' || c === entry || entry.imports.includes(name) || files.includes(name)) return;
    files.push(name);
    c.imports.forEach(visit);
  };
  visit(page.fileName);
  return files;
}

/**
 * index.html preloads the page's chunks (`<link rel="modulepreload">`): the entry script imports them
 * dynamically (so that their evaluation is a task of its own, after the worker and the lesson have
 * started loading), and without the links the browser would ask for them only once the entry has run.
 * scripts/check-bundle.mjs counts what index.html preloads as the main script. Runs before embedPage,
 * which copies index.html.
 */
function pagePreload(): Plugin {
  return {
    name: 'mach-vm:page-preload',
    apply: 'build',
    enforce: 'post',
    generateBundle: { order: 'post', handler(_options, bundle) {
      const index = bundle['index.html'];
      const files = pageChunks(bundle);
      if (index === undefined || index.type !== 'asset' || files.length === 0) return this.error('page-preload: index.html or the page chunk (start_page) was not built');
      const links = files.map((f) => `  <link rel="modulepreload" crossorigin href="./${f}">\n  `).join('');
      const html = String(index.source);
      if (!html.includes('</head>')) return this.error('page-preload: index.html has no </head>');
      index.source = html.replace('</head>', `${links}</head>`);
    } },
  };
}

/**
 * The main script starts with V8's explicit compile hint `//# allFunctionsCalledOnLoad`: Chrome then
 * compiles its functions while it streams the script in, on a background thread, rather than one by
 * one on the main thread as they first run. Measured at load (issue 18, BENCHMARKS.md "the first
 * second"): the main thread's V8 compile and parse time about halved. Other browsers read a comment.
 */
function compileHints(): Plugin {
  return {
    name: 'mach-vm:compile-hints',
    apply: 'build',
    enforce: 'post',
    // the entry chunk and the page's chunks only (the lazy chunks may never run); at the very top (V8 reads it there, so
    // after Vite's preamble is written), after minification (which drops comments). The file's
    // hash is of the code before: still one hash for one content, the line being always the same
    generateBundle: { order: 'post', handler(_options, bundle) {
      const page = pageChunks(bundle);
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && (chunk.isEntry || page.includes(chunk.fileName))) chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      }
    } },
  };
}

/** The unit test files. */
const TEST_FILES = 'src/**/*.test.{ts,tsx}';

/**
 * The unit test files that keep state of their own from file to file, so each runs isolated: those
 * that say `// @vitest-environment happy-dom` (a DOM, React, the stores), and those that run the
 * `vm` command (src/cli/test_cli.ts compiles it once per file and removes it when its file ends).
 * Paths relative to this folder.
 */
function isolatedTestFiles(): string[] {
  const root = fileURLToPath(new URL('./src', import.meta.url));
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.test\.tsx?$/.test(f) && /@vitest-environment happy-dom|\/test_cli['.]/.test(readFileSync(`${root}/${f}`, 'utf8')))
    .map((f) => `src/${f.split(sep).join('/')}`)
    .sort();
}

/**
 * The `shared` files with one test that takes ≥ 5 s of CPU on CI (its log of 5ddcd53: 22.6, 12.3,
 * 6.5, 5.9, 5.6, 5.1, 5.1 s). They share a module graph like the others but are a project of their
 * own, `long`: .ci/run runs the rest of `shared` at nice 19 beside the timed e2e tests, where a test
 * gets only the CPU the browser leaves and may wait out a busy stretch of it; a test this long could
 * then pass the 60 s test timeout, so these run first, with `isolated`, on both cores
 * (BENCHMARKS.md, "Issue 18, round 8: cifast6").
 */
const LONG_TEST_FILES = [
  'src/testing/kernel_vs_model.property.test.ts',
  'src/testing/arbitrary_ints.property.test.ts',
  'src/testing/reference_model.test.ts',
  'src/ui/diagram/layout.test.ts',
  'src/worker/handler.test.ts',
  'src/worker/replay_work.test.ts',
  'src/kernel/vm_map.property.test.ts',
];

export default defineConfig({
  // relative base: the built site works from any sub-path (a course page) as well as from /
  base: './',
  plugins: [builtinHeaders(), reactDomSentinels(), react(), tailwindcss(), contentSecurityPolicy(), pagePreload(), embedPage(), compileHints()],
  worker: { format: 'es' },
  // two pages, one app: index.html (the full app) and embed.html (the embed layout, which other
  // sites may frame), written from the built index.html (embedPage above)
  build: { rolldownOptions: { input: { index: 'index.html' } } },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { ...COMMON_HEADERS } },
  test: {
    environment: 'node',
    testTimeout: 60_000,
    // Vitest's default in a run is one worker FEWER than the cores: on CI's 2-core machine that is
    // one worker, and the suite ran on one core (BENCHMARKS.md, "Issue 18, round 4: cifast2").
    // One per core; VITEST_MAX_WORKERS (or --maxWorkers) still overrides it.
    maxWorkers: availableParallelism(),
    // Two projects (BENCHMARKS.md, "Issue 18, round 7: cifast5"). The files that keep no state
    // between files share their workers' module graph (isolate: false): isolated, each file paid a
    // fresh process and imported the kernel, the interpreter and vitest again (86 small files:
    // 80.5 → 30.3 s of CPU). The others (isolatedTestFiles) keep one module graph each.
    // (`include` is set in the projects only: `extends` would add the root's.) `long`: the shared
    // files with a long test (LONG_TEST_FILES), which .ci/run runs apart from the others.
    projects: [
      { extends: true, test: { name: 'shared', include: [TEST_FILES], exclude: [...isolatedTestFiles(), ...LONG_TEST_FILES], isolate: false } },
      { extends: true, test: { name: 'long', include: LONG_TEST_FILES, isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolatedTestFiles() } },
    ],
  },
});
