/**
 * Keeps the text being edited (not an untouched lesson) as a draft (persistence.ts), so a reload
 * does not lose it: saved 300 ms after the last change, and at once when the page is hidden or
 * left (`visibilitychange` to hidden, `pagehide`: a reload or a closed tab just after a keystroke
 * still keeps it). When a save of an edited text fails the store's draftNote says so (storage full
 * or unavailable, text too long: a text just opened from a link is not news, the link gives it
 * back); the next save that succeeds takes that note away (not the note of a text lost at the last
 * visit, which stays until dismissed).
 */
import type { ScenarioStore } from '../store/scenario_store';
import { draftNotice, writeDraft } from './persistence';

/** The pause after the last change before the draft is written. */
export const DRAFT_DELAY_MS = 300;

type StorageLike = Parameters<typeof writeDraft>[0];

export interface DraftPage {
  /** The page's current location.hash (the draft remembers it). */
  hash(): string;
  /** Where `pagehide` and `visibilitychange` are heard (window, document). */
  on(type: 'pagehide' | 'visibilitychange', listener: () => void): void;
  hidden(): boolean;
}

export const browserPage: DraftPage = {
  hash: () => window.location.hash,
  on: (type, listener) => (type === 'pagehide' ? window : document).addEventListener(type, listener),
  hidden: () => document.visibilityState === 'hidden',
};

/** Starts keeping drafts of `store`'s text; returns `flush` (writes a pending draft now). */
export function keepDrafts(store: ScenarioStore, storage: () => StorageLike, page: DraftPage = browserPage): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  /** The note this keeper put up (a failed save), which a save that succeeds takes down. */
  let ours: string | null = null;
  const flush = () => {
    clearTimeout(timer);
    if (!pending) return;
    pending = false;
    const { source, draftNote, edited } = store.getState();
    const result = writeDraft(storage(), page.hash(), source, edited);
    if (result === 'saved' || !edited) {
      if (draftNote !== null && draftNote === ours) store.getState().setDraftNote(null);
      ours = null;
      return;
    }
    ours = draftNotice(result, source.length, 'now');
    if (draftNote !== ours) store.getState().setDraftNote(ours);
  };
  store.subscribe((now, before) => {
    if (now.source === before.source || now.builtinName !== null) return;
    pending = true;
    clearTimeout(timer);
    timer = setTimeout(flush, DRAFT_DELAY_MS);
  });
  page.on('pagehide', flush);
  page.on('visibilitychange', () => {
    if (page.hidden()) flush();
  });
  return flush;
}
