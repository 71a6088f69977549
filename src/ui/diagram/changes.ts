/**
 * changes: what changed between two machines (the one before a step and the one shown during or
 * after it), as the diagram's element refs. Pure: it compares snapshot fields, it does not know
 * the kernel's rules. The diagram draws these refs as "changed" (thick, solid, the step colour)
 * and the refs the step only touched (touches.ts) as "touched" (thin, dashed, a second colour).
 *
 *   task    new, or alive / its list of map entries changed (not its counters)
 *   entry   new, or any of its own fields (range, protections, inheritance, needs_copy, object, offset)
 *   object  new, or any of its own fields (size, refs, shadow, copy, pager, strategy, cached)
 *   page    a resident page that is new or in another frame; an offset newly swapped out
 *   frame   owner, offset, dirty bit or first bytes (framePreview) changed
 *   TLB     the slot's entry (task, vpn, frame, protection) changed, or it became empty / used
 *   pager   new, or its size / object changed
 *
 * Cost: one pass over each list of both machines (frames by index: typed arrays), none over a
 * task that is the same object in both (a task the step left alone, as applyDiff keeps it).
 */
import type { EntrySnapshot, MachineSnapshot, ObjectSnapshot, TlbEntrySnapshot } from '../../kernel/snapshot';
import { PREVIEW_BYTES } from '../../kernel/snapshot_limits';
import { ref, RefSet } from './element_ref';

const sameEntry = (a: EntrySnapshot, b: EntrySnapshot) =>
  a.start === b.start && a.end === b.end && a.protection === b.protection && a.maxProtection === b.maxProtection && a.inheritance === b.inheritance &&
  a.needsCopy === b.needsCopy && a.shared === b.shared && a.object === b.object && a.offset === b.offset;

const sameObjectFields = (a: ObjectSnapshot, b: ObjectSnapshot) =>
  a.size === b.size && a.refCount === b.refCount && a.shadow === b.shadow && a.shadowOffset === b.shadowOffset && a.copy === b.copy &&
  a.pager === b.pager && a.copyStrategy === b.copyStrategy && a.cached === b.cached;

const sameTlb = (a: TlbEntrySnapshot | undefined, b: TlbEntrySnapshot | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.asid === b.asid && a.vpn === b.vpn && a.pfn === b.pfn && a.prot === b.prot);

/** The first bytes of frame f, as a key (empty without previews). */
function previewOf(s: MachineSnapshot, f: number): string {
  const p = s.framePreview;
  if (p.length === 0) return '';
  return p.subarray(f * PREVIEW_BYTES, (f + 1) * PREVIEW_BYTES).join(',');
}

/** The refs of what differs in `after` from `before` (only what `after` has: a removed element is not drawn). */
export function changes(before: MachineSnapshot, after: MachineSnapshot): RefSet {
  const out = new RefSet();
  if (before === after) return out;

  const oldTasks = new Map(before.tasks.map((t) => [t.id, t]));
  for (const t of after.tasks) {
    const was = oldTasks.get(t.id);
    // a task the step left alone is the same object (applyDiff keeps it): nothing of it to compare
    if (was === t) continue;
    if (was === undefined || was.alive !== t.alive || was.entries.length !== t.entries.length || was.entries.some((e, i) => e.id !== t.entries[i].id)) {
      out.add(ref.task(t.id));
    }
    // an entry stays in its task: compared with the task's own entries before
    const oldEntries = new Map<number, EntrySnapshot>((was?.entries ?? []).map((e) => [e.id, e]));
    for (const e of t.entries) {
      const old = oldEntries.get(e.id);
      if (old === undefined || (old !== e && !sameEntry(old, e))) out.add(ref.entry(e.id));
    }
  }

  const oldObjects = new Map(before.objects.map((o) => [o.id, o]));
  for (const o of after.objects) {
    const was = oldObjects.get(o.id);
    if (was === o) continue;
    if (was === undefined || !sameObjectFields(was, o)) out.add(ref.object(o.id));
    const oldPages = new Map(was?.pages ?? []);
    for (const [off, frame] of o.pages) if (oldPages.get(off) !== frame) out.add(ref.page(o.id, off));
    const oldSwapped = new Set(was?.swapped ?? []);
    for (const off of o.swapped) if (!oldSwapped.has(off)) out.add(ref.page(o.id, off));
  }

  const oldPagers = new Map(before.pagers.map((p) => [p.name, p]));
  for (const p of after.pagers) {
    const was = oldPagers.get(p.name);
    if (was === undefined || was.size !== p.size || was.object !== p.object) out.add(ref.pager(p.name));
  }

  const sameFrames = before.frameOwner.length === after.frameOwner.length;
  for (let f = 0; f < after.frameOwner.length; f++) {
    if (
      !sameFrames || before.frameOwner[f] !== after.frameOwner[f] || before.frameOffset[f] !== after.frameOffset[f] ||
      (before.frameFlags[f] & 1) !== (after.frameFlags[f] & 1) || previewOf(before, f) !== previewOf(after, f)
    ) {
      out.add(ref.frame(f));
    }
  }

  const oldTlb = new Map(before.tlb.map((t) => [t.index, t]));
  const newTlb = new Map(after.tlb.map((t) => [t.index, t]));
  for (const i of new Set([...oldTlb.keys(), ...newTlb.keys()])) if (!sameTlb(oldTlb.get(i), newTlb.get(i))) out.add(ref.tlb(i));
  return out;
}
