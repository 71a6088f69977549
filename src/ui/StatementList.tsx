/** Each statement of the run with what it returned: the result code by name, the values it set, asserts. */
import { useStore } from 'zustand';
import { kernReturnName } from '../kernel/kern_return';
import type { StepRecord } from '../scenario/interpreter';
import { formatValue } from '../scenario/values';
import type { ScenarioStore } from '../store/scenario_store';

export function StatementList({ store }: { store: ScenarioStore }) {
  const outcome = useStore(store, (s) => s.outcome);
  const running = useStore(store, (s) => s.running);
  if (outcome === null || outcome.status === 'parse-error') {
    return (
      <section aria-label="Results" className="text-slate-400">
        {running ? 'Running…' : outcome?.status === 'parse-error' ? 'Fix the error in the scenario to see its results.' : ''}
      </section>
    );
  }
  const held = outcome.steps.filter((s) => s.assert?.held).length;
  return (
    <section aria-label="Results" className="flex flex-col gap-2">
      <h2 className="text-sm font-medium text-slate-300">Results, statement by statement</h2>
      <ol data-testid="statements" className="font-code flex flex-col gap-1 text-[15px]">
        {outcome.steps.map((s) => (
          <StatementRow key={s.index} step={s} />
        ))}
      </ol>
      {outcome.status === 'ok' ? (
        <p data-testid="summary" className="text-emerald-300">
          All {outcome.steps.length} statements ran; {held} assert{held === 1 ? '' : 's'} held.
        </p>
      ) : (
        <p role="alert" data-testid="error" className="rounded border border-red-500 bg-red-950 px-3 py-2 text-red-100">
          Line {outcome.line}: {outcome.message}
        </p>
      )}
    </section>
  );
}

function StatementRow({ step }: { step: StepRecord }) {
  const outs = Object.entries(step.out).filter(([name]) => name !== 'kr');
  return (
    <li data-testid="statement" data-line={step.line} className={`rounded px-2 py-1 ${step.error ? 'bg-red-950' : 'bg-slate-900'}`}>
      <div className="flex items-baseline gap-x-3">
        <span className="w-8 shrink-0 text-right text-slate-500" aria-label={`line ${step.line}`}>{step.line}</span>
        <span className="min-w-0 break-words text-slate-100">{step.text}</span>
      </div>
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
