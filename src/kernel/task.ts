/**
 * task: a Mach task as far as memory goes, an address map and an ASID (osfmk/kern/task.c).
 * Its ASID in the TLB is its id. A terminated task keeps its id (so traces stay readable) but its map is gone: calls on it see a
 * null map, as MIG's convert_port_to_map gives for a dead task port (KERN_INVALID_ARGUMENT).
 */
import type { Pmap } from './pmap';
import type { VmMap } from './vm_map';

export class Task {
  alive = true;
  /** TLB lookups of this task's accesses that hit (a small integer field: the cheapest counter on the hit path). */
  tlbHits = 0;
  constructor(
    readonly id: number,
    readonly name: string,
    readonly map: VmMap,
    readonly pmap: Pmap,
    readonly parent: number | null,
  ) {}
}
