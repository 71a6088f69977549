/**
 * No user text ever reaches innerHTML: the UI renders scenario text, names and messages only as
 * React text (escaped), never as markup, and nothing evaluates strings as code. This test reads
 * the source and fails on any way around that.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('no HTML injection, no eval', () => {
  it('no source file uses innerHTML, outerHTML, insertAdjacentHTML, document.write, dangerouslySetInnerHTML, eval or new Function', () => {
    const bad = /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write)\b|(?<![.\w])eval\s*\(|new Function\s*\(/;
    // a method named eval (the interpreter's `eval(e: Expr)`) is not the global eval
    const lineIsBad = (line: string) => bad.test(line) && !/^\s*eval\(\w+: \w+\)/.test(line);
    const offenders = files(SRC).filter((f) => readFileSync(f, 'utf8').split('\n').some(lineIsBad));
    expect(offenders).toEqual([]);
  });
});
