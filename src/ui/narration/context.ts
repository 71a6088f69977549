/**
 * What the words of one event may look at besides the event: the names, the page size, the
 * statement's call, the step's other events and the fault each event happens in.
 */
import type { KernelEvent } from '../../kernel/events';
import { hex } from '../../kernel/vm_param';
import type { Ev, NarrationNames } from './line';
import { enclosing, opsOf, type StepOps } from './ops';
import { plural } from './phrases';

export interface Ctx {
  names: NarrationNames;
  pageSize: number | null;
  /** The statement's call (vm_allocate, write, ...) or its kind (task, assert, ...). */
  call: string;
  events: readonly KernelEvent[];
  /** The step's operations, from the events' causes. */
  ops: StepOps;
  /** The fault each event happened in (the fault_begin of its enclosing fault op), or null. */
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

/** The page size: given, else inferred from a fault and the TLB miss of the trap that took it, else unknown. */
function inferPageSize(events: readonly KernelEvent[], ops: StepOps, faults: readonly (Ev<'fault_begin'> | null)[]): number | null {
  for (const b of new Set(faults)) {
    if (b === null) continue;
    const trap = ops.parent[b.op];
    const miss = trap === null ? undefined : ops.own[trap].map((k) => events[k]).find((e): e is Ev<'tlb_miss'> => e.type === 'tlb_miss');
    if (miss === undefined || miss.vpn === 0) continue;
    const fits = [4096, 8192, 16384, 65536].filter((ps) => Math.floor(b.address / ps) === miss.vpn);
    if (fits.length === 1) return fits[0];
  }
  return null;
}

export function makeCtx(events: readonly KernelEvent[], names: NarrationNames, call: string): Ctx {
  const ops = opsOf(events);
  const beginOf = new Map<number, Ev<'fault_begin'> | null>();
  const faults = events.map((e) => {
    const op = enclosing(ops, e.op, 'fault');
    if (op === null) return null;
    if (!beginOf.has(op)) beginOf.set(op, ops.own[op].map((k) => events[k]).find((x): x is Ev<'fault_begin'> => x.type === 'fault_begin') ?? null);
    return beginOf.get(op)!;
  });
  return {
    names,
    pageSize: names.pageSize ?? inferPageSize(events, ops, faults),
    call,
    events,
    ops,
    faults,
    forking: events.some((e) => e.type === 'task_created' && e.parent !== null),
  };
}

