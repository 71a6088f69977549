/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { builtinInfoFromFile } from './src/scenario/builtins.js';
import { COMMON_HEADERS, META_CSP, pageHeaders } from './src/security_headers.js';

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

export default defineConfig({
  // relative base: the built site works from any sub-path (a course page) as well as from /
  base: './',
  plugins: [builtinHeaders(), react(), tailwindcss(), contentSecurityPolicy()],
  worker: { format: 'es' },
  // two pages, one app: index.html (the full app) and embed.html (the embed layout, which other sites may frame)
  build: { rolldownOptions: { input: { index: 'index.html', embed: 'embed.html' } } },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { ...COMMON_HEADERS } },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
