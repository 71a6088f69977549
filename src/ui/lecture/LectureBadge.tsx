/**
 * The running lecture in a header: "Lecture: TITLE · 2 / 5" (nothing when no lecture runs;
 * lecture_state.ts). Where room is short the lecture's title is cut, never "Lecture:" nor the item count.
 */
import { useStore } from 'zustand';
import { lectureState } from './lecture_state';

export function LectureBadge({ className = '' }: { className?: string }) {
  const run = useStore(lectureState, (s) => s.run);
  if (run === null) return null;
  const at = ` · ${run.item + 1} / ${run.lecture.items.length}`;
  return (
    <span data-testid="lecture-progress" title={`Lecture: ${run.lecture.title}${at}`} className={`flex whitespace-pre ${className}`}>
      <span className="shrink-0">Lecture: </span>
      <span className="min-w-0 truncate">{run.lecture.title}</span>
      <span className="shrink-0">{at}</span>
    </span>
  );
}
