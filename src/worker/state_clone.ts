/**
 * state_clone: deep copies of a running machine (an Interpreter and its Kernel), for replay
 * checkpoints. The machine is a graph of class instances, Maps, Sets, arrays and typed arrays with
 * cycles, and some of its objects hold closures made in a constructor (`sink: () => this.sinkImpl`,
 * `hooks.freePages: (o, ...) => freePages(vm, ...)`): a plain deep copy would leave them pointing
 * at the old machine. So a copy is made INTO a skeleton, a machine freshly constructed the normal
 * way (its closures bound to itself):
 *
 *   source                       skeleton (new Interpreter(program))
 *   interp ──kernel──▶ K         interp' ──kernel──▶ K'        1. pair: walk both graphs together;
 *            └─vm──▶ {sink: ƒ}            └─vm──▶ {sink: ƒ'}     an object found at the same place
 *                                                               in both is paired (K ↔ K')
 *   2. copy: every paired skeleton object gets the source's fields in place, keeping its own
 *      functions; everything else (tasks, entries, objects...) is deep-copied, prototypes kept,
 *      cycles and aliasing kept (one copy per source object, one buffer per source buffer), Map and
 *      Set insertion order kept. An object that is the very same in source and skeleton (the
 *      program's AST, module constants such as NULL_SINK) belongs to neither and is shared. (The
 *      elements two arrays at the same place share, such as the interpreter's list of
 *      statements, are kept in place without being noted one by one: a source that also held one
 *      of them somewhere the skeleton does not would get a copy there. A frozen copy does not even
 *      hold such an array when all its elements are the skeleton's: restoring keeps the skeleton's.)
 *
 * A function the skeleton does not have in the same place is a closure made after construction,
 * which cannot be rebound: that throws (a bug to fix in the kernel, caught by the tests), as do
 * WeakMaps, Promises and other objects whose state cannot be read.
 *
 * freeze() makes the stored form of a checkpoint: the same deep copy, but holding no function and
 * nothing of the source machine (so the checkpoint keeps no old machine alive), with large buffers
 * stored sparsely (frozen_buffer.ts: all-zero 4 KiB chunks left out).
 * restore() copies a frozen or a live graph into a skeleton; the frozen graph is only read, so one
 * checkpoint can be restored any number of times.
 */
import { FrozenBuffer, FrozenView, SPARSE_MIN, TYPED_ARRAYS, type TypedArray } from './frozen_buffer';

type Obj = object;

/** What a function becomes in a frozen graph: the skeleton must supply it. */
const DROPPED = Symbol('a function, supplied by the skeleton');
/** What an array becomes in a frozen graph when the skeleton's array at its place holds the very same elements (the statements). */
const SAME = Symbol('the skeleton\'s array, element for element');

/** What a copy held and cost: objects (and Map or Set entries) copied, buffer bytes read and stored. */
export interface CopyStats {
  objects: number;
  scanned: number;
  stored: number;
}

/** The stored form of a graph: see freeze(). */
export class Frozen<T extends Obj> {
  declare private readonly brand: T;
  constructor(
    readonly root: unknown,
    readonly stats: Readonly<CopyStats>,
  ) {}

  /** About how many bytes it holds: buffers as stored, plus a little per object. */
  get bytes(): number {
    return this.stats.stored + OBJECT_BYTES * this.stats.objects;
  }
}

/** Bytes counted per copied object or Map/Set entry, for a checkpoint's size. */
const OBJECT_BYTES = 64;

const isTyped = (v: unknown): v is TypedArray => ArrayBuffer.isView(v) && !(v instanceof DataView);

function kindOf(v: TypedArray): string {
  const kind = v.constructor.name;
  if (TYPED_ARRAYS[kind] !== v.constructor) throw new Error(`state_clone: cannot copy a ${kind}`);
  return kind;
}
const isObj = (v: unknown): v is Obj => (typeof v === 'object' && v !== null) || typeof v === 'function';
const wholeView = (v: TypedArray) => v.byteOffset === 0 && v.byteLength === v.buffer.byteLength;

