/**
 * phys_mem: the machine's page frames, their bytes and their bookkeeping (xnu vm_page / vm_resident.c,
 * GNU Mach vm/vm_resident.c and vm_pageout.c).
 *
 *   frame:   0      1      2      3    ...  frames-1
 *   bytes:  [page] [page] [page] [page]      (one Uint8Array of frames × page_size)
 *   owner:   obj@off obj@off  free   obj@off
 *
 * A used frame holds one page of one VM object (object id + offset), and is linked into that
 * object's queue of resident pages (memqNext/memqPrev, xnu's vm_page listq; vm_page_table.ts keeps
 * the queue's ends). Per-frame flags live in typed arrays: referenced (for the clock), dirty
 * (written since it came in), busy (pinned by a fault in progress, never chosen for eviction), and
 * the number of pmap mappings pointing at it. The free list is a stack. When it is empty the
 * pageout daemon picks a victim by the clock (second chance over referenced bits); vm_pageout.ts
 * does the eviction itself.
 *
 * A free frame's bytes mean nothing: every frame taken is overwritten whole (zero fill, page-in,
 * copy-up, copy push). So save() keeps only what differs from a frame never used (the bookkeeping of
 * frames that were ever used, the free stack above its untouched bottom) and the bytes of used
 * frames that are not all zero: a checkpoint of a big machine holds what is in use, not the machine.
 */

export const NO_FRAME = -1;

/** PhysMem as plain data (kernel_state.ts). Immutable once made: restore() copies out of it. */
export interface PhysMemState {
  frames: number;
  pageSize: number;
  /** Frames whose bookkeeping differs from a never-used frame's (free, offset 0, no flag, unlinked)... */
  touched: Int32Array;
  /** ...and that bookkeeping, index by index. */
  owner: Int32Array;
  offset: Float64Array;
  referenced: Uint8Array;
  dirty: Uint8Array;
  busy: Uint8Array;
  mapCount: Int32Array;
  memqNext: Int32Array;
  memqPrev: Int32Array;
  /** Entries [0, freeBase) of the free stack hold frames - 1 - i, as at boot; freeStack holds the rest up to the top. */
  freeBase: number;
  freeStack: Int32Array;
  hand: number;
  /** Used frames whose bytes are not all zero, and their bytes, one page after the other. */
  pageFrames: Int32Array;
  pages: Uint8Array;
}

export class PhysMem {
  readonly bytes: Uint8Array;
  /** Id of the owning VM object, 0 when the frame is free. */
  readonly owner: Int32Array;
  readonly offset: Float64Array;
  readonly referenced: Uint8Array;
  readonly dirty: Uint8Array;
  readonly busy: Uint8Array;
  readonly mapCount: Int32Array;
  /** The next and previous frame in the owning object's resident-page queue (NO_FRAME at the ends). */
  readonly memqNext: Int32Array;
  readonly memqPrev: Int32Array;
  private readonly freeStack: Int32Array;
  private freeTop: number;
  private hand = 0;

  constructor(
    readonly frames: number,
    readonly pageSize: number,
  ) {
    this.bytes = new Uint8Array(frames * pageSize);
    this.owner = new Int32Array(frames);
    this.offset = new Float64Array(frames);
    this.referenced = new Uint8Array(frames);
    this.dirty = new Uint8Array(frames);
    this.busy = new Uint8Array(frames);
    this.mapCount = new Int32Array(frames);
    this.memqNext = new Int32Array(frames).fill(NO_FRAME);
    this.memqPrev = new Int32Array(frames).fill(NO_FRAME);
    this.freeStack = new Int32Array(frames);
    // lowest frame numbers come out first, so small scenarios read naturally
    for (let i = 0; i < frames; i++) this.freeStack[i] = frames - 1 - i;
    this.freeTop = frames;
  }

  get freeCount(): number {
    return this.freeTop;
  }

  /** Takes a free frame for object `owner` at `offset`, or NO_FRAME when none is free. */
  allocate(owner: number, offset: number): number {
    if (this.freeTop === 0) return NO_FRAME;
    const pfn = this.freeStack[--this.freeTop];
    this.owner[pfn] = owner;
    this.offset[pfn] = offset;
    this.referenced[pfn] = 1;
    this.dirty[pfn] = 0;
    this.busy[pfn] = 0;
    this.mapCount[pfn] = 0;
    return pfn;
  }

  /** Returns a frame to the free list; its mappings must already be gone. */
  free(pfn: number): void {
    this.owner[pfn] = 0;
    this.dirty[pfn] = 0;
    this.referenced[pfn] = 0;
    this.busy[pfn] = 0;
    this.freeStack[this.freeTop++] = pfn;
  }

  /** The bytes of one frame (a view, not a copy). */
  page(pfn: number): Uint8Array {
    return this.bytes.subarray(pfn * this.pageSize, (pfn + 1) * this.pageSize);
  }

  zero(pfn: number): void {
    this.bytes.fill(0, pfn * this.pageSize, (pfn + 1) * this.pageSize);
  }

  copy(from: number, to: number): void {
    this.bytes.copyWithin(to * this.pageSize, from * this.pageSize, (from + 1) * this.pageSize);
  }

