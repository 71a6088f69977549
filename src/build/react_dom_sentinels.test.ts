import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SENTINELS, withStacklessSentinels } from './react_dom_sentinels';

const require = createRequire(import.meta.url);
// the installed React DOM (its package exports no cjs/ path: found beside its package.json)
const source = readFileSync(join(dirname(require.resolve('react-dom/package.json')), 'cjs', 'react-dom-client.production.js'), 'utf8');

describe("React DOM's sentinel errors (build step)", () => {
  it('replaces each of the five in the installed React DOM, and leaves no Error made at its evaluation by them', () => {
    const r = withStacklessSentinels(source);
    if (!('code' in r)) throw new Error(r.error);
    for (const name of SENTINELS) {
      expect(r.code).toMatch(new RegExp(`\\b${name} = stacklessSentinel\\$\\(formatProdErrorMessage\\(\\d+\\)\\)`));
      expect(r.code).not.toMatch(new RegExp(`\\b${name} = Error\\(`));
    }
  });

  it('makes objects of the Error prototype with the message and no stack, each one distinct (React compares them by identity)', () => {
    const r = withStacklessSentinels('var formatProdErrorMessage = (n) => "Minified React error #" + n;\n' + SENTINELS.map((n, i) => `var ${n} = Error(formatProdErrorMessage(${460 + i}));`).join('\n') + `\nreturn [${SENTINELS.join(', ')}];`);
    if (!('code' in r)) throw new Error(r.error);
    const made = new Function(r.code)() as Error[];
    expect(made.map((e) => e instanceof Error)).toEqual(SENTINELS.map(() => true));
    expect(made[1].message).toBe('Minified React error #461');
    expect(made.every((e) => e.stack === undefined)).toBe(true);
    expect(new Set(made).size).toBe(SENTINELS.length);
  });

  it('fails, naming it, when a sentinel is not found (a React DOM update): the build stops rather than doing nothing', () => {
    const r = withStacklessSentinels(source.replace('SuspenseException = Error(', 'SuspenseException = new Error('));
    expect(r).toEqual({ error: expect.stringContaining('SuspenseException (0 found)') });
  });
});
