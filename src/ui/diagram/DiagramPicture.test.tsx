// @vitest-environment happy-dom
/**
 * The picture re-renders, from step to step, only the elements whose layout or marks changed
 * (issue 18: a step's first frame). Each arrow's render asks theme.ts for its style (linkStyle):
 * counting those calls counts the arrows drawn again. A step that moves the TLB and the frames down
 * (something above them grew) moves their bands' groups only: the boxes and texts in them keep their
 * attributes (Chromium lays out again every SVG text whose position changes), and are drawn where the
 * layout puts them. A step laid out ahead (shared with the drawn layout: layout_share.ts) is drawn
 * the same, its unchanged elements compared by reference.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { MachineDiagram, prepareLayout, type LayoutTarget } from './MachineDiagram';
import { computeLayout } from './layout';
import { DEFAULT_WIDTH } from './layout/geometry';
import { FONT_SIZE, linkStyle } from './theme';
import { snapshotsOf } from './test_snapshots';
import { ref } from './element_ref';
import { same } from './same';

vi.mock('./same', async (original) => {
  const real = await original<typeof import('./same')>();
  return { same: vi.fn(real.same) };
});

vi.mock('./theme', async (original) => {
  const real = await original<typeof import('./theme')>();
  return { ...real, linkStyle: vi.fn(real.linkStyle) };
});

afterEach(cleanup);

const snapshots = snapshotsOf('fork_copy');
const links = (i: number) => computeLayout(snapshots[i], { fontSize: FONT_SIZE, width: DEFAULT_WIDTH }).links;

describe('DiagramPicture from step to step', () => {
  it('draws again only the arrows that changed, and the picture shows the new step', () => {
    // two consecutive steps with arrows in both, some the same and some not
    const i = snapshots.findIndex((_, k) => k > 0 && links(k - 1).length > 0 && links(k).some((l) => !links(k - 1).some((m) => same(l, m))) && links(k).some((l) => links(k - 1).some((m) => same(l, m))));
    expect(i).toBeGreaterThan(0);
    const { container, rerender } = render(<MachineDiagram snapshot={snapshots[i - 1]} />);
    const drawn = vi.mocked(linkStyle);
    drawn.mockClear();
    rerender(<MachineDiagram snapshot={snapshots[i]} />);
    const now = links(i);
    const changed = now.filter((l) => !links(i - 1).some((m) => same(l, m)));
    expect(drawn.mock.calls.length).toBe(changed.length);
    expect(container.querySelectorAll('[data-link-hit]').length).toBe(now.length);
    expect([...container.querySelectorAll('[data-link-hit]')].map((e) => e.getAttribute('data-link-hit')).sort()).toEqual(now.map((l) => l.key).sort());
  });

  it('moves the TLB and the frames down by their bands\' transforms only, each box and text drawn where the layout puts it', () => {
    const shared = snapshotsOf('shared_mapping');
    const layoutOf = (k: number) => computeLayout(shared[k], { fontSize: FONT_SIZE, width: DEFAULT_WIDTH });
    // a step after which the frames sit lower, the same frames
    const i = shared.findIndex((_, k) => k > 0 && layoutOf(k).framesBox.y > layoutOf(k - 1).framesBox.y && layoutOf(k).frames.length === layoutOf(k - 1).frames.length);
    expect(i).toBeGreaterThan(0);
    const { container, rerender } = render(<MachineDiagram snapshot={shared[i - 1]} />);
    const bands = ['tlb', 'frames'].map((id) => container.querySelector(`[data-testid="${id}"]`)!);
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    for (const b of bands) observer.observe(b, { subtree: true, attributes: true, childList: true, characterData: true });
    rerender(<MachineDiagram snapshot={shared[i]} />);
    changes.push(...observer.takeRecords());
    observer.disconnect();
    const layout = layoutOf(i);
    // what changed in the bands: the frames that the step touched (their marks), and each band's transform
    const moved = changes.filter((c) => c.attributeName === 'transform').map((c) => c.target);
    expect(moved.sort()).toEqual([...bands].sort());
    for (const c of changes) if (c.attributeName !== 'transform') expect(['stroke', 'stroke-width', 'stroke-dasharray', 'data-step', 'data-changed', 'style']).toContain(c.attributeName);
    expect(changes.filter((c) => c.type === 'childList' || c.attributeName === 'x' || c.attributeName === 'y')).toEqual([]);
    // each frame's box and text: the band's translate plus its own position is the layout's
    const [dx, dy] = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(bands[1].getAttribute('transform')!)!.slice(1).map(Number);
    for (const f of layout.frames) {
      const g = container.querySelector(`[data-testid="frame-${f.index}"]`)!;
      const box = g.querySelector('rect')!;
      expect([dx + Number(box.getAttribute('x')), dy + Number(box.getAttribute('y'))]).toEqual([f.x, f.y]);
      expect(dy + Number(g.querySelector('text')!.getAttribute('y'))).toBe(f.texts[0].y);
    }
  });

  it('re-marks an element the step lights, and nothing else is drawn again', () => {
    const s = snapshots[snapshots.length - 1];
    const { container, rerender } = render(<MachineDiagram snapshot={s} />);
    const drawn = vi.mocked(linkStyle);
    drawn.mockClear();
    const task = s.tasks[0];
    rerender(<MachineDiagram snapshot={s} highlight={[ref.task(task.id)]} />);
    expect(drawn).not.toHaveBeenCalled();
    expect(container.querySelector(`[data-testid="task-${task.name}"]`)?.getAttribute('data-step')).toBe('true');
  });
  it('draws a step laid out ahead (shared with the drawn layout) as it draws it unprepared, its unchanged elements compared by reference', () => {
    // two copies of the lesson's machines: the layouts are kept per machine
    const [cold, warm] = [snapshotsOf('copy_on_map'), snapshotsOf('copy_on_map')];
    const deep = () => vi.mocked(same).mock.calls.filter(([a, b]) => a !== b).length;
    let fewer = 0;
    for (const i of [3, 6, 12, cold.length - 1]) {
      const a = render(<MachineDiagram snapshot={cold[i - 1]} />);
      vi.mocked(same).mockClear();
      a.rerender(<MachineDiagram snapshot={cold[i]} />);
      const coldDeep = deep();
      const target: LayoutTarget = { current: null };
      const b = render(<MachineDiagram snapshot={warm[i - 1]} layoutFor={target} />);
      expect(target.current).not.toBeNull();
      prepareLayout(warm[i], target.current!);
      vi.mocked(same).mockClear();
      b.rerender(<MachineDiagram snapshot={warm[i]} layoutFor={target} />);
      const warmDeep = deep();
      expect(b.container.innerHTML).toBe(a.container.innerHTML);
      expect(warmDeep).toBeLessThanOrEqual(coldDeep);
      if (warmDeep < coldDeep / 2) fewer++;
      cleanup();
    }
    expect(fewer).toBeGreaterThanOrEqual(3);
  });
});
