// @vitest-environment happy-dom
/**
 * The picture's warm-up (warm_picture.tsx) renders the picture on screen and updates it to the next
 * step's off the document: nothing is added to the page, the update draws exactly what the step's own
 * draw of that layout draws (it ran the same code), and it ends unmounted.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { DiagramPicture } from './DiagramPicture';
import { computeLayout } from './layout';
import { DEFAULT_WIDTH } from './layout/geometry';
import { RefSet } from './element_ref';
import { DARK, FONT_SIZE } from './theme';
import { snapshotsOf } from './test_snapshots';
import { warmPictureSlices, type LaidOut } from './warm_picture';

// the warm-up's roots are not driven by act(): React schedules them as in the page
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const snapshots = snapshotsOf('copy_on_map');
const laid = (i: number): LaidOut => ({ snapshot: snapshots[i], layout: computeLayout(snapshots[i], { fontSize: FONT_SIZE, width: DEFAULT_WIDTH }) });

/** The picture of `l` as a diagram draws it, rendered alone. */
function drawn(l: LaidOut): string {
  const host = document.createElement('div');
  const root = createRoot(host);
  const noop = () => {};
  flushSync(() => root.render(
    <svg>
      <DiagramPicture layout={l.layout} snapshot={l.snapshot} step={new RefSet()} theme={DARK} u={1} fade onPageClick={noop} onProbe={noop} onShowMore={noop} />
    </svg>,
  ));
  const html = host.innerHTML;
  root.unmount();
  return html;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe("the picture's warm-up", () => {
  it('mounts the picture on screen off the page, updates it to the next step as drawn, then unmounts it', { timeout: 60_000 }, async () => {
    // a step that adds to the picture (new elements) and changes others
    const i = snapshots.findIndex((_, k) => k > 1 && laid(k).layout.tasks.length > laid(k - 1).layout.tasks.length);
    expect(i).toBeGreaterThan(1);
    const [shown, next] = [laid(i - 1), laid(i)];
    const host = document.createElement('div');
    const page = document.body.innerHTML;
    const [mount, update, unmount] = warmPictureSlices(shown, next, false, host);
    // before the mount has committed, the update waits (and changes nothing)
    expect(mount()).toBe(true);
    expect(update()).toBe(false);
    await vi.waitFor(() => expect(host.firstChild).not.toBeNull(), { timeout: 30_000 });
    expect(host.innerHTML).toBe(drawn(shown));
    expect(update()).toBe(true);
    expect(host.innerHTML).toBe(drawn(next));
    expect(host.innerHTML).not.toBe(drawn(shown));
    expect(unmount()).toBe(true);
    expect(host.innerHTML).toBe('');
    // the page never held any of it
    expect(document.body.innerHTML).toBe(page);
    expect(host.isConnected).toBe(false);
  });

  it('makes its own detached element when given none', { timeout: 60_000 }, async () => {
    const before = document.body.innerHTML;
    const [mount, update, unmount] = warmPictureSlices(laid(1), laid(2), false);
    mount();
    await vi.waitFor(() => expect(update()).toBe(true), { timeout: 30_000 });
    unmount();
    expect(document.body.innerHTML).toBe(before);
    expect(document.querySelectorAll('svg')).toHaveLength(0);
  });
});
