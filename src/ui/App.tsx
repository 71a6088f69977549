/**
 * The page. Normal mode: a header with the scenario picker, speed, Share and the timeline controls;
 * the scenario text and its statements on the left; the narration and the machine diagram on the
 * right. Presentation mode (button or key p, Escape leaves): large type, high contrast, the editor
 * hidden; the diagram and the narration fill the screen and the keyboard drives the timeline
 * (n / b: next / previous lesson in course order; l: the lesson list; . blanks the screen; a
 * clicker's PageDown / PageUp / Space / Enter step; q: the room's quiz, a question over the machine before each
 * step, quiz/room.ts; its keys reach the commands through ctx.quizRoom). Embed layout (embed.html, or #...&embed=1: for an iframe in a
 * course page, embed_page.ts): only the timeline, the narration and the diagram, as its link asks
 * (embed/embed_options.ts: start and end step, autoplay with Pause / Play, hidden controls).
 * Handout (#...&handout=1, or Export's Handout…): the print view of handout/ instead of the page
 * (the keys are left to the browser there). Every key is a command of commands.ts, run by one
 * keydown listener here; the keyboard shortcuts list shows them all. Under the header: the
 * banner (a problem outside the text) and the draft notice (the text is not kept over a reload).
 * Compare… (or a #compare= link) opens the Compare view over the page (compare/, in the views' lazy chunk).
 * The reference panel (key ?, a lazy chunk: reference/) opens over the right of the page in every layout.
 */
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createScenarioStore, type ScenarioStore } from '../store/scenario_store';
import { WorkerKernelClient } from '../worker/client';
import { BUILTIN_INDEX, loadBuiltinText } from '../scenario/builtins_browser';
import { DEFAULT_BUILTIN } from '../scenario/builtins';
import { hex, inheritName, protString } from '../kernel/vm_param';
import { kernReturnName } from '../kernel/kern_return';
import { formatShown, stepCount, summaryAt } from '../worker/step_summary';
import type { SettingsStore } from '../store/settings_store';
import { SpeedPicker } from './SpeedPicker';
import { Controls } from './Controls';
import { Editor } from './Editor';
import { MachineView } from './MachineView';
import { StatementList } from './StatementList';
import { ScenarioPicker } from './ScenarioPicker';
import { command, handleKey, keyHint, keyName, type CommandContext } from './commands';
import { CommandButton } from './CommandButton';
import { KeyboardHelp } from './KeyboardHelp';
import { PresentationHeader } from './PresentationHeader';
import { PanZoomTarget } from './diagram/usePanZoom';
import type { PanZoom } from './diagram/pan_zoom';
import { visibleText } from '../scenario/visible_text';
import { fullAppUrl } from './embed_page';
import type { RoomQuizKeys } from './quiz/room_keys';
import { BlankScreen } from './course/BlankScreen';
import { LectureBadge } from './lecture/LectureBadge';
import { listenForPresenter } from './presenter/open_presenter';
import { SHEET_WORDS } from './sheet_words';
import { MachineDiagram } from './diagram/MachineDiagram';
import { registerReferenceOpener } from './reference/open_reference';
import type { ReferenceRequest } from './reference/ReferencePanel';
import { BackToLesson } from './whatif/BackToLesson';
import { ExportStandIn, OpenStandIn } from './export/ExportStandIn';
import { useAfterFirstStep } from './after_first_step';
import { takeOverEarlyKeys } from './early_keys';

