/**
 * element_ref: the typed names of the diagram's elements, and the one encoder of them as strings
 * (refKey: data-key attributes, React keys, set membership). Nothing parses a key back: code
 * that needs the element behind a key asks the layout (refOf in layout/lookup.ts) or holds the ref.
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

/** An element's ref and its key, for an item of the layout (its `ref` and `key` fields). */
export function keyed(r: ElementRef): { ref: ElementRef; key: string } {
  return { ref: r, key: refKey(r) };
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

/**
 * A set of small non-negative integers: a byte per member up to a limit (growing as needed), a Set
 * beyond it. Adding and testing 16,384 members takes tens of microseconds, not the milliseconds a
 * Set of that size does. Iterates in ascending order (the far members last).
 */
class IndexSet implements Iterable<number> {
  private bits = new Uint8Array(0);
  private far: Set<number> | null = null;
  size = 0;

  constructor(private readonly limit: number) {}

  add(i: number): void {
    if (!(i >= 0 && i < this.limit && Number.isInteger(i))) {
      this.far ??= new Set();
      if (!this.far.has(i)) {
        this.far.add(i);
        this.size++;
      }
      return;
    }
    if (i >= this.bits.length) {
      const grown = new Uint8Array(Math.min(this.limit, Math.max(64, 2 ** Math.ceil(Math.log2(i + 1)))));
      grown.set(this.bits);
      this.bits = grown;
    }
    if (this.bits[i] === 0) {
      this.bits[i] = 1;
      this.size++;
    }
  }

  has(i: number): boolean {
    if (i >= 0 && i < this.bits.length && Number.isInteger(i)) return this.bits[i] === 1;
    return this.far?.has(i) ?? false;
  }

  *[Symbol.iterator](): IterableIterator<number> {
    for (let i = 0; i < this.bits.length; i++) if (this.bits[i] === 1) yield i;
    if (this.far !== null) yield* this.far;
  }
}

/** Members kept in bytes: frames (≤ 65,536), TLB slots (≤ 4,096) and page numbers below 2^20 (4 GiB). */
const SMALL = 1 << 20;
/** Offsets are page-aligned, pages at least this big: an offset's page number in the IndexSet of its object. */
const PAGE_UNIT = 4096;

/**
 * A set of element refs, stored by kind and number (no string or object per member): a path
 * through an object of 16,384 pages adds 16,384 pages and frames in well under a millisecond.
 * Iteration yields the refs kind by kind (tasks, entries, objects, pages, frames, TLB slots,
 * pagers).
 */
export class RefSet implements Iterable<ElementRef> {
  private readonly tasks = new Set<number>();
  private readonly entries = new Set<number>();
  private readonly objects = new Set<number>();
  /** object → its pages' offsets / PAGE_UNIT. */
  private readonly pages = new Map<number, IndexSet>();
  private readonly frames = new IndexSet(SMALL);
  private readonly slots = new IndexSet(SMALL);
  private readonly pagers = new Set<string | null>();
  private pageCount = 0;

  constructor(refs: Iterable<ElementRef> = []) {
    for (const r of refs) this.add(r);
  }

  add(r: ElementRef): this {
    switch (r.kind) {
      case 'task':
        this.tasks.add(r.task);
        break;
      case 'entry':
        this.entries.add(r.entry);
        break;
      case 'object':
        this.objects.add(r.object);
        break;
      case 'page':
        this.addPage(r.object, r.offset);
        break;
      case 'frame':
        this.frames.add(r.frame);
        break;
      case 'tlb':
        this.slots.add(r.slot);
        break;
      case 'pager':
        this.pagers.add(r.pager);
        break;
    }
    return this;
  }

  /** add(ref.page(object, offset)) without making the ref. */
  addPage(object: number, offset: number): this {
    let offsets = this.pages.get(object);
    if (offsets === undefined) {
      offsets = new IndexSet(SMALL);
      this.pages.set(object, offsets);
    }
    const before = offsets.size;
    offsets.add(offset / PAGE_UNIT);
    this.pageCount += offsets.size - before;
    return this;
  }

  /** The pages of `object` at offset, offset + step, ... (`count` of them). */
  addPages(object: number, offset: number, count: number, step: number): this {
    let offsets = this.pages.get(object);
    if (offsets === undefined) {
      offsets = new IndexSet(SMALL);
      this.pages.set(object, offsets);
    }
    const before = offsets.size;
    for (let i = 0; i < count; i++) offsets.add((offset + i * step) / PAGE_UNIT);
    this.pageCount += offsets.size - before;
    return this;
  }

  /** add(ref.frame(frame)) without making the ref; false when it was there already. */
  addFrame(frame: number): boolean {
    const before = this.frames.size;
    this.frames.add(frame);
    return this.frames.size !== before;
  }

  has(r: ElementRef): boolean {
    switch (r.kind) {
      case 'task':
        return this.tasks.has(r.task);
      case 'entry':
        return this.entries.has(r.entry);
      case 'object':
        return this.objects.has(r.object);
      case 'page':
        return this.pages.get(r.object)?.has(r.offset / PAGE_UNIT) ?? false;
      case 'frame':
        return this.frames.has(r.frame);
      case 'tlb':
        return this.slots.has(r.slot);
      case 'pager':
        return this.pagers.has(r.pager);
    }
  }

  get size(): number {
    return this.tasks.size + this.entries.size + this.objects.size + this.pageCount + this.frames.size + this.slots.size + this.pagers.size;
  }

  /** has(ref.page(object, offset)), has(ref.frame(f)), has(ref.tlb(slot)) without making the ref. */
  hasPage(object: number, offset: number): boolean {
    return this.pages.get(object)?.has(offset / PAGE_UNIT) ?? false;
  }

  hasFrame(f: number): boolean {
    return this.frames.has(f);
  }

  hasSlot(slot: number): boolean {
    return this.slots.has(slot);
  }

  /** True when the set holds some page of `object`. */
  hasPagesOf(object: number): boolean {
    return (this.pages.get(object)?.size ?? 0) > 0;
  }

  /** How many frames, TLB slots. */
  get frameCount(): number {
    return this.frames.size;
  }

  get slotCount(): number {
    return this.slots.size;
  }

  /** The members' keys (refKey). */
  *keys(): IterableIterator<string> {
    for (const r of this) yield refKey(r);
  }

  *[Symbol.iterator](): IterableIterator<ElementRef> {
    for (const task of this.tasks) yield { kind: 'task', task };
    for (const entry of this.entries) yield { kind: 'entry', entry };
    for (const object of this.objects) yield { kind: 'object', object };
    for (const [object, offsets] of this.pages) for (const n of offsets) yield { kind: 'page', object, offset: n * PAGE_UNIT };
    for (const frame of this.frames) yield { kind: 'frame', frame };
    for (const slot of this.slots) yield { kind: 'tlb', slot };
    for (const pager of this.pagers) yield { kind: 'pager', pager };
  }
}
