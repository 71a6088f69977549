/**
 * The embed layout's page: embed.html (src/security_headers.ts: the one page other sites may
 * frame) marks itself `<html data-layout="embed">`; the old flag `#...&embed=1` on the full app
 * still selects the layout where the page is opened (a host sending the headers refuses to let
 * another site frame the full app, so iframes must point at embed.html).
 */
/** The page that shows the embed layout, at the site's root or any sub-path (security_headers.ts lets other sites frame it). */
export const EMBED_PAGE = 'embed.html';

/** True for the embed page's path (`/embed.html`, `/course/vm/embed.html`, or without `.html` on hosts with pretty URLs). */
export function isEmbedPath(pathname: string): boolean {
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return last === EMBED_PAGE || last === 'embed';
}

/** True on embed.html (read from the page itself: it says so in its <html> element). */
export function isEmbedPage(doc: Document): boolean {
  return doc.documentElement.dataset.layout === 'embed';
}

/** The full app's address for what an embedded page shows: the same folder's index, the same fragment without embed=1. */
export function fullAppUrl(href: string): string {
  const u = new URL(href);
  if (isEmbedPath(u.pathname)) u.pathname = u.pathname.slice(0, u.pathname.lastIndexOf('/') + 1);
  u.hash = u.hash.replace(/&embed=1|embed=1&?/, '');
  return u.href;
}