// Chunks of their own, fetched on first use (quiz mode, the room's quiz) or once the first step is drawn (export: after_first_step.ts).
const QuizPanel = lazy(() => import('./quiz/QuizPanel').then((m) => ({ default: m.QuizPanel })));
const RoomQuiz = lazy(() => import('./quiz/RoomQuiz').then((m) => ({ default: m.RoomQuiz })));
const LectureEditor = lazy(() => import('./lecture/lecture_tools').then((m) => ({ default: m.LectureEditor })));
// the export menu, the handout's print view (#...&handout=1, or Handout…) and the embed builder (Embed…): one chunk (export/lazy_views.ts)
const views = () => import('./export/lazy_views');
const ExportMenu = lazy(() =>
  views().then((m) => ({
    default: ({ store, onHandout, onEmbed }: { store: ScenarioStore; onHandout: () => void; onEmbed: () => void }) => (
      <m.ExportMenu store={store} getSvg={() => m.findDiagramSvg()} onHandout={onHandout} onEmbed={onEmbed} words={SHEET_WORDS} />
    ),
  })),
);
const LessonList = lazy(() => import('./course/LessonList')); // its default export
const CompareView = lazy(() => views().then((m) => ({ default: m.CompareView }))); // two machines side by side, in the views' chunk
/** The Compare view's right side: a worker and a store of its own (made here, of modules the page has: the chunk stays small). */
const COMPARE_DEPS = {
  makeSide: () => {
    const client = new WorkerKernelClient();
    // the other side runs on past a failed assert: a lesson with one choice changed breaks the lesson's asserts, and the point is what happens next
    return { client, store: createScenarioStore(client, BUILTIN_INDEX, loadBuiltinText, () => false, () => false, { failedAssertsGoOn: true }) };
  },
  loadText: loadBuiltinText,
  defaultLesson: DEFAULT_BUILTIN,
  Diagram: MachineDiagram,
  PanZoomTarget,
  words: { hex, inheritName, protString, kernReturnName, formatShown, stepCount, summaryAt },
};
const ShareButton = lazy(() => views().then((m) => ({ default: m.ShareButton })));
const ImportScenario = lazy(() => views().then((m) => ({ default: m.ImportScenario })));
const HandoutView = lazy(() => views().then((m) => ({ default: m.HandoutView })));
const EmbedBuilder = lazy(() => views().then((m) => ({ default: m.EmbedBuilder })));
const EmbedAutoplay = lazy(() => views().then((m) => ({ default: m.EmbedAutoplay })));
const ReferencePanel = lazy(() => views().then((m) => ({ default: m.ReferencePanel }))); // key ?, in the views' chunk too

