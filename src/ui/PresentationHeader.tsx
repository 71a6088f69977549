/**
 * Presentation mode's header: ONE line of fixed height (8vh), the same on every lesson, readable
 * from the back of a hall (text 3.1vh, white or light slate on black, ≥ 7:1, focus drawn with a
 * thick outline). Left to right: the lesson title (the only part that gives way: it ends in an
 * ellipsis when long; the whole title is its title= and its text for screen readers), at a named
 * stop (a `# mark:` line) its name; a changed lesson's title ends in "(changed)", always in sight, and its way back
 * follows (↩ Lesson: whatif/BackToLesson.tsx) (it takes the title's room: nothing else moves), while a
 * lecture runs "Lecture: TITLE · 2 / 5" (LectureBadge: "Lecture 2 / 5" on screen, the whole line in its title= and for screen readers), then, when
 * a big scenario runs on in the worker, how far it has got ("running… 39%": the whole count in
 * its title= and for screen readers) and Stop (they take the title's room, the line never wraps), Lessons (the lesson list,
 * key l; it gives its room to the run's progress and Stop while a big scenario runs on), previous / next lesson, step back / forward, the step counter (a fixed
 * width: "step 16 / 37" is always wholly visible and does not move between lessons), the timeline
 * (a progress bar that can be dragged, the timeline's marks over it: marks/), Skip (the quiet
 * steps: a toggle, key s), Quiz (the room's quiz, key q: pressed while on), ? (the language reference), Shortcuts and Leave.
 * ] and [ go to the stops (the Stops list is normal mode's). The buttons are commands of
 * commands.ts (their short texts, or a sign where the line has no room: ☰ the lesson list,
 * ◀◀ / ▶▶ the previous / next lesson, ? the reference, Keys the shortcuts, ✕ leave; the labels are their
 * accessible names and their titles say them with their keys).
 */
