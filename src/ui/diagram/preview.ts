/**
 * preview: a page's first bytes as a short text for the diagram ("parent d", "child da",
 * "7f 45 4c 46"), read from the snapshot's framePreview (the kernel copies the first PREVIEW_BYTES
 * of every frame; snapshot.ts). Pure; never re-reads the machine, never scans more than
 * PREVIEW_BYTES bytes (plus a binary search of an object's pages).
 *
 * The text of PREVIEW_BYTES bytes:
 *  - all zero → ZEROS_TEXT ("0000…"): a zero-filled page, or one not written at its start;
 *  - printable ASCII (space to ~) up to the first NUL, or all of them → those characters (eight
 *    characters may be the start of a longer string: "parent d" for "parent data");
 *  - anything else → the bytes as hex pairs up to the last non-zero one ("7f 45 4c 46").
 * It is null when there is nothing to show: a machine of more than PREVIEW_FRAME_LIMIT frames (no
 * previews), a frame number out of range, an object or page not resident. It is never "".
 */
import type { MachineSnapshot } from '../../kernel/snapshot';
import { PREVIEW_BYTES } from '../../kernel/snapshot_limits';

/** The text of a preview whose bytes are all zero. */
export const ZEROS_TEXT = '0000…';

const PRINTABLE_LOW = 0x20;
const PRINTABLE_HIGH = 0x7e;

/** The text of a frame's first bytes, or null when the snapshot has none for it. */
export function framePreviewText(snap: MachineSnapshot, frame: number): string | null {
  const frames = snap.framePreview.length / PREVIEW_BYTES;
  if (!Number.isInteger(frame) || frame < 0 || frame >= frames) return null;
  return previewText(snap.framePreview.subarray(frame * PREVIEW_BYTES, (frame + 1) * PREVIEW_BYTES));
}

/** The text of the first bytes of object `object`'s resident page at `offset`, or null (not resident, no previews). */
export function pagePreviewText(snap: MachineSnapshot, object: number, offset: number): string | null {
  const o = snap.objects.find((x) => x.id === object);
  if (o === undefined) return null;
  const frame = residentFrame(o.pages, offset);
  return frame === null ? null : framePreviewText(snap, frame);
}

/** The frame of the page at offset in a page list sorted by offset, or null. */
function residentFrame(pages: readonly [number, number][], offset: number): number | null {
  let lo = 0;
  let hi = pages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = pages[mid][0];
    if (at === offset) return pages[mid][1];
    if (at < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

/** The text of some bytes (see the header): zeros marker, printable text, or hex pairs. */
export function previewText(bytes: Uint8Array): string {
  let lastNonZero = -1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) lastNonZero = i;
  if (lastNonZero < 0) return ZEROS_TEXT;
  const nul = bytes.indexOf(0);
  const end = nul < 0 ? bytes.length : nul;
  let printable = end > 0;
  for (let i = 0; i < end && printable; i++) printable = bytes[i] >= PRINTABLE_LOW && bytes[i] <= PRINTABLE_HIGH;
  if (printable) return String.fromCharCode(...bytes.subarray(0, end));
  const pairs: string[] = [];
  for (let i = 0; i <= lastNonZero; i++) pairs.push(bytes[i].toString(16).padStart(2, '0'));
  return pairs.join(' ');
}
