/**
 * The running lecture in a header: "Lecture: TITLE · 2 / 5" (nothing when no lecture runs;
 * lecture_state.ts); where room is short the lecture's title is cut, never "Lecture:" nor the
 * count. `compact` (the crowded presentation header, where the lesson's title comes first): only
 * "Lecture 2 / 5" on screen, the whole line in its title= and for screen readers.
 */
import { useStore } from 'zustand';
import { lectureState } from './lecture_state';

export function LectureBadge({ className = '', compact = false }: { className?: string; compact?: boolean }) {
  const run = useStore(lectureState, (s) => s.run);
  if (run === null) return null;
  const at = `${run.item + 1} / ${run.lecture.items.length}`;
  const whole = `Lecture: ${run.lecture.title} · ${at}`;
  if (compact) {
    return (
      <span data-testid="lecture-progress" title={whole} aria-label={whole} role="note" className={`whitespace-nowrap ${className}`}>
        Lecture {at}
      </span>
    );
  }
  return (
    <span data-testid="lecture-progress" title={whole} className={`flex whitespace-pre ${className}`}>
      <span className="shrink-0">Lecture: </span>
      <span className="min-w-0 truncate">{run.lecture.title}</span>
      <span className="shrink-0"> · {at}</span>
    </span>
  );
}
