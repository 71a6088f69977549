/**
 * The narration: plain words for one step of a scenario. A lecturer reads these lines aloud, so
 * each says what happened in one short sentence, with the reason ("why") and the rule of the
 * kernel it follows kept apart.
 *
 * The first line says what the statement did and its result code by name, with its meaning. Then
 * comes one line per significant kernel event, in order. Events that only make sense together are
 * told as one story: a TLB miss and the fault it causes, a fault's end with its pmap and TLB
 * entries, a page-out with the mappings it removes, a copy-up with its frame and the old page's
 * mappings, a collapse with the pages it moves, runs of TLB hits or shootdowns.
 *
 * Pure TypeScript (no React): the panel renders the lines, the tests read them.
 */
import type { KernelEvent, KernelEventType } from '../../kernel/events';
import { kernReturnName } from '../../kernel/kern_return';
import { DEFAULT_PAGER } from '../../kernel/vm_pageout';
import { inheritName, VM_PROT_EXECUTE, VM_PROT_READ, VM_PROT_WRITE } from '../../kernel/vm_param';
import type { StepRecord } from '../../scenario/interpreter';
import { formatValue, quoteBytes, type Value } from '../../scenario/values';

export type NarrationTone = 'info' | 'success' | 'warning' | 'error';

export interface NarrationLine {
  text: string;
  /** The reason, in one or two short sentences. */
  why?: string;
  /** The kernel rule it follows, e.g. "copy-on-write: first write to a needs_copy entry (vm_fault, vm_object_shadow)". */
  rule?: string;
  /** The event the line tells about (the main one when a line tells a group). */
  event?: KernelEvent;
  tone: NarrationTone;
}

export interface NarrationNames {
  /** A task's scenario name, e.g. 1 → "A". */
  task(id: number): string;
  /**
   * The machine's page size (the interpreter's kernel.pageSize). Optional: without it, pages are
   * inferred from the step's TLB and fault events when possible, else shown as virtual page numbers (vpn 0x3).
   */
  pageSize?: number;
}

type Ev<T extends KernelEventType> = Extract<KernelEvent, { type: T }>;

// ---------------------------------------------------------------------------------------------
// Result codes

/** The short meaning of every code the simulator returns. */
export const KERN_MEANINGS: Readonly<Record<number, string>> = {
  0: 'the call did what was asked',
  1: 'the address is not mapped (a hole), or the range leaves the address space',
  2: 'the access or protection asked for is more than the entry allows',
  3: 'no free range of that size (or the fixed range overlaps an entry)',
  4: 'an argument is invalid: a bad protection or inheritance value, a size of 0, a range that wraps, or a terminated task',
  5: 'the operation failed',
  6: 'the kernel ran out of memory: no page frame could be freed',
  29: 'the memory object is unknown, or its pager refused memory_object_init',
};

/** Sharper meanings for some calls. */
const CALL_MEANINGS: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  read: { 1: 'a memory exception, because no entry maps that address', 2: 'a memory exception, because the entry does not allow reading' },
  write: { 1: 'a memory exception, because no entry maps that address', 2: 'a memory exception, because the entry does not allow writing' },
  exec: { 1: 'a memory exception, because no entry maps that address', 2: 'a memory exception, because the entry does not allow execution' },
  vm_map: {
    2: 'the maximum protection asked for is more than the memory object permits',
    3: 'no free range of that size (or the fixed range overlaps an entry, or breaks the mask)',
  },
  vm_protect: { 2: 'the new protection exceeds the maximum protection somewhere: nothing was changed' },
  vm_region: { 1: 'no region at or above that address' },
  vm_allocate: { 1: 'the fixed range lies outside the address space' },
};

/** "KERN_NO_SPACE: no free range of that size (...)" */
export function explainKernReturn(kr: number, call?: string): string {
  const meaning = (call !== undefined ? CALL_MEANINGS[call]?.[kr] : undefined) ?? KERN_MEANINGS[kr] ?? 'an error code this simulator does not explain';
  return `${kernReturnName(kr)}: ${meaning}`;
}

// ---------------------------------------------------------------------------------------------
// Words

export function hex(n: number): string {
  return n < 0 ? `-0x${(-n).toString(16).toUpperCase()}` : `0x${n.toString(16).toUpperCase()}`;
}

/** read-only, read/write, read/write/execute, inaccessible */
export function protWords(p: number): string {
  if (p === 0) return 'inaccessible';
  if (p === VM_PROT_READ) return 'read-only';
  if (p === VM_PROT_WRITE) return 'write-only';
  if (p === VM_PROT_EXECUTE) return 'execute-only';
  const parts: string[] = [];
  if (p & VM_PROT_READ) parts.push('read');
  if (p & VM_PROT_WRITE) parts.push('write');
  if (p & VM_PROT_EXECUTE) parts.push('execute');
  return parts.join('/');
}

function accessVerb(access: number): string {
  if (access & VM_PROT_WRITE) return 'writes';
  if (access & VM_PROT_EXECUTE) return 'fetches an instruction at';
  return 'reads';
}

function accessNoun(access: number): string {
  if (access & VM_PROT_WRITE) return 'writing';
  if (access & VM_PROT_EXECUTE) return 'execution';
  return 'reading';
}

function pagerWords(pager: string): string {
  return pager === DEFAULT_PAGER ? 'the default pager (swap)' : `pager ${pager}`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "0x1000, 0x2000, 0x3000" (at most 4, then "and N more") */
function listOf(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 4) return unique.join(', ');
  return `${unique.slice(0, 4).join(', ')} and ${unique.length - 4} more`;
}

