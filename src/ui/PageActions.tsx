/**
 * Clicking a page or a map entry of a task in the diagram asks "what if": the menu (whatif/
 * WhatIfMenu.tsx, a chunk of its own fetched on the first click) offers read / write for the page
 * and protect / inherit / deallocate for the entry; the statement chosen goes into the text right
 * after the one run at the cursor (so it is part of the text, shareable and replayable) and the
 * timeline runs to it.
 */
import { lazy, Suspense } from 'react';
import type { ScenarioStore } from '../store/scenario_store';
import type { WhatIfPick } from './whatif/WhatIfMenu';

export type PagePick = WhatIfPick;

const WhatIfMenu = lazy(() => import('./whatif/WhatIfMenu'));

export function PageActions({ store, pick, onClose }: { store: ScenarioStore; pick: PagePick; onClose: () => void }) {
  return (
    <Suspense fallback={null}>
      {/* a new pick is a new menu (its choices start from that entry) */}
      <WhatIfMenu key={`${pick.task}@${pick.address}`} store={store} pick={pick} onClose={onClose} />
    </Suspense>
  );
}
