/**
 * What someone who clones the repository gets must stand on its own: no tracked file points into
 * the team's shared workspace beside the repository (which a clone does not have), every relative
 * link of the Markdown pages reaches a tracked file and heading, and the README's npm commands
 * exist.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SELF = 'src/repo_hygiene.test.ts';

/** Notes for the project's own developers, which may name the team's workspace; none so far. */
const DEVELOPER_NOTES: readonly string[] = ['docs/dev/'];

/** `../shared/...` (at any depth) or the workspace's absolute path. */
const SHARED_WORKSPACE = /(?:\.\.\/)+shared\b|\/work\/shared\b/;

const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter((f) => f !== '');
const trackedSet = new Set(tracked);

function text(file: string): string | null {
  const bytes = readFileSync(join(ROOT, file));
  return bytes.includes(0) ? null : bytes.toString('utf8'); // binary files (images) hold no references
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const h = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (h === null) continue;
    const base = slug(h[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

describe('the repository stands on its own', () => {
  it('lists its files', () => {
    expect(tracked).toContain('README.md');
    expect(tracked).toContain(SELF);
  });

  it('has no file pointing into the shared workspace beside it', () => {
    const offenders: string[] = [];
    for (const file of tracked) {
      if (file === SELF || DEVELOPER_NOTES.some((p) => file.startsWith(p))) continue;
      const t = text(file);
      if (t === null) continue;
      t.split('\n').forEach((line, i) => {
        if (SHARED_WORKSPACE.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('catches such a reference', () => {
    expect(SHARED_WORKSPACE.test(' * Rules: ../shared/docs/semantics.md')).toBe(true);
    expect(SHARED_WORKSPACE.test("new URL('../../../shared/docs/x.md', import.meta.url)")).toBe(true);
    expect(SHARED_WORKSPACE.test('see /work/shared/seeds/000.txt')).toBe(true);
    expect(SHARED_WORKSPACE.test('shared = TRUE when two tasks map it; docs/semantics.md')).toBe(false);
  });

  it('links its Markdown pages only to files and headings it has', () => {
    const broken: string[] = [];
    for (const page of tracked.filter((f) => f.endsWith('.md'))) {
      const md = readFileSync(join(ROOT, page), 'utf8').replace(/^```[\s\S]*?^```/gm, ''); // links in code are not links
      for (const m of md.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/i.test(target)) continue; // http:, mailto:
        const [path, anchor] = target.split('#');
        const file = path === '' ? page : normalize(join(dirname(page), path));
        if (!trackedSet.has(file)) {
          broken.push(`${page}: ${target}: no such file`);
          continue;
        }
        if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(readFileSync(join(ROOT, file), 'utf8')).has(anchor))
          broken.push(`${page}: ${target}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('runs the README setup commands as npm scripts it has', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const used = new Set<string>();
    for (const m of readme.matchAll(/npm (start|test)\b|npm run (?:-s )?([\w:-]+)/g)) used.add(m[1] ?? m[2]);
    expect([...used].filter((s) => !scripts.includes(s))).toEqual([]);
    expect(used).toContain('start');
    expect(used).toContain('test');
  });
});
