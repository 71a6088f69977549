/**
 * early_keys: a step key pressed before the page is on screen (its chunk, React and the App, comes
 * after the entry script) is not lost: from the start the page takes Step forward's keys (→, and a
 * clicker's PageDown, Space and Enter) and gives each to the store, which queues it while the link's
 * lesson opens (queueMove) or steps if it is open already. App's own key listener takes over
 * at its first commit (takeOverEarlyKeys); every other key waits for it, as before.
 */
import type { ScenarioStore } from '../store/scenario_store';
import { STEP_FORWARD_KEYS } from './step_keys';

let installed: (() => void) | null = null;

/** Nothing is focused (the page has no control yet): the key is the page's. */
const onPage = (target: EventTarget | null) => target === null || target === document.body || target === document.documentElement || target === document;

/** Takes Step forward's keys on `target` for `store` until takeOverEarlyKeys is called (main.tsx, before the page renders). */
export function keepEarlyKeys(store: ScenarioStore, target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): void {
  if (installed !== null) return;
  const onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented || !onPage(e.target)) return;
    if (!STEP_FORWARD_KEYS.includes(e.key)) return;
    e.preventDefault(); // Space would scroll the page
    if (!store.getState().queueMove('forward')) void store.getState().stepForward();
  };
  target.addEventListener('keydown', onKey as EventListener);
  installed = () => target.removeEventListener('keydown', onKey as EventListener);
}

/** Ends the early listening: the page's own key listener (App.tsx) is in place. */
export function takeOverEarlyKeys(): void {
  installed?.();
  installed = null;
}