export function App({ store, settings }: { store: ScenarioStore; settings: SettingsStore }) {
  const banner = useStore(store, (s) => s.banner);
  const setBanner = useStore(store, (s) => s.setBanner);
  const draftNote = useStore(store, (s) => s.draftNote);
  const setDraftNote = useStore(store, (s) => s.setDraftNote);
  const builtinName = useStore(store, (s) => s.builtinName);
  const builtins = useStore(store, (s) => s.builtins);
  const presentation = useStore(settings, (s) => s.presentation);
  const quiz = useStore(settings, (s) => s.quiz);
  const setQuiz = useStore(settings, (s) => s.setQuiz);
  // a lesson changed (edited, a what-if) is still that lesson, "TITLE (changed)", with a way back
  const origin = useStore(store, (s) => s.origin);
  const lesson = builtins.find((b) => b.name === (builtinName ?? origin));
  const changed = builtinName === null && lesson !== undefined;
  const lessonTitle = lesson === undefined ? undefined : changed ? `${lesson.title} (changed)` : lesson.title;
  const embed = useStore(settings, (s) => s.embed);
  const handout = useStore(settings, (s) => s.handout);
  const [embedBuilderOpen, setEmbedBuilderOpen] = useState(false);
  const compare = useStore(settings, (s) => s.compare);
  const closeCompare = useCallback(() => {
    settings.getState().setCompare(null);
    // a #compare= link would open the view again on a reload: the address becomes the page's own (its lesson and step, or none)
    if (!window.location.hash.startsWith('#compare=')) return;
    const { builtinName, cursor } = store.getState();
    const own = builtinName === null ? '' : `#builtin=${encodeURIComponent(builtinName)}&step=${cursor}`;
    history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}${own}`);
  }, [settings, store]);
  const embedView = useStore(settings, (s) => s.embedView);
  const hidden = (c: 'buttons' | 'scrubber' | 'narration' | 'open') => embedView?.hide.has(c) === true;
  // an embed's autoplay (a lazy chunk) hears from MachineView when a step has finished playing
  const stepShown = useRef<((step: number) => void) | null>(null);
  const onStepShown = useCallback((step: number) => stepShown.current?.(step), []);

  // Share, Open .vms and the export menu (the views' chunk) come after the first step is drawn: stand-ins until then
  const secondary = useAfterFirstStep(store);
  const [helpOpen, setHelpOpen] = useState(false);
  const [lessonListOpen, setLessonListOpen] = useState(false);
  const [blank, setBlank] = useState(false);
  const [lectureOpen, setLectureOpen] = useState(false);
  // the reference panel (key ?, Reference, a narration rule): open at an anchor, or closed (null)
  const [reference, setReference] = useState<ReferenceRequest | null>(null);
  useEffect(
    () =>
      registerReferenceOpener({
        open: (anchor) => setReference((r) => ({ anchor, n: (r?.n ?? 0) + 1 })),
        toggle: () => setReference((r) => (r === null ? { anchor: null, n: 1 } : null)),
      }),
    [],
  );
  const panZoom = useRef<PanZoom | null>(null);
  const quizRoom = useRef<RoomQuizKeys | null>(null);
  const ctx = useMemo<CommandContext>(
    () => ({
      store, settings, panZoom: () => panZoom.current, toggleHelp: () => setHelpOpen((open) => !open),
      toggleLessonList: () => setLessonListOpen((open) => !open),
      blankScreen: () => setBlank(true),
      quizRoom,
    }),
    [store, settings, quizRoom],
  );
  useEffect(() => {
    if (!presentation) return;
    // a button or the slider clicked with the mouse gives the focus back to the page: a clicker's Enter / Space then steps (commands.ts)
    const onUp = () => {
      const el = document.activeElement as HTMLElement | null;
      if (el?.matches('button:not([role=dialog] *),input[type=range]') === true) el.blur(); // not in a dialog (the shortcuts list's Close)
    };
    addEventListener('pointerup', onUp);
    return () => removeEventListener('pointerup', onUp);
  }, [presentation]);

  // a layout effect: the keys work from the commit that first shows the page, not from a passive
  // effect that a transition's commit runs later (a key pressed as the counter appeared was lost)
  useLayoutEffect(() => {
    // the handout's print view has no timeline: its keys stay with the browser
    const onKey = (e: KeyboardEvent) => void (settings.getState().handout || handleKey(e, ctx));
    takeOverEarlyKeys(); // the entry script's listener kept the step keys until now (early_keys.ts)
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctx, settings]);

  // a presenter view (key v) finds this page through the sync, started after the first render
  useEffect(() => (embed ? undefined : listenForPresenter(store, (id) => command(id).run(ctx))), [store, embed, ctx]);

  useEffect(() => {
    document.documentElement.dataset.presentation = presentation ? 'true' : 'false';
  }, [presentation]);

  const toggle = (
    <CommandButton
      id="presentation"
      ctx={ctx}
      aria-pressed={presentation}
      title={`${keyHint(command('presentation'))}; ${keyName(command('leave-presentation').keys[0])} leaves`}
      className="rounded border border-slate-400 px-3 py-1.5 font-medium hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300"
    />
  );
  const shareStandIn = <button type="button" disabled className="rounded border border-sky-400 bg-sky-900 px-3 py-1.5 font-medium text-slate-100 opacity-60">Share</button>;
  const help = <KeyboardHelp open={helpOpen} setOpen={setHelpOpen} large={presentation} />;
  const referencePanel = reference !== null && (
    <Suspense fallback={null}>
      <ReferencePanel request={reference} store={store} large={presentation} onClose={() => setReference(null)} />
    </Suspense>
  );
  /** The diagram drawn inside puts its pan-zoom where the zoom commands find it. */
  const provide = (page: ReactNode) => <PanZoomTarget.Provider value={panZoom}>{page}</PanZoomTarget.Provider>;

  if (handout && !embed) {
    return (
      <Suspense fallback={<p className="p-4">Loading the handout…</p>}>
        <HandoutView store={store} settings={settings} words={SHEET_WORDS} Diagram={MachineDiagram} />
      </Suspense>
    );
  }

  if (embed) {
    const full = fullAppUrl(window.location.href);
    return provide(
      <div className="flex min-h-screen flex-col gap-2 p-2" data-testid="app" data-embed="true">
        <div className="flex flex-wrap items-center gap-3">
          <span className="font-semibold text-sky-300" data-testid="lesson-title">{lessonTitle ?? 'Mach VM Playground'}</span>
          {changed && <BackToLesson store={store} title={lesson.title} className="rounded border border-sky-400 px-2 py-0.5 text-sm hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300" />}
          {!hidden('open') && (
            <a href={full} target="_blank" rel="noopener" className="text-sm text-slate-300 underline hover:text-white">
              Open in the playground
            </a>
          )}
          {embed && embedView?.autoplay === true && (
            <Suspense fallback={null}>
              <EmbedAutoplay store={store} speed={embedView.speed} stepShown={stepShown} />
            </Suspense>
          )}
          <div className="min-w-[20rem] flex-1">
            <Controls ctx={ctx} hideButtons={hidden('buttons')} hideScrubber={hidden('scrubber')} />
          </div>
          {help}
        </div>
        {banner !== null && (
          <p role="alert" data-testid="error" className="rounded border border-amber-500 bg-amber-950 px-3 py-1 text-amber-100">
            {visibleText(banner)}
          </p>
        )}
        <MachineView store={store} settings={settings} hideNarration={hidden('narration')} onStepShown={embedView?.autoplay === true ? onStepShown : undefined} />
        {referencePanel}
      </div>
    );
  }

  return provide(
    <div className={`flex flex-col ${presentation ? 'presentation h-screen overflow-hidden bg-black text-white' : 'min-h-screen'}`} data-testid="app" data-presentation={presentation ? 'true' : 'false'}>
      {presentation ? (
        <PresentationHeader ctx={ctx} title={lessonTitle ?? 'Mach VM Playground'} lesson={builtinName} help={help} back={changed ? lesson.title : undefined} />
      ) : (
        <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-700 bg-slate-900 px-4 py-2">
          <h1 className="text-xl font-semibold tracking-tight">Mach VM Playground</h1>
          <LectureBadge className="max-w-[24rem] text-sky-200" />
          <ScenarioPicker store={store} />
          <SpeedPicker settings={settings} />
          {/* the same button, not yet working, until the export area's chunk is asked for and has come (the header does not move) */}
          <Suspense fallback={shareStandIn}>{secondary ? <ShareButton store={store} presentation={presentation} /> : shareStandIn}</Suspense>
          <button type="button" className="rounded border border-slate-400 px-3 py-1.5 font-medium hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300" onClick={() => settings.getState().setCompare({ link: null })}>
            Compare…
          </button>
          <button
            type="button"
            aria-pressed={quiz}
            className={`rounded border px-3 py-1.5 font-medium focus:outline focus:outline-2 focus:outline-sky-300 ${quiz ? 'border-emerald-400 bg-emerald-900' : 'border-slate-400 hover:bg-slate-700'}`}
            onClick={() => setQuiz(!quiz)}
          >
            Quiz mode
          </button>
          <button type="button" className="rounded border border-slate-400 px-3 py-1.5 font-medium hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300" onClick={() => setLectureOpen(true)}>
            Lecture…
          </button>
          {lectureOpen && (
            <Suspense fallback={null}>
              <LectureEditor store={store} onClose={() => setLectureOpen(false)} />
            </Suspense>
          )}
          <CommandButton id="presenter" ctx={ctx} short className="rounded border border-slate-400 px-3 py-1.5 font-medium hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300" />
          {toggle}
          {help}
          <CommandButton id="reference" ctx={ctx} short className="rounded border border-slate-400 px-3 py-1.5 font-medium hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300" />
          <div className="min-w-[28rem] flex-1">
            <Controls ctx={ctx} />
          </div>
        </header>
      )}
      {banner !== null && (
        <div role="alert" data-testid="error" className="flex items-start gap-3 border-b border-amber-500 bg-amber-950 px-4 py-2 text-amber-100">
          <p className="flex-1">{visibleText(banner)}</p>
          <button type="button" className="rounded border border-amber-400 px-2 py-0.5 hover:bg-amber-900" onClick={() => setBanner(null)}>
            Dismiss
          </button>
        </div>
      )}
      {draftNote !== null && (
        <div role="alert" data-testid="draft-notice" className="flex items-start gap-3 border-b border-amber-500 bg-amber-950 px-4 py-2 text-amber-100">
          <p className="flex-1">{draftNote}</p>
          <button type="button" className="rounded border border-amber-400 px-2 py-0.5 hover:bg-amber-900" onClick={() => setDraftNote(null)}>
            Dismiss
          </button>
        </div>
      )}
      {!presentation && lesson !== undefined && (
        <section aria-label="Lesson" className="border-b border-slate-800 px-4 py-1.5" title={lesson.goal}>
          <div className="flex items-start gap-3">
            <p className="line-clamp-2 flex-1">
              <span className="mr-3 text-lg font-medium text-sky-300" data-testid="lesson-title">{lessonTitle}</span>
              {lesson.goal !== '' && <span className="text-slate-300">{lesson.goal}</span>}
            </p>
            {changed && (
              <BackToLesson store={store} title={lesson.title} className="shrink-0 rounded border border-sky-400 px-3 py-1 font-medium hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300" />
            )}
          </div>
        </section>
      )}
      {presentation ? (
        <main className="relative flex min-h-0 flex-1 flex-col p-2">
          <MachineView store={store} settings={settings} presentation />
          {quiz && (
            <Suspense fallback={null}>
              <RoomQuiz ctx={ctx} />
            </Suspense>
          )}
          {lessonListOpen && (
            <Suspense fallback={null}>
              <LessonList ctx={ctx} onClose={() => setLessonListOpen(false)} />
            </Suspense>
          )}
        </main>
      ) : (
        <main className="grid flex-1 grid-cols-1 gap-4 p-4 xl:grid-cols-[minmax(22rem,1fr)_2fr]">
          <div className="flex min-w-0 flex-col gap-4">
            <div className="flex flex-wrap items-center gap-2">
              {/* the stand-ins reserve the toolbar's space until its chunk comes: the editor below does not jump */}
              <Suspense fallback={<OpenStandIn />}>
                {secondary ? <ImportScenario store={store} /> : <OpenStandIn />}
              </Suspense>
              <Suspense fallback={<ExportStandIn />}>
                {secondary ? <ExportMenu store={store} onHandout={() => settings.getState().setHandout(true)} onEmbed={() => setEmbedBuilderOpen(true)} /> : <ExportStandIn />}
              </Suspense>
              {embedBuilderOpen && (
                <Suspense fallback={null}>
                  <EmbedBuilder store={store} onClose={() => setEmbedBuilderOpen(false)} />
                </Suspense>
              )}
            </div>
            {quiz ? (
              <Suspense fallback={<p className="text-slate-300">Loading the quiz…</p>}>
                <QuizPanel store={store} />
              </Suspense>
            ) : (
              <Editor store={store} />
            )}
            {!quiz && <StatementList store={store} />}
          </div>
          <MachineView store={store} settings={settings} />
        </main>
      )}
      {referencePanel}
      <BlankScreen blank={blank} setBlank={setBlank} />
      {compare !== null && (
        <Suspense fallback={null}>
          <CompareView store={store} settings={settings} link={compare.link} onClose={closeCompare} deps={COMPARE_DEPS} />
        </Suspense>
      )}
    </div>
  );
}
