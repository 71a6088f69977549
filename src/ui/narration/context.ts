/**
 * What the words of one event may look at besides the event: the names, the page size, the
 * statement's call, the step's other events and the fault each event happens in.
 */
import type { KernelEvent } from '../../kernel/events';
import { hex } from '../../kernel/vm_param';
import type { Ev, NarrationNames } from './line';
import { plural } from './phrases';

export interface Ctx {
  names: NarrationNames;
  pageSize: number | null;
  /** The statement's call (vm_allocate, write, ...) or its kind (task, assert, ...). */
  call: string;
  events: readonly KernelEvent[];
  /** The fault in progress at each event (between fault_begin and fault_end), or null. */
  faults: readonly (Ev<'fault_begin'> | null)[];
  /** The step forks a task. */
  forking: boolean;
}

export function taskName(c: Ctx, id: number): string {
  return `task ${c.names.task(id)}`;
}

export function page(c: Ctx, vpn: number): string {
  return c.pageSize !== null ? hex(vpn * c.pageSize) : `vpn ${hex(vpn)}`;
}

export function pageOfAddress(c: Ctx, address: number): string {
  return c.pageSize !== null ? hex(address - (address % c.pageSize)) : hex(address);
}

export function size(c: Ctx, bytes: number): string {
  if (c.pageSize !== null && bytes > 0 && bytes % c.pageSize === 0) return plural(bytes / c.pageSize, 'page');
  return `${hex(bytes)} bytes`;
}

/** The page size: given, else inferred from a TLB miss and the fault it caused, else unknown. */
function inferPageSize(events: readonly KernelEvent[]): number | null {
  for (let i = 0; i + 1 < events.length; i++) {
    const a = events[i];
    const b = events[i + 1];
    if (a.type !== 'tlb_miss' || b.type !== 'fault_begin' || a.vpn === 0) continue;
    const fits = [4096, 8192, 16384, 65536].filter((ps) => Math.floor(b.address / ps) === a.vpn);
    if (fits.length === 1) return fits[0];
  }
  return null;
}

export function makeCtx(events: readonly KernelEvent[], names: NarrationNames, call: string): Ctx {
  const faults: (Ev<'fault_begin'> | null)[] = [];
  let cur: Ev<'fault_begin'> | null = null;
  for (const e of events) {
    if (e.type === 'fault_begin') cur = e;
    faults.push(cur);
    if (e.type === 'fault_end') cur = null;
  }
  return {
    names,
    pageSize: names.pageSize ?? inferPageSize(events),
    call,
    events,
    faults,
    forking: events.some((e) => e.type === 'task_created' && e.parent !== null),
  };
}

