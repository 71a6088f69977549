/**
 * page_source: where the page at an offset of an object chain comes from. The one decision the
 * fault path (vm_fault.ts) and the snapshot's resolved pages (resolve.ts) both make, so that what
 * the diagram shows is what a fault would find.
 *
 *   top ──shadow──▶ ... ──shadow──▶ bottom      walking down (offset += shadow offset), the first
 *                                               object that holds the page serves it:
 *     resident        a page in a frame
 *     pager           a file's pager supplies offsets inside its data (memory_object_data_request)
 *     swap            the default pager has the page it was given at pageout
 *     none            nobody holds it: a fault zero-fills a new page in the top object
 *
 * An object whose pager cannot supply the offset (a file's offset past its data, the default
 * pager without that page) does not stop the walk: the shadow below may hold the page.
 * No allocation: the answer is one shared record, overwritten by the next call (read it at once).
 */
import { NO_FRAME } from './phys_mem';
import type { VmObject } from './vm_object';

/** How a page is served (PageSource.how). */
export const SOURCE_NONE = 0;
export const SOURCE_RESIDENT = 1;
export const SOURCE_PAGER = 2;
export const SOURCE_SWAP = 3;

export interface PageSource {
  /** SOURCE_NONE, SOURCE_RESIDENT, SOURCE_PAGER or SOURCE_SWAP. */
  how: number;
  /** The object that serves the page (null for SOURCE_NONE). */
  object: VmObject | null;
  /** The page's offset in that object. */
  offset: number;
  /** Its frame when resident, else NO_FRAME. */
  frame: number;
}

const FOUND: PageSource = { how: SOURCE_NONE, object: null, offset: 0, frame: NO_FRAME };

/**
 * What object `o` itself holds at `offset`, without asking its shadow: resident (then the frame is
 * in the shared result's `frame`), with its file's pager, in the default pager's swap, or nothing.
 */
export function heldBy(o: VmObject, offset: number): number {
  const pfn = o.pages.get(offset);
  if (pfn !== NO_FRAME) {
    FOUND.frame = pfn;
    return SOURCE_RESIDENT;
  }
  if (o.pager !== null) return offset >= 0 && offset < o.pager.size ? SOURCE_PAGER : SOURCE_NONE;
  return o.swap !== null && o.swap.has(offset) ? SOURCE_SWAP : SOURCE_NONE;
}

/**
 * The first object of the chain from `o` down that holds the page at `offset` (of `o`), and how.
 * Pure. The returned record is shared: the next call overwrites it.
 */
export function findPage(o: VmObject, offset: number): PageSource {
  let cur: VmObject | null = o;
  let off = offset;
  while (cur !== null) {
    const how = heldBy(cur, off);
    if (how !== SOURCE_NONE) {
      if (how !== SOURCE_RESIDENT) FOUND.frame = NO_FRAME;
      FOUND.how = how;
      FOUND.object = cur;
      FOUND.offset = off;
      return FOUND;
    }
    off += cur.shadowOffset;
    cur = cur.shadow;
  }
  FOUND.how = SOURCE_NONE;
  FOUND.object = null;
  FOUND.offset = offset;
  FOUND.frame = NO_FRAME;
  return FOUND;
}

/** True when a fault asks `o`'s default pager for a page it lacks (it answers data_unavailable). */
export function asksDefaultPager(o: VmObject): boolean {
  return o.pager === null && o.swap !== null;
}
