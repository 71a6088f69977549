/**
 * What arrives late does not move what is already on screen (issue 18: cumulative layout shift
 * ≤ 0.02): the scenario toolbar (its chunk: stand-ins hold its place), the Stops button (the marks
 * chunk), the editor's swap from the textarea to CodeMirror (the same box) and the diagram's first
 * draw, and the scenario picker's whole list (picker_options.ts: the closed picker as wide before it
 * as after). Each page is loaded at Lighthouse's desktop size and a phone's, the layout shifts summed
 * (PerformanceObserver, buffered) until CodeMirror has replaced the textarea, and the late arrivals
 * checked to have really come (the real buttons, CodeMirror, a machine drawn).
 */
import { expect, test } from '@playwright/test';

const SHIFTS = `window.__cls = { total: 0, shifts: [] };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    window.__cls.total += e.value;
    window.__cls.shifts.push(e.value.toFixed(4) + ' ' + e.sources.map((s) => (s.node && s.node.nodeType === 1 ? s.node.tagName + '[' + (s.node.getAttribute('data-testid') ?? s.node.getAttribute('aria-label') ?? '') + ']' : '#text')).join(', '));
  }
}).observe({ type: 'layout-shift', buffered: true });`;

/** The scenario picker's width and number of options each time the number changes, from its first render on. */
const PICKER = `window.__picker = [];
new MutationObserver(() => {
  const s = document.querySelector('select[aria-label="Built-in scenario"]');
  if (s === null || window.__picker.at(-1)?.options === s.options.length) return;
  window.__picker.push({ options: s.options.length, width: s.getBoundingClientRect().width });
}).observe(document, { subtree: true, childList: true });`;

for (const size of [{ width: 1350, height: 940 }, { width: 412, height: 823 }]) {
  for (const path of ['/', '/#builtin=fork_copy']) {
    test(`${path} at ${size.width}×${size.height}: the late parts arrive without moving the page (CLS ≤ 0.02)`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.addInitScript({ content: SHIFTS });
      await page.addInitScript({ content: PICKER });
      await page.goto(path);
      await expect(page.getByTestId('step-counter')).toHaveText(/^step 0 \/ [1-9]/);
      // the late arrivals: the toolbar's real controls, the Stops button, CodeMirror in place of the textarea, the machine
      await expect(page.getByTestId('open-vms')).toHaveCount(1);
      await expect(page.getByRole('button', { name: 'Export SVG' })).toBeVisible();
      await expect(page.getByTestId('export-stand-in')).toHaveCount(0);
      await expect(page.getByTestId('stops-button')).toBeVisible();
      // CodeMirror comes only when the text is reached for (src/ui/Editor.tsx): the pointer over it (not an
      // input that excuses a shift), where it shows without scrolling (the page seen as it loaded)
      const area = await page.locator('textarea#scenario-editor').boundingBox();
      if (area === null || area.y + 8 > size.height) throw new Error(`the text is not in view: ${JSON.stringify(area)}`);
      await page.mouse.move(area.x + area.width / 2, area.y + 8);
      await expect(page.locator('.cm-editor')).toBeVisible({ timeout: 15_000 });
      await expect(page.locator('textarea#scenario-editor')).toHaveCount(0);
      await expect(page.getByTestId('diagram-viewport')).toBeVisible();
      await page.waitForTimeout(500);
      const cls = (await page.evaluate('window.__cls')) as { total: number; shifts: string[] };
      expect(cls.total, cls.shifts.join('\n')).toBeLessThanOrEqual(0.02);
      // the picker drawn first with a few options, then all of them, at one width
      const picker = (await page.evaluate('window.__picker')) as { options: number; width: number }[];
      const lessons = await page.getByLabel('Built-in scenario').locator('option').count();
      expect(picker.length, JSON.stringify(picker)).toBeGreaterThanOrEqual(1);
      expect(picker.at(-1)!.options, JSON.stringify(picker)).toBe(lessons);
      for (const p of picker) expect(p.width, JSON.stringify(picker)).toBe(picker[0].width);
    });
  }
}
