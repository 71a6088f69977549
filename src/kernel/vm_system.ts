/**
 * vm_system: the machine-wide state every part of the memory half shares — page frames, pmaps and
 * the TLB, the object table, per-task statistics and the trace — gathered in one context object so
 * the per-concept files (vm_resident, vm_pageout, vm_fault, vm_fork) stay free functions.
 * The statistics save and restore themselves as plain data (kernel_state.ts).
 */
import type { EventSink } from './events';
import type { PhysMem } from './phys_mem';
import type { PmapSystem } from './pmap';
import type { Tlb } from './tlb';
import type { VmObjects } from './vm_object';

/** The statistics as plain data (kernel_state.ts). */
export interface VmStatsState {
  faults: Float64Array;
  cowFaults: Float64Array;
  pageouts: number;
  pageins: number;
}

export class VmStats {
  faults = new Float64Array(16);
  cowFaults = new Float64Array(16);
  pageouts = 0;
  pageins = 0;

  ensureTask(id: number): void {
    if (id < this.faults.length) return;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(Math.max(id + 1, a.length * 2));
      b.set(a);
      return b;
    };
    this.faults = grow(this.faults);
    this.cowFaults = grow(this.cowFaults);
  }

  save(): VmStatsState {
    return { faults: this.faults.slice(), cowFaults: this.cowFaults.slice(), pageouts: this.pageouts, pageins: this.pageins };
  }

  restore(s: VmStatsState): void {
    this.faults = s.faults.slice();
    this.cowFaults = s.cowFaults.slice();
    this.pageouts = s.pageouts;
    this.pageins = s.pageins;
  }
}

export interface VmSystem {
  readonly pageSize: number;
  readonly mem: PhysMem;
  readonly pmaps: PmapSystem;
  readonly tlb: Tlb;
  readonly objects: VmObjects;
  readonly stats: VmStats;
  /** One page of scratch space for the copy push (vm_fault.ts pushToCopy). */
  readonly scratch: Uint8Array;
  sink(): EventSink;
  nextEntryId(): number;
  /** log2(pageSize): the access path turns addresses below 2^31 into page numbers with a shift. */
  readonly pageShift: number;
  /** The same as tracing(), as a field the hit path can read without a call. */
  traceOn: boolean;
  /** True while events are being recorded: hot paths test this before building an event. */
  tracing(): boolean;
}
