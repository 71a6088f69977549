/**
 * The page: a header with the scenario picker and the timeline controls; the scenario text and its
 * statements on the left; the machine diagram and the narration of the current step on the right.
 */
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';
import type { SettingsStore } from '../store/settings_store';
import { SpeedPicker } from './SpeedPicker';
import { ShareButton } from './ShareButton';
import { Controls } from './Controls';
import { Editor } from './Editor';
import { MachineView } from './MachineView';
import { StatementList } from './StatementList';
import { ScenarioPicker } from './ScenarioPicker';

export function App({ store, settings }: { store: ScenarioStore; settings: SettingsStore }) {
  const banner = useStore(store, (s) => s.banner);
  const setBanner = useStore(store, (s) => s.setBanner);
  const builtinName = useStore(store, (s) => s.builtinName);
  const builtins = useStore(store, (s) => s.builtins);
  const lesson = builtins.find((b) => b.name === builtinName);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-700 bg-slate-900 px-4 py-2">
        <h1 className="text-xl font-semibold tracking-tight">Mach VM Playground</h1>
        <ScenarioPicker store={store} />
        <SpeedPicker settings={settings} />
        <ShareButton store={store} />
        <div className="min-w-[28rem] flex-1">
          <Controls store={store} />
        </div>
      </header>
      {banner !== null && (
        <div role="alert" data-testid="error" className="flex items-start gap-3 border-b border-amber-500 bg-amber-950 px-4 py-2 text-amber-100">
          <p className="flex-1">{banner}</p>
          <button type="button" className="rounded border border-amber-400 px-2 py-0.5 hover:bg-amber-900" onClick={() => setBanner(null)}>
            Dismiss
          </button>
        </div>
      )}
      {lesson !== undefined && (
        <section aria-label="Lesson" className="border-b border-slate-800 px-4 py-1.5" title={lesson.goal}>
          <p className="line-clamp-2">
            <span className="mr-3 text-lg font-medium text-sky-300" data-testid="lesson-title">{lesson.title}</span>
            {lesson.goal !== '' && <span className="text-slate-300">{lesson.goal}</span>}
          </p>
        </section>
      )}
      <main className="grid flex-1 grid-cols-1 gap-4 p-4 xl:grid-cols-[minmax(19rem,1fr)_3fr]">
        <div className="flex min-w-0 flex-col gap-4">
          <Editor store={store} />
          <StatementList store={store} />
        </div>
        <MachineView store={store} settings={settings} />
      </main>
    </div>
  );
}
