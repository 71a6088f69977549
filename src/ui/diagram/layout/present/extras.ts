/**
 * extras: what the presentation layout reads of the snapshot's page contents and pmaps: each task's
 * pmap by virtual page (TaskSnapshot.pmap, the hardware page table's frame and protection) and a
 * frame's first bytes as short text (preview.ts's framePreviewText: "parent d", "0000…").
 */
import type { MachineSnapshot, PmapEntrySnapshot, TaskSnapshot } from '../../../../kernel/snapshot';
import { framePreviewText } from '../../preview';

/** The task's pmap mappings by vpn (the snapshot lists those of the lowest vpns). */
export function pmapOf(t: TaskSnapshot): Map<number, PmapEntrySnapshot> {
  return new Map(t.pmap.map((m) => [m.vpn, m]));
}

/** A frame's first bytes as short text, or null when the snapshot has none (a big machine). */
export function frameBytes(snap: MachineSnapshot, frame: number): string | null {
  return framePreviewText(snap, frame);
}
