/**
 * TIMED: the tag of the e2e tests that measure time or memory (a click answered within 1 s while a
 * hostile link works, a copy chip sampled every 50 ms, a run still going when Stop is pressed, a
 * draft saved 300 ms after a keystroke), and of those whose page works for seconds before the test
 * looks (a 16 MiB read: beside other browsers it can take longer than an expectation's 5 s; it did
 * at load 33 here). playwright.config.ts runs the tests so tagged in the
 * `timed` project, last and one at a time on a quiet machine; every other test of the same files
 * runs with the specs that only wait for what they check (`waits`, two browsers), so the one-browser
 * tail holds only what needs it.
 */
export const TIMED = { tag: '@timed' } as const;

/** What playwright.config.ts matches test titles (tags included) against. */
export const TIMED_GREP = /@timed\b/;
