/**
 * Each statement of the scenario with what it returned (result code by name, values it set,
 * asserts), the ones already run at the cursor marked, the current one highlighted. No spoilers:
 * a statement not yet run at the cursor shows its text (and the error that stops the run there, an
 * error of the text) but not what it returns, sets or asserts, and the summary counts the asserts
 * held so far until the timeline reaches the end. Clicking a
 * statement moves the timeline to just after it. A long scenario (more than LONG_LIST statements,
 * e.g. a generated one of thousands) lists a window of them around the current one, moved in
 * steps of WINDOW_STEP so it stays put while the timeline plays, with a line saying how many come
 * before and after: thousands of rows would make every step re-render and re-lay-out them all.
 * Rows are memoised: a step re-renders only the rows whose state changed. The rows read the load's
 * step summaries (worker/step_summary.ts), one statement at a time. While a big scenario still runs
 * in the worker, the list holds the statements run so far and says how far the run has got.
 * Values are shown bounded (a byte string's first SHOWN_BYTES bytes and its length; a "more" button
 * opens a dump of it, a page at a time: ByteDump), and texts with their control and bidi
 * characters shown by name (visible_text.ts), never applied. The page's first list comes in a render
 * of its own, a transition after the first step is drawn (issue 18: its rows and their layout were part
 * of the one long task that drew the first step on a slow laptop); later loads list at once.
 * The list is a box of one fixed height (LIST_BOX) that scrolls, whatever the scenario or the
 * step: a step's results (a line under its row) do not make the page taller, and the box is a
 * relayout boundary (its layout is the box's own, not the page's: issue 18, stepframe); the rows
 * out of its sight are skipped (ROW_BOX). It follows the current statement (scrolled within the
 * box, never the page: followCurrent).
 */
