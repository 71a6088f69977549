/**
 * The lecture running in this page, if any (zustand; in the main bundle, so it is kept tiny): the
 * lecture a `#lecture=` link opened, its link value and the item shown (0-based). main.tsx sets it
 * when the link is opened (lecture_open.ts) and clears it when the page opens anything else; n / b
 * (commands.ts) move through its items with moveLectureItem; the headers show "Lecture: TITLE · 2 / 5".
 */
import { createStore } from 'zustand/vanilla';
import type { Lecture } from './lecture';

export interface LectureRun {
  lecture: Lecture;
  /** The `#lecture=` value (what the address carries), so that n / b write the same link with another item. */
  value: string;
  item: number;
}

export const lectureState = createStore<{ run: LectureRun | null }>()(() => ({ run: null }));

/** n / b while a lecture runs: the next (+1) or previous (−1) item, through the address (no wrap); false when no lecture runs. */
export function moveLectureItem(delta: 1 | -1): boolean {
  const run = lectureState.getState().run;
  if (run === null) return false;
  const to = run.item + delta;
  if (to >= 0 && to < run.lecture.items.length) window.location.hash = lectureHash(run.value, to);
  return true;
}

/** The fragment that shows item `item` (0-based) of the lecture `value`. */
export function lectureHash(value: string, item: number): string {
  return `#lecture=${value}${item > 0 ? `&item=${item + 1}` : ''}`;
}
