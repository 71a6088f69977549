/**
 * React DOM's sentinel errors without a captured stack (a build step: vite.config.ts).
 *
 * React DOM makes five Error objects when its module is evaluated (SuspenseException and its
 * kin): markers it throws and catches by identity, never shown. Creating an Error captures the
 * JavaScript stack; where an inspector is attached (DevTools open, Lighthouse, Playwright: every
 * measurement of issue 18), V8 then needs the source positions of every frame on that stack, and
 * gets them by re-parsing the functions: React DOM's whole module (≈ 200 kB) and its chunk — 40–50
 * ms at 1×, 160–200 ms at 4×, the load's longest task (BENCHMARKS.md, "Issue 18, round 5:
 * loadfirst"). Made as objects of Error's prototype with the same message, they capture nothing;
 * React compares them by identity only, so nothing else changes. A page without an inspector never
 * paid the re-parse, and still does not.
 *
 * The replacement is exact: a React DOM whose text no longer has the five (an update) fails the
 * build, so that this is looked at again rather than silently doing nothing.
 */

/** React DOM's production client, the module whose sentinels are replaced. */
export const REACT_DOM_CLIENT = /[\\/]react-dom[\\/]cjs[\\/]react-dom-client\.production\.js$/;

/** The sentinels, by the names React DOM gives them, each made at its module's evaluation. */
export const SENTINELS = ['HydrationMismatchException', 'SuspenseException', 'SuspenseyCommitException', 'SuspenseActionException', 'SelectiveHydrationException'] as const;

/** The helper the replaced lines call (defined once, at the module's top). */
const HELPER = 'function stacklessSentinel$(message) { var e = Object.create(Error.prototype); e.message = message; return e; }\n';

/** The module's text with each sentinel made by stacklessSentinel$; an Error naming what was not found if a sentinel is missing. */
export function withStacklessSentinels(code: string): { code: string } | { error: string } {
  let out = code;
  const missing: string[] = [];
  for (const name of SENTINELS) {
    const re = new RegExp(`\\b${name} = Error\\(formatProdErrorMessage\\((\\d+)\\)\\)`, 'g');
    const found = out.match(re)?.length ?? 0;
    if (found !== 1) missing.push(`${name} (${found} found)`);
    else out = out.replace(re, `${name} = stacklessSentinel$(formatProdErrorMessage($1))`);
  }
  if (missing.length > 0) return { error: `react-dom-sentinels: React DOM's sentinel errors changed: ${missing.join(', ')}` };
  return { code: HELPER + out };
}
