/**
 * What a student can see of the kernel's maps, compared with the reference model (for the property
 * tests that run both side by side): every region a vm_region walk shows, and object_of and
 * shadow_depth, against what the model knows (reference_model.ts PageFacts, RegionFacts).
 *
 *   kernel: vm_region walk ─▶ [start, end) cur/max/inh shared object offset ─┐
 *                                                                            ├─ agree where the
 *   model:  pageFacts ─▶ per page: attributes, entry begins? (yes/no/maybe),  ┘  rules decide
 *                        backing (none/object/unknown), cell, pager, aliased
 *
 * The checks, for each region: every page of it is mapped in the model with the region's cur, max
 * and inheritance; an entry may begin at its first page and at the page after it, and at no page
 * inside ('maybe' accepts either); `shared` is TRUE exactly when one of its pages shares its cell
 * with another mapped page; the object is 0 for a page whose entry has none, not 0 for one that has
 * one, the same for pages that share a cell, the pager's own (always the same, shadow_depth 1) for
 * a pager's page and never a pager's for another page; the offset is the model's where it knows
 * it; object_of at the region's start is the region's object and shadow_depth is 0 exactly when
 * the object is; both are -1 on an unmapped page. Each check returns a description of the first
 * difference, or null.
 */
import type { Kernel } from '../kernel/kernel';
import { regions } from '../kernel/testkit';
import * as vm from '../kernel/vm_user';
import type { ReferenceModel } from './reference_model';

/**
 * What kind of page each kernel object id has been seen backing, over a whole run: a pager's own
 * pages ('pager 0x103': one object per pager, for good) or any other page ('other').
 */
export class ObjectKinds {
  private readonly kinds = new Map<number, string>();
  private readonly pagers = new Map<string, number>();

  /** Records that object `id` backs a page of `kind`; a clash is described. */
  note(id: number, kind: string): string | null {
    const known = this.kinds.get(id);
    if (known !== undefined && known !== kind) return `object ${id} backs a page of ${kind}, and earlier one of ${known}`;
    if (kind !== 'other') {
      const object = this.pagers.get(kind);
      if (object !== undefined && object !== id) return `the pages of ${kind} are in object ${id}, and earlier in object ${object}`;
      this.pagers.set(kind, id);
    }
    this.kinds.set(id, kind);
    return null;
  }
}

/** Counts that show how much the comparisons could decide. */
export interface CompareStats {
  regions: number;
  /** Regions whose start and end the model knew for sure. */
  exactRegions: number;
  /** Pages whose backing (object or none) the model knew. */
  knownBacking: number;
  pages: number;
}

