/**
 * The handout's print view (#builtin=NAME&handout=1, or Export's Handout…): one page per marked
 * step of the scenario (handout_steps.ts: its `# mark:` steps; without marks, every step with a
 * fault or a copy, or the step at the cursor), each with the lesson's title, "step 16 / 37", the
 * mark's name, the statement, the diagram on white (MachineDiagram light) and the caption (the
 * step's narration headline: sheet_text.ts). The browser's print makes the PDF: one page each
 * (handout.css: @page, break-after).
 *
 * The diagram component comes from the main script (Diagram: MachineDiagram; this chunk importing
 * it would make the bundler split what it shares with other chunks out of the main script). The
 * machines come from the worker: the view asks the store for each step in turn (goto) and
 * keeps what it answers (the machine, the record, the task names); it builds nothing itself. On
 * leaving, the timeline goes back to the step it was at. A lazy chunk of its own.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { MachineSnapshot } from '../../kernel/snapshot';
import type { StepRecord } from '../../scenario/interpreter';
import type { ScenarioStore } from '../../store/scenario_store';
import type { SettingsStore } from '../../store/settings_store';
import type { RefSet } from '../diagram/element_ref';
import type { MachineDiagram } from '../diagram/MachineDiagram';
import { LIGHT } from '../diagram/light_theme';
import { sheetText, type SheetText } from '../export/sheet_text';
import type { SheetWords } from '../sheet_words';
import { defaultBasis, handoutPlan, marksOf, MAX_HANDOUT_PAGES, type HandoutBasis, type HandoutPageStep } from './handout_steps';
import './handout.css';

interface Page {
  at: HandoutPageStep;
  sheet: SheetText;
  snapshot: MachineSnapshot;
  highlight: RefSet | undefined;
  changed: RefSet | undefined;
}

const BUTTON = 'rounded border border-slate-500 bg-white px-3 py-1.5 font-medium text-slate-900 hover:bg-slate-100 focus:outline focus:outline-2 focus:outline-sky-700 disabled:opacity-50';

/** The page of the step the store shows now (it was just asked for). */
function pageNow(store: ScenarioStore, at: HandoutPageStep, words: SheetWords): Page | null {
  const s = store.getState();
  if (s.cursor !== at.step || s.snapshot === null) return null;
  const record: StepRecord | null = s.record;
  const names = { task: (id: number) => s.taskNames[id] ?? `task ${id}`, pageSize: s.snapshot.pageSize };
  const before = s.states !== null && s.states.before !== s.states.after ? s.states.before : null;
  return {
    at,
    sheet: sheetText({ builtins: s.builtins, builtinName: s.builtinName, origin: s.origin, outcome: s.outcome, total: s.total, step: at.step, caption: words.captionOf(record, names), words }),
    snapshot: s.snapshot,
    highlight: record === null ? undefined : words.touchesAll(record.events, s.snapshot),
    changed: before === null ? undefined : words.changes(before, s.snapshot),
  };
}

