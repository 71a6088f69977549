/**
 * StopName: the name of the named stop (a `# mark: NAME` line) at the step shown, as "▼ the copy"
 * (the stops' mark on the timeline), nothing when the step is not a stop; the whole name is its
 * title, "stop: " before it for screen readers. Normal mode shows it after the step counter,
 * presentation mode after the title.
 */
import { useStore } from 'zustand';
import type { ScenarioStore } from '../../store/scenario_store';
import { markAt, marksOf } from '../stops';

export function StopName({ store, className }: { store: ScenarioStore; className: string }) {
  const name = useStore(store, (s) => markAt(marksOf(s.outcome), s.cursor)?.name ?? null);
  if (name === null) return null;
  return (
    <span data-testid="stop-name" title={`stop: ${name}`} className={`whitespace-nowrap ${className}`}>
      <span aria-hidden="true">▼ </span>
      <span className="sr-only">stop: </span>
      {name}
    </span>
  );
}
