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

export default defineConfig({
  // relative base: the built site works from any sub-path (a course page) as well as from /
  base: './',
  plugins: [builtinHeaders(), react(), tailwindcss()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
