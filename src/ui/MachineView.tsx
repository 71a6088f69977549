/**
 * The machine at the cursor: the narration of the step and the diagram of tasks, objects, frames
 * and TLB. A step plays line by line: the narration line being told is emphasised, the diagram
 * shows the machine as it was after the event the line tells (played_state.ts: the fault has not
 * filled the page yet while the line says "TLB miss") and the elements that event touches light
 * up (a copy visibly travels, as one big chip, while the rest dims; a line with a copy stays
 * active as long as it travels: motion.ts lineDurations); at the end (or at once, at speed
 * 'instant') the diagram shows the machine after the step and everything the step touched stays
 * lit: what it changed (changes.ts, against the machine before the step) apart from what it only
 * touched, and the TLB entries it evicted as ghosts. Under reduced motion the lines still play in
 * turn, nothing travels.
 * Clicking a task's page offers read / write.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';
import { SPEED_MOVE_MS, SPEED_MS, type SettingsStore } from '../store/settings_store';
import type { MachineSnapshot } from '../kernel/snapshot';
import { changes } from './diagram/changes';
import { MachineDiagram } from './diagram/MachineDiagram';
import { lineDurations } from './diagram/motion';
import { tlbGhosts } from './diagram/tlb_ghosts';
import { touchesAll } from './diagram/touches';
import { narrate } from './narration/narrate';
import { NarrationPanel } from './narration/NarrationPanel';
import { PageActions, type PagePick } from './PageActions';
import { playedState } from './played_state';
import { prefersReducedMotion, useEventPlayer } from './useEventPlayer';

/** Per store, the last step shown (its index and the machine after it); per states, the machine found to stand before it. */
const lastShown = new WeakMap<object, { index: number; after: MachineSnapshot }>();
const standIns = new WeakMap<object, MachineSnapshot | null>();

/**
 * The machine before the step at the cursor: the worker's (states.before) when the step is played;
 * when it is not (speed 'instant': before and after are one machine), the machine after the step
 * before it, if that was the last one shown (kept per store and per states, so a remount, e.g.
 * entering presentation mode, keeps it); else null (what changed is not known).
 */
function machineBefore(store: object, index: number, states: { before: MachineSnapshot; after: MachineSnapshot } | null): MachineSnapshot | null {
  if (states === null) return null;
  if (states.before !== states.after) return states.before;
  if (!standIns.has(states)) {
    const prev = lastShown.get(store);
    standIns.set(states, prev !== undefined && prev.index === index - 1 ? prev.after : null);
  }
  return standIns.get(states) ?? null;
}

export function MachineView({ store, settings, presentation = false }: { store: ScenarioStore; settings: SettingsStore; presentation?: boolean }) {
  const snapshot = useStore(store, (s) => s.snapshot);
  const record = useStore(store, (s) => s.record);
  const states = useStore(store, (s) => s.states);
  const taskNames = useStore(store, (s) => s.taskNames);
  const speed = useStore(settings, (s) => s.speed);
  const details = useStore(settings, (s) => s.details);
  const [pick, setPick] = useState<PagePick | null>(null);
  const names = useMemo(
    () => ({ task: (id: number) => taskNames[id] ?? `task ${id}`, pageSize: snapshot?.pageSize }),
    [taskNames, snapshot?.pageSize],
  );
  const lines = useMemo(() => (record === null ? [] : narrate(record, names)), [record, names]);
  // under reduced motion nothing travels: a copy's line takes a line's time
  const moveMs = prefersReducedMotion() ? 0 : SPEED_MOVE_MS[speed];
  const durations = useMemo(() => lineDurations(lines, SPEED_MS[speed], moveMs), [lines, speed, moveMs]);
  const active = useEventPlayer(`${record?.index ?? -1}`, durations);
  const activeEvent = active >= 0 ? (lines[active]?.event ?? null) : null;
  const played = useMemo(() => playedState(lines, active), [lines, active]);
  const shown = useMemo(() => {
    if (states === null) return snapshot;
    return played.kind === 'after' ? states.after : played.kind === 'before' ? states.before : states.afterEvent(played.event);
  }, [states, snapshot, played]);
  // everything the step touched, once it is shown whole (while it plays, only the active event's elements are lit)
  const highlight = useMemo(() => (record === null || snapshot === null || active >= 0 ? undefined : touchesAll(record.events, snapshot)), [record, snapshot, active]);
  const index = record?.index ?? -1;
  const before = useMemo(() => machineBefore(store, index, states), [store, index, states]);
  useEffect(() => {
    if (states !== null) lastShown.set(store, { index, after: states.after });
  }, [store, index, states]);
  // what changed since the step before, up to the machine shown (the whole step once it has played)
  const changed = useMemo(() => (before === null || shown === null ? undefined : changes(before, shown)), [before, shown]);
  // the entries the step's TLB fills evicted, once the machine after the step is shown
  const ghosts = useMemo(() => (record === null || states === null || played.kind !== 'after' ? undefined : tlbGhosts(record.events, states.after)), [record, states, played]);
  return (
    <section aria-label="Machine" className={`flex min-w-0 flex-col ${presentation ? 'gap-[0.5vh]' : 'gap-3'}`}>
      <div
        tabIndex={0}
        role="region"
        aria-label="Narration of the step (scrolls)"
        className={presentation ? 'shrink-0 rounded border border-slate-500' : 'max-h-[13.5rem] min-h-[4rem] overflow-auto rounded border border-slate-800'}
      >
        <NarrationPanel record={record} names={names} lines={lines} activeIndex={active} presentation={presentation} details={details} />
      </div>
      {pick !== null && <PageActions store={store} pick={pick} onClose={() => setPick(null)} />}
      <div className={`min-w-0 flex-1 rounded border ${presentation ? 'border-slate-600' : 'border-slate-800'}`}>
        {shown !== null && (
          <MachineDiagram
            snapshot={shown} highlight={highlight} activeEvent={activeEvent} changed={changed} before={before} moveMs={moveMs} tlbGhosts={ghosts} presentation={presentation} onPageClick={(task, address) => setPick({ task, address })}
          />
        )}
      </div>
    </section>
  );
}
