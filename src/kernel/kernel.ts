/**
 * kernel: the facade of the simulated Mach kernel. One Kernel is one machine: its configuration,
 * its tasks, VM objects and pagers, page frames, pmaps and TLB, and the trace of what it did.
 * Deterministic: the same calls give the same ids, addresses, frames and events, so time travel
 * is a replay.
 *
 * The calls themselves (argument checks and rules) live in vm_user.ts, vm_remap.ts and
 * vm_map_copy.ts, the access path in trap.ts; this file owns the state and wires the layers.
 * The state is private: the kernel's own modules reach it through partsOf(), everything else
 * through the Kernel's calls and queries. save() / restore() turn it into plain data and back
 * (kernel_state.ts), for replay checkpoints.
 */
import { TraceBuffer, NULL_SINK, type EventSink } from './events';
import { MemoryObject } from './memory_object';
import { NO_FRAME, PhysMem } from './phys_mem';
import { PmapSystem } from './pmap';
import { Task } from './task';
import { ASID_LIMIT, Tlb } from './tlb';
import { VmMap, type VmMapContext } from './vm_map';
import { vmMapFork } from './vm_map_fork';
import { VmObjects } from './vm_object';
import { collapse } from './vm_object_collapse';
import { VM_PROT_ALL, VM_PROT_WRITE, roundPage } from './vm_param';
import { freePages } from './vm_resident';
import { cleanPages } from './vm_pageout';
import { VmStats, type VmSystem } from './vm_system';
import { restoreKernel, saveKernel, type KernelState } from './kernel_state';

export interface KernelConfig {
  pageSize: number;
  frames: number;
  tlbEntries: number;
  tlbWays: number;
  addressBits: number;
}

export const DEFAULT_CONFIG: Readonly<KernelConfig> = {
  pageSize: 4096,
  frames: 64,
  tlbEntries: 16,
  tlbWays: 4,
  addressBits: 32,
};

/** Limits that keep a machine small enough to simulate and draw. */
export const CONFIG_LIMITS = {
  pageSize: [4096, 16384],
  frames: { min: 2, max: 65536 },
  tlbEntries: { min: 1, max: 4096 },
  addressBits: { min: 20, max: 48 },
} as const;

/**
 * The most tasks one machine may have had (terminated ones count: their ids are not reused). The
 * diagram draws every task's map side by side and cannot show more; the TLB tags entries with a
 * task's id and needs ids below ASID_LIMIT.
 */
export const MAX_TASKS = 512;

/** Why a configuration is not a machine we simulate, or null when it is. */
export function validateConfig(c: KernelConfig): string | null {
  if (!CONFIG_LIMITS.pageSize.includes(c.pageSize as 4096)) return `page_size must be 4096 or 16384, not ${c.pageSize}`;
  const { frames, tlbEntries, addressBits } = CONFIG_LIMITS;
  if (!Number.isSafeInteger(c.frames) || c.frames < frames.min || c.frames > frames.max)
    return `frames must be between ${frames.min} and ${frames.max}, not ${c.frames}`;
  if (!Number.isSafeInteger(c.tlbEntries) || c.tlbEntries < tlbEntries.min || c.tlbEntries > tlbEntries.max)
    return `tlb_entries must be between ${tlbEntries.min} and ${tlbEntries.max}, not ${c.tlbEntries}`;
  if (!Number.isSafeInteger(c.tlbWays) || c.tlbWays < 1 || c.tlbWays > c.tlbEntries || c.tlbEntries % c.tlbWays !== 0)
    return `tlb_ways must divide tlb_entries (${c.tlbEntries}), not ${c.tlbWays}`;
  if (!Number.isSafeInteger(c.addressBits) || c.addressBits < addressBits.min || c.addressBits > addressBits.max)
    return `address_bits must be between ${addressBits.min} and ${addressBits.max}, not ${c.addressBits}`;
  return null;
}

/** A sink that only counts (events, not operations: begin and end do nothing). */
export class EventCounter implements EventSink {
  count = 0;
  emit(): void {
    this.count++;
  }
  begin(): void {}
  end(): void {}
}

