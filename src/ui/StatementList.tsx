/**
 * Each statement of the scenario with what it returned (result code by name, values it set,
 * asserts), the ones already run at the cursor marked, the current one highlighted. Clicking a
 * statement moves the timeline to just after it.
 */
import { useStore } from 'zustand';
import { kernReturnName } from '../kernel/kern_return';
import type { StepRecord } from '../scenario/interpreter';
import { formatValue } from '../scenario/values';
import type { ScenarioStore } from '../store/scenario_store';

export function StatementList({ store }: { store: ScenarioStore }) {
  const outcome = useStore(store, (s) => s.outcome);
  const loading = useStore(store, (s) => s.loading);
  const cursor = useStore(store, (s) => s.cursor);
  const goto = useStore(store, (s) => s.goto);
  if (outcome === null || outcome.status === 'parse-error') {
    return (
      <section aria-label="Results" className="text-slate-400">
        {loading ? 'Running…' : outcome?.status === 'parse-error' ? 'Fix the error in the scenario to see its results.' : ''}
      </section>
    );
  }
  const held = outcome.records.filter((s) => s.assert?.held).length;
  return (
    <section aria-label="Results" className="flex min-h-0 flex-col gap-2">
      <h2 className="text-sm font-medium text-slate-300">Statements (click one to go there)</h2>
      <ol data-testid="statements" className="font-code flex flex-col gap-1 overflow-auto text-[15px]">
        {outcome.records.map((s) => (
          <StatementRow key={s.index} step={s} state={s.index + 1 === cursor ? 'current' : s.index < cursor ? 'done' : 'todo'} onPick={() => void goto(s.index + 1)} />
        ))}
      </ol>
      {outcome.status === 'ok' ? (
        <p data-testid="summary" className="text-emerald-300">
          All {outcome.records.length} statements ran; {held} assert{held === 1 ? '' : 's'} held.
        </p>
      ) : (
        <p role="alert" data-testid="error" className="rounded border border-red-500 bg-red-950 px-3 py-2 text-red-100">
          Line {outcome.line}: {outcome.message}
        </p>
      )}
    </section>
  );
}

function StatementRow({ step, state, onPick }: { step: StepRecord; state: 'done' | 'current' | 'todo'; onPick: () => void }) {
  const outs = Object.entries(step.out).filter(([name]) => name !== 'kr');
  const look =
    state === 'current' ? 'bg-sky-900 outline outline-2 outline-sky-300' : step.error ? 'bg-red-950' : state === 'done' ? 'bg-slate-800' : 'bg-slate-900 opacity-80';
  return (
    <li data-testid="statement" data-line={step.line} data-state={state} aria-current={state === 'current' ? 'step' : undefined} className={`rounded px-2 py-1 ${look}`}>
      <button type="button" onClick={onPick} className="flex w-full items-baseline gap-x-3 text-left" aria-label={`Go to after line ${step.line}: ${step.text}`}>
        <span className={`w-8 shrink-0 text-right ${state === 'current' ? 'text-slate-100' : 'text-slate-400'}`}>{step.line}</span>
        <span className="min-w-0 break-words text-slate-100">{step.text}</span>
      </button>
      <div className="ml-11 flex flex-wrap gap-x-3 text-sm">
        {step.kr !== null && (
          <span data-testid="kr" className={step.kr === 0 ? 'text-emerald-300' : 'text-amber-300'}>
            {kernReturnName(step.kr)}
          </span>
        )}
        {step.assert !== undefined && (
          <span className={step.assert.held ? 'text-emerald-300' : 'text-red-300'}>{step.assert.held ? '✓ assert held' : '✗ assert failed'}</span>
        )}
        {outs.map(([name, v]) => (
          <span key={name} className="text-sky-200">
            {name} = {formatValue(v)}
          </span>
        ))}
        {step.error !== undefined && <span className="text-red-200">{step.error.message}</span>}
      </div>
    </li>
  );
}
