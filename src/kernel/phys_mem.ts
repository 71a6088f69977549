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
 */

export const NO_FRAME = -1;

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
}
