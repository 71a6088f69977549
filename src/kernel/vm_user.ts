/**
 * vm_user: the Mach VM calls a task makes, with their argument checks in the documented order
 * (xnu osfmk/vm/vm_user.c + vm_map.c, GNU Mach vm/vm_user.c; the project's rules are
 * docs/semantics.md). Every call returns a kern_return_t value; none throws.
 *
 * Rounding, two kinds (semantics.md), in 64 bits: new memory (vm_allocate, vm_map, and vm_remap.ts)
 * is placed at start = trunc_page(addr) for round_page(size) bytes (vm_param.ts placementRange);
 * ranges of existing memory cover every page the bytes touch, start = trunc_page(addr),
 * end = round_page(addr + size) (pageRange).
 * Out parameters are returned in the result; on failure an in/out address keeps its old value.
 *
 * Any integer is an argument (vm_param.ts): a negative one is its u64 two's complement, so a size
 * of -1 is 2^64 - 1 and 2^64 is 0; every check is exact (BigInt) or bounded by the map, so no
 * argument throws, allocates past VM_MAX_TRANSFER or loops over more than the map's entries and
 * resident pages. A value that is no integer at all (NaN, 1.5) is KERN_INVALID_ARGUMENT.
 */
import {
  KERN_INVALID_ADDRESS, KERN_INVALID_ARGUMENT, KERN_INVALID_OBJECT, KERN_NO_SPACE, KERN_PROTECTION_FAILURE, KERN_SUCCESS,
} from './kern_return';
import { partsOf, type Kernel } from './kernel';
import { translate, userExec, userRead, userWrite } from './trap';
import { kernelRead, kernelWrite } from './vm_map_copy';
import type { Task } from './task';
import type { VmMapEntry } from './vm_map_store';
import type { VmObject } from './vm_object';
import {
  VM_INHERIT_COPY, VM_MAX_TRANSFER, VM_PROT_ALL, VM_PROT_DEFAULT, clampToNumber, exactAddress, integers, isValidInherit,
  isValidProt, pageRange, placementRange, roundSize, transferBytes, u64,
} from './vm_param';

export interface AddressResult {
  kr: number;
  address: number;
}

const TWO64 = 1n << 64n;

/**
 * Places new memory of round_page(size) bytes (anywhere, or fixed at trunc_page(addr): placement
 * rounding, seeds 001-003) and enters it. Size is already known to be > 0 and not to round to 0.
 */
function enter(
  k: Kernel, task: Task, address: number, size: number, mask: bigint, anywhere: boolean,
  makeObject: () => { object: VmObject | null; needsCopy: boolean },
  offset: number, cur: number, max: number, inheritance: number,
): AddressResult {
  const map = task.map;
  const length = clampToNumber(roundSize(size, k.pageSize));
  let start = 0;
  let end = 0;
  if (!anywhere) {
    const r = placementRange(address, size, k.pageSize);
    if ((r.start & mask) !== 0n) return { kr: KERN_NO_SPACE, address };
    if (r.end === 'wrap') return { kr: KERN_INVALID_ADDRESS, address };
    start = clampToNumber(r.start);
    end = clampToNumber(r.end);
  }
  const placed = map.locate(anywhere, start, end, length, mask);
  if (placed.kr !== KERN_SUCCESS) return { kr: placed.kr, address };
  const { object, needsCopy } = makeObject();
  map.enterAt(placed.start, length, object, offset, needsCopy, cur, max, inheritance);
  return { kr: KERN_SUCCESS, address: placed.start };
}

/** vm_allocate: anonymous zero-fill memory, cur RW, max ALL, inheritance COPY. */
export function vm_allocate(k: Kernel, taskId: number, address: number, size: number, anywhere: boolean): AddressResult {
  const task = k.liveTask(taskId);
  if (task === null || !integers(address, size)) return { kr: KERN_INVALID_ARGUMENT, address };
  if (u64(size) === 0n) return { kr: KERN_SUCCESS, address: 0 };
  if (roundSize(size, k.pageSize) === 0n) return { kr: KERN_INVALID_ARGUMENT, address };
  return enter(k, task, address, size, 0n, anywhere, () => ({ object: null, needsCopy: false }),
    0, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY);
}