/** Port names for memory objects, in the style of Mach port names (0x103, 0x203, ...). */
function portName(index: number): number {
  return (index << 8) | 3;
}

/** What the rest of the app may know of a task (the kernel's Task is its own). */
export interface TaskInfo {
  id: number;
  name: string;
  alive: boolean;
  parent: number | null;
}

/**
 * The machine's parts, for the kernel's own modules (vm_user, snapshot, invariants, the kernel's
 * tests and benchmark) through partsOf(). Code outside src/kernel uses the Kernel's methods:
 * eslint.config.js forbids it to import partsOf, and the fields are private (#parts).
 */
export interface KernelParts {
  readonly objects: VmObjects;
  readonly mem: PhysMem;
  readonly tlb: Tlb;
  readonly pmaps: PmapSystem;
  readonly stats: VmStats;
  readonly tasks: Map<number, Task>;
  /** Pagers by port name. */
  readonly pagers: Map<number, MemoryObject>;
  /** The machine-wide context the memory half works in. */
  readonly vm: VmSystem;
  readonly mapContext: VmMapContext;
  /** The next map entry id and task id to hand out. */
  readonly ids: { entry: number; task: number };
}

let partsOfKernel: (k: Kernel) => KernelParts;

/** The machine's parts: for src/kernel only (see KernelParts). */
export function partsOf(k: Kernel): KernelParts {
  return partsOfKernel(k);
}

export class Kernel {
  readonly config: Readonly<KernelConfig>;
  readonly pageSize: number;
  /** The highest address + 1 of every task's map (2 ** addressBits; read on every call's range check). */
  readonly mapMax: number;
  readonly #parts: KernelParts;
  private sinkImpl: EventSink = NULL_SINK;
  private tracingOn = false;

  static {
    partsOfKernel = (k) => k.#parts;
  }

  constructor(config: Partial<KernelConfig> = {}) {
    const full = { ...DEFAULT_CONFIG, ...config };
    const problem = validateConfig(full);
    if (problem !== null) throw new Error(`invalid kernel configuration: ${problem}`);
    this.config = Object.freeze(full);
    this.pageSize = full.pageSize;
    this.mapMax = 2 ** full.addressBits;
    const mem = new PhysMem(full.frames, full.pageSize);
    const objects = new VmObjects(mem, () => this.sinkImpl);
    const tlb = new Tlb(full.tlbEntries, full.tlbWays);
    const pmaps = new PmapSystem(mem, tlb, () => (this.tracingOn ? this.sinkImpl : null));
    const stats = new VmStats();
    const tasks = new Map<number, Task>();
    const ids = { entry: 1, task: 1 };
    const scratch = new Uint8Array(full.pageSize);
    const vm: VmSystem = {
      pageSize: full.pageSize,
      mem,
      pmaps,
      tlb,
      objects,
      stats,
      scratch,
      sink: () => this.sinkImpl,
      nextEntryId: () => ids.entry++,
      pageShift: Math.log2(full.pageSize),
      traceOn: false,
      tracing: () => this.tracingOn,
    };
    objects.hooks = {
      freePages: (o, start, end) => freePages(vm, o, start, end),
      cleanPages: (o) => cleanPages(vm, o),
      writeProtectPages: (o) => {
        for (let pfn = o.pages.first(); pfn !== NO_FRAME; pfn = o.pages.next(pfn)) pmaps.pageProtect(pfn, VM_PROT_ALL & ~VM_PROT_WRITE);
      },
      collapse: (top) => collapse(vm, top),
    };
    const ps = full.pageSize;
    const mapContext: VmMapContext = {
      pageSize: ps,
      objects,
      sink: () => this.sinkImpl,
      nextEntryId: vm.nextEntryId,
      unmapRange: (task, start, end) => {
        const t = tasks.get(task);
        if (t !== undefined) pmaps.removeRange(t.pmap, start / ps, end / ps);
      },
      protectRange: (task, start, end, prot) => {
        const t = tasks.get(task);
        if (t !== undefined) pmaps.protectRange(t.pmap, start / ps, end / ps, prot);
      },
    };
    this.#parts = { objects, mem, tlb, pmaps, stats, tasks, pagers: new Map(), vm, mapContext, ids };
  }

