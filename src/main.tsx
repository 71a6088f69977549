/** The app's entry: one worker client, one store, the URL read once and on every change. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App } from './ui/App';
import { BUILTIN_INDEX, loadBuiltinText } from './scenario/builtins_browser';
import { DEFAULT_BUILTIN } from './scenario/builtins';
import { createScenarioStore } from './store/scenario_store';
import { createSettingsStore } from './store/settings_store';
import { WorkerKernelClient } from './worker/client';
import { decodeShared, hashFlag, parseHash } from './ui/hash';

const store = createScenarioStore(new WorkerKernelClient(), BUILTIN_INDEX, loadBuiltinText);
const settings = createSettingsStore();

/** Bumped on every URL change: a share link still being decoded yields to a newer one. */
let latestHash = 0;

async function openFromHash(): Promise<void> {
  const ticket = ++latestHash;
  settings.getState().setEmbed(hashFlag(window.location.hash, 'embed'));
  let req = parseHash(window.location.hash);
  if (req.kind === 'shared') {
    req = await decodeShared(req);
    if (ticket !== latestHash) return;
  }
  const s = store.getState();
  switch (req.kind) {
    case 'builtin':
      if (!s.loadBuiltin(req.name, req.step)) s.loadBuiltin(DEFAULT_BUILTIN);
      return;
    case 'source':
      s.setBanner(null);
      s.loadSource(req.source, req.step);
      return;
    case 'invalid':
      s.setBanner(`This link could not be opened: ${req.message}.`);
      if (s.source === '') s.loadBuiltin(DEFAULT_BUILTIN);
      return;
    case 'none':
      if (s.source === '') s.loadBuiltin(DEFAULT_BUILTIN);
  }
}

void openFromHash();
window.addEventListener('hashchange', () => void openFromHash());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} settings={settings} />
  </StrictMode>,
);
