/**
 * Text from a scenario shown without being obeyed. A scenario may hold control characters (a raw
 * ESC starts a terminal escape sequence) and bidirectional controls (U+202E reverses what follows)
 * in its string literals and comments; shown raw, they would drive the terminal or reorder the line
 * they sit in. The CLI escapes them in everything it prints (terminalText); the app shows them as
 * marked names (visibleText: ⟨U+202E⟩) in the statement list, the narration and error messages.
 *
 * Controls: C0 (U+0000–U+001F, but tab and newline), DEL, C1 (U+0080–U+009F); bidi controls: the
 * embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E, U+200F and
 * U+061C; and the line and paragraph separators U+2028, U+2029 (they break a line).
 * Displays also cut a statement's text at SHOWN_TEXT characters (clipText), as values are cut.
 */

import { groupDigits } from './values';

/** The characters shown by name rather than obeyed (one regexp, global): matching controls is its purpose. */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The code point as U+XXXX. */
function codeName(c: string): string {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Whether the text holds a character visibleText / terminalText would show by name. */
export function hasHiddenCharacters(s: string): boolean {
  HIDDEN.lastIndex = 0;
  return HIDDEN.test(s);
}

/** For a terminal: each control as an escape, \x1b (up to U+00FF) or \u202e; tab and newline stay. */
export function terminalText(s: string): string {
  return s.replace(HIDDEN, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** For the app: each control as its marked code, ⟨U+202E⟩ (shown, never applied). */
export function visibleText(s: string): string {
  return s.replace(HIDDEN, (c) => `⟨${codeName(c)}⟩`);
}

/** The most characters of a statement's text a display shows (a string literal may make a line long); past them, the count. */
export const SHOWN_TEXT = 400;

/** The text in pieces: plain runs, and each hidden character by its name (U+202E), for a display that marks them. */
export function splitHidden(s: string): (string | { name: string })[] {
  const parts: (string | { name: string })[] = [];
  let at = 0;
  for (const m of s.matchAll(HIDDEN)) {
    if (m.index > at) parts.push(s.slice(at, m.index));
    parts.push({ name: codeName(m[0]) });
    at = m.index + 1;
  }
  if (at < s.length || parts.length === 0) parts.push(s.slice(at));
  return parts;
}

/** A statement's text as a display shows it: at most SHOWN_TEXT characters, then "… (N characters)". */
export function clipText(s: string): string {
  return s.length <= SHOWN_TEXT ? s : `${s.slice(0, SHOWN_TEXT)}… (${groupDigits(s.length)} characters)`;
}
