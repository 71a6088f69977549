/**
 * Opening a `#lecture=` link (main.tsx, through a chunk of its own with the codec): the lecture is
 * decoded (the last value decoded is kept, so n / b, which change only `&item=`, do not decode it
 * again), the running lecture is set (lecture_state.ts) and the item asked for (clamped to the
 * lecture) is returned for the page to open, with the step, as a request of hash.ts. A value that cannot be read gives the
 * reason, phrased to follow "This link could not be opened: ".
 */
import { decodeLecture } from './lecture_link';
import { lectureState } from './lecture_state';
import type { Lecture } from './lecture';
import type { BuiltinInfo } from '../../scenario/builtins';
import type { HashRequest } from '../hash';


let last: { value: string; lecture: Lecture } | null = null;

/** The lesson or text to open for a `#lecture=` request (`builtins`: the lessons there are), or why there is none. */
export function openLecture(req: { value: string; item: number; step: number }, builtins: readonly BuiltinInfo[]): HashRequest {
  let lecture: Lecture;
  if (last !== null && last.value === req.value) {
    lecture = last.lecture;
  } else {
    const decoded = decodeLecture(req.value, new Set(builtins.map((b) => b.name)));
    if (!decoded.ok) {
      lectureState.setState({ run: null });
      return { kind: 'invalid', message: `the lecture in it cannot be read: ${decoded.message}` };
    }
    lecture = decoded.lecture;
    last = { value: req.value, lecture };
  }
  const item = Math.min(req.item, lecture.items.length - 1);
  lectureState.setState({ run: { lecture, value: req.value, item } });
  const it = lecture.items[item];
  return it.kind === 'builtin' ? { kind: 'builtin', name: it.name, step: req.step } : { kind: 'source', source: it.source, step: req.step };
}
