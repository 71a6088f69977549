/**
 * The presenter view: the lecturer's own screen (a second window, #presenter=1), kept at the
 * projected page's step (sync.ts). In large text on black (≥ 3vh, white or light on black): the
 * lecture's title and item (or the lesson's title), the clock (wall time, and the time since the
 * lecture started, kept over a reload of this window: Reset clock, key r, starts it again), the step counter with the stops (key
 * steps or marks; those passed dimmed, the current one ringed), the speaker note of the step, the
 * statement just run, the next statement and its note (presenter_notes.ts).
 *
 * Keys (this page's own; none needs a modifier): → PageDown Space Enter step forward, ← PageUp
 * Shift+Space step back (a button focused with Tab keeps Enter and Space; a click leaves the focus where it was), Home / End, n / b the next / previous lesson or lecture item (done by the
 * projected page), r resets the clock. Buttons do the same.
 */
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../../store/scenario_store';
import { presenterNotes } from './presenter_notes';
import type { LectureInfo } from './sync_protocol';
import type { PresenterSync } from './sync';

const BUTTON =
  'rounded border-[max(3px,0.3vh)] border-slate-300 bg-black px-[1vw] py-[0.5vh] font-medium text-white hover:bg-slate-800 ' +
  'focus-visible:outline focus-visible:outline-[0.45vh] focus-visible:outline-offset-[0.3vh] focus-visible:outline-sky-300 disabled:border-slate-600 disabled:text-slate-400';

