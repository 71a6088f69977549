/**
 * The first step's picture code, run once before the first key (issue 18: a fresh page's first
 * steps were each lesson's worst). A step forward re-renders the diagram's picture (DiagramPicture)
 * from the layout on screen to the next one: React's update path, the memo comparisons, the DOM
 * updates of the elements that changed and the making of the new ones. On a fresh page none of that
 * code has run yet (the load only mounted the picture), so the first key runs it cold: interpreted,
 * without type feedback. warmPicture runs the same render and update once, in idle time, on a
 * picture of its own that is never in the document (a detached element: no style, layout or paint,
 * nothing seen or announced, no focus): mounted with the layout on screen, then updated to the
 * step fetched ahead's, then unmounted. Three slices, each one short task: the mount is rendered in
 * a transition (React slices it), the update as a key's (synchronously), the unmount alone.
 */
import { startTransition } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { MachineSnapshot } from '../../kernel/snapshot';
import { DiagramPicture } from './DiagramPicture';
import { RefSet } from './element_ref';
import type { DiagramLayout } from './layout/types';
import { DARK, FONT_SIZE, PRESENTATION } from './theme';

/** A machine with its layout: what one picture draws. */
export interface LaidOut {
  snapshot: MachineSnapshot;
  layout: DiagramLayout;
}

const NONE = new RefSet();
const noop = () => {};

function picture({ snapshot, layout }: LaidOut, presentation: boolean) {
  return (
    <svg>
      <DiagramPicture
        layout={layout} snapshot={snapshot} step={NONE} theme={presentation ? PRESENTATION : DARK} u={layout.fontSize / FONT_SIZE} fade={!presentation}
        onPageClick={noop} onProbe={noop} onShowMore={noop}
      />
    </svg>
  );
}

/**
 * The slices of the warm-up: mount the picture of `shown` (a transition), update it to `next` (as a
 * step does), unmount it. Each returns whether it did its work (the update waits for the mount's
 * commit: false, to be run again). `into` is the detached element (made here when not given: a test passes its own).
 */
export function warmPictureSlices(shown: LaidOut, next: LaidOut, presentation: boolean, into?: HTMLElement): (() => boolean)[] {
  const host = into ?? document.createElement('div');
  let root: Root | null = null;
  const mount = () => {
    root = createRoot(host);
    const r = root;
    startTransition(() => r.render(picture(shown, presentation)));
    return true;
  };
  const update = () => {
    if (root === null) return true;
    if (host.firstChild === null) return false; // the mount has not committed yet
    const r = root;
    flushSync(() => r.render(picture(next, presentation)));
    return true;
  };
  const unmount = () => {
    root?.unmount();
    root = null;
    return true;
  };
  return [mount, update, unmount];
}
