/**
 * The trace: a discriminated union of everything the kernel does, in the order it does it, each
 * event stamped with why it happened. The UI animates these and the narration explains them, so
 * each event carries the ids it touches (task, entry, object, pager, addresses) and the operation
 * it belongs to (a trap, the fault it took, the copy-up or pageout inside that fault...). Events
 * are plain data: they cross the worker boundary as they are. Tracing is off (null sink) for
 * benchmarks and fuzzing.
 *
 *   op 0 call vm_protect ─┬─ entry_protected
 *                         └─ op 1 shootdown ─ pmap_protect, tlb_shootdown
 *   op 0 call write ── op 1 trap ─┬─ tlb_miss                           (a fork child's first write)
 *                                 ├─ op 2 fault ─┬─ fault_begin
 *                                 │              ├─ op 3 shadow ─ object_created, shadow_created
 *                                 │              ├─ op 4 cow_copy ─┬─ op 5 page_grab ─ frame_allocated
 *                                 │              │                 ├─ op 6 shootdown ─ pmap_remove, tlb_shootdown
 *                                 │              │                 └─ cow_copy
 *                                 │              ├─ op 7 collapse ─ object_bypassed
 *                                 │              └─ fault_end
 *                                 └─ pmap_enter, tlb_fill
 * (on a full machine, op 5 would hold a 'pageout' op first: the evicted page's shootdown and
 * memory_object_data_return.) The kernel opens ops only while tracing.
 */

/** What kind of kernel operation a group of events belongs to. */
export type OpKind =
  | 'call' // op 0: the statement's own call (vm_map, vm_protect, fork, ...)
  | 'trap' // a memory access: TLB lookup, pmap, then maybe a fault
  | 'fault' // vm_fault: the chain walk
  | 'shadow' // needs_copy → a new shadow object in front (vm_object_shadow)
  | 'zero_fill'
  | 'page_in' // memory_object_data_request → supply / unavailable
  | 'cow_copy' // copy-up into the top object (+ the disconnect of the old page's mappings)
  | 'copy_push' // delayed copy: push into the copy object (+ disconnect)
  | 'collapse' // vm_object_collapse / bypass
  | 'page_grab' // taking a frame (may run the pageout daemon)
  | 'pageout' // the clock evicting one page (data_return, pmap removes, shootdowns)
  | 'shootdown' // lowering/removing mappings of a page or range and their TLB entries
  | 'fork' // vm_map_fork
  | 'terminate'; // task_terminate

/** Stamped on every event by the trace when it is recorded. */
export interface EventCause {
  /** 0, 1, 2, ... in the order the statement's events happened (step-local). */
  id: number;
  /** The operation the event belongs to (step-local; 0 = the statement's call itself). */
  op: number;
  opKind: OpKind;
  /**
   * The operation that started `op`; null for op 0. (CONTRACT.md §1 calls it `parent`, but
   * task_created already has a `parent` field, the parent task, which the stamp would overwrite.)
   */
  parentOp: number | null;
}

/** What happened: the fields of each kind of event (the trace stamps its cause on it, EventCause). */
export type KernelEventBody =
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
  | { type: 'copy_push'; object: number; offset: number; copy: number; copyOffset: number; frame: number }
  | { type: 'pageout'; frame: number; object: number; offset: number; dirty: boolean }
  | { type: 'memory_object_data_request'; object: number; offset: number; pager: string }
  | { type: 'memory_object_data_supply'; object: number; offset: number; pager: string; frame: number }
  | { type: 'memory_object_data_unavailable'; object: number; offset: number; pager: string }
  | { type: 'memory_object_data_return'; object: number; offset: number; pager: string; dirty: boolean }
  // the access path: TLB, pmap, faults
  | { type: 'tlb_hit'; task: number; vpn: number; frame: number }
  | { type: 'tlb_miss'; task: number; vpn: number; access: number }
  /**
   * A TLB entry is loaded. evictedTask / evictedVpn / evictedFrame: the valid entry (any task's; a
   * task id is its ASID) the fill replaced in its way, or -1, -1, -1 when the way was empty or
   * invalid, or held an older entry of the same page (rewritten, not evicted).
   */
  | { type: 'tlb_fill'; task: number; vpn: number; frame: number; prot: number; evictedTask: number; evictedVpn: number; evictedFrame: number }
  | { type: 'tlb_shootdown'; task: number; vpn: number }
  | { type: 'fault_begin'; task: number; address: number; access: number }
  | { type: 'fault_end'; task: number; address: number; kr: number; frame: number; prot: number }
  | { type: 'pmap_enter'; task: number; vpn: number; frame: number; prot: number }
  | { type: 'pmap_remove'; task: number; vpn: number; frame: number }
  | { type: 'pmap_protect'; task: number; vpn: number; frame: number; prot: number };