/** "1:05:09" or "5:09": a duration of `ms`. */
export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${Math.floor(s / 60)}:${ss}`;
}

/** A click does not move the focus to the button: the keys (a clicker's Space, Enter) keep stepping after a click. */
const keepFocus = (e: MouseEvent) => e.preventDefault();

/** When the lecture started, kept for this window's session (a reload of the presenter view keeps counting). */
const START_KEY = 'mach-vm-playground:presenter-start';

function readStart(): number {
  try {
    const kept = Number(sessionStorage.getItem(START_KEY));
    if (Number.isSafeInteger(kept) && kept > 0 && kept <= Date.now()) return kept;
  } catch {
    /* storage disabled: from now */
  }
  return Date.now();
}

function keepStart(at: number): void {
  try {
    sessionStorage.setItem(START_KEY, String(at));
  } catch {
    /* storage disabled: the clock starts again on a reload */
  }
}

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  return now;
}

export function PresenterView({ store, sync, lecture }: { store: ScenarioStore; sync: PresenterSync; lecture: LectureInfo | null }) {
  const outcome = useStore(store, (s) => s.outcome);
  const target = useStore(store, (s) => s.target);
  const total = useStore(store, (s) => s.total);
  const builtinName = useStore(store, (s) => s.builtinName);
  const builtins = useStore(store, (s) => s.builtins);
  const banner = useStore(store, (s) => s.banner);
  const now = useNow();
  const [startedAt, setStartedAt] = useState(readStart);
  useEffect(() => keepStart(startedAt), [startedAt]);
  const notes = useMemo(() => presenterNotes(outcome, target, lecture?.steps ?? null), [outcome, target, lecture]);
  const lessonTitle = builtins.find((b) => b.name === builtinName)?.title ?? (builtinName === null && outcome !== null ? 'Your scenario' : '');

  useEffect(() => {
    document.title = 'Presenter view · Mach VM Playground';
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const t = e.target as HTMLElement | null;
      if (t !== null && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      // a focused button keeps Enter and Space (it is pressed: → steps, Reset clock resets)
      if (t?.tagName === 'BUTTON' && (e.key === 'Enter' || e.key === ' ')) return;
      const s = store.getState();
      const forward = ['ArrowRight', 'PageDown', 'Enter'].includes(e.key) || (e.key === ' ' && !e.shiftKey);
      const back = ['ArrowLeft', 'PageUp'].includes(e.key) || (e.key === ' ' && e.shiftKey);
      if (forward) void s.stepForward();
      else if (back) void s.stepBack();
      else if (e.key === 'Home') void s.reset();
      else if (e.key === 'End') void s.runToEnd();
      else if (e.key === 'n') sync.command('next-lesson');
      else if (e.key === 'b') sync.command('previous-lesson');
      else if (e.key === 'r') setStartedAt(Date.now());
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, sync]);

  const clock = new Date(now).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <div data-testid="presenter" className="flex h-screen flex-col gap-[1.5vh] overflow-hidden bg-black p-[2vh] text-[3.2vh] leading-snug text-white">
      <header className="flex flex-wrap items-baseline gap-x-[2vw] gap-y-[0.5vh] border-b-[max(3px,0.3vh)] border-white pb-[1vh]">
        <h1 className="line-clamp-2 min-w-0 flex-1 font-semibold" data-testid="presenter-title" title={lecture !== null ? `${lecture.title}: ${lecture.itemTitle}` : lessonTitle}>
          {lecture !== null ? (
            <>
              Lecture: {lecture.title} · <span data-testid="presenter-item">item {lecture.item + 1} of {lecture.of}</span> · {lecture.itemTitle}
            </>
          ) : (
            lessonTitle
          )}
        </h1>
        <div role="group" className="font-code whitespace-nowrap" aria-label="Clock">
          <span data-testid="presenter-clock">{clock}</span> · <span data-testid="presenter-elapsed">{elapsed(now - startedAt)}</span> since the start{' '}
          <button type="button" onMouseDown={keepFocus} className={`${BUTTON} text-[2.6vh]`} onClick={() => setStartedAt(Date.now())} aria-keyshortcuts="r">
            Reset clock
          </button>
        </div>
      </header>
      {banner !== null && (
        <p role="alert" className="border-[max(3px,0.3vh)] border-amber-300 px-[1vw] text-amber-100">
          {banner}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-[1vw]">
        <button type="button" onMouseDown={keepFocus} className={BUTTON} aria-keyshortcuts="b" onClick={() => sync.command('previous-lesson')}>
          {lecture !== null ? '◀ Item' : '◀ Lesson'}
        </button>
        <button type="button" onMouseDown={keepFocus} className={BUTTON} aria-label="Step back" aria-keyshortcuts="ArrowLeft PageUp" disabled={target <= 0} onClick={() => void store.getState().stepBack()}>
          ←
        </button>
        <span data-testid="presenter-step" className="font-code min-w-[14ch] text-center">
          step {target} / {total}
        </span>
        <button type="button" onMouseDown={keepFocus} className={BUTTON} aria-label="Step forward" aria-keyshortcuts="ArrowRight PageDown Space Enter" disabled={target >= total} onClick={() => void store.getState().stepForward()}>
          →
        </button>
        <button type="button" onMouseDown={keepFocus} className={BUTTON} aria-keyshortcuts="n" onClick={() => sync.command('next-lesson')}>
          {lecture !== null ? 'Item ▶' : 'Lesson ▶'}
        </button>
        {notes.stops.length > 0 && (
          <div className="flex flex-wrap items-center gap-[0.6vw] text-[3vh]">
            <span className="text-slate-300">{lecture !== null ? 'key steps:' : 'stops:'}</span>
            <ol aria-label={lecture !== null ? 'Key steps' : 'Marked stops'} data-testid="presenter-stops" className="flex max-h-[12vh] flex-wrap items-center gap-[0.6vw] overflow-y-auto">
              {notes.stops.map((s) => (
                <li
                  key={`${s.step}-${s.name}`}
                  aria-current={s.step === target ? 'step' : undefined}
                  className={`rounded px-[0.5vw] ${s.step === target ? 'outline outline-[max(3px,0.35vh)] outline-sky-300' : ''} ${s.step < target ? 'text-slate-300' : 'text-white'}`}
                >
                  {s.step}
                  {s.name !== '' && ` ${s.name}`}
                </li>
              ))}
            </ol>
          </div>
        )}
      </div>
      <section aria-label="Speaker note" className="min-h-[18vh] rounded border-[max(3px,0.3vh)] border-amber-200 p-[1.5vh]">
        <h2 className="text-[3vh] text-amber-200">Note</h2>
        <p data-testid="presenter-note" className="text-[4.2vh]">
          {notes.noteNow ?? <span className="text-slate-300">(no note for this step)</span>}
        </p>
      </section>
      <section aria-label="Statements" className="flex min-h-0 flex-1 flex-col gap-[1.5vh]">
        <div>
          <h2 className="text-[3vh] text-slate-300">Just run</h2>
          <p data-testid="presenter-now" className="font-code break-words text-[3.8vh]">
            {notes.now !== null ? `Line ${notes.now.line}: ${notes.now.text}` : '(the start: nothing has run yet)'}
          </p>
        </div>
        <div>
          <h2 className="text-[3vh] text-sky-200">Next</h2>
          <p data-testid="presenter-next" className="font-code break-words text-[3.8vh] text-sky-100">
            {notes.next !== null ? `Line ${notes.next.line}: ${notes.next.text}` : '(the end of the scenario)'}
          </p>
          {notes.noteNext !== null && (
            <p data-testid="presenter-next-note" className="mt-[0.5vh] text-[3.6vh] text-amber-100">
              Next note: {notes.noteNext}
            </p>
          )}
        </div>
      </section>
    </div>
  );
}