import { Suspense, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { command, isEnabled, type CommandContext, type CommandId } from './commands';
import { TimelineButton } from './CommandButton';
import { count } from './count';
import { StepCounter } from './StepCounter';
import { TimelineScrubber } from './TimelineScrubber';
import { useTimeline } from './useTimeline';
import { LectureBadge } from './lecture/LectureBadge';
import { BackToLesson } from './whatif/BackToLesson';
import { LazyStopName, LazyTimelineMarks } from './marks/lazy';

const BUTTON =
  'shrink-0 whitespace-nowrap rounded border-[0.25vh] border-slate-300 bg-black px-[0.7vw] py-[0.4vh] font-medium leading-tight text-white hover:bg-slate-800 ' +
  'focus-visible:outline focus-visible:outline-[0.45vh] focus-visible:outline-offset-[0.3vh] focus-visible:outline-sky-300 ' +
  'disabled:border-slate-600 disabled:text-slate-400';

export function PresentationHeader({ ctx, title, lesson, help, back }: { ctx: CommandContext; title: string; lesson: string | null; help: ReactNode; back?: string }) {
  const { store } = ctx;
  const { target, total, shown, running, goto, slow } = useTimeline(store);
  const skipQuiet = useStore(ctx.settings, (s) => s.skipQuiet);
  const quiz = useStore(ctx.settings, (s) => s.quiz);
  // the buttons are memoised (TimelineButton): a step renders again only those it enables or disables
  const can = (id: CommandId) => isEnabled(command(id), ctx);

  return (
    // the header is a relayout boundary (its height fixed, size and layout containment; not a flex item, which cannot be one:
    // the wrapper is): a named stop's name coming or going, a title, lays out the header alone, not the page (issue 18, steprest)
    <div className="relative z-10 shrink-0">
    <header
      data-testid="presentation-header"
      className="relative z-10 flex h-[8vh] flex-nowrap items-center gap-[0.8vw] border-b-[0.25vh] border-white bg-black px-[1vw] text-[3.1vh] text-white [contain:size_layout_style]"
    >
      <h1 data-testid="lesson-title" data-lesson={lesson ?? undefined} title={title} className={`min-w-0 flex-1 truncate font-semibold ${back !== undefined ? 'flex' : ''}`}>
        {back === undefined ? (
          title
        ) : (
          // a changed lesson: the title gives way, "(changed)" stays in sight
          <>
            <span className="min-w-0 truncate">{back}</span>
            <span className="shrink-0 whitespace-pre text-sky-200"> (changed)</span>
          </>
        )}
      </h1>
      {back !== undefined && <BackToLesson store={store} title={back} short className={BUTTON} />}
      <LectureBadge compact className="shrink-0 text-sky-200" />
      <Suspense fallback={null}>
        <LazyStopName store={store} className="max-w-[16vw] shrink-0 truncate rounded border-[0.25vh] border-sky-300 px-[0.5vw] text-sky-200" />
      </Suspense>
      {running !== null && (
        <span data-testid="run-progress" title={`running… ${count(running.ran)} of ${count(running.of)}`} className="shrink-0 whitespace-nowrap text-slate-300">
          {/* in per cent on the screen (the header's room is short), the whole count for screen readers */}
          <span aria-hidden="true">running… {Math.floor((100 * running.ran) / Math.max(1, running.of))}%</span>
          <span className="sr-only">
            running… {count(running.ran)} of {count(running.of)}
          </span>
        </span>
      )}
      {slow && (
        <button type="button" className={`${BUTTON} border-amber-300`} onClick={() => store.getState().stop()}>
          Stop
        </button>
      )}
      {running === null && <TimelineButton id="lesson-list" ctx={ctx} enabled={can('lesson-list')} text="☰" aria-haspopup="dialog" className={BUTTON} />}
      <TimelineButton id="previous-lesson" ctx={ctx} enabled={can('previous-lesson')} text="◀◀" className={BUTTON} />
      <TimelineButton id="next-lesson" ctx={ctx} enabled={can('next-lesson')} text="▶▶" className={BUTTON} />
      <div role="toolbar" aria-label="Timeline" className="flex shrink-0 flex-nowrap items-center gap-[0.8vw]">
        <TimelineButton id="step-back" ctx={ctx} enabled={can('step-back')} short className={`${BUTTON} min-w-[3.2vw]`} />
        <TimelineButton id="step-forward" ctx={ctx} enabled={can('step-forward')} short className={`${BUTTON} min-w-[3.2vw]`} />
        <StepCounter shown={shown} total={total} minCh={14} className="text-center" />
        {/* a block, its scrubber in a relayout boundary (as in Controls): a step moves the thumb without laying out the header */}
        <div className="w-[9vw] shrink-0">
          <Suspense fallback={<div className="h-[3vh]" />}>
            <LazyTimelineMarks store={store} large />
          </Suspense>
          <div className="h-[3vh] [contain:size_layout_style]">
            <TimelineScrubber
              value={target}
              min={0}
              max={total}
              className="block h-full w-full accent-sky-300 focus-visible:outline focus-visible:outline-[0.45vh] focus-visible:outline-offset-[0.3vh] focus-visible:outline-sky-300"
              goto={goto}
            />
          </div>
        </div>
      </div>
      <TimelineButton id="skip-quiet" ctx={ctx} enabled={can('skip-quiet')} short aria-pressed={skipQuiet} className={`${BUTTON} aria-pressed:border-sky-300 aria-pressed:bg-sky-950`} />
      <TimelineButton id="quiz" ctx={ctx} enabled={can('quiz')} short aria-pressed={quiz} className={`${BUTTON} ${quiz ? 'border-emerald-300 bg-emerald-950' : ''}`} />
      <TimelineButton id="reference" ctx={ctx} enabled={can('reference')} text="?" className={`${BUTTON} min-w-[2.6vw]`} />
      <div className="shrink-0">{help}</div>
      <TimelineButton id="leave-presentation" ctx={ctx} enabled={can('leave-presentation')} text="✕" className={BUTTON} />
    </header>
    </div>
  );
}
