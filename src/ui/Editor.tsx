/**
 * The scenario editor: a plain textarea (real text, keyboard friendly). Edits re-run the scenario
 * after a short pause; a parse error is shown with its line and column under the text.
 */
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';

const RUN_DELAY_MS = 300;

export function Editor({ store }: { store: ScenarioStore }) {
  const source = useStore(store, (s) => s.source);
  const editSource = useStore(store, (s) => s.editSource);
  const reload = useStore(store, (s) => s.reload);
  // the parse error only: a big scenario's run extends the outcome often, and this textarea may hold megabytes
  const outcome = useStore(store, (s) => (s.outcome?.status === 'parse-error' ? s.outcome : null));
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  return (
    <section aria-label="Scenario text" className="flex min-h-[24rem] flex-col gap-2">
      <label htmlFor="scenario-editor" className="text-sm font-medium text-slate-300">
        Scenario (edit it: it re-runs as you type)
      </label>
      <textarea
        id="scenario-editor"
        data-testid="editor"
        spellCheck={false}
        wrap="off"
        className="font-code min-h-[20rem] flex-1 resize-y rounded border border-slate-600 bg-slate-900 p-3 text-[15px] leading-6 text-slate-100 focus:outline focus:outline-2 focus:outline-sky-400"
        value={source}
        onChange={(e) => {
          editSource(e.target.value);
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => void reload(), RUN_DELAY_MS);
        }}
      />
      {outcome !== null && (
        <p role="alert" data-testid="error" className="font-code rounded border border-red-500 bg-red-950 px-3 py-2 text-red-100">
          Line {outcome.line}, column {outcome.col}: {outcome.message}
        </p>
      )}
    </section>
  );
}
