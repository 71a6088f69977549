/**
 * kernel_state: a whole machine as plain data (Kernel.save / Kernel.restore), for the worker's
 * replay checkpoints. Each part saves itself (phys_mem, tlb, pmap, vm_object with its page tables,
 * vm_map_store, memory_object, vm_system's statistics); this file gathers them with the tasks and
 * the kernel's id counters, and rebuilds the references between the parts from ids:
 *
 *   KernelState ─ tasks[i].map: columns of entries ──object id──▶ objects[j]
 *                                                                  ├─ shadow / copy: object ids
 *                                                                  └─ pager: port ──▶ pagers[k]
 *
 * An object's mappings are the entries whose object it is: restore finds them as it rebuilds the
 * entries (the set's order is not observable: only whether it holds an entry, and its size). *
 * A state holds numbers, strings, booleans, null, plain arrays and objects and typed arrays: no
 * function, no class instance; structuredClone copies it. The rule that keeps it cheap:
 * **a saved state is immutable; restore copies what the machine will write.** Memory that the
 * machine itself never writes in place (a swapped page, a pager's page: a write replaces them) is
 * shared between the machine and its saves instead of copied. Frames are saved sparsely
 * (phys_mem.ts): a save holds what is in use, not the machine's size.
 */
import type { KernelConfig, KernelParts } from './kernel';
import { MemoryObject, type PagerState } from './memory_object';
import type { PhysMemState } from './phys_mem';
import { Pmap, type PmapSystemState } from './pmap';
import { Task } from './task';
import type { TlbState } from './tlb';
import { VmMap } from './vm_map';
import type { VmMapStoreState } from './vm_map_store';
import type { VmObjectsState } from './vm_object';
import type { VmStatsState } from './vm_system';

export interface TaskState {
  id: number;
  name: string;
  alive: boolean;
  tlbHits: number;
  parent: number | null;
  map: VmMapStoreState;
}

export interface KernelState {
  config: KernelConfig;
  /** The next map entry id and task id the kernel will hand out. */
  ids: { entry: number; task: number };
  mem: PhysMemState;
  tlb: TlbState;
  pmaps: PmapSystemState;
  stats: VmStatsState;
  objects: VmObjectsState;
  /** Pagers in the order they were declared (ports are handed out by count). */
  pagers: PagerState[];
  /** Tasks in the order they were made, terminated ones included. */
  tasks: TaskState[];
}

export function saveKernel(config: Readonly<KernelConfig>, m: KernelParts): KernelState {
  const ports = new Map<MemoryObject, number>();
  const pagers: PagerState[] = [];
  for (const [port, p] of m.pagers) {
    ports.set(p, port);
    pagers.push(p.save(port));
  }
  const tasks: TaskState[] = [];
  for (const t of m.tasks.values()) {
    if (m.pmaps.pmaps.get(t.id) !== t.pmap && t.pmap.size !== 0) throw new Error(`kernel_state: task ${t.id}'s pmap holds mappings but is not the machine's`);
    tasks.push({ id: t.id, name: t.name, alive: t.alive, tlbHits: t.tlbHits, parent: t.parent, map: t.map.store.save() });
  }
  return {
    config: { ...config }, ids: { ...m.ids }, mem: m.mem.save(), tlb: m.tlb.save(), pmaps: m.pmaps.save(), stats: m.stats.save(),
    objects: m.objects.save((p) => ports.get(p)!), pagers, tasks,
  };
}

/** The machine `m` (of the same configuration) becomes the one saved in `s`; `s` is only read. */
export function restoreKernel(config: Readonly<KernelConfig>, m: KernelParts, s: KernelState, mapMax: number): void {
  for (const key of Object.keys(config) as (keyof KernelConfig)[]) {
    if (s.config[key] !== config[key]) throw new Error(`kernel_state: a save of a machine with ${key} ${s.config[key]} cannot be restored into one with ${config[key]}`);
  }
  m.mem.restore(s.mem);
  m.tlb.restore(s.tlb);
  m.pmaps.restore(s.pmaps);
  m.stats.restore(s.stats);
  m.pagers.clear();
  for (const p of s.pagers) m.pagers.set(p.port, MemoryObject.restore(p, config.pageSize));
  const objects = m.objects.restore(s.objects, m.pagers);
  const objectById = (id: number) => {
    const o = objects.get(id);
    if (o === undefined) throw new Error(`kernel_state: an entry maps object ${id}, which the save does not hold`);
    return o;
  };
  for (const p of s.pagers) if (p.object !== 0) m.pagers.get(p.port)!.object = objectById(p.object);
  m.tasks.clear();
  for (const t of s.tasks) {
    const map = new VmMap(t.id, 0, mapMax, m.mapContext);
    for (const e of map.store.restore(t.map, objectById)) e.object?.mappings.add(e);
    const task = new Task(t.id, t.name, map, m.pmaps.pmaps.get(t.id) ?? new Pmap(t.id), t.parent);
    task.alive = t.alive;
    task.tlbHits = t.tlbHits;
    m.tasks.set(t.id, task);
  }
  m.ids.entry = s.ids.entry;
  m.ids.task = s.ids.task;
}

/** What a save holds and what making it cost, for the checkpoint policy (checkpoints.ts). */
export interface StateSize {
  /** Bytes the save read from the machine's memory: the per-frame tables and every used frame's bytes. */
  scanned: number;
  /** Bytes of typed arrays it holds (each buffer once; pages shared with the machine included). */
  stored: number;
  /** Records a restore rebuilds one by one: tasks, map entries, VM objects with their swapped pages, pagers and their pages, pmaps. */
  records: number;
}

/** Bytes of per-frame tables a save scans for each frame (phys_mem.ts and the pv lists' heads). */
const FRAME_TABLE_BYTES = 36;

export function stateSize(s: KernelState): StateSize {
  const out: StateSize = { scanned: s.mem.frames * FRAME_TABLE_BYTES, stored: 0, records: s.tasks.length + s.pagers.length + s.pmaps.pmaps.length };
  for (let f = 0; f < s.mem.touched.length; f++) if (s.mem.owner[f] !== 0) out.scanned += s.mem.pageSize;
  for (const t of s.tasks) out.records += t.map.id.length;
  for (const o of s.objects.objects) out.records += 1 + o.shadowers.length + o.pagedOut.length + (o.swap?.offsets.length ?? 0);
  for (const p of s.pagers) out.records += p.offsets.length;
  const buffers = new Set<ArrayBufferLike>();
  const stack: unknown[] = [s];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (ArrayBuffer.isView(v)) {
      if (!buffers.has(v.buffer)) out.stored += v.byteLength;
      buffers.add(v.buffer);
    } else {
      for (const x of Array.isArray(v) ? v : Object.values(v)) if (typeof x === 'object') stack.push(x);
    }
  }
  return out;
}