export function HandoutView({ store, settings, words, Diagram }: { store: ScenarioStore; settings: SettingsStore; words: SheetWords; Diagram: typeof MachineDiagram }) {
  const outcome = useStore(store, (s) => s.outcome);
  const total = useStore(store, (s) => s.total);
  const running = useStore(store, (s) => s.running);
  const loads = useStore(store, (s) => s.loads);
  const ready = outcome !== null && outcome.status !== 'parse-error' && running === null;
  // the step to go back to, and the one a 'current' handout prints: where the timeline was once the scenario had run (a link's step)
  const [startCursor, setStartCursor] = useState<number | null>(() => (ready ? store.getState().target : null));
  useEffect(() => {
    if (ready && startCursor === null) setStartCursor(store.getState().target);
  }, [ready, startCursor, store]);
  const marks = useMemo(() => (ready ? marksOf(outcome, total).length : 0), [ready, outcome, total]);
  const faults = useMemo(() => (ready ? words.faultSteps(outcome, total).length : 0), [ready, outcome, total, words]);
  const [chosen, setChosen] = useState<HandoutBasis | null>(null);
  const basis: HandoutBasis = chosen ?? (ready ? defaultBasis(outcome, total, words.faultSteps) : 'current');
  const plan = useMemo(
    () => (ready && startCursor !== null ? handoutPlan(outcome, total, startCursor, basis, words.faultSteps) : null),
    [ready, outcome, total, startCursor, basis, words],
  );
  const [pages, setPages] = useState<Page[]>([]);
  const [done, setDone] = useState(false);

  // ask the worker for each page's step in turn (a new plan or a new load starts over)
  useEffect(() => {
    if (plan === null) return;
    let cancelled = false;
    setPages([]);
    setDone(false);
    void (async () => {
      const made: Page[] = [];
      for (const at of plan.pages) {
        await store.getState().goto(at.step);
        if (cancelled) return;
        const page = pageNow(store, at, words);
        if (page !== null) made.push(page);
        setPages([...made]);
      }
      if (!cancelled) setDone(true);
    })();
    return () => {
      cancelled = true;
    };
  }, [plan, store, loads, words]);

  useEffect(() => {
    const title = document.title;
    document.title = pages[0]?.sheet.title !== undefined ? `Handout: ${pages[0].sheet.title}` : title;
    return () => {
      document.title = title;
    };
  }, [pages]);

  const leave = () => {
    const url = window.location.href.replace(/&handout=1|handout=1&?/, '');
    if (url !== window.location.href) history.replaceState(history.state, '', url);
    settings.getState().setHandout(false);
    void store.getState().goto(startCursor ?? 0);
  };

  const status = !ready
    ? outcome?.status === 'parse-error'
      ? 'The text does not parse: there is no step to print. Go back to the playground and fix it.'
      : 'Running the scenario…'
    : done
      ? `${pages.length} ${pages.length === 1 ? 'page' : 'pages'} ready: print them (a PDF: choose "Save as PDF" as the printer).`
      : `Preparing page ${pages.length + 1} of ${plan?.pages.length ?? 0}…`;

  return (
    <div className="handout-root" data-testid="handout" data-ready={done ? 'true' : 'false'} data-pages={pages.length}>
      <div className="handout-toolbar" role="toolbar" aria-label="Handout">
        <h1 className="text-xl font-semibold">Handout</h1>
        <button type="button" className={BUTTON} onClick={() => window.print()} disabled={!done}>
          Print…
        </button>
        <button type="button" className={BUTTON} onClick={leave}>
          Back to the playground
        </button>
        {ready && marks === 0 && (
          <fieldset className="flex flex-wrap items-center gap-3">
            <legend className="sr-only">Which steps</legend>
            <span>This text marks no steps (# mark: NAME). Print:</span>
            <label className="flex items-center gap-1">
              <input type="radio" name="handout-basis" checked={basis === 'faults'} disabled={faults === 0} onChange={() => setChosen('faults')} />
              every step with a fault or a copy ({faults})
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="handout-basis" checked={basis === 'current'} onChange={() => setChosen('current')} />
              the current step (step {startCursor ?? 0})
            </label>
          </fieldset>
        )}
        <p role="status" data-testid="handout-status">
          {status}
          {plan !== null && plan.leftOff > 0 && ` The first ${MAX_HANDOUT_PAGES} are printed (a handout has at most ${MAX_HANDOUT_PAGES} pages); ${plan.leftOff} more are left off.`}
        </p>
      </div>
      {pages.map((p, i) => (
        <section key={`${p.at.step}:${i}`} className="handout-page" aria-label={`Page ${i + 1}: ${p.sheet.step}`} data-testid="handout-page" data-step={p.at.step}>
          <header>
            <h2 className="handout-title" data-testid="handout-title">{p.sheet.title}</h2>
            <p className="handout-step">
              <span data-testid="handout-step">{p.sheet.step}</span>
              {p.at.mark !== null && (
                <>
                  {' · '}
                  <span data-testid="handout-mark">{p.at.mark}</span>
                </>
              )}
            </p>
            {p.sheet.statement !== '' && <p className="handout-statement font-code" data-testid="handout-statement">{p.sheet.statement}</p>}
          </header>
          <div className="handout-diagram">
            <Diagram snapshot={p.snapshot} highlight={p.highlight} changed={p.changed} theme={LIGHT} exactSize />
          </div>
          <p className="handout-caption" data-testid="handout-caption">{p.sheet.caption}</p>
        </section>
      ))}
    </div>
  );
}
