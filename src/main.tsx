/**
 * The app's entry: one worker client, one store, the URL read once and on every change (or, with
 * #presenter=1, the presenter view). Small on purpose (no React): the worker and the link's lesson
 * start loading as soon as it runs, and the page itself (React, the App: ui/start_page.tsx, preloaded
 * by index.html) comes in a chunk evaluated in a task of its own.
 */
import './index.css';
import { BUILTIN_INDEX, loadBuiltinText } from './scenario/builtins_browser';
import { DEFAULT_BUILTIN } from './scenario/builtins';
import { createScenarioStore } from './store/scenario_store';
import { createSettingsStore, SPEED_MS } from './store/settings_store';
import { WorkerKernelClient } from './worker/client';
import { decodeShared, hashFlag, parseHash, type HashRequest } from './ui/hash';
import { browserStorage, draftFor, draftNotice, readDraft } from './ui/persistence';
import { keepDrafts } from './ui/draft_keeper';
import { keepEarlyDrops } from './ui/early_drop';
import { keepEarlyKeys } from './ui/early_keys';
import { isEmbedPage } from './ui/embed_page';
import { lectureState } from './ui/lecture/lecture_state';
import { prefersReducedMotion } from './ui/reduced_motion';

// the worker starts first: its script loads and compiles while the page draws its first screen
const client = new WorkerKernelClient();
client.start();
// the page's chunks (React DOM, then the App): index.html preloads them; React DOM is evaluated first,
// the App's chunk after it, each in a task of its own (one task of both was the load's longest)
const page = import('react-dom/client').then(() => import('./ui/start_page'));
const settings = createSettingsStore();
// under reduced motion steps still play event by event (each event's state in turn, nothing travels)
const playsSteps = () => SPEED_MS[settings.getState().speed] > 0;
// presentation mode's → / ← skip the steps that change nothing on screen, unless turned off (key s)
const skipsQuiet = () => settings.getState().presentation && settings.getState().skipQuiet;
const store = createScenarioStore(client, BUILTIN_INDEX, loadBuiltinText, playsSteps, skipsQuiet);

/** Bumped on every URL change: a share link still being decoded yields to a newer one. */
let latestHash = 0;

/** The text the user was editing when this same page (same link, or none) was last open (or the news that it was lost). */
const lastDraft = draftFor(readDraft(browserStorage()), window.location.hash);
let draftToRestore: string | null = lastDraft !== null && 'source' in lastDraft ? lastDraft.source : null;
if (lastDraft !== null && 'lost' in lastDraft) store.getState().setDraftNote(draftNotice(lastDraft.lost, lastDraft.length, 'before'));

async function openFromHash(): Promise<void> {
  const ticket = ++latestHash;
  const embedded = isEmbedPage(document) || hashFlag(window.location.hash, 'embed');
  settings.getState().setEmbed(embedded);
  // an embed's options (embed_options.ts): the timeline's start and end step, autoplay, hidden controls
  // (a chunk of its own, fetched by embedded pages only)
  let embedView: ReturnType<typeof import('./ui/embed/embed_options').parseEmbedOptions> | null = null;
  if (embedded) {
    try {
      embedView = (await import('./ui/embed/embed_options')).parseEmbedOptions(window.location.hash);
    } catch {
      embedView = { options: { start: 0, end: null, autoplay: false, speed: 'normal', hide: new Set() }, problems: ["the page's embed options could not be loaded (check the connection and reload)"] };
    }
    if (ticket !== latestHash) return;
  }
  settings.getState().setEmbedView(embedView?.options ?? null);
  store.getState().setBounds(embedView === null ? null : { start: embedView.options.start, end: embedView.options.end });
  if (embedView?.options.autoplay === true) settings.getState().setSpeed(prefersReducedMotion() ? 'instant' : embedView.options.speed);
  await openRequest(ticket);
  // said after the scenario is opened (opening clears the banner)
  if (ticket === latestHash && embedView !== null && embedView.problems.length > 0) {
    const before = store.getState().banner;
    store.getState().setBanner(`${before === null ? '' : `${before} `}Part of this embed's link was ignored: ${embedView.problems.join('; ')}.`);
  }
}

