/**
 * The site's security headers, in one place: the Content-Security-Policy of the built app (also
 * its <meta> tag, for hosts that send no headers), who may frame which page, and the headers every
 * response carries. vite.config.ts sends them from `vite preview`; public/_headers is the same
 * rules for Netlify / Cloudflare Pages (its test checks it is what hostingHeadersFile() writes);
 * docs/hosting.md has an nginx version.
 *
 *   index.html   the full app     frame-ancestors 'none'  (+ X-Frame-Options: DENY)
 *   embed.html   the embed layout frame-ancestors *       (any course page may frame it)
 *   anything else (scripts, the worker's script, styles)  the app's policy: a worker gets its
 *                policy from its own script's response, so `eval` is refused there too
 *
 * Scripts, workers, styles and connections come from the site only; no inline script and no eval;
 * images may be data: or blob: (the PNG export). frame-ancestors is ignored in a <meta> tag (the
 * browser warns), so the tag leaves it out: framing is refused only where headers are sent.
 */
import { EMBED_PAGE, isEmbedPath } from './ui/embed_page';

export { EMBED_PAGE, isEmbedPath };

/** The policy's directives shared by every page and by the meta tag. */
const BASE_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'", // inline style attributes (the diagram's SVG); scripts stay strict
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The <meta http-equiv="Content-Security-Policy"> of the built pages (no frame-ancestors: a meta tag cannot carry it). */
export const META_CSP = BASE_DIRECTIVES.join('; ');

/** The full app and every other response: no site may frame it. */
export const APP_CSP = [...BASE_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** The embed layout (embed.html): any site may frame it. */
export const EMBED_CSP = [...BASE_DIRECTIVES, 'frame-ancestors *'].join('; ');


/** Headers every response carries. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The headers a response for `pathname` carries beyond COMMON_HEADERS. */
export function pageHeaders(pathname: string): Record<string, string> {
  return isEmbedPath(pathname)
    ? { 'Content-Security-Policy': EMBED_CSP }
    : { 'Content-Security-Policy': APP_CSP, 'X-Frame-Options': 'DENY' };
}

/**
 * public/_headers (Netlify and Cloudflare Pages). A path matched by two rules gets both rules'
 * headers, and two CSP headers are both enforced, so the CSP is never on `/*`: each page, and the
 * assets, get exactly one.
 */
export function hostingHeadersFile(): string {
  const block = (path: string, headers: Record<string, string>) =>
    [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n');
  return [
    '# Security headers for Netlify and Cloudflare Pages: the ones `vite preview` sends (src/security_headers.ts,',
    '# which writes this file: see its test). For a site served from a sub-path, put the sub-path in front of each path.',
    block('/*', { ...COMMON_HEADERS }),
    block('/', pageHeaders('/')),
    block('/index.html', pageHeaders('/index.html')),
    block('/assets/*', pageHeaders('/assets/')),
    block(`/${EMBED_PAGE}`, pageHeaders(`/${EMBED_PAGE}`)),
    block('/embed', pageHeaders('/embed')),
    '',
  ].join('\n');
}
