/**
 * slowWorker: makes the page's kernel worker as slow as a slow laptop's, for the specs that look at
 * the app while a big scenario's run goes on. A run is bounded by MAX_WORK, so on a fast machine it
 * ends in a second or two, before a spec has looked. The worker runs its background run a chunk at
 * a time through `scheduler.postTask` (kernel.worker.ts); this wraps that so each chunk waits
 * `delayMs` first. Commands (Stop, a step) are still answered at once: only the run is slowed.
 */
import { expect, type Page } from '@playwright/test';

export async function slowWorker(page: Page, delayMs: number): Promise<void> {
  await expect.poll(() => page.workers().length, { message: 'the kernel worker started' }).toBe(1);
  const patched = await page.workers()[0].evaluate((delay) => {
    type PostTask = (f: () => void, o: unknown) => Promise<void>;
    const s = (self as unknown as { scheduler?: { postTask?: PostTask } }).scheduler;
    if (s?.postTask === undefined) return false;
    const postTask = s.postTask.bind(s);
    s.postTask = (f, o) => postTask(() => void setTimeout(f, delay), o);
    return true;
  }, delayMs);
  expect(patched, 'the worker runs its chunks through scheduler.postTask').toBe(true);
}
