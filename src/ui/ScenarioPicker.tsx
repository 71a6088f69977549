/**
 * The built-in scenario picker: the lessons grouped by the course's units (one <optgroup> a unit,
 * in course order: course.ts); choosing one also puts it in the URL, so the page can be shared.
 */
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';
import { courseGroups } from '../scenario/course';

export function ScenarioPicker({ store }: { store: ScenarioStore }) {
  const builtins = useStore(store, (s) => s.builtins);
  const current = useStore(store, (s) => s.builtinName);
  return (
    <label className="flex items-center gap-2">
      <span className="text-slate-300">Scenario</span>
      <select
        aria-label="Built-in scenario"
        className="rounded border border-slate-600 bg-slate-800 px-2 py-1 text-slate-100"
        value={current ?? ''}
        onChange={(e) => {
          if (e.target.value !== '') window.location.hash = `builtin=${encodeURIComponent(e.target.value)}`;
        }}
      >
        {current === null && <option value="">(your own scenario)</option>}
        {courseGroups(builtins).map((g) => (
          <optgroup key={g.title} label={g.title}>
            {g.lessons.map((b) => (
              <option key={b.name} value={b.name}>
                {b.title}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
