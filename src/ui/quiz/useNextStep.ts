/**
 * The statement the next Step forward runs (statement `target` of the loaded scenario, or the
 * one given), as the quiz asks about it: its record with its events, fetched from the worker, and
 * the machine before it (the snapshot at the cursor, once the cursor is at the target), so that
 * the questions' choices name only what exists. Null until both are there, and past the end. Shared by the quiz panel (normal
 * mode) and the room's overlay (presentation mode).
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { MachineSnapshot } from '../../kernel/snapshot';
import type { StepRecord } from '../../scenario/interpreter';
import type { ScenarioStore } from '../../store/scenario_store';

export interface NextStep {
  /** Loads the worker had answered when it was fetched: tells one scenario's statement from the next one's. */
  loads: number;
  record: StepRecord;
  /** The machine before the statement runs. */
  before: MachineSnapshot;
}

/** The record of statement `index` (`loads` tells one load from the next), fetched from the worker (null until it comes, or past the end). */
function useRecord(store: ScenarioStore, loads: number, index: number, total: number): StepRecord | null {
  const [got, setGot] = useState<{ loads: number; record: StepRecord } | null>(null);
  useEffect(() => {
    if (index >= total) return;
    let live = true;
    void store
      .getState()
      .fetchRecord(index)
      .then((record) => {
        if (live && record !== null) setGot({ loads, record });
      });
    return () => {
      live = false;
    };
  }, [store, loads, index, total]);
  // a record of another statement or of the text before is not shown while the right one comes
  return got !== null && got.loads === loads && got.record.index === index && index < total ? got.record : null;
}

/**
 * The next statement (or statement `index`: the last one a step forward runs, past quiet ones
 * that change nothing) with the machine before it; `enabled` false (no scenario loaded) gives null.
 */
export function useNextStep(store: ScenarioStore, enabled: boolean, index?: number): NextStep | null {
  const loads = useStore(store, (s) => s.loads);
  const target = useStore(store, (s) => s.target);
  const total = useStore(store, (s) => s.total);
  const cursor = useStore(store, (s) => s.cursor);
  const snapshot = useStore(store, (s) => s.snapshot);
  const record = useRecord(store, loads, index ?? target, enabled ? total : 0);
  // the snapshot is the machine before statement `target` only once the cursor has got there;
  // the same object while nothing changes (the questions are worked out from it once)
  const ready = record !== null && snapshot !== null && cursor === target;
  return useMemo(() => (ready ? { loads, record: record!, before: snapshot! } : null), [ready, loads, record, snapshot]);
}
