/**
 * extras: what the presentation layout reads of the snapshot's newer fields (part snap adds
 * TaskSnapshot.pmap and MachineSnapshot.framePreview, with preview.ts's framePreviewText). Read
 * through here only, so a snapshot without them (an older one, a test's hand-made one) draws
 * "no pmap" and no bytes instead of failing.
 */
import type { MachineSnapshot, TaskSnapshot } from '../../../../kernel/snapshot';

/** One mapping of a task's pmap: virtual page → frame, with the pmap's protection. */
export interface PmapMapping {
  vpn: number;
  frame: number;
  prot: number;
}

/** The task's pmap mappings by vpn (empty when the snapshot carries none). */
export function pmapOf(t: TaskSnapshot): Map<number, PmapMapping> {
  const list = (t as TaskSnapshot & { pmap?: PmapMapping[] }).pmap ?? [];
  return new Map(list.map((m) => [m.vpn, m]));
}

/** Bytes per frame in framePreview (snapshot.ts's PREVIEW_BYTES). */
const PREVIEW_BYTES = 8;

/**
 * A frame's first bytes as short text: printable ASCII up to the first NUL, "0000" for a page of
 * zeros, hex pairs otherwise; null when the snapshot has no preview of it.
 */
export function frameBytes(snap: MachineSnapshot, frame: number): string | null {
  const p = (snap as MachineSnapshot & { framePreview?: Uint8Array }).framePreview;
  if (p === undefined || !Number.isInteger(frame) || frame < 0 || (frame + 1) * PREVIEW_BYTES > p.length) return null;
  const bytes = p.subarray(frame * PREVIEW_BYTES, (frame + 1) * PREVIEW_BYTES);
  const end = bytes.indexOf(0);
  const used = end < 0 ? bytes : bytes.subarray(0, end);
  if (used.length === 0) return '0000';
  if (used.every((b) => b >= 0x20 && b < 0x7f)) return String.fromCharCode(...used);
  return [...used.subarray(0, 3)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
