/**
 * The messages between the projected page and its presenter view (a second window of the same
 * site), over one BroadcastChannel. They carry positions, not machines: which scenario (a lesson's
 * name, or an own text's id) and the step; the presenter runs the same scenario in its own worker
 * to read the statements. A text travels only when the presenter asks for one it does not have.
 *
 *   projector ── started ──▶ presenter ── hello ──▶ projector   (a page reloaded under an open presenter)
 *   presenter ── hello ──▶ projector ── at { scenario, step, lecture } ──▶ presenter   (a late presenter catches up)
 *   either ── at ──▶ the other: it goes to that step (if it shows that scenario)
 *   presenter ── need { id } ──▶ projector ── text { id, source } ──▶ presenter
 *   presenter ── command { next-lesson | previous-lesson } ──▶ projector (n / b: the course or the lecture)
 *
 * Anything on the channel is read through readMessage, which checks every field and bound (names,
 * ids, steps, a text at most MAX_SOURCE_LENGTH, a lecture's title, items and key steps) and gives
 * null for anything else: a hostile or garbled message is ignored.
 */
import { MAX_SOURCE_LENGTH } from '../../scenario/text_limits';
import { PRESENTER_CHANNEL } from './open_presenter';
import { MAX_KEY_STEP, MAX_KEY_STEPS, MAX_LECTURE_ITEMS, MAX_LECTURE_TITLE } from '../lecture/lecture';

export { PRESENTER_CHANNEL };
/** The largest step a message may name (no scenario's timeline is longer: a statement is at least 2 characters). */
export const MAX_SYNC_STEP = MAX_SOURCE_LENGTH;

export type ScenarioRef = { kind: 'builtin'; name: string } | { kind: 'text'; id: string };

/** The running lecture as the presenter shows it: title, item (0-based) of `of`, that item's title and key steps. */
export interface LectureInfo {
  title: string;
  item: number;
  of: number;
  itemTitle: string;
  steps: number[];
}

export type SyncMessage =
  | { type: 'hello' }
  | { type: 'started' }
  | { type: 'at'; scenario: ScenarioRef; step: number; lecture: LectureInfo | null }
  | { type: 'need'; id: string }
  | { type: 'text'; id: string; source: string }
  | { type: 'command'; id: 'next-lesson' | 'previous-lesson' };

const LESSON_NAME = /^[a-z0-9_]{1,64}$/;
const TEXT_ID = /^[0-9a-f]{8}-\d{1,7}$/;

/** An own text's id: its FNV-1a hash and length ("1a2b3c4d-812"); the same text, the same id. */
export function textId(source: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) {
    h ^= source.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16).padStart(8, '0')}-${source.length}`;
}

const isStep = (n: unknown, max: number): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max;
const isTitle = (t: unknown): t is string => typeof t === 'string' && t.length <= MAX_LECTURE_TITLE;

function readRef(raw: unknown): ScenarioRef | null {
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (r.kind === 'builtin' && typeof r.name === 'string' && LESSON_NAME.test(r.name)) return { kind: 'builtin', name: r.name };
  if (r.kind === 'text' && typeof r.id === 'string' && TEXT_ID.test(r.id)) return { kind: 'text', id: r.id };
  return null;
}

function readLecture(raw: unknown): LectureInfo | null | undefined {
  if (raw === null) return null;
  if (typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (!isTitle(r.title) || !isTitle(r.itemTitle) || !isStep(r.of, MAX_LECTURE_ITEMS) || !isStep(r.item, (r.of as number) - 1)) return undefined;
  if (!Array.isArray(r.steps) || r.steps.length > MAX_KEY_STEPS || !r.steps.every((s) => isStep(s, MAX_KEY_STEP))) return undefined;
  return { title: r.title, item: r.item, of: r.of, itemTitle: r.itemTitle, steps: [...(r.steps as number[])] };
}

/** The message `data` is, checked whole, or null (ignored). Never throws. */
export function readMessage(data: unknown): SyncMessage | null {
  if (data === null || typeof data !== 'object') return null;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'hello':
    case 'started':
      return { type: m.type };
    case 'at': {
      const scenario = readRef(m.scenario);
      const lecture = readLecture(m.lecture);
      if (scenario === null || lecture === undefined || !isStep(m.step, MAX_SYNC_STEP)) return null;
      return { type: 'at', scenario, step: m.step, lecture };
    }
    case 'need':
      return typeof m.id === 'string' && TEXT_ID.test(m.id) ? { type: 'need', id: m.id } : null;
    case 'text':
      if (typeof m.id !== 'string' || typeof m.source !== 'string' || m.source.length > MAX_SOURCE_LENGTH || textId(m.source) !== m.id) return null;
      return { type: 'text', id: m.id, source: m.source };
    case 'command':
      return m.id === 'next-lesson' || m.id === 'previous-lesson' ? { type: 'command', id: m.id } : null;
    default:
      return null;
  }
}

/** Two positions are the same place (what is sent is not sent again; what was received is not echoed). */
export function positionKey(scenario: ScenarioRef, step: number, lecture: LectureInfo | null): string {
  const where = scenario.kind === 'builtin' ? `b:${scenario.name}` : `t:${scenario.id}`;
  return `${where}@${step}${lecture === null ? '' : `#${lecture.item}/${lecture.of}:${lecture.title}`}`;
}
