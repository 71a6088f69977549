/** The running lecture in a header: "Lecture: TITLE · 2 / 5" (nothing when no lecture runs); lecture_state.ts. */
import { useStore } from 'zustand';
import { lectureState } from './lecture_state';

export function LectureBadge({ className = '' }: { className?: string }) {
  const run = useStore(lectureState, (s) => s.run);
  if (run === null) return null;
  const text = `Lecture: ${run.lecture.title} · ${run.item + 1} / ${run.lecture.items.length}`;
  return (
    <span data-testid="lecture-progress" title={text} className={`truncate whitespace-nowrap ${className}`}>
      {text}
    </span>
  );
}
