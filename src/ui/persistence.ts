/**
 * The scenario being edited survives a reload: it is kept in localStorage with the link it came
 * from. On start, a draft is restored when the page opens with that same link (or with none); a
 * new link wins. Whatever is stored is validated: a damaged, foreign or oversized value is ignored
 * (and removed), never trusted, so it cannot break start-up.
 *
 * A draft holds as much text as the editor takes (MAX_SOURCE_LENGTH). When a text cannot be kept
 * (too long, storage full, storage disabled) the draft stored before is never left to come back
 * as if it were the latest: it is replaced by a marker saying a text of that length was lost and
 * why (or removed, if even that cannot be written), and the caller is told, to say so. On start,
 * the marker is read as such (draftFor: 'lost'), so the page says the last edits were not kept.
 */
import { formatCount, MAX_SOURCE_LENGTH } from '../scenario/text_limits';

/** Why a text could not be kept. */
export type DraftProblem = 'too-long' | 'full' | 'unavailable';

export type Draft =
  /** `hash`: location.hash when the text was opened: a reload of the same page restores the edits. */
  | { v: 1; hash: string; source: string }
  /** The text being edited at `hash` (`length` characters) could not be kept, for `lost`. */
  | { v: 1; hash: string; lost: DraftProblem; length: number };

export const DRAFT_KEY = 'mach-vm-playground:draft';
/** The most text a draft keeps: the editor's own limit. */
export const MAX_DRAFT = MAX_SOURCE_LENGTH;
/** The longest link a draft remembers (a `#src=` link can be 1,800,000 characters). */
const MAX_DRAFT_HASH = 2_000_000;
/** The longest stored value read: JSON may write a character as 6 (`\u0001`). */
const MAX_STORED = MAX_DRAFT * 6 + MAX_DRAFT_HASH + 1000;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PROBLEMS: readonly DraftProblem[] = ['too-long', 'full', 'unavailable'];

export function readDraft(storage: StorageLike | null): Draft | null {
  if (storage === null) return null;
  let raw: string | null;
  try {
    raw = storage.getItem(DRAFT_KEY);
  } catch {
    return null; // storage disabled (privacy mode, sandboxed iframe)
  }
  if (raw === null) return null;
  try {
    if (raw.length > MAX_STORED) throw new Error('too large');
    const d = JSON.parse(raw) as Record<string, unknown> | null;
    if (d === null || typeof d !== 'object' || d.v !== 1 || typeof d.hash !== 'string' || d.hash.length > MAX_DRAFT_HASH) throw new Error('not a draft');
    if (typeof d.source === 'string' && d.source.length <= MAX_DRAFT) return { v: 1, hash: d.hash, source: d.source };
    if (PROBLEMS.includes(d.lost as DraftProblem) && Number.isSafeInteger(d.length) && (d.length as number) >= 0) {
      return { v: 1, hash: d.hash, lost: d.lost as DraftProblem, length: d.length as number };
    }
    throw new Error('not a draft');
  } catch {
    try {
      storage.removeItem(DRAFT_KEY);
    } catch {
      /* nothing more to do */
    }
    return null;
  }
}

/**
 * Saves the draft: 'saved', or why it could not be (and then the draft stored before, if any, is
 * replaced by a marker of the loss, or removed: it never comes back as the latest text). A text
 * not `edited` since it was opened (its link gives it back) leaves no marker: the draft is removed.
 */
export function writeDraft(storage: StorageLike | null, hash: string, source: string, edited = true): 'saved' | DraftProblem {
  if (storage === null) return 'unavailable';
  const keptHash = hash.length > MAX_DRAFT_HASH ? '' : hash;
  let problem: DraftProblem;
  if (source.length > MAX_DRAFT) {
    problem = 'too-long';
  } else {
    try {
      storage.setItem(DRAFT_KEY, JSON.stringify({ v: 1, hash: keptHash, source } satisfies Draft));
      return 'saved';
    } catch (e) {
      problem = isQuotaError(e) ? 'full' : 'unavailable';
    }
  }
  try {
    if (!edited) throw new Error('nothing was lost: the link gives the text back');
    storage.setItem(DRAFT_KEY, JSON.stringify({ v: 1, hash: keptHash, lost: problem, length: source.length } satisfies Draft));
  } catch {
    try {
      storage.removeItem(DRAFT_KEY);
    } catch {
      /* storage refuses everything: there is no older draft it could give back either */
    }
  }
  return problem;
}

/** What to restore for a page opened with `hash`: the text, the news that it was lost, or null. */
export function draftFor(draft: Draft | null, hash: string): { source: string } | { lost: DraftProblem; length: number } | null {
  if (draft === null) return null;
  const empty = (h: string) => h === '' || h === '#';
  if (draft.hash !== hash && !empty(hash)) return null;
  return 'source' in draft ? { source: draft.source } : { lost: draft.lost, length: draft.length };
}

/** The notice for a text that could not be kept: now (`when` 'now'), or at the last visit ('before'). */
export function draftNotice(problem: DraftProblem, length: number, when: 'now' | 'before'): string {
  const why =
    problem === 'too-long'
      ? `it is over the ${formatCount(MAX_DRAFT)} characters a draft keeps`
      : problem === 'full'
        ? "the browser's storage for this site is full"
        : "the browser's storage is not available to this page (private mode, or disabled)";
  return when === 'now'
    ? `Your edits are not kept over a reload: ${why}. Save .vms (or Share) keeps this text (${formatCount(length)} characters).`
    : `The text you were editing here last time (${formatCount(length)} characters) could not be kept: ${why}.`;
}

/** A storage error saying the quota is used up (browsers name it differently). */
function isQuotaError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
