/**
 * The security headers (security_headers.ts): public/_headers is what hostingHeadersFile() writes
 * (so the example for Netlify / Cloudflare Pages says what `vite preview` sends), each page gets
 * exactly one policy, and only the embed page may be framed. The browser side is e2e/headers.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { APP_CSP, EMBED_CSP, META_CSP, hostingHeadersFile, isEmbedPath, pageHeaders } from './security_headers';
import { fullAppUrl } from './ui/embed_page';

describe('security headers', () => {
  test('public/_headers is the file hostingHeadersFile() writes (regenerate it from there when the policy changes)', () => {
    expect(readFileSync(new URL('../public/_headers', import.meta.url), 'utf8')).toBe(hostingHeadersFile());
  });

  test('the full app may be framed by no site; the embed page by any; both refuse eval and allow workers from the site only', () => {
    expect(APP_CSP).toContain("frame-ancestors 'none'");
    expect(EMBED_CSP).toContain('frame-ancestors *');
    for (const csp of [APP_CSP, EMBED_CSP, META_CSP]) {
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("worker-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
    }
    expect(META_CSP).not.toContain('frame-ancestors'); // ignored (with a warning) in a meta tag
    expect(pageHeaders('/')).toEqual({ 'Content-Security-Policy': APP_CSP, 'X-Frame-Options': 'DENY' });
    expect(pageHeaders('/assets/kernel.worker-abc.js')['Content-Security-Policy']).toBe(APP_CSP);
    expect(pageHeaders('/course/vm/embed.html')).toEqual({ 'Content-Security-Policy': EMBED_CSP });
    expect(isEmbedPath('/embed.html.map')).toBe(false);
    expect(isEmbedPath('/embedded.html')).toBe(false);
  });

  test('in _headers no path gets two policies: the CSP is never on a catch-all rule', () => {
    const rules = hostingHeadersFile().split('\n').filter((l) => !l.startsWith('#'));
    let path = '';
    const csps = new Map<string, number>();
    for (const line of rules) {
      if (line.startsWith('/')) path = line;
      else if (line.includes('Content-Security-Policy')) csps.set(path, (csps.get(path) ?? 0) + 1);
    }
    expect(csps.has('/*')).toBe(false);
    expect([...csps.values()].every((n) => n === 1)).toBe(true);
    expect([...csps.keys()]).toEqual(['/', '/index.html', '/assets/*', '/embed.html', '/embed']);
  });

  test("the embed page's 'Open in the playground' goes to the full app at the same place", () => {
    expect(fullAppUrl('https://uni.test/os/vm/embed.html#builtin=fork_copy&step=16')).toBe('https://uni.test/os/vm/#builtin=fork_copy&step=16');
    expect(fullAppUrl('https://uni.test/os/vm/#builtin=fork_copy&step=16&embed=1')).toBe('https://uni.test/os/vm/#builtin=fork_copy&step=16');
  });
});
