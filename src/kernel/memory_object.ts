/**
 * memory_object: pagers, the servers that back VM objects with data (Mach 3 external memory
 * management; GNU Mach include/mach/memory_object.defs, vm/memory_object.c).
 *
 *   task ──vm_map──▶ VM object ◀──memory_object_init── pager ("a file": bytes, a max protection)
 *
 * A scenario declares pagers with `object NAME size=N [data="..."] [max=PROT] [fail_init]`.
 * The first vm_map of a pager sends memory_object_init; a pager declared fail_init refuses it and
 * vm_map answers KERN_INVALID_OBJECT. The pager keeps the object's contents (its backing store);
 * the VM object that represents it stays cached after its last mapping goes, as a file's does.
 */
import { VM_PROT_ALL } from './vm_param';
import type { VmObject } from './vm_object';

export class MemoryObject {
  /** The VM object that represents this pager in the kernel, once memory_object_init succeeded. */
  object: VmObject | null = null;
  /** Bytes of backing store, page-rounded: the pager's copy of the data. */
  readonly store: Uint8Array;

  constructor(
    readonly name: string,
    /** Size in bytes, rounded up to whole pages (a file of 5 bytes occupies one page). */
    readonly size: number,
    data: Uint8Array,
    /** The most any mapping of this object may allow (vm_map max_protection ⊆ maxProtection). */
    readonly maxProtection: number = VM_PROT_ALL,
    readonly failInit: boolean = false,
  ) {
    this.store = new Uint8Array(size);
    this.store.set(data.subarray(0, size));
  }
}