/** vm_map: maps a memory object (port), or zero-fill memory for MEMORY_OBJECT_NULL (port 0). */
export function vm_map(
  k: Kernel, taskId: number, address: number, size: number, mask: number, anywhere: boolean,
  memoryObject: number, offset: number, copy: boolean, cur: number, max: number, inheritance: number,
): AddressResult {
  const task = k.liveTask(taskId);
  if (task === null || !integers(address, size, mask, offset)) return { kr: KERN_INVALID_ARGUMENT, address };
  if (!isValidProt(cur) || !isValidProt(max)) return { kr: KERN_INVALID_ARGUMENT, address };
  cur &= max; // xnu: a cur beyond max is silently reduced
  if (!isValidInherit(inheritance)) return { kr: KERN_INVALID_ARGUMENT, address };
  const rsize = roundSize(size, k.pageSize);
  if (size === 0 || rsize === 0n || u64(offset) + u64(size) >= TWO64) return { kr: KERN_INVALID_ARGUMENT, address };

  if (memoryObject === 0) {
    // MEMORY_OBJECT_NULL: zero-filled memory as with vm_allocate; offset and copy are ignored
    return enter(k, task, address, size, u64(mask), anywhere, () => ({ object: null, needsCopy: false }),
      0, cur, max, inheritance);
  }
  const { pagers, objects } = partsOf(k);
  const pager = pagers.get(memoryObject);
  if (pager === undefined) return { kr: KERN_INVALID_OBJECT, address };
  const off = u64(offset);
  if (off % BigInt(k.pageSize) !== 0n) return { kr: KERN_INVALID_ARGUMENT, address };
  if (off + rsize > BigInt(pager.size)) return { kr: KERN_INVALID_ARGUMENT, address };
  if ((max & pager.maxProtection) !== max) return { kr: KERN_PROTECTION_FAILURE, address };
  const object = objects.enterPager(pager);
  if (object === null) return { kr: KERN_INVALID_OBJECT, address };

  let made = false;
  const result = enter(k, task, address, size, u64(mask), anywhere, () => {
    made = true;
    if (!copy) return { object, needsCopy: false };
    const c = objects.copyDelayed(object);
    objects.deallocate(object); // C's shadow link keeps the source alive
    return { object: c, needsCopy: true };
  }, Number(off), cur, max, inheritance);
  if (!made) objects.deallocate(object); // placement failed: the object goes back to the cache
  return result;
}

/** vm_deallocate: removes [addr, addr+size); holes are ignored; SUCCESS unless the range wraps. */
export function vm_deallocate(k: Kernel, taskId: number, address: number, size: number): number {
  const task = k.liveTask(taskId);
  if (task === null || !integers(address, size)) return KERN_INVALID_ARGUMENT;
  if (u64(size) === 0n) return KERN_SUCCESS;
  const r = pageRange(address, size, k.pageSize);
  if (r === 'wrap') return KERN_INVALID_ARGUMENT;
  const end = Math.min(r.end, task.map.max);
  if (r.start < end) task.map.deleteRange(r.start, end);
  return KERN_SUCCESS;
}

/** vm_protect: sets cur (or max, lowering cur with it) over a range with no hole. */
export function vm_protect(k: Kernel, taskId: number, address: number, size: number, setMaximum: boolean, prot: number): number {
  const task = k.liveTask(taskId);
  if (task === null || !integers(address, size)) return KERN_INVALID_ARGUMENT;
  if (u64(size) === 0n) return KERN_SUCCESS;
  if (!isValidProt(prot)) return KERN_INVALID_ARGUMENT;
  const r = pageRange(address, size, k.pageSize);
  if (r === 'wrap') return KERN_INVALID_ARGUMENT;
  if (r.start >= task.map.max) return KERN_INVALID_ADDRESS;
  return task.map.protect(r.start, r.end, prot, setMaximum);
}

/** vm_inherit: sets the inheritance of every entry in the range; holes are skipped. */
export function vm_inherit(k: Kernel, taskId: number, address: number, size: number, inheritance: number): number {
  const task = k.liveTask(taskId);
  if (task === null || !integers(address, size)) return KERN_INVALID_ARGUMENT;
  if (u64(size) === 0n) return KERN_SUCCESS;
  if (!isValidInherit(inheritance)) return KERN_INVALID_ARGUMENT;
  const r = pageRange(address, size, k.pageSize);
  if (r === 'wrap') return KERN_INVALID_ARGUMENT;
  const end = Math.min(r.end, task.map.max);
  if (r.start < end) task.map.inherit(r.start, end, inheritance);
  return KERN_SUCCESS;
}

