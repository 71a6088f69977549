/**
 * axe: the specs' accessibility scans (axe-core through @axe-core/playwright), run with axe.run in
 * the page itself (AxeBuilder's "legacy" mode) and only the violations reported in full.
 *
 * AxeBuilder's default runs axe.runPartial in each frame, then opens a blank page in the context,
 * injects axe-core there again and sends it every partial result (every node of every rule, passes
 * included) to finish the run: on fork_copy's step 16 that cost ≈ 2× the CPU of the scan itself,
 * most of it in that second page and in moving ≈ 1.3 MB of results (BENCHMARKS.md, "Issue 18,
 * round 6: cifast4"). The same rules run on the same nodes either way; what the partial mode adds
 * is reaching cross-origin frames, which the app's pages do not have: `analyze` refuses a page that
 * has one rather than scan less. `resultTypes: ['violations']` keeps every violation and its nodes,
 * and one node per passed or inapplicable rule (the specs read violations only).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** A frame axe.run can reach from the page: its origin, or an empty or inherited document. */
function reachable(frameUrl: string, origin: string): boolean {
  if (frameUrl === '' || frameUrl === 'about:blank' || frameUrl === 'about:srcdoc') return true;
  try {
    return new URL(frameUrl).origin === origin;
  } catch {
    return false;
  }
}

class InPageAxe extends AxeBuilder {
  constructor(private readonly target: Page) {
    super({ page: target });
    this.setLegacyMode(true);
    this.options({ resultTypes: ['violations'] });
  }

  override async analyze(): ReturnType<AxeBuilder['analyze']> {
    const origin = new URL(this.target.url()).origin;
    const unreachable = this.target.frames().map((f) => f.url()).filter((u) => !reachable(u, origin));
    if (unreachable.length > 0) throw new Error(`axe.run in the page cannot scan cross-origin frames: ${unreachable.join(', ')}`);
    return super.analyze();
  }
}

/** An axe scan of the page (narrow it with .include(), .withRules() as with AxeBuilder). */
export function axe(page: Page): AxeBuilder {
  return new InPageAxe(page);
}
