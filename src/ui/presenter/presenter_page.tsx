/**
 * The presenter page (#presenter=1, opened by key v or the Presenter view button; a chunk of its
 * own): the page's store, following the projected page through the channel (sync.ts), drawn as
 * the presenter view. It opens nothing by itself: until the projected page answers, it says so.
 */
import { StrictMode, useEffect, useState } from 'react';
import type { Root } from 'react-dom/client';
import type { ScenarioStore } from '../../store/scenario_store';
import { PresenterView } from './PresenterView';
import { startPresenterSync, type PresenterSync } from './sync';
import type { LectureInfo } from './sync_protocol';

function PresenterPage({ store }: { store: ScenarioStore }) {
  const [sync, setSync] = useState<PresenterSync | null>(null);
  const [lecture, setLecture] = useState<LectureInfo | null>(null);
  const [heard, setHeard] = useState(false);
  useEffect(() => {
    const s = startPresenterSync(store, (l) => {
      setLecture(l);
    });
    setSync(s);
    const off = store.subscribe((st) => {
      if (st.outcome !== null) setHeard(true);
    });
    return () => {
      off();
      s.stop();
    };
  }, [store]);
  if (sync === null) return null;
  return (
    <>
      {!heard && (
        <p role="status" className="bg-black p-[2vh] text-[3.2vh] text-amber-100">
          Waiting for the projected page: open the playground in another window of this browser (it answers as soon as it shows a scenario).
        </p>
      )}
      <PresenterView store={store} sync={sync} lecture={lecture} />
    </>
  );
}

export function startPresenter(root: Root, store: ScenarioStore): void {
  document.documentElement.dataset.presentation = 'true';
  root.render(
    <StrictMode>
      <PresenterPage store={store} />
    </StrictMode>,
  );
}
