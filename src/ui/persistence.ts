/**
 * The scenario being edited survives a reload: it is kept in localStorage with the link it came
 * from. On start, a draft is restored when the page opens with that same link (or with none); a
 * new link wins. Whatever is stored is validated: a damaged, foreign or oversized value is ignored
 * (and removed), never trusted, so it cannot break start-up.
 */

export interface Draft {
  v: 1;
  /** location.hash when the text was opened: a reload of the same page restores the edits. */
  hash: string;
  source: string;
}

export const DRAFT_KEY = 'mach-vm-playground:draft';
/** The most text we keep (the share link's own limit). */
export const MAX_DRAFT = 200_000;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

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
    if (raw.length > MAX_DRAFT * 2 + 1000) throw new Error('too large');
    const d = JSON.parse(raw) as Partial<Draft>;
    if (d === null || typeof d !== 'object' || d.v !== 1 || typeof d.hash !== 'string' || typeof d.source !== 'string' || d.source.length > MAX_DRAFT || d.hash.length > 1_000_000) {
      throw new Error('not a draft');
    }
    return { v: 1, hash: d.hash, source: d.source };
  } catch {
    try {
      storage.removeItem(DRAFT_KEY);
    } catch {
      /* nothing more to do */
    }
    return null;
  }
}

/** Saves the draft; false when it is too large or storage refuses (quota, disabled). */
export function writeDraft(storage: StorageLike | null, hash: string, source: string): boolean {
  if (storage === null || source.length > MAX_DRAFT) return false;
  try {
    storage.setItem(DRAFT_KEY, JSON.stringify({ v: 1, hash, source } satisfies Draft));
    return true;
  } catch {
    return false;
  }
}

/** The draft to restore for a page opened with `hash`, or null. */
export function draftFor(draft: Draft | null, hash: string): string | null {
  if (draft === null) return null;
  const empty = (h: string) => h === '' || h === '#';
  return draft.hash === hash || empty(hash) ? draft.source : null;
}

export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
