#!/usr/bin/env node
// Bundle budgets (npm run check:bundle, after npm run build; CI runs it right after the build).
// Gzips every file of dist/assets with node:zlib's default level (what Vite's build report uses),
// sorts it into a class and fails when a class is over its budget (1 kB = 1000 bytes, as Vite):
//   main JS   the entry script index.html loads, plus any chunk it modulepreloads  ≤ 150 kB gz
//   CSS       every stylesheet                                                       ≤  20 kB gz
//   worker    kernel.worker-*.js (the simulator, fetched at startup)                 ≤  50 kB gz
//   editor    CodeEditor-*.js (CodeMirror and the scenario editor, fetched when the text is
//             reached for; the page works with a textarea until it arrives)           ≤ 130 kB gz
//   other JS  chunks fetched on demand (lesson texts, share-link codec, quiz, export): reported only
// Usage: node scripts/check-bundle.mjs [dist]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1000;
// main: 150 kB until issue 15, whose guards every page needs at once (the diagram's windows for
// crowded machines, drafts kept on pagehide, control characters shown by name, the byte dump) added
// 4.3 kB gz; 3.1 kB of it were won back by drawing links without d3-shape. Issue 18 (the first
// second on a slow laptop) is where the main script is to shrink again. 157 kB since issue 16 (the
// lecture flow: clicker keys, the course order, skip and stops, the room's quiz keys, the lecture
// and presenter hooks, the embed's options, all reachable from the first keypress) added 4.9 kB gz,
// of which 1.3 kB were won back by building embed.html from index.html (vite.config.ts embedPage).
// 150 again since issue 18 (the first second on a slow laptop): d3 (the pan-zoom behaviour) moved to
// the export area's lazy chunk, fetched once the diagram is drawn; main JS 138.5 kB gz.
// Issue 18, round 2: the entry is small (the worker, the stores) and the page (React DOM, the App)
// comes in chunks that index.html preloads (counted here as main): 142.0 kB gz in 6 files, 1.6 kB of
// it the chunks' own wrappers (BENCHMARKS.md "Issue 18, round 2: the first second").
// editor: CodeMirror 6 (view, state, language, autocomplete, lint, commands) is about 112 kB gz of
// the 121 of issue 17's editor chunk; the scenario language's highlighting, completion and
// signature help the rest.
const BUDGETS = { main: 150 * KB, css: 20 * KB, worker: 50 * KB, editor: 130 * KB };

const dist = process.argv[2] ?? 'dist';
const assets = join(dist, 'assets');
if (!existsSync(assets)) {
  console.error(`check-bundle: ${assets} does not exist; run npm run build first`);
  process.exit(2);
}

// what index.html loads up front: its module script(s) and modulepreload links
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set();
for (const m of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
  const tag = m[0];
  const isEntry = /^<script\b/.test(tag) && /type="module"/.test(tag);
  const isPreload = /^<link\b/.test(tag) && /rel="modulepreload"/.test(tag);
  if (!isEntry && !isPreload) continue;
  const url = /(?:src|href)="([^"]+)"/.exec(tag)?.[1];
  if (url !== undefined) initial.add(basename(url.split('?')[0]));
}
if (initial.size === 0) {
  console.error('check-bundle: dist/index.html loads no module script: cannot tell the main entry');
  process.exit(2);
}

const rows = [];
for (const name of readdirSync(assets).sort()) {
  if (name.endsWith('.map')) continue;
  const bytes = readFileSync(join(assets, name));
  const kind = name.startsWith('kernel.worker')
    ? 'worker'
    : name.startsWith('CodeEditor-') && name.endsWith('.js')
      ? 'editor'
      : name.endsWith('.css')
      ? 'css'
      : name.endsWith('.js')
        ? initial.has(name) ? 'main' : 'other'
        : 'asset';
  rows.push({ name, kind, raw: bytes.length, gz: gzipSync(bytes).length });
}
for (const f of initial) {
  if (!rows.some((r) => r.name === f)) {
    console.error(`check-bundle: index.html loads ${f}, which is not in ${assets}`);
    process.exit(2);
  }
}

const kb = (n) => (n / KB).toFixed(2).padStart(8);
const LABEL = { main: 'main JS', css: 'CSS', worker: 'worker', editor: 'editor (on demand)', other: 'other JS (on demand)', asset: 'other assets' };
console.log(`${'class'.padEnd(22)}${'files'.padStart(6)}${'raw kB'.padStart(10)}${'gzip kB'.padStart(10)}${'budget'.padStart(10)}  verdict   largest file`);
let failed = false;
for (const kind of ['main', 'css', 'worker', 'editor', 'other', 'asset']) {
  const list = rows.filter((r) => r.kind === kind);
  if (list.length === 0 && kind !== 'main' && kind !== 'worker' && kind !== 'css' && kind !== 'editor') continue;
  const raw = list.reduce((a, r) => a + r.raw, 0);
  const gz = list.reduce((a, r) => a + r.gz, 0);
  const budget = BUDGETS[kind];
  let verdict = '';
  if (budget !== undefined) {
    const ok = list.length > 0 && gz <= budget;
    if (!ok) failed = true;
    verdict = list.length === 0 ? 'MISSING' : ok ? 'ok' : 'OVER';
  }
  const largest = list.reduce((a, r) => (a === null || r.gz > a.gz ? r : a), null);
  console.log(
    `${LABEL[kind].padEnd(22)}${String(list.length).padStart(6)}${kb(raw).padStart(10)}${kb(gz).padStart(10)}${(budget === undefined ? '-' : kb(budget)).padStart(10)}  ${verdict.padEnd(8)}  ${largest === null ? '' : `${largest.name} (${(largest.gz / KB).toFixed(2)} kB gz)`}`,
  );
}
if (failed) {
  console.error('\ncheck-bundle: a bundle budget is exceeded (or a class is missing); see the table above.');
  process.exit(1);
}
console.log('\ncheck-bundle: all budgets met.');