export type KernelEvent = KernelEventBody & EventCause;

type KeysOf<T> = T extends unknown ? keyof T : never;
/** Fields both a body and the stamp have (the stamp would overwrite them): must stay never (events_cause.test.ts). */
export type StampClash = Extract<KeysOf<KernelEventBody>, keyof EventCause>;

export type KernelEventType = KernelEventBody['type'];

/**
 * Where the kernel sends events: an array while tracing, nothing while not.
 *
 * The kernel's emit sites write the cause's four fields into the event literal as placeholders
 * (`id: 0, op: 0, opKind: 'call', parentOp: null`) that the trace overwrites: the fields then live
 * inside the object (32 bytes an event) instead of in a property array added later (~65 bytes and a
 * discarded one): big traces stay small and the collector has less to do. A body without them works
 * too (tests, hand-made events); it is only larger.
 */
export interface EventSink {
  emit(event: KernelEventBody | KernelEvent): void;
  /** Opens an operation of `kind` inside the current one; events emitted until end() belong to it. */
  begin(kind: OpKind): void;
  /** Closes the innermost open operation. */
  end(): void;
}

/**
 * Records events with their cause. Operations are numbered when they get their first event (their
 * own or a nested operation's), in the order they were opened: an operation that recorded nothing
 * (a shootdown of a page nobody mapped) takes no number, so a statement's ops are 0..m-1 and a
 * parent always has a smaller number than its children.
 */
export class TraceBuffer implements EventSink {
  events: KernelEvent[] = [];
  /** Statements (takes) whose begin/end did not balance: a kernel bug, for the tests to catch. */
  unbalancedTakes = 0;
  /** The open operations, outermost (op 0, the call) first: kind, and number (-1 until it has an event). */
  private readonly kinds: OpKind[] = ['call'];
  private readonly ops: number[] = [0];
  private nextOp = 1;
  /** Called after each event is recorded, while someone watches the machine event by event (the worker's per-event states). */
  onEmit: ((event: KernelEvent) => void) | null = null;

  /** Stamps the cause on the event itself (every emit site passes a fresh object: no copy is made). */
  emit(event: KernelEventBody | KernelEvent): void {
    const top = this.ops.length - 1;
    if (this.ops[top] < 0) this.number(top);
    const e = event as KernelEvent;
    e.id = this.events.length;
    e.op = this.ops[top];
    e.opKind = this.kinds[top];
    e.parentOp = top === 0 ? null : this.ops[top - 1];
    this.events.push(e);
    if (this.onEmit !== null) this.onEmit(e);
  }

  begin(kind: OpKind): void {
    this.kinds.push(kind);
    this.ops.push(-1);
  }

  end(): void {
    if (this.ops.length > 1) {
      this.kinds.pop();
      this.ops.pop();
    } else {
      this.unbalancedTakes++; // more ends than begins
    }
  }

  /** Operations open beyond op 0 (0 between statements when every begin had its end). */
  get depth(): number {
    return this.ops.length - 1;
  }

  /** Hands over the events recorded since the last take; ids and op numbers start again at 0. */
  take(): KernelEvent[] {
    const out = this.events;
    this.events = [];
    if (this.ops.length !== 1) this.unbalancedTakes++;
    this.kinds.length = 1;
    this.ops.length = 1;
    this.nextOp = 1;
    return out;
  }

  /** Numbers the open operations up to `level` that have no number yet (outermost first). */
  private number(level: number): void {
    let i = level;
    while (this.ops[i - 1] < 0) i--;
    for (; i <= level; i++) this.ops[i] = this.nextOp++;
  }
}

export const NULL_SINK: EventSink = { emit() {}, begin() {}, end() {} };
