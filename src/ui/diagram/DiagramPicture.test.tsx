// @vitest-environment happy-dom
/**
 * The picture re-renders, from step to step, only the elements whose layout or marks changed
 * (issue 18: a step's first frame). Each arrow's render asks theme.ts for its style (linkStyle):
 * counting those calls counts the arrows drawn again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { MachineDiagram } from './MachineDiagram';
import { computeLayout } from './layout';
import { DEFAULT_WIDTH } from './layout/geometry';
import { FONT_SIZE, linkStyle } from './theme';
import { snapshotsOf } from './test_snapshots';
import { ref } from './element_ref';
import { same } from './same';

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
});
