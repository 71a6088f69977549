/**
 * shareLayout: a layout made for the next machine, in which every part equal in value (same.ts) to
 * the part at the same place of the layout drawn now IS that part (issue 18, stepjs). The picture
 * memoises each element on its item's value (DiagramPicture.tsx: `same`): a step whose layout was
 * made anew compares every unchanged item field by field, in the key's task. When the next step's
 * layout is made ahead, in idle time (prepare_next.ts, MachineDiagram's prepareLayout), it is shared
 * with the drawn one there, so the step's comparisons stop at the first reference (`Object.is`) and
 * the bands' relative items (DiagramPicture's band) are kept.
 *
 * Nothing is mutated: the result is made of new containers (the layout, its arrays, the items that
 * differ) holding the previous layout's parts where equal and the next's elsewhere; a part that is
 * equal whole is the previous one itself. Items of an array are matched by their `key` when they
 * have one (a task or an object inserted before others does not shift the comparison), else by
 * index. Cost: bounded by SHARE_DEPTH walks of the two layouts (each level compares its parts with
 * `same`, which stops at the first difference).
 */
import { same } from './same';
import type { DiagramLayout } from './layout/types';

/** How deep parts are shared: the layout (0), its bands (1), their items (2), the items' entries, cells and texts (3). */
export const SHARE_DEPTH = 4;

const isPlain = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;

const keyOf = (x: unknown): string | undefined => (isPlain(x) && typeof x.key === 'string' ? x.key : undefined);

function shareArray(prev: readonly unknown[], next: readonly unknown[], depth: number): unknown[] {
  const byKey = new Map<string, unknown>();
  for (const p of prev) {
    const k = keyOf(p);
    if (k !== undefined) byKey.set(k, p);
  }
  return next.map((n, i) => {
    const k = keyOf(n);
    const p = k !== undefined ? byKey.get(k) : keyOf(prev[i]) === undefined ? prev[i] : undefined;
    return p === undefined ? n : share(p, n, depth);
  });
}

function share(prev: unknown, next: unknown, depth: number): unknown {
  if (same(prev, next)) return prev;
  if (depth <= 0) return next;
  if (Array.isArray(prev) && Array.isArray(next)) return shareArray(prev, next, depth - 1);
  if (isPlain(prev) && isPlain(next)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(next)) out[k] = Object.prototype.hasOwnProperty.call(prev, k) ? share(prev[k], next[k], depth - 1) : next[k];
    return out;
  }
  return next;
}

/** `next` with the parts equal to `prev`'s replaced by `prev`'s own (the very objects); `prev` itself when the two are equal. */
export function shareLayout(prev: DiagramLayout, next: DiagramLayout): DiagramLayout {
  return share(prev, next, SHARE_DEPTH) as DiagramLayout;
}
