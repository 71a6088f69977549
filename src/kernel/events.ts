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
  | { type: 'object_created'; object: number; size: number; pager: string | null; reason: 'anonymous' | 'memory_object' | 'copy_object' }
  | { type: 'object_extended'; object: number; size: number }
  | { type: 'object_freed'; object: number }
  | { type: 'object_cached'; object: number; pager: string }
  | { type: 'copy_object_reused'; object: number; source: number }
  | { type: 'memory_object_init'; pager: string; object: number; ok: boolean };

export type KernelEventType = KernelEvent['type'];

/** Where the kernel sends events: an array while tracing, nothing while not. */
export interface EventSink {
  emit(event: KernelEvent): void;
}

export class TraceBuffer implements EventSink {
  events: KernelEvent[] = [];
  emit(event: KernelEvent): void {
    this.events.push(event);
  }
  /** Hands over the events recorded since the last take. */
  take(): KernelEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }
}

export const NULL_SINK: EventSink = { emit() {} };
