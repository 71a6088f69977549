/**
 * A lecture script: a title and an ordered list of items, each a built-in lesson (by name) or an
 * own scenario text (with a title), with its key steps (the steps the lecturer means to stop at;
 * by default a lesson's `# mark:` steps). Pure functions that return a new lecture (add, move,
 * remove, retitle, set key steps) and the one validator every lecture read from outside goes
 * through (a link, localStorage): validateLecture never throws and says what was wrong.
 *
 * Bounds, named: MAX_LECTURE_ITEMS items, MAX_LECTURE_TITLE characters of a title,
 * MAX_KEY_STEPS key steps an item (each 1..MAX_KEY_STEP), and the whole lecture written as JSON
 * (lectureJson: what a link and the saved copy carry) at most MAX_LINK_SOURCE characters, a
 * share link's own limit (text_limits.ts), so that every own text it holds fits one link.
 */
import { formatCount, MAX_LINK_SOURCE, overBy } from '../../scenario/text_limits';

export const MAX_LECTURE_ITEMS = 40;
export const MAX_LECTURE_TITLE = 120;
export const MAX_KEY_STEPS = 64;
/** The largest key step accepted (the timeline of any scenario a link can carry is shorter). */
export const MAX_KEY_STEP = MAX_LINK_SOURCE;
/** The lecture JSON format's version (`v`), checked when read. */
export const LECTURE_FORMAT = 1;
/** The longest lecture (as JSON): a link's limit. */
export const MAX_LECTURE_JSON = MAX_LINK_SOURCE;

export type LectureItem =
  | { kind: 'builtin'; name: string; steps: number[] }
  | { kind: 'text'; title: string; source: string; steps: number[] };

export interface Lecture {
  title: string;
  items: LectureItem[];
}

export type LectureResult = { ok: true; lecture: Lecture } | { ok: false; message: string };

export const EMPTY_LECTURE: Lecture = { title: 'My lecture', items: [] };

/** A title as kept: one line, trimmed, cut to MAX_LECTURE_TITLE. */
export function cleanTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().slice(0, MAX_LECTURE_TITLE);
}

/** Key steps as kept: whole numbers 1..MAX_KEY_STEP, sorted, each once, at most MAX_KEY_STEPS. */
export function cleanSteps(steps: readonly number[]): number[] {
  const ok = steps.filter((s) => Number.isSafeInteger(s) && s >= 1 && s <= MAX_KEY_STEP);
  return [...new Set(ok)].sort((a, b) => a - b).slice(0, MAX_KEY_STEPS);
}

/** Key steps typed as "3, 7 12": the numbers in it (anything else is left out). */
export function parseSteps(text: string): number[] {
  return cleanSteps((text.match(/\d{1,9}/g) ?? []).map(Number));
}

/** The lecture with `item` added at the end, or why it cannot be (phrased to follow "Not added: "). */
export function addItem(lecture: Lecture, item: LectureItem): LectureResult {
  if (lecture.items.length >= MAX_LECTURE_ITEMS) {
    return { ok: false, message: `a lecture holds at most ${MAX_LECTURE_ITEMS} items` };
  }
  const clean: LectureItem = item.kind === 'builtin' ? { ...item, steps: cleanSteps(item.steps) } : { ...item, title: cleanTitle(item.title), steps: cleanSteps(item.steps) };
  const next = { ...lecture, items: [...lecture.items, clean] };
  const length = lectureJson(next).length;
  if (length > MAX_LECTURE_JSON) {
    return { ok: false, message: `the lecture would be too long for a link (${overBy(length, MAX_LECTURE_JSON, 'a link can carry')})` };
  }
  return { ok: true, lecture: next };
}

/** The lecture with item `at` moved by `delta` (−1 up, +1 down); unchanged at either end. */
export function moveItem(lecture: Lecture, at: number, delta: -1 | 1): Lecture {
  const to = at + delta;
  if (at < 0 || at >= lecture.items.length || to < 0 || to >= lecture.items.length) return lecture;
  const items = [...lecture.items];
  [items[at], items[to]] = [items[to], items[at]];
  return { ...lecture, items };
}

export function removeItem(lecture: Lecture, at: number): Lecture {
  return { ...lecture, items: lecture.items.filter((_, i) => i !== at) };
}

