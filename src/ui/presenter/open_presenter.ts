/**
 * The projected page's side of the presenter view, in the main bundle (so kept tiny): opening the
 * presenter window (key v, the Presenter button: this same page with #presenter=1, in a window of
 * its own, named so that a second v brings the same one back), and a listener on the channel that
 * fetches the sync (sync.ts, in the lecture chunk) only when a presenter view says hello. The page
 * says it has started, so that a presenter view left open over a reload says hello again. Not in
 * the embed layout, nor where there is no BroadcastChannel.
 */
import type { ScenarioStore } from '../../store/scenario_store';

/** The channel the projected page and its presenter view talk on (sync_protocol.ts has its messages). */
export const PRESENTER_CHANNEL = 'mach-vm-playground:presenter';
/** The name of the presenter's window: v again goes to the same one. */
export const PRESENTER_WINDOW = 'mach-vm-playground-presenter';

export function openPresenterWindow(): void {
  window.open(`${window.location.href.split('#')[0]}#presenter=1`, PRESENTER_WINDOW, 'popup,width=1280,height=800');
}

/** Listens for a presenter view (after the first render); the function returned stops. */
export function startProjectorSoon(store: ScenarioStore, embedded: () => boolean, runCommand: (id: 'next-lesson' | 'previous-lesson') => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  let stop: (() => void) | null = null;
  let port: BroadcastChannel | null = null;
  const timer = window.setTimeout(() => {
    if (embedded()) return;
    const channel = (port = new BroadcastChannel(PRESENTER_CHANNEL));
    channel.onmessage = (e) => {
      if ((e.data as { type?: unknown } | null)?.type !== 'hello') return;
      channel.onmessage = null;
      import('../lecture/lecture_tools').then(
        (m) => {
          if (port === null) return;
          stop = m.startProjectorSync(store, runCommand, () => channel);
          channel.onmessage?.(e); // the hello that woke it, answered
        },
        () => undefined, // offline: no presenter view, the page works on
      );
    };
    channel.postMessage({ type: 'started' });
  }, 0);
  return () => {
    window.clearTimeout(timer);
    if (stop !== null) stop();
    else port?.close();
    port = null;
  };
}