import { lazy, memo, startTransition, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { kernReturnName } from '../kernel/kern_return';
import type { ScenarioState, ScenarioStore } from '../store/scenario_store';
import type { StepSummaries } from '../worker/protocol';
import { assertsHeld, formatShown, hasMore, summaryAt } from '../worker/step_summary';
import { clipText, visibleText } from '../scenario/visible_text';
import { VisibleText } from './VisibleText';
import { count } from './count';

// the dump of a long value, in the export area's lazy chunk (fetched just after the first render)
const ByteDump = lazy(() => import('./export/lazy_views').then((m) => ({ default: m.ByteDump })));

export function StatementList({ store }: { store: ScenarioStore }) {
  const outcome = useStore(store, (s) => s.outcome);
  const loads = useStore(store, (s) => s.loads);
  const loading = useStore(store, (s) => s.loading);
  const cursor = useStore(store, (s) => s.cursor);
  const goto = useStore(store, (s) => s.goto);
  const fetchBytes = useStore(store, (s) => s.fetchBytes);
  const pick = useCallback((index: number) => void goto(index + 1), [goto]);
  const steps = outcome !== null && outcome.status !== 'parse-error' ? outcome.steps : null;
  const held = useMemo(() => (steps === null ? 0 : assertsHeld(steps)), [steps]);
  const heldSoFar = useMemo(() => (steps === null ? 0 : assertsHeld(steps, cursor)), [steps, cursor]);
  // the first list after the first step is drawn (a transition: React renders it in slices, after that paint)
  const [listing, setListing] = useState(false);
  useEffect(() => {
    if (steps !== null && !listing) startTransition(() => setListing(true));
  }, [steps, listing]);
  const list = useRef<HTMLOListElement>(null);
  // before the paint: the current statement in sight within the box (the page does not scroll)
  useLayoutEffect(() => followCurrent(list.current), [cursor, listing, loads]);
  if (outcome === null || outcome.status === 'parse-error' || steps === null || !listing) {
    // the box the list will fill, already there: nothing moves when the list comes
    return (
      <section aria-label="Results">
        <div className={`${LIST_BOX} text-slate-400`}>
          {loading ? 'Running…' : outcome?.status === 'parse-error' ? 'Fix the error in the scenario to see its results.' : ''}
        </div>
      </section>
    );
  }
  const n = outcome.total;
  const [from, to] = listWindow(n, cursor);
  const rows: number[] = [];
  for (let i = from; i < to; i++) rows.push(i);
  return (
    <section aria-label="Results">
      <div className={`${LIST_BOX} flex flex-col gap-2`}>
        <h2 className="text-sm font-medium text-slate-300">Statements (click one to go there)</h2>
        {from > 0 && (
          <p data-testid="statements-before" className="text-sm text-slate-400">
            {count(from)} earlier statement{from === 1 ? '' : 's'} not listed (move the timeline to see them)
          </p>
        )}
        <ol ref={list} data-testid="statements" start={from + 1} className="font-code min-h-0 flex-1 space-y-1 overflow-auto rounded border border-slate-800 p-1 text-[15px]">
          {rows.map((i) => (
            <StatementRow key={`${loads}:${i}`} steps={steps} loads={loads} index={i} state={i + 1 === cursor ? 'current' : i < cursor ? 'done' : 'todo'} onPick={pick} fetchBytes={fetchBytes} />
          ))}
        </ol>
        {to < n && (
          <p data-testid="statements-after" className="text-sm text-slate-400">
            {count(n - to)} later statement{n - to === 1 ? '' : 's'} not listed
          </p>
        )}
        {outcome.status === 'running' ? (
          <p data-testid="run-progress-list" className="text-slate-300">
            Running… {count(n)} of {count(outcome.statements)} statements so far; {held} assert{held === 1 ? '' : 's'} held.
          </p>
        ) : outcome.status === 'ok' ? (
          <p data-testid="summary" className="text-emerald-300">
            {cursor >= n ? (
              <>All {n} statements ran; {held} assert{held === 1 ? '' : 's'} held.</>
            ) : (
              <>All {n} statements ran; {heldSoFar} assert{heldSoFar === 1 ? '' : 's'} held so far: step on to see the rest.</>
            )}
          </p>
        ) : (
          <p role="alert" data-testid="error" className="rounded border border-red-500 bg-red-950 px-3 py-2 text-red-100">
            Line {outcome.line}: {visibleText(outcome.message ?? '')}
          </p>
        )}
      </div>
    </section>
  );
}

/**
 * The list's box: one height whatever it holds (as tall as the editor's box), a relayout boundary
 * (strict containment: size, layout, paint, style; it is not a flex or grid item, which cannot be
 * one in Chrome). A step changes only what is inside it.
 */
const LIST_BOX = 'h-[60vh] max-h-[48rem] min-h-[20rem] overflow-hidden [contain:strict]';

/**
 * A row out of the box's sight is neither laid out nor painted (content-visibility: auto; it keeps
 * the height it last had, or 3.25rem, a row with its results, until it is first drawn): a step paints the rows in sight, not all.
 */
const ROW_BOX = '[content-visibility:auto] [contain-intrinsic-size:auto_3.25rem]';

/** Scrolls the list (not the page) so the current statement is in sight: a third of the way down when it had left the box. */
function followCurrent(list: HTMLOListElement | null): void {
  const row = list?.querySelector<HTMLElement>('[aria-current="step"]');
  if (list == null || row == null) return;
  const top = row.getBoundingClientRect().top - list.getBoundingClientRect().top - list.clientTop + list.scrollTop;
  if (top >= list.scrollTop && top + row.offsetHeight <= list.scrollTop + list.clientHeight) return;
  list.scrollTop = Math.max(0, top - Math.floor(list.clientHeight / 3));
}

/** Lists of up to this many statements are shown whole. */
export const LONG_LIST = 400;
/** A long list shows this many statements around the current one... */
export const LIST_WINDOW = 300;
/** ...its start moving in steps of this many. */
const WINDOW_STEP = 100;

/** The statements [from, to) listed when the cursor is after `cursor` statements of `n`. */
export function listWindow(n: number, cursor: number): [number, number] {
  if (n <= LONG_LIST) return [0, n];
  const from = Math.max(0, Math.min(n - LIST_WINDOW, Math.floor((cursor - LIST_WINDOW / 2) / WINDOW_STEP) * WINDOW_STEP));
  return [from, Math.min(n, from + LIST_WINDOW)];
}

interface RowProps {
  steps: StepSummaries;
  /** The load the summaries are of (store.loads): within one, a run in progress only appends summaries. */
  loads: number;
  index: number;
  state: 'done' | 'current' | 'todo';
  onPick: (index: number) => void;
  fetchBytes: ScenarioState['fetchBytes'];
}

const StatementRow = memo(function StatementRow({ steps, index, state, onPick, fetchBytes }: RowProps) {
  const step = summaryAt(steps, index);
  const outs = Object.entries(step.outs);
  // no spoilers: what a statement not yet run returns, sets or asserts is not shown (an error in the text is)
  const spoils = state === 'todo';
  const text = visibleText(clipText(step.text));
  /** The variable whose bytes the dump panel shows, or null (a new load makes new rows: the panel closes). */
  const [dumped, setDumped] = useState<string | null>(null);
  const fetchPage = useCallback((offset: number) => fetchBytes(index, dumped ?? '', offset), [fetchBytes, index, dumped]);
  const dumpedValue = dumped === null ? undefined : step.outs[dumped];
  /** The "more" buttons by variable: closing a dump gives the focus back to its own. */
  const moreButtons = useRef(new Map<string, HTMLButtonElement>());
  const closeDump = useCallback(() => {
    if (dumped !== null) moreButtons.current.get(dumped)?.focus();
    setDumped(null);
  }, [dumped]);
  const look =
    state === 'current' ? 'bg-sky-900 outline outline-2 outline-sky-300' : step.error !== null ? 'bg-red-950' : state === 'done' ? 'bg-slate-800' : 'bg-slate-900 opacity-80';
  return (
    <li data-testid="statement" data-line={step.line} data-state={state} aria-current={state === 'current' ? 'step' : undefined} className={`${ROW_BOX} rounded px-2 py-1 ${look}`}>
      <button type="button" onClick={() => onPick(step.index)} className="flex w-full items-baseline gap-x-3 text-left" aria-label={`Go to after line ${step.line}: ${text}`}>
        <span className={`w-8 shrink-0 text-right ${state === 'current' ? 'text-slate-100' : 'text-slate-400'}`}>{step.line}</span>
        <span className="min-w-0 break-words text-slate-100">
          <VisibleText text={clipText(step.text)} />
        </span>
      </button>
      <div className="ml-11 flex flex-wrap gap-x-3 text-sm">
        {!spoils && step.kr !== null && (
          <span data-testid="kr" className={step.kr === 0 ? 'text-emerald-300' : 'text-amber-300'}>
            {kernReturnName(step.kr)}
          </span>
        )}
        {!spoils && step.assert !== null && (
          <span className={step.assert.held ? 'text-emerald-300' : 'text-red-300'}>{step.assert.held ? '✓ assert held' : '✗ assert failed'}</span>
        )}
        {!spoils && outs.map(([name, v]) => (
          <span key={name} data-testid="out" className="min-w-0 break-all text-sky-200">
            {name} = {formatShown(v)}
            {hasMore(v) && (
              <button
                type="button"
                ref={(el) => {
                  if (el !== null) moreButtons.current.set(name, el);
                  else moreButtons.current.delete(name);
                }}
                className="ml-2 rounded border border-sky-400 px-1 text-xs text-sky-100"
                aria-expanded={dumped === name}
                aria-label={`${dumped === name ? 'Hide' : 'Show'} the bytes of ${name}`}
                onClick={() => setDumped(dumped === name ? null : name)}
              >
                {dumped === name ? 'less' : 'more'}
              </button>
            )}
          </span>
        ))}
        {step.error !== null && <span className="text-red-200">{visibleText(step.error.message)}</span>}
      </div>
      {dumped !== null && dumpedValue !== undefined && typeof dumpedValue !== 'number' && (
        <Suspense fallback={<p className="text-sm text-slate-400">Loading the bytes…</p>}>
          <ByteDump key={dumped} name={dumped} length={dumpedValue.length} fetchPage={fetchPage} onClose={closeDump} />
        </Suspense>
      )}
    </li>
  );
}, sameRow);

/** A row shows the same thing: same statement, state and load, and its summary was known before (a run in progress appends). */
function sameRow(a: RowProps, b: RowProps): boolean {
  return a.index === b.index && a.state === b.state && a.onPick === b.onPick && a.fetchBytes === b.fetchBytes && a.loads === b.loads && (a.steps === b.steps || b.index < a.steps.text.length);
}