export interface RegionInfo {
  kr: number;
  address: number;
  size: number;
  protection: number;
  maxProtection: number;
  inheritance: number;
  shared: boolean;
  object: number;
  offset: number;
}

/** vm_region: the entry containing trunc_page(addr) or the next one above it. */
export function vm_region(k: Kernel, taskId: number, address: number): RegionInfo {
  const none: RegionInfo = { kr: KERN_INVALID_ADDRESS, address, size: 0, protection: 0, maxProtection: 0, inheritance: 0, shared: false, object: 0, offset: 0 };
  const task = k.liveTask(taskId);
  if (task === null || !integers(address)) return { ...none, kr: KERN_INVALID_ARGUMENT };
  const start = (u64(address) / BigInt(k.pageSize)) * BigInt(k.pageSize);
  if (start >= BigInt(task.map.max)) return none;
  const e = task.map.regionAt(Number(start));
  if (e === null) return none;
  return {
    kr: KERN_SUCCESS, address: e.start, size: e.end - e.start, protection: e.protection,
    maxProtection: e.maxProtection, inheritance: e.inheritance, shared: isShared(e),
    object: e.object?.id ?? 0, offset: e.offset,
  };
}

/**
 * True when another entry (of this or another task) maps the same pages of the same object
 * without copy-on-write, so a write through either is seen through the other.
 */
export function isShared(e: VmMapEntry): boolean {
  const o = e.object;
  if (o === null || e.needsCopy) return false;
  const lo = e.offset;
  const hi = e.offset + (e.end - e.start);
  for (const other of o.mappings) {
    if (other === e || other.needsCopy) continue;
    const olo = other.offset;
    const ohi = other.offset + (other.end - other.start);
    if (olo < hi && lo < ohi) return true;
  }
  return false;
}

/** task_terminate: the whole map goes; the task's port is dead from now on. */
export function task_terminate(k: Kernel, taskId: number): number {
  const task = k.liveTask(taskId);
  if (task === null) return KERN_INVALID_ARGUMENT;
  const trace = partsOf(k).vm.tracing();
  if (trace) k.sink.begin('terminate');
  task.map.deleteRange(task.map.min, task.map.max);
  partsOf(k).pmaps.destroy(task.pmap);
  task.alive = false;
  k.sink.emit({ type: 'task_terminated', task: task.id, id: 0, op: 0, opKind: 'call', parentOp: null });
  if (trace) k.sink.end();
  return KERN_SUCCESS;
}

/** shadow_depth(T, addr): objects in the chain under the entry (1 = no shadow), 0 without object, -1 unmapped. */
export function shadowDepth(k: Kernel, taskId: number, address: number): number {
  const e = lookupEntry(k, taskId, address);
  if (e === null) return -1;
  return partsOf(k).objects.chainDepth(e.object);
}

/** object_of(T, addr): the id of the entry's top object, 0 without object, -1 unmapped. */
export function objectOf(k: Kernel, taskId: number, address: number): number {
  const e = lookupEntry(k, taskId, address);
  if (e === null) return -1;
  return e.object?.id ?? 0;
}

function lookupEntry(k: Kernel, taskId: number, address: number): VmMapEntry | null {
  const task = k.liveTask(taskId);
  const a = exactAddress(address);
  if (task === null || a === null || a >= task.map.max) return null;
  return task.map.lookup(a);
}

const NO_DATA = new Uint8Array(0);

/**
 * vm_read: a snapshot of [addr, addr + size); checked page by page from the start, the first hole
 * (INVALID_ADDRESS) or unreadable page (PROTECTION_FAILURE) decides. More than VM_MAX_TRANSFER
 * bytes (a negative size too) → INVALID_ARGUMENT before the range is looked at.
 */
