/**
 * TimelineMarks: the strip of ticks along a timeline's bar (over the normal Controls' scrubber and
 * the presentation header's): in lanes from the top, the scenario's named stops (▼, white), then
 * page faults, copy-on-write copies, TLB shootdowns and pageouts (a bar each, in its own lane and
 * colour: told apart by place, not only by colour). Each tick's title and accessible name say its
 * step and what happens there; clicking it goes there (it takes no focus: the keys keep stepping).
 * At most one tick per lane per column (timeline_ticks.ts), the columns fitted to the bar's width.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../../store/scenario_store';
import { marksOf } from '../stops';
import { eventTickLabel, eventTicks, stopTickLabel, stopTicks, TICK_KINDS, tickColumns } from '../timeline_ticks';

/** Half the range input's thumb: where its track's first and last values sit from its edges. */
const THUMB_HALF_PX = 8;
/** The least room between two ticks' columns, in pixels. */
const TICK_SPACING_PX = 4;
/** The lanes: the stops', then one per kind. */
const LANES = 1 + TICK_KINDS.length;

/** Each kind's colour (light on dark: ≥ 7:1 on black and on slate-900). */
export const KIND_COLOUR: Record<(typeof TICK_KINDS)[number]['name'], string> = {
  fault: 'bg-amber-300',
  cow: 'bg-sky-300',
  shootdown: 'bg-fuchsia-300',
  pageout: 'bg-emerald-300',
};

export const MARKS_LEGEND = `Timeline marks, in lanes from the top: ▼ named stops, ${TICK_KINDS.map((k) => k.plural).join(', ')}. Click one to go to its step.`;

/** The left edge of a tick at step `step` of `total`, lined up with the thumb's place at that value. */
function leftOf(step: number, total: number): string {
  return `calc(${THUMB_HALF_PX}px + (100% - ${2 * THUMB_HALF_PX}px) * ${total === 0 ? 0 : step / total})`;
}

export function TimelineMarks({ store, large = false }: { store: ScenarioStore; large?: boolean }) {
  const outcome = useStore(store, (s) => s.outcome);
  const total = useStore(store, (s) => s.total);
  const strip = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const el = strip.current;
    if (el === null) return;
    setWidth(el.clientWidth);
    const watch = new ResizeObserver(() => setWidth(el.clientWidth));
    watch.observe(el);
    return () => watch.disconnect();
  }, []);

  const columns = tickColumns(Math.max(0, width - 2 * THUMB_HALF_PX), TICK_SPACING_PX);
  const events = useMemo(
    () => (outcome === null || outcome.status === 'parse-error' ? [] : eventTicks(outcome.steps, total, columns)),
    [outcome, total, columns],
  );
  const stops = useMemo(() => stopTicks(marksOf(outcome), total, columns), [outcome, total, columns]);
  const go = (step: number) => void store.getState().goto(step);
  const lane = (i: number) => ({ top: `${(100 * i) / LANES}%`, height: `${100 / LANES}%` });
  const bar = large ? 'w-[0.3vw] min-w-[3px]' : 'w-[4px]';

  return (
    <div
      ref={strip}
      role="group"
      aria-label="Timeline marks"
      title={MARKS_LEGEND}
      data-testid="timeline-marks"
      className={`relative w-full shrink-0 ${large ? 'h-[3vh]' : 'h-7'}`}
    >
      {stops.map((t) => (
        <button
          key={`stop-${t.step}`}
          type="button"
          tabIndex={-1}
          data-testid="timeline-stop"
          data-step={t.step}
          aria-label={stopTickLabel(t)}
          title={stopTickLabel(t)}
          className="absolute top-0 flex h-full w-[1.1em] -translate-x-1/2 justify-center p-0"
          style={{ left: leftOf(t.step, total) }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => go(t.step)}
        >
          {/* a downward triangle in the top lane */}
          <span aria-hidden="true" className="absolute w-[0.8em] bg-white [clip-path:polygon(0_0,100%_0,50%_100%)]" style={lane(0)} />
        </button>
      ))}
      {events.map((t) => (
        <button
          key={t.step}
          type="button"
          tabIndex={-1}
          data-testid="timeline-tick"
          data-step={t.step}
          data-kinds={TICK_KINDS.filter((k) => (t.flags & k.flag) !== 0).map((k) => k.name).join(' ')}
          aria-label={eventTickLabel(t)}
          title={eventTickLabel(t)}
          className="absolute flex w-[9px] -translate-x-1/2 justify-center p-0"
          style={{ left: leftOf(t.step, total), top: `${100 / LANES}%`, height: `${100 - 100 / LANES}%` }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => go(t.step)}
        >
          {TICK_KINDS.map((k, j) =>
            (t.flags & k.flag) === 0 ? null : (
              <span key={k.name} aria-hidden="true" className={`absolute ${bar} ${KIND_COLOUR[k.name]}`} style={{ top: `${(100 * j) / TICK_KINDS.length}%`, height: `${100 / TICK_KINDS.length}%` }} />
            ),
          )}
        </button>
      ))}
    </div>
  );
}
