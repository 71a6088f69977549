/**
 * The timeline controls: Step back, Step forward, Run to end, Reset, a scrubber, and the keys
 * ← → Home End (anywhere but in the text editor, where they move the caret).
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';

const BUTTON = 'rounded border border-slate-500 bg-slate-800 px-3 py-1.5 font-medium text-slate-100 hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300 disabled:opacity-40';

export function Controls({ store, large = false }: { store: ScenarioStore; large?: boolean }) {
  const cursor = useStore(store, (s) => s.target);
  const shown = useStore(store, (s) => s.cursor);
  const loading = useStore(store, (s) => s.loading);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    // offer Stop only when a run takes noticeably long, so it does not flash on every edit
    if (!loading) {
      setSlow(false);
      return;
    }
    const t = window.setTimeout(() => setSlow(true), 700);
    return () => window.clearTimeout(t);
  }, [loading]);
  const total = useStore(store, (s) => s.total);
  const { stepBack, stepForward, runToEnd, reset, goto } = store.getState();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t !== null && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const s = store.getState();
      const actions: Record<string, () => Promise<void>> = { ArrowRight: s.stepForward, ArrowLeft: s.stepBack, End: s.runToEnd, Home: s.reset };
      const act = actions[e.key];
      if (act === undefined) return;
      e.preventDefault();
      void act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  return (
    <div role="toolbar" aria-label="Timeline" className={`flex flex-wrap items-center gap-2 ${large ? 'text-xl' : ''}`}>
      <button type="button" className={BUTTON} onClick={() => void reset()} disabled={cursor === 0} title="Home">Reset</button>
      <button type="button" className={BUTTON} onClick={() => void stepBack()} disabled={cursor === 0} title="←">Step back</button>
      <button type="button" className={BUTTON} onClick={() => void stepForward()} disabled={cursor >= total} title="→">Step forward</button>
      <button type="button" className={BUTTON} onClick={() => void runToEnd()} disabled={cursor >= total} title="End">Run to end</button>
      <label className="flex min-w-[12rem] flex-1 items-center gap-2 text-slate-300">
        <span className="sr-only">Timeline position</span>
        <input
          type="range"
          aria-label="Timeline position"
          data-testid="scrubber"
          className="flex-1 accent-sky-400"
          min={0}
          max={total}
          value={cursor}
          onChange={(e) => void goto(Number(e.target.value))}
        />
        <span data-testid="step-counter" className="font-code whitespace-nowrap text-slate-100">
          step {shown} / {total}
        </span>
      </label>
      {slow && (
        <button type="button" className={`${BUTTON} border-amber-400`} onClick={() => store.getState().stop()}>
          Stop
        </button>
      )}
    </div>
  );
}
