/**
 * "Did you mean ...": the known name closest to an unknown one (a call, a query, a constant, a
 * config setting, a task, a variable), for the parser's and the interpreter's error messages.
 *
 * Closeness is the optimal-string-alignment distance (Damerau-Levenshtein with adjacent swaps, each
 * substring edited once), on lower-cased names, so `vm_alocate` finds vm_allocate (one deletion),
 * `vm_allcoate` too (one swap) and `true` finds TRUE (no edit). A name is offered when it is at most
 * a third of the unknown name's length away (at least one edit, at most SUGGEST_MAX_EDITS) and the
 * edit does not replace the whole name (`x` never suggests `y`). Ties go to the name listed first.
 *
 * Bounded: at most SUGGEST_MAX_NAMES candidates are compared (a scenario may have many variables)
 * and names are cut to SUGGEST_NAME_CUT characters before comparing, so one message costs at most
 * SUGGEST_MAX_NAMES × SUGGEST_NAME_CUT² steps.
 */

/** At most this many known names are compared with the unknown one. */
export const SUGGEST_MAX_NAMES = 1000;
/** Names are compared on their first SUGGEST_NAME_CUT characters. */
export const SUGGEST_NAME_CUT = 48;
/** The most edits a suggestion may be away, however long the name. */
export const SUGGEST_MAX_EDITS = 3;

/** Optimal string alignment distance between a and b (edits: insert, delete, replace, swap two neighbours). */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // three rows: two back (for swaps), one back, this one
  let back2 = new Array<number>(m + 1).fill(0);
  let back1 = Array.from({ length: m + 1 }, (_, j) => j);
  let row = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    row[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(back1[j] + 1, row[j - 1] + 1, back1[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, back2[j - 2] + 1);
      row[j] = d;
    }
    [back2, back1, row] = [back1, row, back2];
  }
  return back1[m];
}

/** The most edits a suggestion for a name of `length` characters may be away. */
export function allowedEdits(length: number): number {
  return Math.max(1, Math.min(SUGGEST_MAX_EDITS, Math.floor(length / 3)));
}

/** The known name closest to `name`, or null when none is close enough (see the header). */
export function closestName(name: string, known: Iterable<string>): string | null {
  const wanted = name.slice(0, SUGGEST_NAME_CUT).toLowerCase();
  const limit = allowedEdits(wanted.length);
  let best: string | null = null;
  let bestDistance = Infinity;
  let compared = 0;
  for (const candidate of known) {
    if (compared++ >= SUGGEST_MAX_NAMES) break;
    if (candidate === name) continue;
    const other = candidate.slice(0, SUGGEST_NAME_CUT).toLowerCase();
    if (Math.abs(other.length - wanted.length) > limit) continue; // at least that many edits
    const d = editDistance(wanted, other);
    if (d <= limit && d < wanted.length && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** ": did you mean NAME?" for the closest known name, or '' when none is close. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const best = closestName(name, known);
  return best === null ? '' : `: did you mean ${best}?`;
}
