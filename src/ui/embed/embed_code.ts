/**
 * The embed builder's output: the address of embed.html showing a scenario with the chosen options
 * (embed_options.ts embedHash) and the <iframe> element a course page pastes in. Pure; the
 * attribute values are escaped (a lesson title or a shared text cannot break out of them), and
 * a size is held to [MIN_EMBED_SIDE, MAX_EMBED_SIDE] pixels.
 */
import { EMBED_PAGE } from '../embed_page';
import { embedHash, type EmbedOptions } from './embed_options';

export const MIN_EMBED_SIDE = 240;
export const MAX_EMBED_SIDE = 4000;

export interface EmbedSize {
  /** Pixels, or '100%' for the page's width. */
  width: number | '100%';
  height: number;
}

export const SIZE_PRESETS: readonly { id: string; label: string; size: EmbedSize }[] = [
  { id: 'small', label: 'Small (640 × 420)', size: { width: 640, height: 420 } },
  { id: 'medium', label: 'Medium (960 × 600)', size: { width: 960, height: 600 } },
  { id: 'large', label: 'Large (1280 × 800)', size: { width: 1280, height: 800 } },
  { id: 'full', label: 'Page width × 700', size: { width: '100%', height: 700 } },
];

/** A side in pixels, held to [MIN_EMBED_SIDE, MAX_EMBED_SIDE] (not a number: the least). */
export function clampSide(n: number): number {
  return Number.isFinite(n) ? Math.max(MIN_EMBED_SIDE, Math.min(MAX_EMBED_SIDE, Math.round(n))) : MIN_EMBED_SIDE;
}

/** The address of the embed page next to `pageHref` (the playground's own address), for `scenarioHash` ('builtin=fork_copy' or 's=...'). */
export function embedUrl(pageHref: string, scenarioHash: string, options: EmbedOptions): string {
  const u = new URL(pageHref);
  u.hash = '';
  u.search = '';
  u.pathname = u.pathname.slice(0, u.pathname.lastIndexOf('/') + 1) + EMBED_PAGE;
  return `${u.href}#${scenarioHash}${embedHash(options)}`;
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The <iframe> element for a course page. */
export function iframeCode(src: string, title: string, size: EmbedSize): string {
  const width = size.width === '100%' ? '100%' : String(clampSide(size.width));
  return `<iframe title="${attr(title)}" src="${attr(src)}" width="${width}" height="${clampSide(size.height)}" style="border: 0; max-width: 100%" loading="lazy"></iframe>`;
}
