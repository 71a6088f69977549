/**
 * StopsMenu: the Stops button and its list (a non-modal dialog under it): the scenario's named stops
 * (`# mark: NAME` lines), each a button going to its step (the one shown is marked current), and
 * the legend of the timeline's marks with how many steps of each kind have run. The list takes the
 * focus when it opens; ↓ / ↑ move between the stops, Enter or Space goes to one and closes the list
 * (those keys stay with the list: a clicker's Space does not also step), Escape or a click elsewhere
 * closes it and the focus goes back to the button. At most MAX_STOPS_LISTED stops are listed. Closed,
 * it follows no step (only the outcome): stepping does not re-render it.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../../store/scenario_store';
import { command } from '../commands';
import { count } from '../count';
import { marksOf } from '../stops';
import { TICK_KINDS, tickCounts } from '../timeline_ticks';
import { KIND_COLOUR } from './TimelineMarks';

/** The most stops the list shows (the rest are reached with ] and [). */
export const MAX_STOPS_LISTED = 200;

/** `large`: presentation mode's look, and no button at all for a scenario without stops (the header's room is short). */
export function StopsMenu({ store, large = false, buttonClass }: { store: ScenarioStore; large?: boolean; buttonClass: string }) {
  const outcome = useStore(store, (s) => s.outcome);
  const [open, setOpen] = useState(false);
  // the step shown marks its stop in the open list only: a closed menu does not re-render on a step
  const cursor = useStore(store, (s) => (open ? s.cursor : -1));
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const marks = marksOf(outcome);
  const counts = useMemo(() => (outcome === null || outcome.status === 'parse-error' ? TICK_KINDS.map(() => 0) : tickCounts(outcome.steps)), [outcome]);

  useEffect(() => {
    if (!open) return;
    (panel.current?.querySelector<HTMLElement>('[aria-current="step"]') ?? panel.current?.querySelector<HTMLElement>('li button') ?? panel.current)?.focus();
    const onDown = (e: PointerEvent) => {
      if (!(e.target instanceof Node) || root.current?.contains(e.target) !== true) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const moveFocus = (delta: 1 | -1) => {
    const items = [...(panel.current?.querySelectorAll<HTMLElement>('li button') ?? [])];
    if (items.length === 0) return;
    const at = items.indexOf(document.activeElement as HTMLElement);
    items[(at + delta + items.length) % items.length].focus();
  };
  const skin = large ? 'border-white bg-black text-[2.6vh]' : 'border-slate-500 bg-slate-900 text-base';
  const next = command('next-stop');
  const previous = command('previous-stop');

  if (large && marks.length === 0) return null;
  return (
    <div
      ref={root}
      className="relative shrink-0"
      onKeyDown={(e) => {
        if (!open) return;
        if (e.key === 'Escape') close();
        else if (e.key === 'ArrowDown') moveFocus(1);
        else if (e.key === 'ArrowUp') moveFocus(-1);
        else if (e.key !== 'Enter' && e.key !== ' ') return;
        // the list's keys are its own: Escape does not also leave presentation mode, Space and Enter do not also step
        e.stopPropagation();
        if (e.key !== 'Enter' && e.key !== ' ') e.preventDefault();
      }}
      onBlur={(e) => {
        if (open && e.relatedTarget instanceof Node && root.current?.contains(e.relatedTarget) !== true) setOpen(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        title={`Named stops and the timeline's marks (${previous.keys[0]} and ${next.keys[0]} go to the previous and next stop)`}
        className={buttonClass}
        data-testid="stops-button"
        onClick={() => setOpen(!open)}
      >
        Stops{marks.length > 0 ? ` (${count(marks.length)})` : ''}
      </button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          role="dialog"
          aria-label="Stops and marks"
          tabIndex={-1}
          data-testid="stops"
          className={`absolute right-0 top-full z-50 mt-1 max-h-[70vh] w-max min-w-[16em] max-w-[min(40em,90vw)] overflow-y-auto rounded border p-3 text-left text-slate-100 shadow-lg focus:outline focus:outline-2 focus:outline-sky-300 ${skin}`}
        >
          <h2 className="mb-1 font-semibold">Named stops</h2>
          {marks.length === 0 ? (
            <p className="text-slate-300">None in this scenario: a line “# mark: NAME” before a statement makes one.</p>
          ) : (
            <ol className="flex flex-col gap-0.5">
              {marks.slice(0, MAX_STOPS_LISTED).map((m, i) => (
                <li key={i}>
                  <button
                    type="button"
                    aria-current={m.step === cursor ? 'step' : undefined}
                    className="w-full rounded px-2 py-0.5 text-left hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300 aria-[current=step]:bg-sky-900"
                    onClick={() => {
                      void store.getState().goto(m.step);
                      close();
                    }}
                  >
                    <span className="font-code text-slate-300">step {m.step}</span> · {m.name}
                  </button>
                </li>
              ))}
            </ol>
          )}
          {marks.length > MAX_STOPS_LISTED && (
            <p className="text-slate-300">
              and {count(marks.length - MAX_STOPS_LISTED)} more (the list shows {MAX_STOPS_LISTED}): key {next.keys[0]} reaches them
            </p>
          )}
          <p className="mt-1 text-slate-300">
            Keys <kbd>{previous.keys[0]}</kbd> and <kbd>{next.keys[0]}</kbd>: previous and next stop.
          </p>
          <h2 className="mb-1 mt-3 font-semibold">Timeline marks</h2>
          <ul className="flex flex-col gap-0.5" data-testid="marks-legend">
            <li className="flex items-center gap-2">
              <span aria-hidden="true" className="inline-block h-[0.7em] w-[0.8em] bg-white [clip-path:polygon(0_0,100%_0,50%_100%)]" />
              named stops (top lane)
            </li>
            {TICK_KINDS.map((k, j) => (
              <li key={k.name} className="flex items-center gap-2">
                <span aria-hidden="true" className={`inline-block h-[0.7em] w-[3px] ${KIND_COLOUR[k.name]}`} />
                {count(counts[j])} {counts[j] === 1 ? k.label : k.plural} (lane {j + 2})
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
