/**
 * The limits on scenario text, in one place: the language's own limit (the parser, the CLI, the
 * editor, a file opened, the drafts kept over a reload) and the smaller one of links (`#s=` made by Share, and
 * `#src=`), with the bounds on a link's encoded value that follow from it. Share checks the same
 * numbers the link reader checks, so it never makes a link the app would refuse to open.
 *
 * Lengths are in characters as String.length counts them (UTF-16 code units). Every message that
 * refuses a text names its limit and how far over it is (overBy).
 */

/**
 * The longest scenario text, in characters: the parser refuses a longer one (at the character
 * where the limit is passed), and the editor and the drafts kept over a reload take up to this.
 * Parsing is linear, about 0.6 s a million characters on a slow machine for the worst texts.
 */
export const MAX_SOURCE_LENGTH = 1_000_000;

/**
 * The longest scenario text a link carries, in characters, `#s=` (Share) or `#src=`: a link is
 * opened by anyone who clicks it, and is pasted into chats and mails. Every built-in is under 3,000.
 */
export const MAX_LINK_SOURCE = 200_000;

/**
 * The longest `#s=` value read at all (checked before any decoding). The codec's worst case for
 * MAX_LINK_SOURCE characters (3 UTF-8 bytes each that DEFLATE cannot shrink, in base64) is about
 * 800,100 characters, so every text a link may carry fits; url_codec.test.ts checks it.
 */
export const MAX_SHARE_VALUE = 1_000_000;

/**
 * The longest `#src=` value read at all, before it is percent-decoded: MAX_LINK_SOURCE characters
 * of the longest percent-encoding a character has (`€` is `%E2%82%AC`, 9). The decoded text is
 * then held to MAX_LINK_SOURCE.
 */
export const MAX_SRC_VALUE = MAX_LINK_SOURCE * 9;

/**
 * The largest scenario file opened (the app's Open .vms, as the CLI's `vm run`), in bytes: a file
 * any longer cannot hold a text of at most MAX_SOURCE_LENGTH characters (3 UTF-8 bytes at most
 * each), so it is refused before it is read.
 */
export const MAX_FILE_BYTES = MAX_SOURCE_LENGTH * 3;

/**
 * A count as the messages write it: 200,000 (what toLocaleString('en-US') writes). Whole numbers
 * are grouped here by hand: a page's first toLocaleString loads the browser's number-formatting
 * data, 100 ms and more on a slow laptop, and messages are built when their module loads.
 */
export function formatCount(n: number): string {
  return Number.isSafeInteger(n) && !Object.is(n, -0) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : n.toLocaleString('en-US');
}

/** "250,000 characters, 50,000 over the 200,000 a link can carry": the length, the limit and how far over. */
export function overBy(length: number, limit: number, what: string): string {
  return `${formatCount(length)} characters, ${formatCount(length - limit)} over the ${formatCount(limit)} ${what}`;
}