  /** A machine as saved (Kernel.save), not tracing. */
  static fromState(state: KernelState): Kernel {
    const k = new Kernel(state.config);
    k.restore(state);
    return k;
  }

  /**
   * The whole machine as plain data (kernel_state.ts): structured-clone-able, holding nothing the
   * machine will write. Tracing is not part of it.
   */
  save(): KernelState {
    return saveKernel(this.config, this.#parts);
  }

  /**
   * Becomes the machine saved in `state` (a save of a machine of the same configuration), in place:
   * memory already allocated is reused. `state` is only read, so it can be restored again. The
   * trace mode (startTrace, startCounting) stays as it is.
   */
  restore(state: KernelState): void {
    restoreKernel(this.config, this.#parts, state, this.mapMax);
  }


  get sink(): EventSink {
    return this.sinkImpl;
  }

  /** Starts recording events; returns the buffer to take them from. */
  startTrace(): TraceBuffer {
    const t = new TraceBuffer();
    this.sinkImpl = t;
    this.tracingOn = true;
    this.#parts.vm.traceOn = true;
    return t;
  }

  /**
   * Counts events without keeping them: the kernel does the same work as when tracing (so a work
   * budget counted in events stops a run at the same statement either way), minus storing them.
   */
  startCounting(): EventCounter {
    const c = new EventCounter();
    this.sinkImpl = c;
    this.tracingOn = true;
    this.#parts.vm.traceOn = true;
    return c;
  }

  /**
   * Sends events to `sink` again: a buffer or counter that startTrace / startCounting made for
   * this kernel. The scenario interpreter counts the events of the statements it replays and
   * traces the others; the machine does the same work with either (so the same work units).
   */
  resumeSink(sink: TraceBuffer | EventCounter): void {
    this.sinkImpl = sink;
    this.tracingOn = true;
    this.#parts.vm.traceOn = true;
  }

  stopTrace(): void {
    this.sinkImpl = NULL_SINK;
    this.tracingOn = false;
    this.#parts.vm.traceOn = false;
  }

  /** task_create with an empty address space. */
  createTask(name: string, parent: number | null = null): Task {
    const m = this.#parts;
    // the scenario interpreter stops at MAX_TASKS with a message; this guards the TLB's tags
    if (m.ids.task >= ASID_LIMIT) throw new Error(`out of task ids: ASIDs are below ${ASID_LIMIT}`);
    const id = m.ids.task++;
    const task = new Task(id, name, new VmMap(id, 0, this.mapMax, m.mapContext), m.pmaps.create(id), parent);
    m.stats.ensureTask(id);
    m.tasks.set(id, task);
    this.sinkImpl.emit({ type: 'task_created', task: id, name, parent, id: 0, op: 0, opKind: 'call', parentOp: null });
    return task;
  }

  /**
   * task_create(parent, inherit_memory=TRUE): the child's map by inheritance; null when the parent
   * is dead, or when the machine has made as many tasks as the TLB has ASIDs (ASID_LIMIT).
   */
  fork(parentId: number, name: string): Task | null {
    const parent = this.liveTask(parentId);
    if (parent === null || this.#parts.ids.task >= ASID_LIMIT) return null;
    const child = this.createTask(name, parent.id);
    if (this.tracingOn) {
      this.sinkImpl.begin('fork');
      vmMapFork(this.#parts.vm, parent, child);
      this.sinkImpl.end();
    } else {
      vmMapFork(this.#parts.vm, parent, child);
    }
    return child;
  }

  /** A live task by id, or null (dead or unknown: the call sees a null map). */
  liveTask(id: number): Task | null {
    const t = this.#parts.tasks.get(id);
    return t !== undefined && t.alive ? t : null;
  }

  // ── queries: what the interpreter, the session and the tools may know of the machine ──

  /** Tasks made so far, terminated ones included (ids 1 to taskCount). */
  get taskCount(): number {
    return this.#parts.tasks.size;
  }

  /** Every task made so far, in the order they were made. */
  taskList(): TaskInfo[] {
    return [...this.#parts.tasks.values()].map((t) => ({ id: t.id, name: t.name, alive: t.alive, parent: t.parent }));
  }

  /** Map entries of every live task together (what a snapshot lists: the session's size budget). */
  get entryTotal(): number {
    let n = 0;
    for (const t of this.#parts.tasks.values()) if (t.alive) n += t.map.entryCount;
    return n;
  }

  /** VM objects alive (what a snapshot lists). */
  get objectCount(): number {
    return this.#parts.objects.live.size;
  }

  /** Map entries of a live task (0 for a dead or unknown one). */
  entryCount(taskId: number): number {
    return this.liveTask(taskId)?.map.entryCount ?? 0;
  }

  /** TLB lookups of a task's accesses that hit (dead tasks keep their counts; 0 for an unknown id). */
  tlbHits(taskId: number): number {
    return this.#parts.tasks.get(taskId)?.tlbHits ?? 0;
  }

  tlbMisses(taskId: number): number {
    return this.#parts.tlb.misses(taskId);
  }

  /** Faults a task's accesses took (TLB and pmap both missed). */
  faults(taskId: number): number {
    return this.#parts.stats.faults[taskId] ?? 0;
  }

  /** Those of its faults that copied a page up (copy-on-write). */
  cowFaults(taskId: number): number {
    return this.#parts.stats.cowFaults[taskId] ?? 0;
  }

  get freeFrames(): number {
    return this.#parts.mem.freeCount;
  }

  /** Bytes of the frames in use (what a save may have to copy). */
  get memoryInUse(): number {
    const mem = this.#parts.mem;
    return (mem.frames - mem.freeCount) * mem.pageSize;
  }

  /** Bytes the default pager holds (pages evicted to swap), machine-wide: memory the simulation keeps beyond its frames. */
  get swapBytes(): number {
    return this.#parts.objects.swappedPages * this.#parts.mem.pageSize;
  }

  /** Pages the pageout daemon evicted, machine-wide. */
  get pageouts(): number {
    return this.#parts.stats.pageouts;
  }

  /** Evicted pages that came back in (a fault on a paged-out offset). */
  get pageins(): number {
    return this.#parts.stats.pageins;
  }

  /**
   * Work a call over [address, address + size) of a task does that its events may not show: the
   * map entries it walks (a vm_protect that fails on its last entry emits nothing) and the resident
   * pages a pmap scan visits. Deterministic, for the scenario interpreter's work budget; it costs
   * what the walk it estimates costs. 0 for a dead task or an empty range.
   */
  rangeWork(taskId: number, address: number, size: number): number {
    const t = this.liveTask(taskId);
    if (t === null) return 0;
    const start = Math.max(0, address);
    const end = Math.min(this.mapMax, address + size);
    if (!(end > start)) return 0;
    let entries = 0;
    for (let e = t.map.regionAt(start); e !== null && e.start < end; e = e.next) entries++;
    return entries + Math.min(Math.ceil((end - start) / this.pageSize), t.pmap.size);
  }

  /** The same for a call over a task's whole map (fork, task_terminate): every entry, every resident page. */
  taskWork(taskId: number): number {
    const t = this.liveTask(taskId);
    return t === null ? 0 : t.map.entryCount + t.pmap.size;
  }

  /** Declares a pager ("a file") and returns its port name. */
  declarePager(name: string, size: number, data: Uint8Array, maxProtection = VM_PROT_ALL, failInit = false): number {
    const pagers = this.#parts.pagers;
    const port = portName(pagers.size + 1);
    pagers.set(port, new MemoryObject(name, roundPage(size, this.pageSize), this.pageSize, data, maxProtection, failInit));
    return port;
  }
}
