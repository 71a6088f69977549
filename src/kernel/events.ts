/**
 * The trace: a discriminated union of everything the kernel does, in the order it does it.
 * The UI animates these and the narration explains them, so each event carries the ids it touches
 * (task, entry, object, pager, addresses). Events are plain data: they cross the worker boundary
 * as they are. Tracing is off (null sink) for benchmarks and fuzzing.
 */

export type KernelEvent =
  | { type: 'task_created'; task: number; name: string; parent: number | null }
  | { type: 'task_terminated'; task: number }
  | { type: 'entry_inserted'; task: number; entry: number; start: number; end: number; object: number; offset: number; prot: number; max: number; inheritance: number; needsCopy: boolean }
  | { type: 'entry_extended'; task: number; entry: number; start: number; end: number }
  | { type: 'entry_clipped'; task: number; entry: number; newEntry: number; at: number }
  | { type: 'entries_merged'; task: number; kept: number; removed: number; start: number; end: number }
  | { type: 'entry_removed'; task: number; entry: number; start: number; end: number }
  | { type: 'entry_protected'; task: number; entry: number; prot: number; max: number }
  | { type: 'entry_inherit'; task: number; entry: number; inheritance: number }
  | { type: 'object_created'; object: number; size: number; pager: string | null; reason: 'anonymous' | 'memory_object' | 'copy_object' | 'shadow' }
  | { type: 'object_extended'; object: number; size: number }
  | { type: 'object_freed'; object: number }
  | { type: 'object_cached'; object: number; pager: string }
  | { type: 'copy_object_reused'; object: number; source: number }
  | { type: 'memory_object_init'; pager: string; object: number; ok: boolean }
  // the memory half: objects and pages
  | { type: 'object_attached'; task: number; entry: number; object: number }
  | { type: 'object_shared'; object: number }
  | { type: 'needs_copy_set'; task: number; entry: number; object: number }
  | { type: 'needs_copy_cleared'; task: number; entry: number; object: number }
  | { type: 'shadow_created'; task: number; entry: number; object: number; shadow: number; shadowOffset: number }
  | { type: 'object_collapsed'; object: number; absorbed: number; shadow: number }
  | { type: 'object_bypassed'; object: number; bypassed: number; shadow: number }
  | { type: 'frame_allocated'; frame: number; object: number; offset: number }
  | { type: 'frame_freed'; frame: number; object: number; offset: number }
  | { type: 'page_moved'; frame: number; from: number; fromOffset: number; to: number; toOffset: number }
  | { type: 'zero_fill'; task: number; object: number; offset: number; frame: number }
  | { type: 'cow_copy'; task: number; from: number; fromOffset: number; fromFrame: number; to: number; toOffset: number; frame: number }
  | { type: 'copy_push'; object: number; offset: number; copy: number; frame: number }
  | { type: 'pageout'; frame: number; object: number; offset: number; dirty: boolean }
  | { type: 'memory_object_data_request'; object: number; offset: number; pager: string }
  | { type: 'memory_object_data_supply'; object: number; offset: number; pager: string; frame: number }
  | { type: 'memory_object_data_unavailable'; object: number; offset: number; pager: string }
  | { type: 'memory_object_data_return'; object: number; offset: number; pager: string; dirty: boolean }
  // the access path: TLB, pmap, faults
  | { type: 'tlb_hit'; task: number; vpn: number; frame: number }
  | { type: 'tlb_miss'; task: number; vpn: number; access: number }
  | { type: 'tlb_fill'; task: number; vpn: number; frame: number; prot: number }
  | { type: 'tlb_shootdown'; task: number; vpn: number }
  | { type: 'fault_begin'; task: number; address: number; access: number }
  | { type: 'fault_end'; task: number; address: number; kr: number; frame: number; prot: number }
  | { type: 'pmap_enter'; task: number; vpn: number; frame: number; prot: number }
  | { type: 'pmap_remove'; task: number; vpn: number; frame: number }
  | { type: 'pmap_protect'; task: number; vpn: number; frame: number; prot: number };

export type KernelEventType = KernelEvent['type'];

/** Where the kernel sends events: an array while tracing, nothing while not. */
export interface EventSink {
  emit(event: KernelEvent): void;
}

export class TraceBuffer implements EventSink {
  events: KernelEvent[] = [];
  /** Called after each event is recorded, while someone watches the machine event by event (the worker's per-event states). */
  onEmit: ((event: KernelEvent) => void) | null = null;
  emit(event: KernelEvent): void {
    this.events.push(event);
    if (this.onEmit !== null) this.onEmit(event);
  }
  /** Hands over the events recorded since the last take. */
  take(): KernelEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }
}

export const NULL_SINK: EventSink = { emit() {} };
