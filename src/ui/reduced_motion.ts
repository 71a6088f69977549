/**
 * Whether the user asked for reduced motion (the OS setting), read without React: main.tsx needs it
 * before the page's chunk. The media query list is made once per matchMedia (a call costs ≈ 0.1–0.2
 * ms, and a step's play reads the setting on every render); its `matches` is live, so a setting
 * changed meanwhile is read. A new matchMedia (a test's stand-in) makes a new list.
 */
let made: { from: typeof window.matchMedia; list: MediaQueryList } | null = null;

export function prefersReducedMotion(): boolean {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return false;
  if (made?.from !== window.matchMedia) made = { from: window.matchMedia, list: window.matchMedia('(prefers-reduced-motion: reduce)') };
  return made.list.matches;
}
