/**
 * A layout made ahead and shared with the drawn one (layout_share.ts) is the next layout in value,
 * holds the drawn layout's very objects wherever they are equal (so the picture's memo stops at the
 * reference), and changes neither layout it was made from.
 */
import { describe, expect, it } from 'vitest';
import { computeLayout } from './layout';
import { DEFAULT_WIDTH } from './layout/geometry';
import type { DiagramLayout } from './layout/types';
import { FONT_SIZE } from './theme';
import { snapshotsOf } from './test_snapshots';
import { same } from './same';
import { shareLayout } from './layout_share';

const layoutsOf = (name: string) => snapshotsOf(name).map((s) => computeLayout(s, { fontSize: FONT_SIZE, width: DEFAULT_WIDTH }));

/** The item lists the picture memoises one element each for. */
const lists = (l: DiagramLayout) => ({ tasks: l.tasks, objects: l.objects, pagers: l.pagers, links: l.links, frames: l.frames, tlb: l.tlb.cells });

describe('shareLayout', () => {
  for (const name of ['fork_copy', 'shared_mapping', 'copy_on_map']) {
    it(`${name}: every step's layout, shared with the step before's, equals it in value and holds the earlier items wherever they are equal`, () => {
      const layouts = layoutsOf(name);
      let sharedItems = 0;
      for (let i = 1; i < layouts.length; i++) {
        const prev = layouts[i - 1];
        const next = layouts[i];
        const copies = [structuredClone(prev), structuredClone(next)];
        const out = shareLayout(prev, next);
        expect(same(out, next)).toBe(true);
        expect(out).toEqual(next);
        // neither input changed
        expect(same(prev, copies[0])).toBe(true);
        expect(same(next, copies[1])).toBe(true);
        if (same(prev, next)) expect(out).toBe(prev);
        const [p, n, o] = [lists(prev), lists(next), lists(out)];
        for (const k of Object.keys(o) as (keyof typeof o)[]) {
          o[k].forEach((item, j) => {
            // matched by key: an item equal to the earlier one of its key is that very object; any other is the next layout's own
            const earlier = (p[k] as { key: string }[]).find((x) => x.key === item.key);
            if (earlier !== undefined && same(earlier, n[k][j])) {
              expect(item).toBe(earlier);
              sharedItems++;
            } else expect(same(item, n[k][j])).toBe(true);
          });
        }
      }
      expect(sharedItems).toBeGreaterThan(layouts.length);
    });
  }

  it('matches items by key: a task put before the others still shares the ones after it', () => {
    const [l] = layoutsOf('fork_copy').slice(-1);
    expect(l.tasks.length).toBeGreaterThan(1);
    const moved = { ...l, tasks: [l.tasks[1], l.tasks[0], ...l.tasks.slice(2)].map((t) => structuredClone(t)) };
    const out = shareLayout(l, moved);
    expect(out.tasks.map((t) => t.key)).toEqual(moved.tasks.map((t) => t.key));
    expect(out.tasks[0]).toBe(l.tasks[1]);
    expect(out.tasks[1]).toBe(l.tasks[0]);
  });
});
