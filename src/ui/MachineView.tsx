/**
 * The machine at the cursor: the narration of the step and the diagram of tasks, objects, frames
 * and TLB. A step plays line by line: the narration line being told is emphasised and the
 * elements its event touches light up (a copy visibly travels); at the end (or at once, at speed
 * 'instant' or with reduced motion) everything the step touched stays lit. Clicking a task's page
 * offers read / write.
 */
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';
import { SPEED_MS, type SettingsStore } from '../store/settings_store';
import { MachineDiagram } from './diagram/MachineDiagram';
import { touchesAll } from './diagram/touches';
import { narrate } from './narration/narrate';
import { NarrationPanel } from './narration/NarrationPanel';
import { PageActions, type PagePick } from './PageActions';
import { useEventPlayer } from './useEventPlayer';

export function MachineView({ store, settings, presentation = false }: { store: ScenarioStore; settings: SettingsStore; presentation?: boolean }) {
  const snapshot = useStore(store, (s) => s.snapshot);
  const record = useStore(store, (s) => s.record);
  const taskNames = useStore(store, (s) => s.taskNames);
  const speed = useStore(settings, (s) => s.speed);
  const [pick, setPick] = useState<PagePick | null>(null);
  const names = useMemo(
    () => ({ task: (id: number) => taskNames[id] ?? `task ${id}`, pageSize: snapshot?.pageSize }),
    [taskNames, snapshot?.pageSize],
  );
  const lines = useMemo(() => (record === null ? [] : narrate(record, names)), [record, names]);
  const active = useEventPlayer(`${record?.index ?? -1}`, lines.length, SPEED_MS[speed]);
  const activeEvent = active >= 0 ? (lines[active]?.event ?? null) : null;
  // while an event is told, the diagram lights what it touches (activeEvent); then the whole step's
  const highlight = useMemo(() => (record === null || snapshot === null || activeEvent !== null ? undefined : touchesAll(record.events, snapshot)), [record, snapshot, activeEvent]);
  return (
    <section aria-label="Machine" className={`flex min-w-0 flex-col gap-3 ${presentation ? 'min-[1600px]:flex-row-reverse min-[1600px]:items-start' : ''}`}>
      <div
        tabIndex={0}
        role="region"
        aria-label="Narration of the step (scrolls)"
        className={`${presentation ? 'max-h-[17rem] border-white min-[1600px]:sticky min-[1600px]:top-2 min-[1600px]:max-h-[calc(100vh-7rem)] min-[1600px]:w-[30rem] min-[1600px]:shrink-0' : 'max-h-[13.5rem] border-slate-800'} min-h-[4rem] overflow-auto rounded border`}
      >
        <NarrationPanel record={record} names={names} lines={lines} activeIndex={active} presentation={presentation} />
      </div>
      {pick !== null && <PageActions store={store} pick={pick} onClose={() => setPick(null)} />}
      <div className={`min-w-0 flex-1 rounded border ${presentation ? 'border-slate-600' : 'border-slate-800'}`}>
        {snapshot !== null && (
          <MachineDiagram snapshot={snapshot} highlight={highlight} activeEvent={activeEvent} presentation={presentation} onPageClick={(task, address) => setPick({ task, address })} />
        )}
      </div>
    </section>
  );
}