interface Ctx {
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

function taskName(c: Ctx, id: number): string {
  return `task ${c.names.task(id)}`;
}

function page(c: Ctx, vpn: number): string {
  return c.pageSize !== null ? hex(vpn * c.pageSize) : `vpn ${hex(vpn)}`;
}

function pageOfAddress(c: Ctx, address: number): string {
  return c.pageSize !== null ? hex(address - (address % c.pageSize)) : hex(address);
}

function size(c: Ctx, bytes: number): string {
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

// ---------------------------------------------------------------------------------------------
// One event, one line: every event type has its words (the switch is exhaustive)

/** Every event type the narration knows: a compile error when the union gains a type this file does not list. */
const NARRATED: Record<KernelEventType, true> = {
  task_created: true, task_terminated: true, entry_inserted: true, entry_extended: true, entry_clipped: true,
  entries_merged: true, entry_removed: true, entry_protected: true, entry_inherit: true, object_created: true,
  object_extended: true, object_freed: true, object_cached: true, copy_object_reused: true, memory_object_init: true,
  object_attached: true, object_shared: true, needs_copy_set: true, needs_copy_cleared: true, shadow_created: true,
  object_collapsed: true, object_bypassed: true, frame_allocated: true, frame_freed: true, page_moved: true,
  zero_fill: true, cow_copy: true, copy_push: true, pageout: true, memory_object_data_request: true,
  memory_object_data_supply: true, memory_object_data_unavailable: true, memory_object_data_return: true,
  tlb_hit: true, tlb_miss: true, tlb_fill: true, tlb_shootdown: true, fault_begin: true, fault_end: true,
  pmap_enter: true, pmap_remove: true, pmap_protect: true,
};

export const NARRATED_EVENT_TYPES: readonly KernelEventType[] = Object.keys(NARRATED) as KernelEventType[];

function assertNever(x: never): never {
  throw new Error(`an event the narration does not know: ${JSON.stringify(x)}`);
}

type Words = { text: string; why?: string; rule?: string; tone?: NarrationTone };

const RULE_COW_SHADOW = 'copy-on-write: first write to a needs_copy entry (vm_fault, vm_object_shadow)';
const RULE_COW_COPY = 'copy-on-write: a write copies the page up into the top object (vm_fault_page)';
const RULE_PUSH = 'delayed copy: before a page changes, it is pushed into the copy object (vm_fault_page)';
const RULE_SYMMETRIC = 'copy-on-write, symmetric strategy: fork with COPY inheritance (vm_map_fork, vm_object_copy_quickly)';
const RULE_DELAYED = 'copy-on-write, delayed strategy: a copy object (vm_object_copy_delayed)';
const RULE_PAGEOUT = 'pageout daemon: clock, second chance (vm_pageout)';
const RULE_SHOOTDOWN = 'TLB shootdown: lowering or removing a mapping invalidates its TLB entries';
const RULE_TRAP = 'trap: TLB, then pmap, then vm_fault';

/** The words for one event at index i of ctx.events. */
function eventWords(e: KernelEvent, c: Ctx, i: number): Words {
  const fault = c.faults[i] ?? null;
  switch (e.type) {
    case 'task_created': {
      if (e.parent === null) {
        return { text: `Task ${e.name} gets an empty address map, an empty pmap and its own ASID (its tag in the TLB).` };
      }
      const parent = c.names.task(e.parent);
      return {
        text: `Task ${e.name} is forked from task ${parent}.`,
        why: `Each of ${parent}'s entries is passed on by its inheritance: share (the same object), copy (copy-on-write) or none (a hole).`,
        rule: 'fork: task_create with inherit_memory (vm_map_fork)',
      };
    }
    case 'task_terminated':
      return {
        text: `${capital(taskName(c, e.task))} is terminated: its address space is gone.`,
        why: 'Its whole map was deallocated; objects that lost their last reference were freed (pager-backed ones stay cached).',
        rule: 'task_terminate',
      };
    case 'entry_inserted': {
      const what = e.object === 0 ? 'anonymous zero-fill memory' : `object ${e.object} at offset ${hex(e.offset)}`;
      const text = `${capital(taskName(c, e.task))}'s map gets a new entry: ${size(c, e.end - e.start)} at ${hex(e.start)}, ${what}, ${protWords(e.prot)} (max ${protWords(e.max)}), inheritance ${inheritName(e.inheritance)}${e.needsCopy ? ', needs_copy' : ''}.`;
      if (e.needsCopy && c.forking) return { text, why: 'Fork with COPY inheritance: the child shares the object until one of them writes. Nothing is copied now.', rule: RULE_SYMMETRIC };
      if (e.needsCopy) return { text, why: 'A copy-on-write mapping: it shares the object until its first write, which gives it a private shadow.', rule: 'copy-on-write: needs_copy (vm_map_enter)' };
      if (e.object === 0) return { text, why: 'Mach allocates lazily: the object and its frames appear only at the first touch.' };
      if (c.forking) return { text, why: 'SHARE inheritance: the child maps the same object, so each task sees the other\'s writes.', rule: 'fork: VM_INHERIT_SHARE (vm_map_fork_share)' };
      if (c.call === 'vm_remap') return { text, why: 'vm_remap with copy=FALSE: both tasks map the same object and see each other\'s writes.' };
      return { text, why: 'copy=FALSE maps the object itself: every mapper sees every write.' };
    }
    case 'entry_extended':
      return {
        text: `${capital(taskName(c, e.task))}'s entry at ${hex(e.start)} grows to ${size(c, e.end - e.start)} (up to ${hex(e.end)}) instead of getting a new neighbour.`,
        why: 'The new range is adjacent anonymous memory with the same attributes, so it joins the previous entry.',
        rule: 'coalescing: vm_map_enter extends the previous entry (vm_object_coalesce)',
      };
    case 'entry_clipped':
      return {
        text: `${capital(taskName(c, e.task))}'s entry ${e.entry} is split at ${hex(e.at)}: the part from ${hex(e.at)} becomes entry ${e.newEntry}.`,
        why: 'The call covers only part of the entry, so the entry is clipped first. Both halves keep the same object.',
        rule: 'vm_map_clip_start / vm_map_clip_end',
      };
    case 'entries_merged':
      return {
        text: `${capital(taskName(c, e.task))}'s entries ${e.kept} and ${e.removed} merge into one: ${hex(e.start)} to ${hex(e.end)}.`,
        why: 'Neighbours with the same object (contiguous offsets), protection, maximum, inheritance and needs_copy become one entry again.',
        rule: 'coalescing: vm_map_simplify_entry',
      };
    case 'entry_removed':
      return {
        text: `${capital(taskName(c, e.task))}'s entry from ${hex(e.start)} to ${hex(e.end)} is removed from its map.`,
        why: c.call === 'task_terminate' ? 'The task is terminated: its whole map goes.' : 'The range is deallocated: the entry\'s object loses a reference.',
        rule: 'vm_map_delete',
      };
    case 'entry_protected': {
      const at = entryStart(c, e.task, e.entry);
      return {
        text: `${capital(taskName(c, e.task))}'s entry ${e.entry}${at !== null ? ` at ${hex(at)}` : ''} is now ${protWords(e.prot)} (max ${protWords(e.max)}).`,
        why: 'The current protection can never exceed the maximum, and the maximum can only go down.',
        rule: 'vm_protect (vm_map_protect)',
      };
    }
    case 'entry_inherit': {
      const at = entryStart(c, e.task, e.entry);
      return {
        text: `${capital(taskName(c, e.task))}'s entry ${e.entry}${at !== null ? ` at ${hex(at)}` : ''} now has inheritance ${inheritName(e.inheritance)}.`,
        why: 'Inheritance matters at the next fork: share gives the child the same object, copy a copy-on-write copy, none a hole.',
        rule: 'vm_inherit',
      };
    }
    case 'object_created':
      switch (e.reason) {
        case 'anonymous':
          return { text: `Object ${e.object} is created: ${size(c, e.size)} of anonymous memory, zero-filled on demand.`, why: 'Mach creates objects lazily, when they are first needed.' };
        case 'memory_object':
          return {
            text: `Object ${e.object} is created for ${pagerWords(e.pager ?? DEFAULT_PAGER)}: ${size(c, e.size)}.`,
            why: 'The first mapping of a memory object creates the VM object that caches its pages.',
          };
        case 'copy_object':
          return {
            text: `Object ${e.object} is created as a copy object: it shadows the source object.`,
            why: 'A copy of a shared or pager-backed object: before the source changes a page, it pushes the old page into the copy object.',
            rule: RULE_DELAYED,
          };
        case 'shadow':
          return { text: `Object ${e.object} is created as a shadow object.`, why: 'It will hold the private copies of the pages written through a copy-on-write mapping.', rule: 'vm_object_shadow' };
      }
      return assertNever(e.reason);
    case 'object_extended':
      return { text: `Object ${e.object} grows to ${size(c, e.size)}.`, why: 'Its entry was extended and nobody else sees the object, so the object grows with it.', rule: 'coalescing: vm_object_coalesce' };
    case 'object_freed':
      return { text: `Object ${e.object} is freed: its last reference is gone.`, why: 'Its pages go back to the free list, and the object it shadowed loses a reference.', rule: 'vm_object_deallocate' };
    case 'object_cached':
      return {
        text: `Object ${e.object} of ${pagerWords(e.pager)} has no mapping left, but it stays cached with its pages.`,
        why: 'A pager-backed object is kept in the object cache: the next vm_map of it finds its pages resident. Its dirty pages went back to the pager first.',
        rule: 'vm_object_deallocate: the object cache',
      };
    case 'copy_object_reused':
      return {
        text: `Object ${e.object}, the copy object of object ${e.source}, is reused for this copy.`,
        why: 'It holds no pages yet, so it still shows exactly what the source holds now.',
        rule: 'vm_object_copy_delayed: an unmodified copy object is reused',
      };
    case 'memory_object_init':
      if (!e.ok) {
        return {
          text: `Pager ${e.pager} refuses memory_object_init.`,
          why: 'The object cannot be set up, so vm_map fails with KERN_INVALID_OBJECT.',
          rule: 'external pager: memory_object_init',
          tone: 'warning',
        };
      }
      return {
        text: `memory_object_init: pager ${e.pager} is told that object ${e.object} now caches its data.`,
        why: 'The first mapping of a memory object connects the kernel and its pager.',
        rule: 'external pager: memory_object_init',
      };
    case 'object_attached': {
      const created = i > 0 && c.events[i - 1].type === 'object_created' && (c.events[i - 1] as Ev<'object_created'>).object === e.object;
      const text = `${capital(taskName(c, e.task))}'s entry ${e.entry} gets ${created ? 'a new ' : ''}object ${e.object}.`;
      if (fault !== null) return { text, why: 'This is the first touch of lazily allocated memory: its object is created at the first fault.', rule: 'vm_fault: an entry without object gets a zero-fill object' };
      if (c.forking) return { text, why: 'To share the entry, fork needs a real object: one is created in the parent\'s entry first.', rule: 'fork: VM_INHERIT_SHARE (vm_map_fork_share)' };
      return { text, why: 'To share the range, a real object is needed: one is created in the source entry first.', rule: 'vm_remap: sharing needs an object' };
    }
    case 'object_shared':
      return {
        text: `Object ${e.object} is now marked shared.`,
        why: `${c.forking ? 'SHARE inheritance' : 'Sharing'}: two maps use object ${e.object} without copy-on-write. Its later copies therefore use the delayed strategy (a copy object) instead of the symmetric one.`,
        rule: 'sharing: COPY_DELAY + true_share (vm_map_fork_share, vm_remap)',
      };
    case 'needs_copy_set':
      return {
        text: `${capital(taskName(c, e.task))}'s entry ${e.entry} is marked needs_copy on object ${e.object}, and its pages are write-protected.`,
        why: `${c.forking ? 'Parent and child' : 'Both mappings'} share object ${e.object} until one of them writes. That write gives the writer its own shadow.`,
        rule: c.forking ? RULE_SYMMETRIC : 'copy-on-write, symmetric strategy: both entries needs_copy (vm_object_copy_quickly)',
      };
    case 'needs_copy_cleared':
      return {
        text: `${capital(taskName(c, e.task))}'s entry ${e.entry} drops needs_copy and writes object ${e.object} directly.`,
        why: `Nobody else references object ${e.object} any more, so no shadow is needed.`,
        rule: 'vm_object_shadow is skipped for a private object',
      };
    case 'shadow_created': {
      const who = capital(taskName(c, e.task));
      if (fault !== null) {
        return {
          text: `${who}'s entry at ${pageOfAddress(c, fault.address)} is needs_copy, so this write first gives it a new shadow object ${e.object} in front of object ${e.shadow}.`,
          why: `Object ${e.object} will hold ${taskName(c, e.task)}'s private copies. Pages it never writes are still found in object ${e.shadow}.`,
          rule: RULE_COW_SHADOW,
        };
      }
      return {
        text: `${who}'s entry ${e.entry} has a pending copy, so it first gets its own shadow object ${e.object} in front of object ${e.shadow}.`,
        why: 'Before an entry can be shared, its pending copy-on-write must be settled.',
        rule: 'sharing a needs_copy entry: shadow first (vm_map_fork_share, vm_remap)',
      };
    }
    case 'object_collapsed':
      return {
        text: `Object ${e.object} absorbs object ${e.absorbed}: ${e.shadow !== 0 ? `object ${e.object} now shadows object ${e.shadow} directly` : `object ${e.object} is now the bottom of its chain`}.`,
        why: `Object ${e.absorbed} was referenced only by object ${e.object}, so its pages move up and the chain gets shorter.`,
        rule: 'vm_object_collapse: collapse',
      };
    case 'object_bypassed':
      return {
        text: `Object ${e.object} skips object ${e.bypassed}: it now shadows ${e.shadow !== 0 ? `object ${e.shadow}` : 'nothing'} directly.`,
        why: `Object ${e.object} already holds every page of object ${e.bypassed} that it can see. Object ${e.bypassed} stays for its other users.`,
        rule: 'vm_object_collapse: bypass',
      };
    case 'frame_allocated':
      return { text: `Frame ${e.frame} is allocated for object ${e.object} at offset ${hex(e.offset)}.` };
    case 'frame_freed':
      return { text: `Frame ${e.frame} is freed (it held object ${e.object} at offset ${hex(e.offset)}).` };
    case 'page_moved':
      return {
        text: `The page in frame ${e.frame} moves from object ${e.from} (offset ${hex(e.fromOffset)}) to object ${e.to} (offset ${hex(e.toOffset)}), without copying.`,
        why: 'A collapse renames the pages of the absorbed object into the object above it.',
        rule: 'vm_object_collapse',
      };
    case 'zero_fill':
      return {
        text: `Page ${hex(e.offset)} of object ${e.object} is found nowhere in its chain: frame ${e.frame} is zero-filled for it.`,
        why: 'Anonymous memory starts as zeros and gets a frame only when first touched.',
        rule: 'vm_fault: zero fill in the top object',
      };
    case 'cow_copy':
      return {
        text: `Page ${hex(e.fromOffset)} was found in object ${e.from}, lower in the chain: it is copied up into object ${e.to}, frame ${e.frame} (a copy-on-write fault).`,
        why: `The write must not change a page that others still see through object ${e.from}. The old frame ${e.fromFrame} is unmapped everywhere, so every mapper faults again and finds its own copy.`,
        rule: RULE_COW_COPY,
      };
    case 'copy_push': {
      const who = fault !== null ? taskName(c, fault.task) : 'the write';
      return {
        text: `Before ${who} changes page ${hex(e.offset)} of object ${e.object}, its old contents are pushed into copy object ${e.copy} (frame ${e.frame}).`,
        why: `Copy object ${e.copy} lacks this page, and whoever maps the copy must keep the data of the moment the copy was made. The original frame is unmapped, so they find the pushed page.`,
        rule: RULE_PUSH,
      };
    }
    case 'pageout':
      return {
        text: `Page-out: frame ${e.frame} (object ${e.object}, offset ${hex(e.offset)}) is evicted to make room.`,
        why: `No frame was free, and the clock chose frame ${e.frame}: not referenced since its last sweep.`,
        rule: RULE_PAGEOUT,
      };
    case 'memory_object_data_request':
      return {
        text: `Object ${e.object} has no resident page at offset ${hex(e.offset)}: the kernel asks ${pagerWords(e.pager)} for it (memory_object_data_request).`,
        why: e.pager === DEFAULT_PAGER ? 'Anonymous pages that were paged out live in swap, kept by the default pager.' : `Object ${e.object} caches the data of pager ${e.pager}: a missing page comes from the pager.`,
        rule: 'pager: memory_object_data_request',
      };
    case 'memory_object_data_supply':
      return {
        text: `${capital(pagerWords(e.pager))} supplies the page: it is read into frame ${e.frame} (a page-in).`,
        rule: 'pager: memory_object_data_supply',
      };
    case 'memory_object_data_unavailable':
      return {
        text: `${capital(pagerWords(e.pager))} has no data for offset ${hex(e.offset)} of object ${e.object} (memory_object_data_unavailable).`,
        why: e.pager === DEFAULT_PAGER ? 'That page was never paged out: the fault goes on down the chain, or zero-fills it.' : 'The fault goes on down the chain, or zero-fills the page.',
        rule: 'pager: memory_object_data_unavailable',
      };
    case 'memory_object_data_return':
      return {
        text: `Page ${hex(e.offset)} of object ${e.object} goes back to ${pagerWords(e.pager)} (memory_object_data_return).`,
        why: e.pager === DEFAULT_PAGER ? 'Anonymous memory has no other backing store: swap must keep it.' : 'The page is dirty: the pager must get every write.',
        rule: 'pager: memory_object_data_return',
      };
    case 'tlb_hit':
      return {
        text: `TLB hit: ${taskName(c, e.task)}'s page ${page(c, e.vpn)} is cached (frame ${e.frame}).`,
        why: 'The translation is in the TLB: no pmap walk, no fault.',
        rule: 'TLB lookup by (ASID, page)',
      };
    case 'tlb_miss':
      return {
        text: `TLB miss: ${taskName(c, e.task)}'s page ${page(c, e.vpn)} is not cached for ${accessNoun(e.access)}.`,
        why: 'No TLB entry for this (ASID, page) allows the access: the pmap is looked up next.',
        rule: RULE_TRAP,
      };
    case 'tlb_fill':
      return { text: `The TLB now caches ${taskName(c, e.task)}'s page ${page(c, e.vpn)}: frame ${e.frame}, ${protWords(e.prot)}.` };
    case 'tlb_shootdown': {
      const prev = i > 0 ? c.events[i - 1] : null;
      const why =
        prev !== null && prev.type === 'pmap_protect'
          ? 'Its protection was lowered: a stale TLB entry would still grant the old access.'
          : prev !== null && prev.type === 'pmap_remove'
            ? 'Its mapping was removed: a stale TLB entry would still reach the frame.'
            : 'The pageout clock cleared the frame\'s referenced bit: the next access must reload the translation and set it again.';
      return { text: `${capital(taskName(c, e.task))}'s TLB entry for page ${page(c, e.vpn)} is shot down.`, why, rule: RULE_SHOOTDOWN };
    }
    case 'fault_begin':
      return {
        text: `Page fault: ${taskName(c, e.task)} ${accessVerb(e.access)} ${hex(e.address)}.`,
        why: 'No pmap mapping allows this access, so vm_fault looks up the map entry and the object chain.',
        rule: RULE_TRAP,
      };
    case 'fault_end':
      return faultEndWords(c, i, e, false);
    case 'pmap_enter':
      return { text: `${capital(taskName(c, e.task))}'s pmap maps page ${page(c, e.vpn)} to frame ${e.frame}, ${protWords(e.prot)}.` };
    case 'pmap_remove':
      return { text: `${capital(taskName(c, e.task))}'s pmap mapping of page ${page(c, e.vpn)} (frame ${e.frame}) is removed.` };
    case 'pmap_protect':
      return { text: `${capital(taskName(c, e.task))}'s pmap lowers page ${page(c, e.vpn)} (frame ${e.frame}) to ${protWords(e.prot)}.` };
  }
  return assertNever(e);
}

/** The start of an entry, when an event of this step tells it (entry_inserted, or the right half of a clip). */
function entryStart(c: Ctx, task: number, entry: number): number | null {
  for (const e of c.events) {
    if (e.type === 'entry_inserted' && e.task === task && e.entry === entry) return e.start;
    if (e.type === 'entry_clipped' && e.task === task && e.newEntry === entry) return e.at;
  }
  return null;
}

function faultEndWords(c: Ctx, i: number, e: Ev<'fault_end'>, mapped: boolean): Words {
  const begin = c.faults[i];
  const access = begin?.access ?? 0;
  if (e.kr !== 0) {
    const meaning =
      e.kr === 1
        ? 'no map entry covers this address'
        : e.kr === 2
          ? `the entry does not allow ${begin !== null && begin !== undefined ? accessNoun(access) : 'this access'}`
          : (KERN_MEANINGS[e.kr] ?? 'the fault could not be resolved');
    return {
      text: `The fault fails with ${kernReturnName(e.kr)}: ${meaning}.`,
      why: `No mapping is made: ${taskName(c, e.task)} gets a memory exception, and the scenario goes on.`,
      rule: 'vm_fault: no entry → KERN_INVALID_ADDRESS, access not in the entry\'s protection → KERN_PROTECTION_FAILURE',
      tone: 'warning',
    };
  }
  const where = mapped ? ', in the pmap and the TLB' : '';
  const text = `Fault resolved (KERN_SUCCESS): ${taskName(c, e.task)}'s page ${pageOfAddress(c, e.address)} maps frame ${e.frame}, ${protWords(e.prot)}${where}.`;
  const whys: string[] = [];
  // nothing happened between fault_begin and fault_end: the page was resident
  const beginIndex = begin !== null && begin !== undefined ? c.events.indexOf(begin) : -1;
  if (beginIndex >= 0 && beginIndex === i - 1) whys.push('The page was already resident: only the pmap mapping was missing.');
  if (access === VM_PROT_READ && (e.prot & VM_PROT_WRITE) === 0) {
    whys.push('Mapped read-only: a read never copies. If the page is copy-on-write, the first write will fault.');
  }
  return { text, why: whys.length > 0 ? whys.join(' ') : undefined, rule: mapped ? 'vm_fault, then pmap_enter and a TLB fill' : undefined, tone: 'info' };
}

function line(w: Words, event: KernelEvent | undefined): NarrationLine {
  const out: NarrationLine = { text: w.text, tone: w.tone ?? 'info' };
  if (w.why !== undefined) out.why = w.why;
  if (w.rule !== undefined) out.rule = w.rule;
  if (event !== undefined) out.event = event;
  return out;
}

function makeCtx(events: readonly KernelEvent[], names: NarrationNames, call: string): Ctx {
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

/** One event alone, in words (no grouping, no context beyond the event itself). */
export function narrateEvent(event: KernelEvent, names: NarrationNames): NarrationLine {
  return line(eventWords(event, makeCtx([event], names, ''), 0), event);
}

// ---------------------------------------------------------------------------------------------
// Stories: events told together

interface Plan {
  /** Indices told by another event's line. */
  consumed: Set<number>;
  /** Lines told at an index (before the event there, if that one is not consumed), by their main event. */
  at: Map<number, number[]>;
  /** For each main event, the indices it consumed. */
  parts: Map<number, number[]>;
}

function isRemoveOrShoot(e: KernelEvent): boolean {
  return e.type === 'pmap_remove' || e.type === 'tlb_shootdown';
}

function plan(events: readonly KernelEvent[]): Plan {
  const consumed = new Set<number>();
  const at = new Map<number, number[]>();
  const parts = new Map<number, number[]>();
  const take = (main: number, idx: number[], anchor: number) => {
    for (const k of idx) consumed.add(k);
    parts.set(main, idx);
    if (anchor !== main) {
      consumed.add(main);
      at.set(anchor, [...(at.get(anchor) ?? []), main]);
    }
  };
  // 1. a page-out with its data_return and the victim's removed mappings: told where it starts
  events.forEach((e, j) => {
    if (e.type !== 'pageout') return;
    const idx: number[] = [];
    let k = j - 1;
    if (k >= 0) {
      const r = events[k];
      if (r.type === 'memory_object_data_return' && r.object === e.object && r.offset === e.offset) idx.push(k--);
    }
    while (k >= 0 && !consumed.has(k)) {
      const x = events[k];
      if (x.type === 'pmap_remove' && x.frame === e.frame) idx.push(k--);
      else if (x.type === 'tlb_shootdown' && k > 0) {
        const p = events[k - 1];
        if (p.type === 'pmap_remove' && p.frame === e.frame && p.task === x.task && p.vpn === x.vpn) idx.push(k--, k--);
        else break;
      } else break;
    }
    take(j, idx, idx.length > 0 ? Math.min(...idx) : j);
  });
  // 2. a copy-up or a push with its new frame and the old page's removed mappings
  events.forEach((e, j) => {
    if (e.type !== 'cow_copy' && e.type !== 'copy_push') return;
    const obj = e.type === 'cow_copy' ? e.to : e.copy;
    const idx: number[] = [];
    for (let k = j - 1; k >= 0 && !consumed.has(k); k--) {
      const x = events[k];
      if (isRemoveOrShoot(x)) idx.push(k);
      else if (x.type === 'frame_allocated' && x.frame === e.frame && x.object === obj) idx.push(k);
      else break;
    }
    take(j, idx, j);
  });
  // 3. a zero fill or a page-in with the frame it got
  events.forEach((e, j) => {
    if (e.type !== 'zero_fill' && e.type !== 'memory_object_data_supply') return;
    for (let k = j - 1; k >= 0; k--) {
      const x = events[k];
      if (x.type === 'frame_allocated' && !consumed.has(k) && x.frame === e.frame && x.object === e.object && x.offset === e.offset) {
        take(j, [k], j);
        break;
      }
      if (x.type === 'fault_begin') break;
    }
  });
  // 4. a collapse with the pages it moved or dropped, and the absorbed object's end
  events.forEach((e, j) => {
    if (e.type !== 'object_collapsed') return;
    const idx: number[] = [];
    for (let k = j - 1; k >= 0 && !consumed.has(k); k--) {
      const x = events[k];
      if ((x.type === 'page_moved' && x.from === e.absorbed) || (x.type === 'frame_freed' && x.object === e.absorbed) || (x.type === 'object_freed' && x.object === e.absorbed)) idx.push(k);
      else break;
    }
    take(j, idx, j);
  });
  // 5. an object freed with its frames
  events.forEach((e, j) => {
    if (e.type !== 'object_freed' || consumed.has(j)) return;
    const idx: number[] = [];
    for (let k = j - 1; k >= 0 && !consumed.has(k); k--) {
      const x = events[k];
      if (x.type === 'frame_freed' && x.object === e.object) idx.push(k);
      else break;
    }
    if (idx.length > 0) take(j, idx, j);
  });
  // 6. a new shadow or a lazily created object with the event that says what it is for
  events.forEach((e, j) => {
    if (e.type === 'shadow_created') {
      for (let k = j - 1; k >= 0; k--) {
        const x = events[k];
        if (x.type === 'object_created' && x.reason === 'shadow' && x.object === e.object && !consumed.has(k)) {
          take(j, [k], j);
          break;
        }
      }
    } else if (e.type === 'object_attached' && j > 0) {
      const x = events[j - 1];
      if (x.type === 'object_created' && x.reason === 'anonymous' && x.object === e.object && !consumed.has(j - 1)) take(j, [j - 1], j);
    }
  });
  return { consumed, at, parts };
}

/** The line of a main event, with what it consumed. */
function storyLines(c: Ctx, p: Plan, j: number): NarrationLine[] {
  const e = c.events[j];
  const idx = p.parts.get(j) ?? [];
  const got = idx.map((k) => c.events[k]);
  if (e.type === 'pageout') {
    const removed = got.filter((x): x is Ev<'pmap_remove'> => x.type === 'pmap_remove');
    const ret = got.find((x): x is Ev<'memory_object_data_return'> => x.type === 'memory_object_data_return');
    const unmapped = removed.length > 0 ? `, unmapping it from ${listOf(removed.reverse().map((r) => `${taskName(c, r.task)} at ${page(c, r.vpn)}`))}` : '';
    const w = eventWords(e, c, j);
    const out = [line({ ...w, text: w.text.replace(/ is evicted to make room\.$/, ` is evicted to make room${unmapped}.`) }, e)];
    if (ret !== undefined) {
      const reason = ret.dirty ? 'The page is dirty' : 'Swap has no copy of it';
      out.push(
        line(
          {
            text: `${reason}, so its contents go to ${pagerWords(ret.pager)} with memory_object_data_return.`,
            why: ret.pager === DEFAULT_PAGER ? 'Anonymous memory has no other backing store: swap must keep it.' : `The file must keep the write before frame ${e.frame} is reused.`,
            rule: 'pager: memory_object_data_return',
          },
          ret,
        ),
      );
    } else {
      out[0].why = `${out[0].why} Its pager already holds this page, so nothing is written back.`;
    }
    return out;
  }
  if (e.type === 'object_collapsed') {
    const moved = got.filter((x) => x.type === 'page_moved').length;
    const dropped = got.filter((x) => x.type === 'frame_freed').length;
    const w = eventWords(e, c, j);
    const details: string[] = [];
    if (moved > 0) details.push(`${plural(moved, 'page')} moved up`);
    if (dropped > 0) details.push(`${plural(dropped, 'page')} dropped (object ${e.object} has its own copy)`);
    const why = details.length > 0 ? `${w.why} ${capital(details.join(', '))}; object ${e.absorbed} is freed.` : `${w.why} Object ${e.absorbed} is freed.`;
    return [line({ ...w, why }, e)];
  }
  if (e.type === 'object_freed' && got.length > 0) {
    const frames = got.filter((x): x is Ev<'frame_freed'> => x.type === 'frame_freed').map((x) => String(x.frame)).reverse();
    const w = eventWords(e, c, j);
    return [line({ ...w, text: `Object ${e.object} is freed with its last reference: ${frames.length === 1 ? `frame ${frames[0]} returns` : `frames ${listOf(frames)} return`} to the free list.` }, e)];
  }
  return [line(eventWords(e, c, j), e)];
}

// ---------------------------------------------------------------------------------------------
// The step

/** Lines for every event of a step, in order, with stories and runs grouped. */
export function narrateEvents(events: readonly KernelEvent[], names: NarrationNames, call = ''): NarrationLine[] {
  const c = makeCtx(events, names, call);
  const p = plan(events);
  const out: NarrationLine[] = [];
  const free = (k: number) => k < events.length && !p.consumed.has(k) && !p.at.has(k);
  let i = 0;
  while (i < events.length) {
    for (const j of p.at.get(i) ?? []) out.push(...storyLines(c, p, j));
    if (p.consumed.has(i)) {
      i++;
      continue;
    }
    const e = events[i];
    switch (e.type) {
      case 'tlb_hit': {
        const run = [e];
        let k = i + 1;
        while (free(k)) {
          const x = events[k];
          if (x.type !== 'tlb_hit' || x.task !== e.task) break;
          run.push(x);
          k++;
        }
        if (run.length === 1) out.push(line(eventWords(e, c, i), e));
        else {
          out.push(
            line(
              {
                text: `${run.length} TLB hits for ${taskName(c, e.task)} (pages ${listOf(run.map((h) => page(c, h.vpn)))}).`,
                why: 'The translations were cached: no pmap walk, no fault.',
                rule: 'TLB lookup by (ASID, page)',
              },
              e,
            ),
          );
        }
        i = k;
        continue;
      }
      case 'tlb_miss': {
        const next = free(i + 1) ? events[i + 1] : null;
        if (next !== null && next.type === 'fault_begin' && next.task === e.task) {
          out.push(
            line(
              {
                text: `${capital(taskName(c, e.task))} ${accessVerb(next.access)} ${hex(next.address)}: TLB miss, and no pmap mapping allows it, so it page-faults (vm_fault).`,
                rule: RULE_TRAP,
              },
              next,
            ),
          );
          i += 2;
          continue;
        }
        // misses the pmap answered: refills without faults
        const run: Ev<'tlb_fill'>[] = [];
        let k = i;
        while (free(k) && free(k + 1)) {
          const m = events[k];
          const f = events[k + 1];
          if (m.type !== 'tlb_miss' || f.type !== 'tlb_fill' || m.task !== e.task || f.task !== m.task || f.vpn !== m.vpn) break;
          run.push(f);
          k += 2;
        }
        if (run.length === 0) {
          out.push(line(eventWords(e, c, i), e));
          i++;
          continue;
        }
        const text =
          run.length === 1
            ? `TLB miss on ${taskName(c, e.task)}'s page ${page(c, e.vpn)}: the pmap already maps it (frame ${run[0].frame}, ${protWords(run[0].prot)}), so the TLB is refilled without a page fault.`
            : `${run.length} TLB misses for ${taskName(c, e.task)} (pages ${listOf(run.map((f) => page(c, f.vpn)))}): the pmap already maps them, so the TLB is refilled without page faults.`;
        out.push(line({ text, why: 'The TLB is small: an entry can be evicted, or shot down, while the pmap keeps the mapping.', rule: RULE_TRAP }, e));
        i = k;
        continue;
      }
      case 'fault_end': {
        let k = i + 1;
        let mapped = false;
        if (free(k) && events[k].type === 'pmap_enter' && (events[k] as Ev<'pmap_enter'>).task === e.task) k++;
        if (free(k) && events[k].type === 'tlb_fill' && (events[k] as Ev<'tlb_fill'>).task === e.task) {
          k++;
          mapped = true;
        }
        out.push(line(faultEndWords(c, i, e, mapped), e));
        i = k;
        continue;
      }
      case 'pmap_protect': {
        const pages: string[] = [];
        let shot = false;
        let k = i;
        while (free(k)) {
          const x = events[k];
          if (x.type !== 'pmap_protect' || x.task !== e.task || x.prot !== e.prot) break;
          pages.push(page(c, x.vpn));
          k++;
          const s = free(k) ? events[k] : null;
          if (s !== null && s.type === 'tlb_shootdown' && s.task === x.task && s.vpn === x.vpn) {
            shot = true;
            k++;
          }
        }
        const cow = (e.prot & VM_PROT_WRITE) === 0 && events.some((x) => x.type === 'needs_copy_set' || (x.type === 'object_created' && x.reason === 'copy_object') || x.type === 'entry_inserted' && x.needsCopy);
        const which = pages.length === 1 ? `page ${pages[0]}` : `${pages.length} pages (${listOf(pages)})`;
        const what = cow ? `write-protects ${which}` : `lowers ${which} to ${protWords(e.prot)}`;
        const text = `${capital(taskName(c, e.task))}'s pmap ${what}${shot ? `, and ${pages.length === 1 ? 'its TLB entry is' : 'their TLB entries are'} shot down` : ''}.`;
        const why = cow
          ? 'Copy-on-write: the next write to these pages must fault, so the kernel can copy first.'
          : 'The protection was lowered: a stale TLB entry would still grant the old access.';
        out.push(line({ text, why, rule: cow ? 'copy-on-write: the source\'s pages are write-protected (pmap_protect) and shot down from the TLB' : RULE_SHOOTDOWN }, e));
        i = k;
        continue;
      }
      case 'pmap_remove': {
        const removed: Ev<'pmap_remove'>[] = [];
        let shot = false;
        let k = i;
        while (free(k)) {
          const x = events[k];
          if (x.type !== 'pmap_remove') break;
          removed.push(x);
          k++;
          const s = free(k) ? events[k] : null;
          if (s !== null && s.type === 'tlb_shootdown' && s.task === x.task && s.vpn === x.vpn) {
            shot = true;
            k++;
          }
        }
        const next = k < events.length ? events[k] : null;
        const why =
          c.call === 'task_terminate'
            ? 'The task is terminated: all its mappings go.'
            : next !== null && next.type === 'entry_removed'
              ? 'The range is deallocated.'
              : c.call === 'vm_protect'
                ? 'The protection dropped to none.'
                : 'These mappings are no longer valid.';
        const n = removed.length;
        const oneTask = removed.every((r) => r.task === e.task);
        const tlb = shot ? `; ${n === 1 ? 'its TLB entry is' : 'stale TLB entries are'} shot down` : '';
        const text =
          n === 1
            ? `${capital(taskName(c, e.task))}'s mapping of page ${page(c, e.vpn)} (frame ${e.frame}) is removed from the pmap${tlb}.`
            : oneTask
              ? `${n} of ${taskName(c, e.task)}'s mappings are removed from the pmap (pages ${listOf(removed.map((r) => page(c, r.vpn)))})${tlb}.`
              : `${n} mappings are removed from the pmaps: ${listOf(removed.map((r) => `${taskName(c, r.task)} at ${page(c, r.vpn)}`))}${tlb}.`;
        out.push(line({ text, why, rule: RULE_SHOOTDOWN }, e));
        i = k;
        continue;
      }
      case 'tlb_shootdown': {
        const prev = i > 0 ? events[i - 1] : null;
        if (prev !== null && (prev.type === 'pmap_protect' || prev.type === 'pmap_remove')) break; // told alone below
        const run = [e];
        let k = i + 1;
        while (free(k) && events[k].type === 'tlb_shootdown') run.push(events[k++] as Ev<'tlb_shootdown'>);
        if (run.length === 1) {
          out.push(line(eventWords(e, c, i), e));
        } else {
          const tasks = [...new Set(run.map((s) => taskName(c, s.task)))];
          out.push(
            line(
              {
                text: `The pageout clock sweeps: ${run.length} TLB entries of ${listOf(tasks)} are shot down (pages ${listOf(run.map((s) => page(c, s.vpn)))}).`,
                why: 'The clock clears each referenced frame\'s bit and gives it a second chance. The TLB entry goes, so the next access sets the bit again.',
                rule: RULE_PAGEOUT,
              },
              e,
            ),
          );
        }
        i = k;
        continue;
      }
      case 'frame_freed': {
        const run = [e];
        let k = i + 1;
        while (free(k) && events[k].type === 'frame_freed') run.push(events[k++] as Ev<'frame_freed'>);
        if (run.length === 1) out.push(line(eventWords(e, c, i), e));
        else out.push(line({ text: `Frames ${listOf(run.map((f) => String(f.frame)))} are freed: their pages are no longer needed.` }, e));
        i = k;
        continue;
      }
      default:
        break;
    }
    out.push(...storyLines(c, p, i));
    i++;
  }
  for (const j of p.at.get(events.length) ?? []) out.push(...storyLines(c, p, j));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The statement's own line

/** "kr = vm_map(A, &x, ...)" → { name: 'vm_map', args: ['A', '&x', ...] } */
export function parseCallText(text: string): { name: string; args: string[] } | null {
  const m = /^(?:[A-Za-z_]\w*\s*=\s*)?([A-Za-z_]\w*)\(/.exec(text);
  if (m === null) return null;
  const args: string[] = [];
  let depth = 0;
  let cur = '';
  let inString = false;
  for (let k = m[0].length; k < text.length; k++) {
    const ch = text[k];
    if (inString) {
      cur += ch;
      if (ch === '\\' && k + 1 < text.length) cur += text[++k];
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      cur += ch;
    } else if (ch === '(') {
      depth++;
      cur += ch;
    } else if (ch === ')') {
      if (depth === 0) {
        if (cur.trim() !== '' || args.length > 0) args.push(cur.trim());
        return { name: m[1], args };
      }
      depth--;
      cur += ch;
    } else if (ch === ',' && depth === 0) {
      args.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  return null;
}

function outOf(rec: StepRecord, arg: string | undefined): Value | undefined {
  if (arg === undefined || !arg.startsWith('&')) return undefined;
  return rec.out[arg.slice(1)];
}

function numOut(rec: StepRecord, arg: string | undefined): number | null {
  const v = outOf(rec, arg);
  return typeof v === 'number' ? v : null;
}

function shortBytes(v: Value | undefined): string {
  if (v === undefined || typeof v === 'number') return '';
  return v.length <= 40 ? `: ${quoteBytes(v)}` : '';
}

/** " at 0x1010" (a fault gives the exact address) or " in page 0x1000" (the first TLB lookup), or "". */
function accessWhere(rec: StepRecord, c: Ctx): string {
  const first = rec.events.findIndex((e) => e.type === 'tlb_hit' || e.type === 'tlb_miss');
  if (first < 0) return '';
  const e = rec.events[first];
  const next = rec.events[first + 1];
  if (e.type === 'tlb_miss' && next !== undefined && next.type === 'fault_begin') return ` at ${hex(next.address)}`;
  return e.type === 'tlb_hit' || e.type === 'tlb_miss' ? ` in page ${page(c, e.vpn)}` : '';
}

function callSummary(rec: StepRecord, c: Ctx, name: string, args: string[]): string {
  const ev = rec.events;
  const task = args[0] ?? '?';
  const inserted = (t: string) => ev.filter((e): e is Ev<'entry_inserted'> => e.type === 'entry_inserted' && c.names.task(e.task) === t).reduce((n, e) => n + (e.end - e.start), 0);
  switch (name) {
    case 'vm_allocate': {
      const addr = numOut(rec, args[1]) ?? 0;
      let bytes = inserted(task);
      const ext = ev.find((e): e is Ev<'entry_extended'> => e.type === 'entry_extended');
      if (bytes === 0 && ext !== undefined) bytes = ext.end - addr;
      if (bytes <= 0) return 'size 0, so nothing is allocated (the address is set to 0)';
      return `${size(c, bytes)} at ${hex(addr)} for task ${task}`;
    }
    case 'vm_map': {
      const addr = numOut(rec, args[1]) ?? 0;
      const bytes = inserted(task);
      const obj = args[5] ?? '';
      const anon = obj === 'MEMORY_OBJECT_NULL' || obj === '0';
      const what = anon ? 'anonymous zero-fill memory' : `memory object ${obj}`;
      const how = anon ? '' : args[7] === 'TRUE' ? ', as a copy-on-write copy' : args[7] === 'FALSE' ? ', shared with its other mappers' : '';
      return `${bytes > 0 ? `${size(c, bytes)} of ` : ''}${what} at ${hex(addr)} in task ${task}${how}`;
    }
    case 'vm_remap': {
      const addr = numOut(rec, args[1]) ?? 0;
      const src = args[5] ?? '?';
      const bytes = inserted(task);
      const cur = numOut(rec, args[8]);
      const max = numOut(rec, args[9]);
      const how = args[7] === 'TRUE' ? 'as a copy-on-write copy' : `shared with task ${src}`;
      const prots = cur !== null && max !== null ? ` (${protWords(cur)}, max ${protWords(max)}: the AND over the source entries)` : '';
      return `${bytes > 0 ? `${size(c, bytes)} of ` : ''}task ${src}'s memory appear at ${hex(addr)} in task ${task}, ${how}${prots}`;
    }
    case 'vm_protect': {
      const p = ev.find((e): e is Ev<'entry_protected'> => e.type === 'entry_protected');
      if (p === undefined) return `the protection of task ${task}'s range is unchanged`;
      return args[3] === 'TRUE' ? `task ${task}'s range now has maximum ${protWords(p.max)} (current ${protWords(p.prot)})` : `task ${task}'s range is now ${protWords(p.prot)}`;
    }
    case 'vm_inherit': {
      const h = ev.find((e): e is Ev<'entry_inherit'> => e.type === 'entry_inherit');
      return h !== undefined ? `task ${task}'s range now has inheritance ${inheritName(h.inheritance)}, used at its next fork` : `task ${task}'s inheritance is set`;
    }
    case 'vm_deallocate':
      return ev.some((e) => e.type === 'entry_removed') ? `the range is unmapped from task ${task}` : 'nothing was mapped there (holes are ignored)';
    case 'vm_region': {
      const [a, s, p, m, h, sh, o, off] = args.slice(1, 9).map((x) => numOut(rec, x));
      if (a === null || s === null) return `task ${task}'s region`;
      const obj = o !== null && o !== 0 ? `, object ${o} at offset ${hex(off ?? 0)}` : ', no object yet';
      return `task ${task}'s region at ${hex(a)} is ${size(c, s)}, ${protWords(p ?? 0)} (max ${protWords(m ?? 0)}), inheritance ${inheritName(h ?? 1)}${obj}${sh === 1 ? ', shared' : ''}`;
    }
    case 'vm_read': {
      const d = outOf(rec, args[3]);
      const n = d !== undefined && typeof d !== 'number' ? d.length : 0;
      return `${plural(n, 'byte')} copied out of task ${task}${shortBytes(d)}`;
    }
    case 'vm_write':
      return `${args[2] ?? 'the bytes'} is written into task ${task}`;
    case 'vm_copy':
      return `the range is copied within task ${task}`;
    case 'task_terminate':
      return `task ${task} is terminated and its whole address space deallocated`;
    case 'read': {
      const d = outOf(rec, args[3]);
      const n = d !== undefined && typeof d !== 'number' ? d.length : 0;
      return `task ${task} read ${plural(n, 'byte')}${accessWhere(rec, c)}${shortBytes(d)}`;
    }
    case 'write':
      return `task ${task} stored ${args[2] ?? 'its bytes'}${accessWhere(rec, c)}`;
    case 'exec':
      return `task ${task} fetched an instruction${accessWhere(rec, c) || ` at ${args[1] ?? 'the address'}`}`;
    default:
      return 'the call did what was asked';
  }
}

function headerLine(rec: StepRecord, c: Ctx): NarrationLine | null {
  const text = rec.text;
  switch (rec.kind) {
    case 'config':
      return { text: `The machine is configured: ${text.replace(/^config\s*/, '')}.`, why: 'These settings hold for the whole scenario.', tone: 'info' };
    case 'task': {
      const m = /^task\s+(\w+)(?:\s*=\s*fork\((\w+)\))?/.exec(text);
      const name = m?.[1] ?? '?';
      if (m?.[2] !== undefined) {
        if (rec.kr === null) return null;
        return {
          text: `fork returned ${kernReturnName(rec.kr)}: task ${name} is a child of task ${m[2]}.`,
          why: rec.kr === 0 ? 'Nothing is copied now: the child gets its memory by each entry\'s inheritance.' : explainKernReturn(rec.kr, 'fork'),
          tone: rec.kr === 0 ? 'success' : 'warning',
        };
      }
      return { text: `Task ${name} is created.`, tone: 'info' };
    }
    case 'object': {
      const m = /^object\s+(\w+)\s+size=(\S+)/.exec(text);
      const fail = /\bfail_init\b/.test(text);
      return {
        text: `Memory object ${m?.[1] ?? '?'} is declared: ${m?.[2] ?? 'some'} bytes served by its own pager, like a file.`,
        why: fail ? 'Its pager will refuse memory_object_init, so mapping it fails.' : 'Nothing is mapped yet: vm_map maps it into a task.',
        tone: 'info',
      };
    }
    case 'assign': {
      const entries = Object.entries(rec.out);
      if (entries.length === 0) return { text: `${text}.`, tone: 'info' };
      return { text: entries.map(([k, v]) => `${k} is set to ${formatValue(v)}`).join('; ') + '.', tone: 'info' };
    }
    case 'assert': {
      const expr = text.replace(/^assert\s+/, '');
      if (rec.assert === undefined) return null; // a runtime error: told below
      if (rec.assert.held) return { text: `assert held: ${expr}`, tone: 'success' };
      const codes = /\bkr\b|KERN_/.test(expr);
      return {
        text: rec.error?.message ?? `assert failed: ${expr}: left is ${formatValue(rec.assert.left, codes)}, right is ${formatValue(rec.assert.right, codes)}`,
        why: 'The scenario stops here.',
        tone: 'error',
      };
    }
    case 'call': {
      const call = parseCallText(text);
      if (call === null || rec.kr === null) return null;
      const kr = rec.kr;
      if (kr !== 0) return { text: `${call.name} returned ${explainKernReturn(kr, call.name)}.`, tone: 'warning' };
      return { text: `${call.name} returned KERN_SUCCESS: ${callSummary(rec, c, call.name, call.args)}.`, tone: 'success' };
    }
  }
}

/**
 * The narration of one step: what the statement did and its result code with its meaning, then
 * one line per significant event, then a runtime error if there was one.
 */
export function narrate(record: StepRecord, names: NarrationNames): NarrationLine[] {
  const call = record.kind === 'call' ? (parseCallText(record.text)?.name ?? 'call') : record.kind;
  const c = makeCtx(record.events, names, call);
  const out: NarrationLine[] = [];
  const head = headerLine(record, c);
  const assertFailed = record.assert !== undefined && !record.assert.held;
  if (head !== null) out.push(head);
  // a reason said once in a step is not read out again (a fork of 3 entries gives 3 needs_copy lines)
  const said = new Set<string>();
  for (const l of narrateEvents(record.events, names, call)) {
    if (l.why !== undefined) {
      if (said.has(l.why)) {
        delete l.why;
        delete l.rule;
      } else said.add(l.why);
    }
    out.push(l);
  }
  if (record.error !== undefined && !assertFailed) {
    out.push({ text: `Error on line ${record.error.line}: ${record.error.message}`, why: 'The scenario stops here.', tone: 'error' });
  }
  return out;
}
