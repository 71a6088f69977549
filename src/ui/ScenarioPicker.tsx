/**
 * The built-in scenario picker: the lessons grouped by the course's units (one <optgroup> a unit,
 * in course order: course.ts); choosing one also puts it in the URL, so the page can be shared. A
 * lesson changed (edited, a what-if) shows as "TITLE (changed)"; choosing the lesson opens its own text.
 */
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';
import { courseGroups } from '../scenario/course';

export function ScenarioPicker({ store }: { store: ScenarioStore }) {
  const builtins = useStore(store, (s) => s.builtins);
  const current = useStore(store, (s) => s.builtinName);
  const origin = useStore(store, (s) => (s.builtinName === null ? builtins.find((b) => b.name === s.origin) : undefined));
  return (
    <label className="flex items-center gap-2">
      <span className="text-slate-300">Scenario</span>
      <select
        aria-label="Built-in scenario"
        className="rounded border border-slate-600 bg-slate-800 px-2 py-1 text-slate-100"
        value={current ?? ''}
        onChange={(e) => {
          const name = e.target.value;
          if (name === '') return;
          const hash = `#builtin=${encodeURIComponent(name)}`;
          // the same address (a changed lesson picked again) makes no hashchange: open it here
          if (hash === window.location.hash) store.getState().loadBuiltin(name);
          else window.location.hash = hash;
        }}
      >
        {current === null && <option value="">{origin !== undefined ? `${origin.title} (changed)` : '(your own scenario)'}</option>}
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
