/**
 * Presentation mode's lesson list (key l, or the header's Lessons button): a large modal dialog
 * with every lesson grouped by the course's units (course.ts), headed by the unit, in course order,
 * the lesson on screen marked (▶, aria-current). Keyboard driven: the focus starts on the lesson
 * on screen; ↓ / ↑ move one lesson (across units), PgDn / PgUp to the first lesson of the next /
 * previous unit, Home / End to the first / last; Enter (or Space, or a click) opens the lesson;
 * Escape, l, Close or a click outside close the list, and the focus goes back where it was. Tab
 * stays inside (the chosen lesson, Close). Leaving presentation mode is not possible while it is
 * open (it takes Escape and p, and covers the header). Every key pressed inside is the list's: none reaches
 * the app's commands (n, →, Enter would otherwise step or change lesson behind it).
 * A chunk of its own (App.tsx loads it on first use).
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { courseGroups } from '../../scenario/course';
import { openLesson, type CommandContext } from '../commands';

const TEXT = 'text-white';
const FOCUS = 'focus-visible:outline focus-visible:outline-[0.45vh] focus-visible:outline-offset-[0.2vh] focus-visible:outline-sky-300';
const ITEM = `block w-full truncate rounded border-[0.3vh] px-[1vw] py-[0.3vh] text-left leading-tight ${FOCUS}`;

export default function LessonList({ ctx, onClose }: { ctx: CommandContext; onClose(): void }) {
  const { store } = ctx;
  const builtins = useStore(store, (s) => s.builtins);
  const current = useStore(store, (s) => s.builtinName ?? s.origin); // a changed lesson is still that lesson
  const groups = useMemo(() => courseGroups(builtins), [builtins]);
  /** Every lesson in list order, with the index of its unit. */
  const flat = useMemo(() => groups.flatMap((g, unit) => g.lessons.map((l) => ({ name: l.name, unit }))), [groups]);
  const [active, setActive] = useState(() => Math.max(0, flat.findIndex((l) => l.name === current)));
  const headingId = useId();
  const items = useRef(new Map<number, HTMLButtonElement>());
  const close = useRef<HTMLButtonElement>(null);

  // the focus moves in on opening (to the lesson on screen, scrolled to the middle) and goes back where it was on closing
  useEffect(() => {
    const before = document.activeElement;
    const el = items.current.get(active);
    el?.focus();
    el?.scrollIntoView?.({ block: 'center' });
    return () => {
      if (before instanceof HTMLElement && before !== document.body && before.isConnected) before.focus();
    };
  }, []); // on opening only

  const moveTo = (i: number) => {
    const to = Math.max(0, Math.min(flat.length - 1, i));
    setActive(to);
    const el = items.current.get(to);
    el?.focus();
    el?.scrollIntoView?.({ block: 'nearest' });
  };
  /** The first lesson of the unit `delta` units from the active one's. */
  const unitStart = (delta: number) => {
    const unit = Math.max(0, Math.min(groups.length - 1, (flat[active]?.unit ?? 0) + delta));
    return flat.findIndex((l) => l.unit === unit);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // every key is the list's own: the app's commands must not act behind it
    e.stopPropagation();
    const moves: Record<string, () => number> = {
      ArrowDown: () => active + 1,
      ArrowUp: () => active - 1,
      Home: () => 0,
      End: () => flat.length - 1,
      PageDown: () => unitStart(1),
      PageUp: () => unitStart(-1),
    };
    if (e.key in moves && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      moveTo(moves[e.key]());
    } else if (e.key === 'Escape' || e.key === 'l' || e.key === 'L') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') {
      // two stops, the chosen lesson and Close: the focus stays in the dialog
      e.preventDefault();
      if (document.activeElement === close.current) items.current.get(active)?.focus();
      else close.current?.focus();
    }
  };

  let index = 0;
  return (
    <div
      data-testid="lesson-list-backdrop"
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/85"
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        data-testid="lesson-list"
        className={`flex max-h-[90vh] w-[82vw] flex-col gap-[1vh] rounded border-[0.3vh] border-white bg-black p-[2vh] text-[3vh] ${TEXT}`}
        onKeyDown={onKey}
      >
        <div className="flex shrink-0 items-baseline gap-[2vw]">
          <h2 id={headingId} className="text-[3.6vh] font-semibold">
            Lessons
          </h2>
          <p className="min-w-0 flex-1 truncate text-slate-200">↑ ↓ choose · Enter opens · Esc closes</p>
          <button ref={close} type="button" className={`shrink-0 rounded border-[0.3vh] border-slate-300 px-[1vw] py-[0.3vh] leading-tight hover:bg-slate-800 ${FOCUS}`} onClick={onClose}>
            Close
          </button>
        </div>
        <div className="min-h-0 scroll-pt-[5vh] overflow-y-auto pr-[0.5vw]">
          {groups.map((g, unit) => (
            <section key={g.title} aria-labelledby={`${headingId}-${unit}`} className="mb-[1vh]">
              <h3 id={`${headingId}-${unit}`} className="sticky top-0 z-10 bg-black py-[0.3vh] font-semibold text-sky-300">
                {unit + 1}. {g.title}
              </h3>
              <ul>
                {g.lessons.map((l) => {
                  const i = index++;
                  const now = l.name === current;
                  return (
                    <li key={l.name}>
                      <button
                        ref={(el) => {
                          if (el === null) items.current.delete(i);
                          else items.current.set(i, el);
                        }}
                        type="button"
                        tabIndex={i === active ? 0 : -1}
                        data-lesson={l.name}
                        aria-current={now ? 'true' : undefined}
                        title={l.title}
                        className={`${ITEM} ${now ? 'border-amber-300' : 'border-transparent'} ${i === active ? 'bg-slate-800' : 'hover:bg-slate-900'}`}
                        onFocus={() => setActive(i)}
                        onClick={() => {
                          onClose();
                          openLesson(ctx, l.name);
                        }}
                      >
                        <span aria-hidden="true" className="inline-block w-[3ch] text-amber-300">
                          {now ? '▶' : ''}
                        </span>
                        {l.title}
                        {now && <span className="sr-only"> (on screen now)</span>}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
