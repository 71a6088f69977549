/**
 * The lecture being prepared, kept in localStorage (as lectureJson writes it) so that it survives a
 * reload and a closed tab. What is read back goes through parseLecture (a damaged, foreign or
 * oversized value is ignored and removed); a lecture that cannot be written (storage full or
 * disabled) is reported, not silently dropped. An empty lecture (no items) is kept as well.
 */
import { EMPTY_LECTURE, LECTURE_FORMAT, lectureJson, MAX_LECTURE_JSON, parseLecture, type Lecture } from './lecture';

export const LECTURE_KEY = 'mach-vm-playground:lecture';

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readSavedLecture(storage: StorageLike | null, builtins: ReadonlySet<string>): Lecture {
  if (storage === null) return EMPTY_LECTURE;
  try {
    const raw = storage.getItem(LECTURE_KEY);
    if (raw === null || raw.length > MAX_LECTURE_JSON) return EMPTY_LECTURE;
    // an empty lecture is valid here (not in a link): read it apart
    const bare = JSON.parse(raw) as { v?: unknown; t?: unknown; i?: unknown };
    if (bare.v === LECTURE_FORMAT && typeof bare.t === 'string' && Array.isArray(bare.i) && bare.i.length === 0) return { title: bare.t, items: [] };
    const read = parseLecture(raw, builtins);
    if (read.ok) return read.lecture;
  } catch {
    /* not JSON: removed below */
  }
  try {
    storage.removeItem(LECTURE_KEY);
  } catch {
    /* storage disabled */
  }
  return EMPTY_LECTURE;
}

/** Keeps the lecture; false when it could not be (storage full or disabled). */
export function saveLecture(storage: StorageLike | null, lecture: Lecture): boolean {
  if (storage === null) return false;
  try {
    storage.setItem(LECTURE_KEY, lectureJson(lecture));
    return true;
  } catch {
    return false;
  }
}
