/**
 * The built-in scenario picker: the lessons grouped by the course's units (one <optgroup> a unit,
 * in course order: course.ts); choosing one also puts it in the URL, so the page can be shared. A
 * lesson changed (edited, a what-if) shows as "TITLE (changed)"; choosing the lesson opens its own text.
 * Until the page has settled the picker holds only the options that decide how it looks closed
 * (picker_options.ts); the whole list comes before it can be opened.
 */
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';
import { courseGroups } from '../scenario/course';
import { useWholeList, widthHolders } from './picker_options';

export function ScenarioPicker({ store }: { store: ScenarioStore }) {
  const builtins = useStore(store, (s) => s.builtins);
  const current = useStore(store, (s) => s.builtinName);
  const origin = useStore(store, (s) => (s.builtinName === null ? builtins.find((b) => b.name === s.origin) : undefined));
  const { whole, wanted } = useWholeList(store);
  const listed = whole ? builtins : widthHolders(builtins, current);
  return (
    <label className="flex items-center gap-2">
      <span className="text-slate-300">Scenario</span>
      <select
        aria-label="Built-in scenario"
        className="rounded border border-slate-600 bg-slate-800 px-2 py-1 text-slate-100"
        value={current ?? ''}
        onFocus={wanted}
        onPointerDown={wanted}
        onMouseDown={wanted}
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
        {courseGroups(listed).map((g) => (
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