  /**
   * The clock: sweeps from the hand, clearing referenced bits (second chance; onClear is told, so
   * the TLB entries of the frame can be shot down), and returns the first used, unreferenced, not
   * busy frame; NO_FRAME when every frame is busy or free.
   */
  clockVictim(onClear: (pfn: number) => void = () => {}): number {
    for (let n = 0; n < 2 * this.frames; n++) {
      const pfn = this.hand;
      this.hand = (this.hand + 1) % this.frames;
      if (this.owner[pfn] === 0 || this.busy[pfn] === 1) continue;
      if (this.referenced[pfn] === 1) {
        this.referenced[pfn] = 0;
        onClear(pfn); // the translations must go, or an access through the TLB would never set it again
        continue;
      }
      return pfn;
    }
    return NO_FRAME;
  }

  /** Frame numbers in use, for checks and the UI. */
  usedFrames(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.frames; i++) if (this.owner[i] !== 0) out.push(i);
    return out;
  }

  isFree(pfn: number): boolean {
    for (let i = 0; i < this.freeTop; i++) if (this.freeStack[i] === pfn) return true;
    return false;
  }

  /** True when frame pfn's bytes are all zero. */
  private isZeroPage(words: Int32Array, pfn: number): boolean {
    const n = this.pageSize >> 2;
    for (let w = pfn * n, end = w + n; w < end; w++) if (words[w] !== 0) return false;
    return true;
  }

  private get words(): Int32Array {
    return new Int32Array(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength >> 2);
  }

  save(): PhysMemState {
    const { frames, pageSize } = this;
    const list = new Int32Array(frames);
    let n = 0;
    for (let i = 0; i < frames; i++) {
      if (this.owner[i] !== 0 || this.offset[i] !== 0 || this.referenced[i] !== 0 || this.dirty[i] !== 0 || this.busy[i] !== 0 ||
        this.mapCount[i] !== 0 || this.memqNext[i] !== NO_FRAME || this.memqPrev[i] !== NO_FRAME) list[n++] = i;
    }
    const touched = list.slice(0, n);
    const pick = <T extends Int32Array | Float64Array | Uint8Array>(a: T, out: T): T => {
      for (let j = 0; j < n; j++) out[j] = a[touched[j]];
      return out;
    };
    let freeBase = 0;
    while (freeBase < this.freeTop && this.freeStack[freeBase] === frames - 1 - freeBase) freeBase++;
    const words = this.words;
    let used = 0;
    for (let j = 0; j < n; j++) if (this.owner[touched[j]] !== 0 && !this.isZeroPage(words, touched[j])) list[used++] = touched[j];
    const pageFrames = list.slice(0, used);
    const pages = new Uint8Array(used * pageSize);
    for (let j = 0; j < used; j++) pages.set(this.page(pageFrames[j]), j * pageSize);
    return {
      frames, pageSize, touched,
      owner: pick(this.owner, new Int32Array(n)), offset: pick(this.offset, new Float64Array(n)),
      referenced: pick(this.referenced, new Uint8Array(n)), dirty: pick(this.dirty, new Uint8Array(n)),
      busy: pick(this.busy, new Uint8Array(n)), mapCount: pick(this.mapCount, new Int32Array(n)),
      memqNext: pick(this.memqNext, new Int32Array(n)), memqPrev: pick(this.memqPrev, new Int32Array(n)),
      freeBase, freeStack: this.freeStack.slice(freeBase, this.freeTop), hand: this.hand, pageFrames, pages,
    };
  }

  /**
   * Becomes the saved frames. The bytes of a frame free in the save are left as they are (they mean
   * nothing); a used frame whose bytes were all zero is zeroed only where it is not (a new machine's
   * memory stays untouched).
   */
  restore(s: PhysMemState): void {
    if (s.frames !== this.frames || s.pageSize !== this.pageSize) throw new Error(`phys_mem: a save of ${s.frames} frames of ${s.pageSize} bytes cannot be restored into ${this.frames} of ${this.pageSize}`);
    this.owner.fill(0);
    this.offset.fill(0);
    this.referenced.fill(0);
    this.dirty.fill(0);
    this.busy.fill(0);
    this.mapCount.fill(0);
    this.memqNext.fill(NO_FRAME);
    this.memqPrev.fill(NO_FRAME);
    const t = s.touched;
    for (let j = 0; j < t.length; j++) {
      const i = t[j];
      this.owner[i] = s.owner[j];
      this.offset[i] = s.offset[j];
      this.referenced[i] = s.referenced[j];
      this.dirty[i] = s.dirty[j];
      this.busy[i] = s.busy[j];
      this.mapCount[i] = s.mapCount[j];
      this.memqNext[i] = s.memqNext[j];
      this.memqPrev[i] = s.memqPrev[j];
    }
    for (let i = 0; i < s.freeBase; i++) this.freeStack[i] = this.frames - 1 - i;
    this.freeStack.set(s.freeStack, s.freeBase);
    this.freeTop = s.freeBase + s.freeStack.length;
    this.hand = s.hand;
    const words = this.words;
    let p = 0;
    for (let j = 0; j < t.length; j++) {
      const i = t[j];
      if (this.owner[i] === 0) continue;
      if (p < s.pageFrames.length && s.pageFrames[p] === i) {
        this.bytes.set(s.pages.subarray(p * this.pageSize, (p + 1) * this.pageSize), i * this.pageSize);
        p++;
      } else if (!this.isZeroPage(words, i)) {
        this.zero(i);
      }
    }
  }
}
