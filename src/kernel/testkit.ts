/**
 * testkit: small helpers the kernel's tests share (no test framework in here, so it stays pure).
 * A machine with one or two tasks, a walk of every region through vm_region as a student would
 * do it, the VM object behind an id, and events with or without their cause (events.ts).
 */
import type { EventCause, KernelEvent, KernelEventBody } from './events';
import { Kernel, type KernelConfig } from './kernel';
import { KERN_SUCCESS } from './kern_return';
import type { VmObject } from './vm_object';
import { vm_region, type RegionInfo } from './vm_user';

export const P = 4096;

export function machine(config: Partial<KernelConfig> = {}): { k: Kernel; A: number; B: number } {
  const k = new Kernel(config);
  const A = k.createTask('A').id;
  const B = k.createTask('B').id;
  return { k, A, B };
}

/** Every region of a task, lowest first, by repeated vm_region calls. */
export function regions(k: Kernel, task: number): RegionInfo[] {
  const out: RegionInfo[] = [];
  let addr = 0;
  for (;;) {
    const r = vm_region(k, task, addr);
    if (r.kr !== KERN_SUCCESS) return out;
    out.push(r);
    addr = r.address + r.size;
  }
}

/** The regions as [start, end) pairs in hex-free numbers, for compact assertions. */
export function spans(k: Kernel, task: number): Array<[number, number]> {
  return regions(k, task).map((r) => [r.address, r.address + r.size]);
}

/** The live (or cached) VM object with this id; throws when there is none (a test bug). */
export function obj(k: Kernel, id: number): VmObject {
  const o = k.objects.live.get(id);
  if (o === undefined) throw new Error(`no live object ${id}`);
  return o;
}

/** An event's body: the event without the cause the trace stamped on it. */
export function withoutCause(e: KernelEvent): KernelEventBody {
  const { id: _id, op: _op, opKind: _kind, parentOp: _parent, ...body } = e;
  return body as KernelEventBody;
}

/** The bodies of events, for comparing what happened without how it was grouped. */
export function eventBodies(events: readonly KernelEvent[]): KernelEventBody[] {
  return events.map(withoutCause);
}

/** A hand-made event as the trace would record it: by default the first event of the statement's call. */
export function stamped<T extends KernelEventBody>(body: T, cause: Partial<EventCause> = {}): T & EventCause {
  return { ...body, id: 0, op: 0, opKind: 'call', parentOp: null, ...cause };
}
