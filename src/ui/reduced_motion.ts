/** Whether the user asked for reduced motion (the OS setting), read without React: main.tsx needs it before the page's chunk. */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
