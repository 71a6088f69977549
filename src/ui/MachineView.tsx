/** The machine at the cursor: the diagram of tasks, objects, frames and TLB, and the narration of the step. */
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';

export function MachineView({ store }: { store: ScenarioStore }) {
  const snapshot = useStore(store, (s) => s.snapshot);
  const record = useStore(store, (s) => s.record);
  return (
    <section aria-label="Machine" className="flex min-w-0 flex-col gap-3">
      <div data-testid="narration" role="log" aria-live="polite" className="rounded border border-slate-700 bg-slate-900 p-3 text-slate-100">
        {record === null ? 'Nothing has run yet: press Step forward (→).' : record.text}
      </div>
      <pre className="font-code overflow-auto text-xs text-slate-300">{snapshot === null ? '' : `${snapshot.tasks.length} tasks, ${snapshot.objects.length} objects, ${snapshot.freeFrames} free frames`}</pre>
    </section>
  );
}
