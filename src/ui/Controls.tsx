/**
 * The timeline controls: Reset, Step back, Step forward, Run to end (commands of the registry:
 * their labels, keys and enabled states come from commands.ts, and the app's key handler runs the
 * same commands), a scrubber with the timeline's marks over it (marks/), the step counter and the
 * name of the stop shown (a `# mark:` line's), the Stops list, how far a big scenario's run has got
 * while it goes on in the worker, and Stop while a run takes long. The scrubber spans the steps the
 * timeline reaches (an embed's start to end step: then without the marks, which span them all);
 * an embed may leave out the buttons or the scrubber.
 */
import { Suspense } from 'react';
import { useStore } from 'zustand';
import { command, isEnabled, type CommandContext, type CommandId } from './commands';
import { TimelineButton } from './CommandButton';
import { count } from './count';
import { StepCounter } from './StepCounter';
import { TimelineScrubber } from './TimelineScrubber';
import { useTimeline } from './useTimeline';
import { LazyStopName, LazyStopsMenu, LazyTimelineMarks } from './marks/lazy';

const BUTTON = 'rounded border border-slate-500 bg-slate-800 px-3 py-1.5 font-medium text-slate-100 hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300 disabled:opacity-40';
const TIMELINE: readonly CommandId[] = ['reset', 'step-back', 'step-forward', 'run-to-end'];

export interface ControlsProps {
  ctx: CommandContext;
  large?: boolean;
  /** An embed's hidden controls: no timeline buttons, no scrubber (the counter stays). */
  hideButtons?: boolean;
  hideScrubber?: boolean;
}

export function Controls({ ctx, large = false, hideButtons = false, hideScrubber = false }: ControlsProps) {
  const { store } = ctx;
  // the target and the total decide which buttons are enabled: subscribed to, so they re-render
  const { target: cursor, total, shown, running, goto, slow, first, last } = useTimeline(store);
  const bounded = first > 0 || last < total;
  // the last good run of a text that no longer parses: drawn, but not moved through until the text parses
  const stale = useStore(store, (s) => s.stale);

  return (
    <div role="toolbar" aria-label="Timeline" className={`flex flex-wrap items-center gap-2 ${large ? 'text-xl' : ''}`}>
      {!hideButtons && TIMELINE.map((id) => (
        <TimelineButton key={id} id={id} ctx={ctx} className={BUTTON} enabled={isEnabled(command(id), ctx)} />
      ))}
      <div className="flex min-w-[12rem] flex-1 items-center gap-2 text-slate-300">
        {!hideScrubber && (
          // a block, not a flex column: the scrubber's box below is then a relayout boundary (size and layout
          // containment, its focus ring not clipped): a step moves the thumb without laying out the header
          <div className="min-w-0 flex-1">
            {!bounded && (
              <Suspense fallback={<div className="h-7" />}>
                <LazyTimelineMarks store={store} />
              </Suspense>
            )}
            <div className="h-4 [contain:size_layout_style]">
              <TimelineScrubber value={cursor} min={first} max={last} disabled={stale} className="block h-full w-full min-w-0 accent-sky-400" goto={goto} />
            </div>
          </div>
        )}
        {/* as wide as "step 0 / 19" and more from the start: the counter does not move when the total arrives */}
        <StepCounter shown={shown} total={total} minCh={12} className="text-right text-slate-100" />
        <Suspense fallback={null}>
          <LazyStopName store={store} className="max-w-[12rem] truncate text-slate-100" />
        </Suspense>
      </div>
      {/* an invisible Stops button holds its place until the marks chunk comes: the counter and the scrubber do not move */}
      <Suspense fallback={<span aria-hidden="true" className={`invisible shrink-0 ${BUTTON}`}>Stops</span>}>
        <LazyStopsMenu store={store} buttonClass={BUTTON} />
      </Suspense>
      {running !== null && (
        <span data-testid="run-progress" className="whitespace-nowrap text-sm text-slate-400">
          running… {count(running.ran)} of {count(running.of)}
        </span>
      )}
      {slow && (
        <button type="button" className={`${BUTTON} border-amber-400`} onClick={() => store.getState().stop()}>
          Stop
        </button>
      )}
    </div>
  );
}
