/**
 * tlb_ghosts: the TLB entries a step's fills evicted, to draw as faded ghosts beside the slot that
 * was refilled (TlbGhost.tsx). Read from the tlb_fill events (evictedTask, evictedVpn,
 * evictedFrame: -1 when the slot was empty) and the snapshot after the step (which slot holds the
 * filled entry now, and the evicted task's name). Pure.
 */
import type { KernelEvent } from '../../kernel/events';
import type { MachineSnapshot } from '../../kernel/snapshot';
import { hex } from './format';

export interface TlbGhost {
  /** The slot that was refilled. */
  slot: number;
  /** What it held: "evicted A 0x12→2" style label parts. */
  task: string;
  vpn: number;
  frame: number;
  /** Its label: what was evicted (task, virtual page, frame). */
  label: string;
}

/** The evicted entry a tlb_fill reports (null: it filled an empty slot). */
function evicted(e: KernelEvent): { task: number; vpn: number; frame: number } | null {
  if (e.type !== 'tlb_fill' || e.evictedTask < 0 || e.evictedVpn < 0) return null;
  return { task: e.evictedTask, vpn: e.evictedVpn, frame: e.evictedFrame };
}

/** The ghosts of the entries `events` evicted, by the slot the fill now holds (one per slot: the last eviction). */
export function tlbGhosts(events: readonly KernelEvent[], snap: MachineSnapshot): TlbGhost[] {
  const bySlot = new Map<number, TlbGhost>();
  for (const e of events) {
    const gone = evicted(e);
    if (gone === null || e.type !== 'tlb_fill') continue;
    const slot = snap.tlb.find((t) => t.asid === e.task && t.vpn === e.vpn);
    if (slot === undefined) continue;
    const task = snap.tasks.find((t) => t.id === gone.task)?.name ?? `task ${gone.task}`;
    const frame = gone.frame >= 0 ? `→${gone.frame}` : '';
    bySlot.set(slot.index, { slot: slot.index, task, vpn: gone.vpn, frame: gone.frame, label: `${task} ${hex(gone.vpn)}${frame}` });
  }
  return [...bySlot.values()];
}