export function vm_read(k: Kernel, taskId: number, address: number, size: number): { kr: number; data: Uint8Array } {
  const task = k.liveTask(taskId);
  const n = transferBytes(size);
  if (task === null || n === null || !integers(address)) return { kr: KERN_INVALID_ARGUMENT, data: NO_DATA };
  if (n === 0) return { kr: KERN_SUCCESS, data: new Uint8Array(0) };
  const a = exactAddress(address);
  if (a === null) return { kr: KERN_INVALID_ADDRESS, data: NO_DATA }; // past every map
  return kernelRead(partsOf(k).vm, task, a, n);
}

/** vm_write: the whole destination is checked page by page from its start (hole, or no WRITE) before any byte is written. */
export function vm_write(k: Kernel, taskId: number, address: number, data: Uint8Array): number {
  const task = k.liveTask(taskId);
  if (task === null || data.length > VM_MAX_TRANSFER || !integers(address)) return KERN_INVALID_ARGUMENT;
  if (data.length === 0) return KERN_SUCCESS;
  const a = exactAddress(address);
  if (a === null) return KERN_INVALID_ADDRESS;
  return kernelWrite(partsOf(k).vm, task, a, data);
}

/** vm_copy: checks and reads the whole source first (its errors come first), then checks and writes the destination. */
export function vm_copy(k: Kernel, taskId: number, source: number, size: number, dest: number): number {
  const task = k.liveTask(taskId);
  const n = transferBytes(size);
  if (task === null || n === null || !integers(source, dest)) return KERN_INVALID_ARGUMENT;
  if (n === 0) return KERN_SUCCESS;
  const from = exactAddress(source);
  if (from === null) return KERN_INVALID_ADDRESS;
  const r = kernelRead(partsOf(k).vm, task, from, n);
  if (r.kr !== KERN_SUCCESS) return r.kr;
  const to = exactAddress(dest);
  if (to === null) return KERN_INVALID_ADDRESS;
  return kernelWrite(partsOf(k).vm, task, to, r.data);
}

/**
 * A thread of the task loads `size` bytes (through TLB, pmap and faults), page by page in address
 * order: the first page that fails (unmapped, past the map, or without READ) ends it with its
 * memory exception. More than VM_MAX_TRANSFER bytes (a negative size too) → INVALID_ARGUMENT.
 */
export function user_read(k: Kernel, taskId: number, address: number, size: number): { kr: number; data: Uint8Array } {
  const task = k.liveTask(taskId);
  const n = transferBytes(size);
  if (task === null || n === null || !integers(address)) return { kr: KERN_INVALID_ARGUMENT, data: NO_DATA };
  if (n === 0) return { kr: KERN_SUCCESS, data: new Uint8Array(0) };
  const a = exactAddress(address);
  if (a === null || a >= task.map.max) return { kr: KERN_INVALID_ADDRESS, data: NO_DATA };
  return userRead(partsOf(k).vm, task, a, n);
}

/** A thread of the task stores `data`, page by page (the pages before a failing one stay written). */
export function user_write(k: Kernel, taskId: number, address: number, data: Uint8Array): number {
  const task = k.liveTask(taskId);
  if (task === null || data.length > VM_MAX_TRANSFER || !integers(address)) return KERN_INVALID_ARGUMENT;
  if (data.length === 0) return KERN_SUCCESS;
  const a = exactAddress(address);
  if (a === null || a >= task.map.max) return KERN_INVALID_ADDRESS;
  return userWrite(partsOf(k).vm, task, a, data);
}

/** A thread of the task fetches an instruction byte. */
export function user_exec(k: Kernel, taskId: number, address: number): number {
  const task = k.liveTask(taskId);
  if (task === null || !integers(address)) return KERN_INVALID_ARGUMENT;
  const a = exactAddress(address);
  if (a === null || a >= task.map.max) return KERN_INVALID_ADDRESS;
  return userExec(partsOf(k).vm, task, a);
}

/**
 * The frame one access of `access` (VM_PROT bits) by a thread of the task at `address` is served
 * from, through the same trap path as a load or store (TLB, pmap, then vm_fault); on a memory
 * exception -(kern_return) - 1, and -1 for a dead task or an address outside its map. For tests
 * that compare what is drawn with what a task reads.
 */
export function user_translate(k: Kernel, taskId: number, address: number, access: number): number {
  const task = k.liveTask(taskId);
  if (task === null || !(address >= 0 && address < task.map.max)) return -1;
  return translate(partsOf(k).vm, task, address, access);
}