async function openRequest(ticket: number): Promise<void> {
  // a lecturer's prepared link opens in presentation mode; without the flag the mode is left as it is (n / b keep it)
  if (hashFlag(window.location.hash, 'present')) settings.getState().setPresentation(true);
  // a handout's print view (src/ui/handout): the link's scenario, printed one marked step a page
  if (hashFlag(window.location.hash, 'handout')) settings.getState().setHandout(true);
  let req = parseHash(window.location.hash);
  if (draftToRestore !== null) {
    // a reload keeps what was being edited; the link's own step still applies
    const text = draftToRestore;
    draftToRestore = null;
    // a draft kept at a lesson's link is that lesson, changed (what-if: "Back to the lesson" still works)
    store.getState().loadSource(text, req.kind === 'builtin' || req.kind === 'source' ? req.step : 0, req.kind === 'builtin' ? req.name : null);
    return;
  }
  if (req.kind === 'shared') {
    req = await decodeShared(req);
    if (ticket !== latestHash) return;
  }
  // a lecture link: its item, as a lesson or a text (the lecture runs until the page opens anything else)
  if (req.kind === 'lecture') req = await openLectureItem(req);
  else lectureState.setState({ run: null });
  if (ticket !== latestHash) return;
  const s = store.getState();
  switch (req.kind) {
    case 'compare':
      // the Compare view (a chunk of its own) decodes the link and opens both sides, the left one in this store
      settings.getState().setCompare({ link: req.value });
      return;
    case 'builtin':
      if (!s.loadBuiltin(req.name, req.step)) {
        // the default lesson instead, and the banner saying why (opening it clears banners)
        const why = store.getState().banner;
        s.loadBuiltin(DEFAULT_BUILTIN);
        s.setBanner(why);
      }
      return;
    case 'source':
      s.loadSource(req.source, req.step);
      return;
    case 'invalid':
      if (s.source === '') s.loadBuiltin(DEFAULT_BUILTIN);
      s.setBanner(`This link could not be opened: ${req.message}.`);
      return;
    case 'none':
      if (s.source === '') s.loadBuiltin(DEFAULT_BUILTIN);
  }
}

/** A `#lecture=` request as the lesson or text of its item (the codec and the lecture code: chunks of their own). */
async function openLectureItem(req: Extract<HashRequest, { kind: 'lecture' }>): Promise<HashRequest> {
  try {
    return (await import('./ui/lecture/lecture_tools')).openLecture(req, BUILTIN_INDEX);
  } catch {
    return { kind: 'invalid', message: "the page's link decoder could not be loaded (check the connection and reload)" };
  }
}

const container = document.getElementById('root')!;
/** The page's chunk failed (offline, a deploy in between): said where the page would be. */
const chunkFailed = () => {
  container.textContent = 'The page could not be loaded: check the connection and reload.';
};
if (hashFlag(window.location.hash, 'presenter')) {
  // the presenter view (a second window, presenter/): its own page, following the projected one
  void Promise.all([page, import('./ui/lecture/lecture_tools')]).then(([p, m]) => m.startPresenter(p.pageRoot(container), store), chunkFailed);
} else {
  void openFromHash();
  window.addEventListener('hashchange', () => void openFromHash());

  // keep the text being edited (not an untouched lesson) so that a reload does not lose it
  keepDrafts(store, browserStorage);
  // a file dropped before the import code has arrived is kept for it, not opened by the browser
  keepEarlyDrops();
  // a step key pressed before the page is drawn is kept (queued while the lesson opens), not lost;
  // the handout's print view leaves the keys to the browser
  if (!settings.getState().handout) keepEarlyKeys(store);

  void page.then((p) => p.renderPage(p.pageRoot(container), store, settings), chunkFailed);
}
