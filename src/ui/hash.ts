/**
 * What the URL's fragment asks for: `#builtin=NAME` opens a built-in, `#s=<share value>` (a
 * compressed, versioned scenario, see url_codec.ts) or `#src=<percent-encoded scenario>` opens that
 * text; `&step=N` puts the timeline after N statements; `&present=1` opens it in presentation mode
 * and `&embed=1` in the minimal layout for an iframe, `&handout=1` as a handout's print view
 * (hashFlag: any other value is ignored).
 * Anything else is reported, never executed or injected. A #src= text is held to the same limit
 * as a share link's (text_limits.ts), and the message says how far over it is.
 *
 * `#compare=<value>` opens the Compare view (two machines side by side; its value decoded, like
 * `#s=`, by the codec, in compare/compare_link.ts).
 * `#lecture=<value>` opens a lecture script (its value decoded, like `#s=`, by the codec's chunk),
 * and `#presenter=1` is the presenter view of the page that opened it (presenter/).
 *
 * parseHash is synchronous; a `#s=` value comes back still encoded (kind 'shared'), and
 * decodeShared unpacks it with the codec (and fflate), loaded only when a share link is opened.
 */

import { formatCount, MAX_LINK_SOURCE, MAX_SRC_VALUE, overBy } from '../scenario/text_limits';

export type HashRequest =
  | { kind: 'none' }
  | { kind: 'builtin'; name: string; step: number }
  | { kind: 'source'; source: string; step: number }
  | { kind: 'shared'; value: string; step: number }
  /** `#lecture=<value>&item=N`: a lecture script (lecture/lecture_link.ts), item N (1-based) shown; `item` 0-based here. */
  | { kind: 'lecture'; value: string; item: number; step: number }
  /** `#compare=<value>`: two machines side by side (compare/compare_link.ts decodes the value in the Compare view's chunk). */
  | { kind: 'compare'; value: string }
  | { kind: 'invalid'; message: string };

/** The longest text a #src= may carry (decoded) is MAX_LINK_SOURCE, Share's limit too; its raw value is read only up to MAX_SRC_VALUE. */
export { MAX_LINK_SOURCE, MAX_SRC_VALUE };

export function parseHash(hash: string): HashRequest {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h === '') return { kind: 'none' };
  const params = new Map<string, string>();
  for (const part of h.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const rawStep = params.get('step');
  const step = rawStep !== undefined && /^\d{1,9}$/.test(rawStep) ? Number(rawStep) : 0;
  if (params.has('s')) return { kind: 'shared', value: params.get('s')!, step };
  if (params.has('compare')) return { kind: 'compare', value: params.get('compare')! };
  if (params.has('lecture')) {
    const rawItem = params.get('item');
    const item = rawItem !== undefined && /^\d{1,4}$/.test(rawItem) && Number(rawItem) > 0 ? Number(rawItem) - 1 : 0;
    return { kind: 'lecture', value: params.get('lecture')!, item, step };
  }
  if (params.has('src')) {
    const raw = params.get('src')!;
    if (raw.length > MAX_SRC_VALUE) {
      return { kind: 'invalid', message: `the scenario in the link is too long to open (over the ${formatCount(MAX_LINK_SOURCE)} characters a link can carry)` };
    }
    let source: string;
    try {
      source = decodeURIComponent(raw);
    } catch {
      return { kind: 'invalid', message: 'the scenario in the link is not valid percent-encoded text (#src=...)' };
    }
    if (source.length > MAX_LINK_SOURCE) {
      return { kind: 'invalid', message: `the scenario in the link is too long to open (${overBy(source.length, MAX_LINK_SOURCE, 'a link can carry')})` };
    }
    return { kind: 'source', source, step };
  }
  if (params.has('builtin')) {
    let name: string;
    try {
      name = decodeURIComponent(params.get('builtin')!);
    } catch {
      return { kind: 'invalid', message: 'the built-in name in the link is not valid text' };
    }
    return { kind: 'builtin', name, step };
  }
  // only flags (#present=1): the default lesson, in that mode
  if ([...params.keys()].every((k) => FLAGS.has(k))) return { kind: 'none' };
  return { kind: 'invalid', message: 'the link names no scenario: use #builtin=NAME or #src=...' };
}

/** The fragment's parameters that say how to show a scenario, not which. */
/** (start, end, autoplay, speed, hide: the embed's options, embed/embed_options.ts; presenter, item: lecture/ and presenter/.) */
const FLAGS = new Set(['step', 'embed', 'present', 'presenter', 'item', 'handout', 'start', 'end', 'autoplay', 'speed', 'hide']);

/** The codec for share links (url_codec.ts and fflate): a chunk of its own, fetched once. */
export function loadShareCodec(): Promise<typeof import('../scenario/url_codec')> {
  return import('../scenario/url_codec');
}

/** A `#s=` request decoded: the scenario it carries, or why it cannot be opened. Never throws. */
export async function decodeShared(req: { value: string; step: number }): Promise<HashRequest> {
  let codec: typeof import('../scenario/url_codec');
  try {
    codec = await loadShareCodec();
  } catch {
    return { kind: 'invalid', message: "the page's link decoder could not be loaded (check the connection and reload)" };
  }
  const decoded = codec.decodeShare(req.value);
  if (!decoded.ok) return { kind: 'invalid', message: decoded.message };
  return { kind: 'source', source: decoded.source, step: req.step };
}

/** True when the fragment carries `flag=1` exactly (`embed=1`, `present=1`); `present=yes` or `present=1x` is not. */
export function hashFlag(hash: string, flag: string): boolean {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  return h.split('&').some((part) => part === `${flag}=1`);
}

/** A link with `flag=1` added to its fragment (once; a link without a fragment is returned as it is). */
export function withHashFlag(url: string, flag: string): string {
  const at = url.indexOf('#');
  if (at < 0 || hashFlag(url.slice(at), flag)) return url;
  return `${url}${url.length > at + 1 ? '&' : ''}${flag}=1`;
}
