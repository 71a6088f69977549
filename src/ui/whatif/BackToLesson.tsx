/**
 * "Back to the lesson": shown while a lesson is changed (edited, or a what-if inserted into it:
 * the store's origin with builtinName null), it opens the lesson's own text again at the step it
 * was left at (store.backToLesson). In the lesson bar, and (short: "↩ Lesson") in presentation
 * mode's header; its accessible name is always the whole phrase.
 */
import type { ScenarioStore } from '../../store/scenario_store';

export function BackToLesson({ store, title, short = false, className }: { store: ScenarioStore; title: string; short?: boolean; className: string }) {
  return (
    <button
      type="button" data-testid="back-to-lesson" aria-label="Back to the lesson" title={`Back to the lesson: ${title}, as it was`}
      className={className} onClick={() => store.getState().backToLesson()}
    >
      {short ? '↩ Lesson' : 'Back to the lesson'}
    </button>
  );
}
