/**
 * Counts as the UI writes them: digits grouped by threes with commas ("16,384"), the English form
 * toLocaleString('en') gives, without it: the first toLocaleString of a page loads the browser's
 * number-formatting data (30-100 ms on a busy machine), which held up the first step of a big load.
 */
export function count(n: number): string {
  const s = String(Math.trunc(n));
  return Number.isFinite(n) ? s.replace(/\B(?=(\d{3})+$)/g, ',') : s;
}
