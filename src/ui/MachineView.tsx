/**
 * The machine at the cursor: the narration of the step and the diagram of tasks, objects, frames
 * and TLB. A step plays line by line (useStepPlay.ts): the narration line being told is
 * emphasised, the diagram shows the machine as it was after the event the line tells and lights
 * up what it names (a copy visibly travels, as one big chip, while the rest dims); at the end (or
 * at once, at speed 'instant') the diagram shows the machine after the step with everything the
 * step touched lit, what it changed apart from what it only touched, and ghosts of the TLB
 * entries it evicted. Clicking a task's page offers read / write. Presentation mode stacks a
 * narration band over the diagram, which takes the rest of the screen's height (its layout is
 * fitted to that box); in Normal mode the narration box has one fixed height, so the diagram does not
 * move from step to step. While the edited text has a parse error, the last good run stays drawn,
 * dimmed and marked stale, with the error beside it (StaleNote). An embed may leave the narration out, and its autoplay is told when a step
 * has finished playing (onStepShown). While the student reads a step, the next one is fetched, told
 * and laid out in idle time (prepare_next.ts), so a step forward only draws what is ready.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';
import type { SettingsStore } from '../store/settings_store';
import { MachineDiagram, type LayoutOptions } from './diagram/MachineDiagram';
import { usePrepareNext } from './prepare_next';
import { narrationNames, narrationOf } from './narration/narration_of';
import type { NarrationLine } from './narration/narrate';
import { NarrationPanel } from './narration/NarrationPanel';
import { PageActions, type PagePick } from './PageActions';
import { useStepPlay } from './useStepPlay';
import { clipText, visibleText } from '../scenario/visible_text';

const NO_LINES: NarrationLine[] = [];

/** The narration after Stop: no machine is left to tell about. */
export const STOPPED_NARRATION = 'Stopped: nothing is running. Edit the text (it runs again) or pick a scenario.';

export interface MachineViewProps {
  store: ScenarioStore;
  settings: SettingsStore;
  presentation?: boolean;
  /** An embed without the narration: only the diagram. */
  hideNarration?: boolean;
  /** Told the step shown (the cursor) each time a step has finished playing (or is shown whole): an embed's autoplay waits for it. */
  onStepShown?: (step: number) => void;
}

export function MachineView({ store, settings, presentation = false, hideNarration = false, onStepShown }: MachineViewProps) {
  const snapshot = useStore(store, (s) => s.snapshot);
  const record = useStore(store, (s) => s.record);
  const taskNames = useStore(store, (s) => s.taskNames);
  const stopped = useStore(store, (s) => s.stopped);
  const stale = useStore(store, (s) => s.stale);
  const empty = stopped ? STOPPED_NARRATION : undefined;
  const details = useStore(settings, (s) => s.details);
  const [pick, setPick] = useState<PagePick | null>(null);
  const onPageClick = useCallback((task: string, address: number) => setPick({ task, address }), []);
  // what the diagram lays out for: the step fetched ahead is laid out for the same, in idle time
  const layoutFor = useRef<LayoutOptions | null>(null);
  usePrepareNext(store, layoutFor);
  const names = useMemo(() => narrationNames(taskNames, snapshot?.pageSize), [taskNames, snapshot?.pageSize]);
  // told already when the step was fetched ahead and the page was idle (prepare_next.ts)
  const lines = useMemo(() => (record === null ? NO_LINES : narrationOf(record, taskNames, snapshot?.pageSize)), [record, taskNames, snapshot?.pageSize]);
  const { active, activeEvent, shown, highlight, diagram: diagramPlay } = useStepPlay(store, settings, lines);
  const cursor = useStore(store, (s) => s.cursor);
  const total = useStore(store, (s) => s.total);
  // the last good run of a text that no longer parses, and the error that stops it
  const staleError = useStore(store, (s) => (s.stale && s.outcome?.status === 'parse-error' ? s.outcome : null));
  const staleNote = staleError !== null && (
    <p role="status" data-testid="stale-note" className={`rounded border-2 border-dashed border-amber-400 bg-amber-950 px-3 py-1.5 text-amber-50 ${presentation ? 'text-[3vh]' : ''}`}>
      <span className="font-semibold">Stale: the last good run, step {cursor} of {total}.</span> The text has an error at line {staleError.line}, column{' '}
      {staleError.col}: <span className="font-code">{visibleText(clipText(staleError.message))}</span>. Fix it to go on from here.
    </p>
  );
  useEffect(() => {
    if (active < 0 && onStepShown !== undefined) onStepShown(cursor);
  }, [active, cursor, record, snapshot, onStepShown]);
  const diagram = shown !== null && (
    <MachineDiagram
      snapshot={shown} step={cursor} highlight={highlight} activeEvent={activeEvent} {...diagramPlay} presentation={presentation} layoutFor={layoutFor} onPageClick={onPageClick}
      className={`${presentation ? 'h-full' : ''} ${staleError !== null ? 'opacity-60 grayscale' : ''}`}
    />
  );
  if (presentation) {
    // the lecture hall: the narration band on top, as tall as what it says (its box of texts sized once a frame,
    // after their fit: useBandFit); the diagram takes the rest of the height, and its layout fits that box
    // (MachineDiagram follows the box's size). A step's text and picture are each laid out in a relayout boundary.
    return (
      <section aria-label="Machine" className="flex min-h-0 min-w-0 flex-1 flex-col gap-[0.5vh]" data-testid="machine-view">
        <div tabIndex={0} role="region" aria-label="Narration of the step" data-testid="narration-band" className="max-h-[45vh] shrink-0 overflow-auto rounded border border-slate-500">
          <NarrationPanel record={record} names={names} lines={lines} activeIndex={active} presentation details={details} empty={empty} />
        </div>
        {staleNote}
        {pick !== null && snapshot !== null && <PageActions store={store} pick={pick} onClose={() => setPick(null)} />}
        <div className="min-h-0 min-w-0 flex-1 overflow-hidden rounded border border-slate-600" data-testid="diagram-box">
          {/* the box's inside, a relayout boundary (strict containment; the box itself is a flex item, which cannot be one):
              a step's picture is laid out inside it alone, not with the narration band and the header */}
          <div className="h-full [contain:strict]">{diagram}</div>
        </div>
      </section>
    );
  }
  return (
    <section aria-label="Machine" className="flex min-w-0 flex-col gap-3">
      {/* one fixed height whatever the step says (it scrolls): a step's narration does not move the
          diagram below it (the reader's eye stays put; the step's frame does not re-place the picture).
          The scrolling box inside is a relayout boundary (strict containment, and not a flex item,
          which cannot be one): a step's new narration is laid out alone, not with the page */}
      {!hideNarration && (
        <div className="h-[13.5rem] shrink-0">
          <div tabIndex={0} role="region" aria-label="Narration of the step (scrolls)" className="h-full overflow-auto rounded border border-slate-800 [contain:strict]">
            <NarrationPanel record={record} names={names} lines={lines} activeIndex={active} presentation={false} empty={empty} />
          </div>
        </div>
      )}
      {staleNote}
      {pick !== null && snapshot !== null && !stale && <PageActions store={store} pick={pick} onClose={() => setPick(null)} />}
      <div className="min-w-0 flex-1 rounded border border-slate-800" data-stale={staleError !== null ? 'true' : undefined}>{diagram}</div>
    </section>
  );
}
