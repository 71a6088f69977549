// Lint: typescript-eslint's recommended rules, the kernel's purity rule:
// src/kernel imports nothing from the DOM, React, d3, zustand or the worker; and its privacy rule:
// outside src/kernel nothing reaches the kernel's parts (partsOf), only its calls and queries; and
// the reference model (src/testing/reference_model.ts) imports nothing of the kernel.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const browserGlobals = ['window', 'document', 'self', 'navigator', 'location', 'postMessage', 'Worker', 'localStorage', 'requestAnimationFrame', 'HTMLElement'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/kernel is pure TypeScript: no React.' },
          { group: ['d3', 'd3-*'], message: 'src/kernel is pure TypeScript: no d3.' },
          { group: ['zustand', 'zustand/*'], message: 'src/kernel is pure TypeScript: no stores.' },
          { group: ['**/worker/**', '**/ui/**', '**/store/**', 'node:*'], message: 'src/kernel must not depend on the worker, the UI, stores or node.' },
        ],
      }],
      'no-restricted-globals': ['error', ...browserGlobals.map((name) => ({ name, message: 'src/kernel runs in node and in the worker: no DOM globals.' }))],
    },
  },
  {
    // the kernel's state is private (#parts); its own modules and tests reach it through partsOf().
    // The kernel benchmark is one of them: it times the hot paths themselves (translate on the
    // machine-wide context), below the calls.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['src/kernel/**', 'bench/kernel.bench.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/kernel/kernel'],
          importNames: ['partsOf', 'KernelParts'],
          message: 'The kernel\'s parts are private to src/kernel: use the Kernel\'s calls and queries (taskList, tlbHits, faults, freeFrames...).',
        }],
      }],
    },
  },
  {
    // the reference model is an oracle for the kernel: its rules and constants are its own
    files: ['src/testing/reference_model.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/kernel/**', '**/kernel'],
          message: 'The reference model is independent of the kernel: write the rule from semantics.md, do not import the implementation.',
        }],
      }],
    },
  },
);
