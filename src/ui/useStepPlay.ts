/**
 * useStepPlay: how the step at the cursor plays, for MachineView. Its narration lines are told one
 * after another (useEventPlayer; each line its own time: motion.ts lineDurations, a line whose copy
 * travels stays as long as it travels); the diagram shows the machine as it was after the event
 * the line tells (played_state.ts: the fault has not filled the page yet while the line says "TLB
 * miss"), lights up what that event names, and its copy travels (at the speed's SPEED_MOVE_MS;
 * nothing travels under reduced motion, the lines still come in turn). Once the step is shown
 * whole (at the end, or at once at speed 'instant'), everything the step touched is lit; what it
 * changed (changes.ts, against the machine before the step) is told apart from what it only
 * touched, during the play too, and the TLB entries it evicted leave ghosts (tlb_ghosts.ts).
 */
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { KernelEvent } from '../kernel/events';
import type { MachineSnapshot } from '../kernel/snapshot';
import type { ScenarioStore } from '../store/scenario_store';
import { SPEED_MOVE_MS, SPEED_MS, type SettingsStore } from '../store/settings_store';
import { changes } from './diagram/changes';
import type { ElementRef, RefSet } from './diagram/element_ref';
import { lineDurations } from './diagram/motion';
import { tlbGhosts, type TlbGhost } from './diagram/tlb_ghosts';
import { touchesAll } from './diagram/touches';
import { machineIn, playedState } from './played_state';
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

export interface StepPlay {
  /** The narration line being told (-1: the step is shown whole). */
  active: number;
  activeEvent: KernelEvent | null;
  /** The machine to draw. */
  shown: MachineSnapshot | null;
  /** Everything the step touched, once it is shown whole. */
  highlight: Iterable<ElementRef> | undefined;
  /** The rest of MachineDiagram's props for the play: spread them onto it. */
  diagram: { changed: RefSet | undefined; before: MachineSnapshot | null; moveMs: number; tlbGhosts: readonly TlbGhost[] | undefined };
}

export function useStepPlay(store: ScenarioStore, settings: SettingsStore, lines: readonly { event?: KernelEvent }[]): StepPlay {
  const snapshot = useStore(store, (s) => s.snapshot);
  const record = useStore(store, (s) => s.record);
  const states = useStore(store, (s) => s.states);
  const speed = useStore(settings, (s) => s.speed);
  // under reduced motion nothing travels: a copy's line takes a line's time
  const moveMs = prefersReducedMotion() ? 0 : SPEED_MOVE_MS[speed];
  const durations = useMemo(() => lineDurations(lines, SPEED_MS[speed], moveMs), [lines, speed, moveMs]);
  const index = record?.index ?? -1;
  const active = useEventPlayer(`${index}`, durations);
  const activeEvent = active >= 0 ? (lines[active]?.event ?? null) : null;
  const played = useMemo(() => playedState(lines, active), [lines, active]);
  const shown = useMemo(() => {
    return states === null ? snapshot : machineIn(states, played);
  }, [states, snapshot, played]);
  // everything the step touched, once it is shown whole (while it plays, only the active event's elements are lit)
  const highlight = useMemo(() => (record === null || snapshot === null || active >= 0 ? undefined : touchesAll(record.events, snapshot)), [record, snapshot, active]);
  const before = useMemo(() => machineBefore(store, index, states), [store, index, states]);
  useEffect(() => {
    if (states !== null) lastShown.set(store, { index, after: states.after });
  }, [store, index, states]);
  // what changed since the step before, up to the machine shown (the whole step once it has played)
  const changed = useMemo(() => (before === null || shown === null ? undefined : changes(before, shown)), [before, shown]);
  // the entries the step's TLB fills evicted, once the machine after the step is shown
  const ghosts = useMemo(() => (record === null || states === null || played.kind !== 'after' ? undefined : tlbGhosts(record.events, states.after)), [record, states, played]);
  const diagram = useMemo(() => ({ changed, before, moveMs, tlbGhosts: ghosts }), [changed, before, moveMs, ghosts]);
  return { active, activeEvent, shown, highlight, diagram };
}