export function newStats(): CompareStats {
  return { regions: 0, exactRegions: 0, knownBacking: 0, pages: 0 };
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** Every region of every task against the model (see the file's header). */
export function compareMaps(k: Kernel, m: ReferenceModel, tasks: readonly number[], kinds: ObjectKinds, stats?: CompareStats): string | null {
  const ps = m.pageSize;
  const cellObject = new Map<number, number>(); // across tasks: aliases are the same object
  for (const t of tasks) {
    const facts = m.pageFacts(t);
    const byAddress = new Map(facts.map((f) => [f.address, f]));
    let kernelPages = 0;
    const where = (a: number) => `task ${t} at ${hex(a)}`;
    if (!byAddress.has(0)) {
      const q = unmappedQueries(k, t, 0);
      if (q !== null) return `${where(0)}: ${q}`;
    }
    for (const r of regions(k, t)) {
      const end = r.address + r.size;
      const first = byAddress.get(r.address);
      if (first === undefined) return `${where(r.address)}: the kernel has region [${hex(r.address)}, ${hex(end)}), the model no page there`;
      if (first.start === 'no') return `${where(r.address)}: a kernel region begins inside one model entry`;
      let shared = false;
      let exact = first.start === 'yes';
      for (let a = r.address; a < end; a += ps) {
        const f = byAddress.get(a);
        kernelPages++;
        if (f === undefined) return `${where(a)}: inside kernel region [${hex(r.address)}, ${hex(end)}), unmapped in the model`;
        if (f.cur !== r.protection || f.max !== r.maxProtection || f.inheritance !== r.inheritance)
          return `${where(a)}: kernel ${r.protection}/${r.maxProtection}/${r.inheritance}, model ${f.cur}/${f.max}/${f.inheritance} (cur/max/inheritance)`;
        if (a > r.address && f.start === 'yes') return `${where(a)}: an entry begins here in the model, inside kernel region [${hex(r.address)}, ${hex(end)})`;
        if (a > r.address && f.start === 'maybe') exact = false;
        if (f.aliased) shared = true;
        const o = r.object;
        if (f.backing !== 'unknown' && stats) stats.knownBacking++;
        if (f.backing === 'none' && o !== 0) return `${where(a)}: the model's entry has no object yet, the kernel's has object ${o}`;
        if (f.backing === 'object' && o === 0) return `${where(a)}: the model's entry has an object, the kernel's none`;
        if (o !== 0) {
          const clash = kinds.note(o, f.pager !== null ? `pager ${hex(f.pager)}` : 'other');
          if (clash !== null) return `${where(a)}: ${clash}`;
        }
        const same = cellObject.get(f.cell);
        if (same !== undefined && same !== o) return `${where(a)}: a page with the same cell as one in object ${same} is in object ${o}`;
        cellObject.set(f.cell, o);
      }
      const after = byAddress.get(end);
      if (after !== undefined && after.start === 'no') return `${where(end)}: the kernel's region ends here, inside one model entry`;
      if (after !== undefined && after.start === 'maybe') exact = false;
      if (after === undefined && end < k.mapMax) {
        const q = unmappedQueries(k, t, end);
        if (q !== null) return `${where(end)}: ${q}`;
      }
      if (r.shared !== shared) return `${where(r.address)}: the kernel's region is ${r.shared ? '' : 'not '}shared, the model's pages are ${shared ? '' : 'not '}aliased`;
      if (first.offset !== null && r.offset !== first.offset) return `${where(r.address)}: kernel offset ${hex(r.offset)}, model ${hex(first.offset)}`;
      const objectOf = vm.objectOf(k, t, r.address);
      const depth = vm.shadowDepth(k, t, r.address);
      if (objectOf !== r.object) return `${where(r.address)}: object_of ${objectOf}, vm_region's object ${r.object}`;
      if ((depth === 0) !== (objectOf === 0) || depth < 0) return `${where(r.address)}: shadow_depth ${depth} with object ${objectOf}`;
      if (first.pager !== null && depth !== 1) return `${where(r.address)}: a pager's page with shadow_depth ${depth}, not 1`;
      if (stats) {
        stats.regions++;
        if (exact) stats.exactRegions++;
      }
    }
    if (stats) stats.pages += facts.length;
    if (kernelPages !== facts.length) return `task ${t}: the kernel maps ${kernelPages} pages, the model ${facts.length}`;
  }
  return null;
}

/** object_of and shadow_depth of an unmapped address: -1 and -1. */
function unmappedQueries(k: Kernel, t: number, address: number): string | null {
  const o = vm.objectOf(k, t, address);
  const d = vm.shadowDepth(k, t, address);
  return o === -1 && d === -1 ? null : `unmapped in the model, but object_of ${o}, shadow_depth ${d}`;
}

/**
 * vm_region, object_of and shadow_depth at any address: the same code; on success a region that
 * holds the model's first mapped page at or above the address, may begin and end where the model
 * says, with its attributes.
 */
export function compareRegionAt(k: Kernel, m: ReferenceModel, t: number, address: number): string | null {
  const r = vm.vm_region(k, t, address);
  const w = m.vm_region(t, address);
  const what = `vm_region(task ${t}, ${address})`;
  if (r.kr !== w.kr) return `${what}: kernel kr ${r.kr}, model ${w.kr}`;
  const page = m.pageInfo(t, address);
  const o = vm.objectOf(k, t, address);
  const d = vm.shadowDepth(k, t, address);
  if ((page === null) !== (o === -1) || (o === -1) !== (d === -1) || (o === 0) !== (d === 0))
    return `object_of(task ${t}, ${address}) ${o}, shadow_depth ${d}, and the model has ${page === null ? 'no page' : 'a page'} there`;
  if (r.kr !== 0 || w.page === null) return null;
  const end = r.address + r.size;
  if (!w.starts.includes(r.address) || !w.ends.includes(end))
    return `${what}: kernel [${hex(r.address)}, ${hex(end)}), model starts [${w.starts.map(hex)}] ends [${w.ends.map(hex)}]`;
  const f = w.page;
  if (f.cur !== r.protection || f.max !== r.maxProtection || f.inheritance !== r.inheritance)
    return `${what}: kernel ${r.protection}/${r.maxProtection}/${r.inheritance}, model ${f.cur}/${f.max}/${f.inheritance}`;
  return null;
}

/** Every readable page of every task holds the same bytes (it faults pages in: run it at the end). */
export function compareContents(k: Kernel, m: ReferenceModel, tasks: readonly number[]): string | null {
  const ps = m.pageSize;
  for (const t of tasks) {
    for (const a of m.mappedPages(t)) {
      if ((m.pageInfo(t, a)!.cur & 1) === 0) continue; // VM_PROT_READ
      const r1 = vm.vm_read(k, t, a, ps);
      const r2 = m.vm_read(t, a, ps);
      if (r1.kr !== r2.kr || r1.data.some((b, i) => b !== r2.data[i])) return `task ${t} page ${hex(a)}: contents differ`;
    }
  }
  return null;
}
