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
 *
 * The backing store is kept by page, and a stored page is never written in place: a data_return
 * replaces it with a new one. So a save (kernel_state.ts) shares the pages with the machine instead
 * of copying a file of up to 64 MiB, and a pager with no data costs nothing.
 */
import { VM_PROT_ALL } from './vm_param';
import type { VmObject } from './vm_object';

/** A pager as plain data (kernel_state.ts); its pages are shared with the machine (never written in place). */
export interface PagerState {
  port: number;
  name: string;
  size: number;
  maxProtection: number;
  failInit: boolean;
  /** The id of its VM object, 0 before memory_object_init succeeded. */
  object: number;
  offsets: number[];
  pages: Uint8Array[];
}

export class MemoryObject {
  /** The VM object that represents this pager in the kernel, once memory_object_init succeeded. */
  object: VmObject | null = null;
  /** The backing store, the pager's copy of the data: offset → page; absent pages are zero. */
  private readonly pages = new Map<number, Uint8Array>();

  constructor(
    readonly name: string,
    /** Size in bytes, rounded up to whole pages (a file of 5 bytes occupies one page). */
    readonly size: number,
    readonly pageSize: number,
    data: Uint8Array,
    /** The most any mapping of this object may allow (vm_map max_protection ⊆ maxProtection). */
    readonly maxProtection: number = VM_PROT_ALL,
    readonly failInit: boolean = false,
  ) {
    for (let off = 0; off < Math.min(data.length, size); off += pageSize) this.write(off, data.subarray(off, off + pageSize));
  }

  /** The stored page at offset (page aligned), or null where the file holds zeros. Never write into it. */
  page(offset: number): Uint8Array | null {
    return this.pages.get(offset) ?? null;
  }

  /** memory_object_data_return: the file holds `bytes` (at most a page, the rest zero) at offset (page aligned, inside the file). */
  write(offset: number, bytes: Uint8Array): void {
    if (offset >= this.size) return;
    const page = new Uint8Array(Math.min(this.pageSize, this.size - offset));
    page.set(bytes.subarray(0, page.length));
    this.pages.set(offset, page);
  }

  /** Bytes [offset, offset + length) of the file, for tests and tools. */
  read(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let at = offset; at < offset + length; ) {
      const base = at - (at % this.pageSize);
      const n = Math.min(base + this.pageSize, offset + length) - at;
      const page = this.pages.get(base);
      if (page !== undefined) out.set(page.subarray(at - base, at - base + n), at - offset);
      at += n;
    }
    return out;
  }

  save(port: number): PagerState {
    const { name, size, maxProtection, failInit } = this;
    return { port, name, size, maxProtection, failInit, object: this.object?.id ?? 0, offsets: [...this.pages.keys()], pages: [...this.pages.values()] };
  }

  /** A pager as saved, without its VM object yet (kernel_state.ts links it). */
  static restore(s: PagerState, pageSize: number): MemoryObject {
    const p = new MemoryObject(s.name, s.size, pageSize, new Uint8Array(0), s.maxProtection, s.failInit);
    s.offsets.forEach((off, i) => p.pages.set(off, s.pages[i]));
    return p;
  }
}