export function setTitle(lecture: Lecture, title: string): Lecture {
  return { ...lecture, title: title.slice(0, MAX_LECTURE_TITLE) };
}

export function setSteps(lecture: Lecture, at: number, steps: readonly number[]): Lecture {
  return { ...lecture, items: lecture.items.map((it, i) => (i === at ? { ...it, steps: cleanSteps(steps) } : it)) };
}

/** How an item is named in lists and in the header: a lesson's title (from `titles`, by name) or the text's own title. */
export function itemTitle(item: LectureItem, titles: ReadonlyMap<string, string>): string {
  return item.kind === 'builtin' ? (titles.get(item.name) ?? item.name) : item.title;
}

/** The lecture as JSON, short keys (what links and the saved copy carry): {v, t, i: [{b, k} | {n, s, k}]}. */
export function lectureJson(lecture: Lecture): string {
  return JSON.stringify({
    v: LECTURE_FORMAT,
    t: lecture.title,
    i: lecture.items.map((it) => (it.kind === 'builtin' ? { b: it.name, k: it.steps } : { n: it.title, s: it.source, k: it.steps })),
  });
}

const LESSON_NAME = /^[a-z0-9_]{1,64}$/;

/** A lecture read back from lectureJson's text, checked whole; never throws. `builtins`: the lesson names that exist. */
export function parseLecture(json: string, builtins: ReadonlySet<string>): LectureResult {
  if (json.length > MAX_LECTURE_JSON) {
    return { ok: false, message: `the lecture is too long (${overBy(json.length, MAX_LECTURE_JSON, 'a lecture may hold')})` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, message: 'the lecture data is not valid (not JSON)' };
  }
  return validateLecture(raw, builtins);
}

function validateLecture(raw: unknown, builtins: ReadonlySet<string>): LectureResult {
  const bad = (why: string): LectureResult => ({ ok: false, message: `the lecture data is not valid (${why})` });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return bad('not an object');
  const r = raw as Record<string, unknown>;
  if (typeof r.v !== 'number') return bad('no format version');
  if (r.v !== LECTURE_FORMAT) {
    return r.v > LECTURE_FORMAT ? { ok: false, message: `this lecture was made by a newer version of the playground (format ${formatCount(r.v)})` } : bad(`unknown format ${String(r.v)}`);
  }
  if (typeof r.t !== 'string' || r.t.length > MAX_LECTURE_TITLE) return bad(`its title is missing or over ${MAX_LECTURE_TITLE} characters`);
  if (!Array.isArray(r.i)) return bad('no list of items');
  if (r.i.length === 0) return bad('it has no items');
  if (r.i.length > MAX_LECTURE_ITEMS) return bad(`${formatCount(r.i.length)} items, over the ${MAX_LECTURE_ITEMS} a lecture may hold`);
  const items: LectureItem[] = [];
  for (let n = 0; n < r.i.length; n++) {
    const it = r.i[n] as Record<string, unknown> | null;
    const where = `item ${n + 1}`;
    if (it === null || typeof it !== 'object') return bad(`${where} is not an object`);
    const k = it.k;
    if (!Array.isArray(k) || k.length > MAX_KEY_STEPS || !k.every((s) => Number.isSafeInteger(s) && (s as number) >= 1 && (s as number) <= MAX_KEY_STEP)) {
      return bad(`${where}'s key steps are not up to ${MAX_KEY_STEPS} whole numbers from 1 to ${formatCount(MAX_KEY_STEP)}`);
    }
    const steps = cleanSteps(k as number[]);
    if (typeof it.b === 'string') {
      if (!LESSON_NAME.test(it.b) || !builtins.has(it.b)) return { ok: false, message: `${where} of the lecture names no built-in lesson ("${it.b.slice(0, 64)}")` };
      items.push({ kind: 'builtin', name: it.b, steps });
    } else if (typeof it.s === 'string' && typeof it.n === 'string' && it.n.length <= MAX_LECTURE_TITLE) {
      items.push({ kind: 'text', title: it.n, source: it.s, steps });
    } else {
      return bad(`${where} is neither a lesson nor a titled text`);
    }
  }
  return { ok: true, lecture: { title: r.t, items } };
}
