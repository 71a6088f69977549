/**
 * element_ref: the typed names of the diagram's elements, and the one encoder of them as strings
 * (refKey: data-key attributes, React keys, set membership). Nothing parses a key back: code
 * that needs the element behind a key asks the layout (refOf in layout.ts) or holds the ref.
 *
 *   { kind: 'page', object: 3, offset: 4096 }  ──refKey──▶  'page:3:4096'
 *   task:1  entry:7  object:3  page:3:4096  frame:5  tlb:2  pager:F  pager:default
 */

export type ElementRef =
  | { kind: 'task'; task: number }
  | { kind: 'entry'; entry: number }
  | { kind: 'object'; object: number }
  | { kind: 'page'; object: number; offset: number }
  | { kind: 'frame'; frame: number }
  | { kind: 'tlb'; slot: number }
  /** null: the default pager (swap). */
  | { kind: 'pager'; pager: string | null };

/** The one string form of an element ref. */
export function refKey(r: ElementRef): string {
  switch (r.kind) {
    case 'task':
      return `task:${r.task}`;
    case 'entry':
      return `entry:${r.entry}`;
    case 'object':
      return `object:${r.object}`;
    case 'page':
      return `page:${r.object}:${r.offset}`;
    case 'frame':
      return `frame:${r.frame}`;
    case 'tlb':
      return `tlb:${r.slot}`;
    case 'pager':
      return r.pager === null ? 'pager:default' : `pager:${r.pager}`;
  }
}

/** Ref constructors, for brevity. */
export const ref = {
  task: (task: number): ElementRef => ({ kind: 'task', task }),
  entry: (entry: number): ElementRef => ({ kind: 'entry', entry }),
  object: (object: number): ElementRef => ({ kind: 'object', object }),
  page: (object: number, offset: number): ElementRef => ({ kind: 'page', object, offset }),
  frame: (frame: number): ElementRef => ({ kind: 'frame', frame }),
  tlb: (slot: number): ElementRef => ({ kind: 'tlb', slot }),
  pager: (pager: string | null): ElementRef => ({ kind: 'pager', pager }),
};

/** A set of element refs, by key: membership by ref or by key, iteration over the refs (first added first). */
export class RefSet implements Iterable<ElementRef> {
  private readonly byKey = new Map<string, ElementRef>();

  constructor(refs: Iterable<ElementRef> = []) {
    for (const r of refs) this.add(r);
  }

  add(r: ElementRef): this {
    const k = refKey(r);
    if (!this.byKey.has(k)) this.byKey.set(k, r);
    return this;
  }

  has(r: ElementRef): boolean {
    return this.byKey.has(refKey(r));
  }

  hasKey(key: string): boolean {
    return this.byKey.has(key);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The keys, in the order they were added. */
  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  [Symbol.iterator](): IterableIterator<ElementRef> {
    return this.byKey.values();
  }
}
