/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { builtinInfoFromFile } from './src/scenario/builtins.js';

/**
 * `scenarios/NAME.vms?builtin-header` is a module whose default export is that lesson's
 * { name, title, goal }, read from the file's header at build (and dev) time. The picker's list is
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
      const info = builtinInfoFromFile(file, readFileSync(file, 'utf8'));
      return { code: `export default ${JSON.stringify(info)};`, moduleSideEffects: false };
    },
  };
}

/**
 * The built site's Content-Security-Policy: scripts, styles, workers and connections from the site
 * itself only; no inline script, no eval; images may be data: or blob: (the PNG export). Build only:
 * the dev server needs an inline script for hot reload.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'", // inline style attributes (the diagram's SVG); scripts stay strict
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

export default defineConfig({
  // relative base: the built site works from any sub-path (a course page) as well as from /
  base: './',
  plugins: [builtinHeaders(), react(), tailwindcss(), contentSecurityPolicy()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
