/**
 * The page's React side, a chunk of its own that main.tsx imports (index.html preloads it, so it
 * downloads alongside the entry script): React, the App and everything it draws at once. The entry
 * script is small and runs first: the worker, the stores and the link's lesson are on their way
 * before this chunk is evaluated, and its evaluation is a task of its own (issue 18: on a slow laptop
 * one script of both was one long task, and the worker started only after it).
 */
import { StrictMode, startTransition } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './App';
import { deferFirstPicture } from './diagram/MachineDiagram';
import type { ScenarioStore } from '../store/scenario_store';
import type { SettingsStore } from '../store/settings_store';

/** The React root in `container` (what static first screen index.html put there stays until the first render is committed). */
export function pageRoot(container: HTMLElement): Root {
  return createRoot(container);
}

/** Renders the page into `root`, as a transition. */
export function renderPage(root: Root, store: ScenarioStore, settings: SettingsStore): void {
  // the first step's picture is drawn after the task that shows the step (MachineDiagram.tsx)
  deferFirstPicture();
  // a transition: React renders the first screen in slices that let the lesson's text and the
  // worker's first replies in between (one long task otherwise, on a slow laptop)
  startTransition(() =>
    root.render(
      <StrictMode>
        <App store={store} settings={settings} />
      </StrictMode>,
    ),
  );
}
