/**
 * The projected page's side of the presenter view, in the main bundle (so kept tiny): opening the
 * presenter window (key v, the Presenter button: this same page with #presenter=1, in a window of
 * its own, named so that a second v brings the same one back), and a listener on the channel that
 * fetches the sync (sync.ts, in the lecture chunk: wakeProjector) only when a presenter view
 * speaks. The page says it has started, so that a presenter view left open over a reload says
 * hello again. App starts it after the first render; not in the embed layout, nor where there is
 * no BroadcastChannel.
 */
import type { ScenarioStore } from '../../store/scenario_store';

/** The channel the projected page and its presenter view talk on (sync_protocol.ts has its messages). */
export const PRESENTER_CHANNEL = 'mach-vm-playground:presenter';
/** The name of the presenter's window: v again goes to the same one. */
export const PRESENTER_WINDOW = 'mach-vm-playground-presenter';

export function openPresenterWindow(): void {
  window.open(`${window.location.href.split('#')[0]}#presenter=1`, PRESENTER_WINDOW, 'popup,width=1280,height=800');
}

/** Listens for a presenter view; the function returned stops. */
export function listenForPresenter(store: ScenarioStore, runCommand: (id: 'next-lesson' | 'previous-lesson') => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(PRESENTER_CHANNEL);
  // offline (the chunk cannot be fetched): no presenter view, the page works on
  channel.onmessage = (e) => void import('../lecture/lecture_tools').then((m) => m.wakeProjector(channel, e, store, runCommand), () => undefined);
  channel.postMessage({ type: 'started' });
  return () => channel.close();
}
