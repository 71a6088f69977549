/**
 * Keyed list patches: how a snapshot list (a task's map entries, an object's pages, the TLB) that
 * changed a little travels. Either the whole list, or the items added or changed plus the keys
 * removed; the receiver merges them into its copy, keeping the list's order. Items are plain data
 * (numbers, strings, booleans, null, arrays, objects) and compared by value.
 *
 *   prev  [a1 b2 c3 d4]      patch { set: [b2' e5], removed: [c] }      merged  [a1 b2' d4 e5]
 */

export type ListPatch<T> = { all: T[] } | { set: T[]; removed: number[] };

/** Deep equality of plain snapshot data. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * The patch from prev to next. Keys are unique in each list. When more than a quarter of next
 * changed, the whole list is cheaper to send and to apply.
 */
export function diffList<T>(prev: readonly T[], next: readonly T[], key: (x: T) => number): ListPatch<T> {
  const before = new Map<number, T>();
  for (const x of prev) before.set(key(x), x);
  const set: T[] = [];
  for (const x of next) {
    const k = key(x);
    const p = before.get(k);
    if (p === undefined || !sameValue(p, x)) set.push(x);
    before.delete(k);
  }
  if (set.length + before.size > next.length / 4) return { all: next.slice() };
  return { set, removed: [...before.keys()] };
}

/** True when the patch changes nothing. */
export function isEmptyPatch<T>(p: ListPatch<T>): boolean {
  return !('all' in p) && p.set.length === 0 && p.removed.length === 0;
}

/**
 * prev with the patch applied, as a new list (prev itself when nothing changed). prev and the
 * patch's items are both sorted by `order`, so the merge is linear.
 */
export function applyList<T>(prev: T[], p: ListPatch<T>, key: (x: T) => number, order: (x: T) => number = key): T[] {
  if ('all' in p) return p.all;
  if (p.set.length === 0 && p.removed.length === 0) return prev;
  const drop = new Set<number>(p.removed);
  for (const x of p.set) drop.add(key(x));
  const out: T[] = [];
  let j = 0;
  for (const x of prev) {
    if (drop.has(key(x))) continue;
    const o = order(x);
    while (j < p.set.length && order(p.set[j]) < o) out.push(p.set[j++]);
    out.push(x);
  }
  while (j < p.set.length) out.push(p.set[j++]);
  return out;
}