function sameElements(a: unknown[], b: unknown[] | undefined): boolean {
  if (b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function unsupported(v: Obj): boolean {
  return v instanceof WeakMap || v instanceof WeakSet || v instanceof WeakRef || v instanceof Promise || v instanceof DataView || v instanceof Date || v instanceof RegExp;
}

class Copier {
  /** Source object → its copy (a paired skeleton object, a new object, or itself when shared). */
  private readonly memo = new Map<unknown, unknown>();
  private readonly buffers = new Map<unknown, unknown>();
  /** Skeleton objects already paired with a source object. */
  private readonly taken = new Set<Obj>();
  private readonly pairs: [Obj, Obj][] = [];
  /** Freezing: the skeleton's array at the same place as a source array (elements both hold are shared). */
  private readonly twins = new Map<Obj, unknown[]>();
  /** New objects whose fields are still to copy (a queue, not recursion: a map's entries are a long list). */
  private readonly pending: [Obj, Obj][] = [];
  readonly stats: CopyStats = { objects: 0, scanned: 0, stored: 0 };

  constructor(
    private readonly frozen: boolean,
    /** The skeleton is a machine in use: its large buffers are overwritten in place (see restore). */
    private readonly inPlace = false,
    /** Skeleton objects that must not be written: never paired. */
    private readonly keep: ReadonlySet<Obj> = new Set(),
  ) {}

  /** Step 1: pairs source and skeleton objects found at the same place; notes the shared ones. */
  pair(source: Obj, skeleton: Obj): void {
    const stack: [Obj, Obj][] = [[source, skeleton]];
    while (stack.length > 0) {
      const [s, d] = stack.pop()!;
      if (this.memo.has(s) || this.taken.has(d) || this.keep.has(d)) continue;
      if (s === d) {
        this.share(s);
        continue;
      }
      if (this.frozen) {
        // freezing copies everything but the shared objects: only look for more of them
        this.taken.add(d);
        if (Array.isArray(s) && Array.isArray(d)) this.twins.set(s, d);
        for (const [a, b] of this.children(s, d)) stack.push([a, b]);
        continue;
      }
      if (isTyped(d) || d instanceof ArrayBuffer) {
        if (this.pairBuffer(s, d)) this.taken.add(d);
        continue;
      }
      if (typeof s === 'function' || typeof d === 'function' || Object.getPrototypeOf(s) !== Object.getPrototypeOf(d)) continue;
      if (unsupported(s) || s instanceof FrozenView || s instanceof FrozenBuffer) continue;
      this.memo.set(s, d);
      this.taken.add(d);
      this.pairs.push([s, d]);
      for (const [a, b] of this.children(s, d)) stack.push([a, b]);
    }
  }

  /** An object both graphs hold: it belongs to neither, and stays as it is. */
  private share(o: Obj): void {
    this.memo.set(o, o);
    this.taken.add(o);
  }

  /** The (source, skeleton) object pairs one level down: same field, same index, same Map key. */
  private children(s: Obj, d: Obj): [Obj, Obj][] {
    const out: [Obj, Obj][] = [];
    if (isTyped(s) || s instanceof FrozenView || s instanceof FrozenBuffer || s instanceof ArrayBuffer || typeof s === 'function') return out;
    if (s instanceof Map && d instanceof Map) {
      for (const [k, v] of s) if (!isObj(k) && isObj(v) && isObj(d.get(k))) out.push([v, d.get(k) as Obj]);
    } else if (Array.isArray(s) && Array.isArray(d)) {
      for (let i = 0; i < Math.min(s.length, d.length); i++) {
        const a: unknown = s[i];
        const b: unknown = d[i];
        // the same element in both (a long array of the program's statements): kept where it is
        // by fill(), without the cost of noting each one
        if (a !== b && isObj(a) && isObj(b)) out.push([a, b]);
      }
    } else if (!(s instanceof Set)) {
      for (const k of Reflect.ownKeys(s)) {
        const a = (s as Record<PropertyKey, unknown>)[k];
        const b = (d as Record<PropertyKey, unknown>)[k];
        if (isObj(a) && isObj(b)) out.push([a, b]);
      }
    }
    return out;
  }

  /**
   * A typed array of the skeleton takes the source's contents in place when it has the same kind
   * and size. Except a large one of a fresh skeleton: it is replaced by a new array, as a new
   * buffer is zero without being touched, so only its non-zero chunks cost anything (reading or
   * writing every page of a fresh 256 MiB buffer costs a page fault each).
   */
  private pairBuffer(s: Obj, d: TypedArray | ArrayBuffer): boolean {
    if (!(d instanceof ArrayBuffer) && !wholeView(d)) return false;
    const target = d instanceof ArrayBuffer ? d : d.buffer;
    if (!(target instanceof ArrayBuffer) || (target.byteLength >= SPARSE_MIN && !this.inPlace)) return false;
    let from: ArrayBuffer | FrozenBuffer;
    if (d instanceof ArrayBuffer) {
      if (!(s instanceof ArrayBuffer || s instanceof FrozenBuffer)) return false;
      from = s;
    } else if (isTyped(s) && s.constructor === d.constructor && s.length === d.length && wholeView(s) && s.buffer instanceof ArrayBuffer) {
      from = s.buffer;
    } else if (s instanceof FrozenView && s.ctor === d.constructor && s.length === d.length && s.byteOffset === 0 && s.buffer.byteLength === target.byteLength) {
      from = s.buffer;
    } else {
      return false;
    }
    if (this.buffers.has(from) || from.byteLength !== target.byteLength) return false;
    if (from instanceof FrozenBuffer) from.writeTo(target);
    else new Uint8Array(target).set(new Uint8Array(from));
    this.buffers.set(from, target);
    this.memo.set(s, d);
    return true;
  }

  /** Step 2: the paired skeleton objects take the source's fields, then every new object is filled. */
  fill(): void {
    for (const [s, d] of this.pairs) this.fillPaired(s, d);
    for (let i = 0; i < this.pending.length; i++) this.fillNew(this.pending[i][0], this.pending[i][1]);
  }

  private fillPaired(s: Obj, d: Obj): void {
    if (s instanceof Map) {
      const m = d as Map<unknown, unknown>;
      m.clear();
      for (const [k, v] of s) m.set(this.copy(k), this.copy(v));
      return;
    }
    if (s instanceof Set) {
      const m = d as Set<unknown>;
      m.clear();
      for (const v of s) m.add(this.copy(v));
      return;
    }
    const src = s as Record<PropertyKey, unknown>;
    const dst = d as Record<PropertyKey, unknown>;
    if (Array.isArray(s)) {
      (d as unknown[]).length = s.length;
      for (let i = 0; i < s.length; i++) this.setField(dst, i, src[i]);
      return;
    }
    const keys = Reflect.ownKeys(s);
    for (const k of keys) this.setField(dst, k, src[k]);
    const had = new Set(keys);
    for (const k of Reflect.ownKeys(d)) if (!had.has(k) && typeof dst[k] !== 'function') delete dst[k];
  }

  private setField(dst: Record<PropertyKey, unknown>, k: PropertyKey, v: unknown): void {
    if (dst[k] === v && isObj(v)) return; // the same object in both: shared
    if (v === SAME) {
      if (!Array.isArray(dst[k])) throw new Error(`state_clone: field ${String(k)} was the skeleton's array, and the skeleton has none there`);
      return;
    }
    if (typeof v === 'function' || v === DROPPED) {
      if (!Object.hasOwn(dst, k) || typeof dst[k] !== 'function') throw new Error(`state_clone: a function in field ${String(k)} that the skeleton has not: a closure made after construction cannot be copied`);
      return;
    }
    const c = this.copy(v);
    if (dst[k] === c) return;
    if (!Reflect.set(dst, k, c)) throw new Error(`state_clone: field ${String(k)} of a skeleton object cannot be written`);
  }

  private fillNew(s: Obj, d: Obj): void {
    if (s instanceof Map) {
      for (const [k, v] of s) (d as Map<unknown, unknown>).set(this.copy(k), this.copy(v));
      this.stats.objects += s.size;
      return;
    }
    if (s instanceof Set) {
      for (const v of s) (d as Set<unknown>).add(this.copy(v));
      this.stats.objects += s.size;
      return;
    }
    const src = s as Record<PropertyKey, unknown>;
    if (Array.isArray(s)) {
      const out = d as unknown[];
      const twin = this.twins.get(s);
      for (let i = 0; i < s.length; i++) out[i] = twin !== undefined && twin[i] === src[i] ? src[i] : this.copyField(src[i], i);
      this.stats.objects += s.length >> 3;
      return;
    }
    const keys = Object.keys(s);
    const all = Reflect.ownKeys(s);
    if (Object.isExtensible(s) && keys.length === all.length) {
      // the common case, five times faster than through descriptors (a field made read-only by
      // defineProperty on an object that can still grow would be copied writable)
      const dst = d as Record<string, unknown>;
      for (const k of keys) dst[k] = this.copyField(src[k], k);
      return;
    }
    for (const k of all) {
      const desc = Object.getOwnPropertyDescriptor(s, k)!;
      if (desc.get !== undefined || desc.set !== undefined) throw new Error(`state_clone: accessor ${String(k)} on an object`);
      Object.defineProperty(d, k, { ...desc, value: this.copyField(desc.value, k) });
    }
    if (!Object.isExtensible(s)) Object.preventExtensions(d);
  }

  private copyField(v: unknown, k: PropertyKey): unknown {
    if (v === SAME && !this.frozen) throw new Error(`state_clone: field ${String(k)} was the skeleton's array, in an object the skeleton has not`);
    if (typeof v === 'function' || v === DROPPED) {
      if (this.frozen) return DROPPED;
      throw new Error(`state_clone: a function in field ${String(k)} of an object the skeleton has not: a closure made after construction cannot be copied`);
    }
    return this.copy(v);
  }

  /** The copy of a value: itself for primitives, the memoised copy, or a new copy (filled later). */
  copy(v: unknown): unknown {
    if (!isObj(v)) return v;
    const known = this.memo.get(v);
    if (known !== undefined) return known;
    let out: Obj;
    if (typeof v === 'function') throw new Error('state_clone: a function as a Map or Set element cannot be copied');
    if (this.frozen && Array.isArray(v) && sameElements(v, this.twins.get(v))) {
      this.memo.set(v, SAME);
      return SAME;
    }
    if (isTyped(v)) out = this.copyView(kindOf(v), v.buffer, v.byteOffset, v.length);
    else if (v instanceof FrozenView) out = this.copyView(v.kind, v.buffer, v.byteOffset, v.length);
    else if (v instanceof ArrayBuffer || v instanceof FrozenBuffer) out = this.copyBuffer(v);
    else if (unsupported(v)) throw new Error(`state_clone: cannot copy a ${Object.prototype.toString.call(v)}`);
    else {
      if (v instanceof Map) out = new Map();
      else if (v instanceof Set) out = new Set();
      else if (Array.isArray(v)) out = [];
      else out = Object.create(Object.getPrototypeOf(v) as object | null) as Obj;
      this.stats.objects++;
      this.pending.push([v, out]);
    }
    this.memo.set(v, out);
    return out;
  }

  private copyView(kind: string, buffer: ArrayBufferLike | FrozenBuffer, byteOffset: number, length: number): Obj {
    const b = this.copyBuffer(buffer);
    if (b instanceof FrozenBuffer) return new FrozenView(kind, b, byteOffset, length);
    return new TYPED_ARRAYS[kind](b, byteOffset, length);
  }

  private copyBuffer(b: ArrayBufferLike | FrozenBuffer): ArrayBuffer | FrozenBuffer {
    const known = this.buffers.get(b);
    if (known !== undefined) return known as ArrayBuffer | FrozenBuffer;
    if (!(b instanceof ArrayBuffer || b instanceof FrozenBuffer)) throw new Error('state_clone: cannot copy a SharedArrayBuffer');
    let out: ArrayBuffer | FrozenBuffer;
    if (this.frozen) {
      out = b instanceof FrozenBuffer ? b : FrozenBuffer.of(b);
      this.stats.scanned += b.byteLength;
      this.stats.stored += out.stored;
    } else {
      out = b instanceof FrozenBuffer ? b.materialize() : b.byteLength >= SPARSE_MIN ? FrozenBuffer.of(b).materialize() : b.slice(0);
    }
    this.buffers.set(b, out);
    return out;
  }
}

/**
 * Copies `source` (a live graph, or the root of a Frozen one) into `skeleton`, and returns the
 * skeleton. The source is only read. The skeleton is an object of the same kind constructed the
 * normal way: freshly, or one already in use (`inPlace`, e.g. the machine a session is showing),
 * whose objects are then reused where they match and whose large buffers are overwritten in place
 * (their pages are already there: no new memory, no page faults) rather than replaced. Objects of
 * the skeleton that others outside it still hold (`keep`) are left as they are, and replaced.
 */
export function restore<T extends Obj>(source: T | Frozen<T>, skeleton: T, options: { inPlace?: boolean; keep?: ReadonlySet<Obj> } = {}): T {
  const c = new Copier(false, options.inPlace === true, options.keep);
  const root = (source instanceof Frozen ? source.root : source) as Obj;
  c.pair(root, skeleton);
  c.fill();
  return skeleton;
}

/**
 * The stored form of `live`: a copy holding no function and nothing of `live` (buffers sparse),
 * sharing only what `live` and a fresh `skeleton` of the same kind share. restore() brings it back.
 */
export function freeze<T extends Obj>(live: T, skeleton: T): Frozen<T> {
  const c = new Copier(true);
  c.pair(live, skeleton);
  const root = c.copy(live);
  c.fill();
  return new Frozen<T>(root, c.stats);
}

/** The size of a graph without reading its buffers: objects, and buffer bytes (as `scanned`; `stored` 0). */
export function sizeOf(root: Obj): CopyStats {
  const out: CopyStats = { objects: 0, scanned: 0, stored: 0 };
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (!seen.has(v.buffer)) out.scanned += v.buffer.byteLength;
      seen.add(v.buffer);
      continue;
    }
    out.objects++;
    if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    else if (v instanceof Set) for (const x of v) stack.push(x);
    else for (const k of Reflect.ownKeys(v)) stack.push((v as Record<PropertyKey, unknown>)[k]);
  }
  return out;
}
