/**
 * One event, one line: every event type has its words, its reason and the kernel rule it follows
 * (the switch is exhaustive: a new event type is a compile error here until it has words).
 */
import type { KernelEvent } from '../../kernel/events';
import { kernReturnName } from '../../kernel/kern_return';
import { DEFAULT_PAGER } from '../../kernel/vm_pageout';
import { hex, inheritName, VM_PROT_READ, VM_PROT_WRITE } from '../../kernel/vm_param';
import { KERN_MEANINGS } from './codes';
import { makeCtx, page, pageOfAddress, size, taskName, type Ctx } from './context';
import { line, type Ev, type NarrationLine, type NarrationNames, type Words } from './line';
import { accessNoun, accessVerb, capital, pagerWords, protWords } from './phrases';

function assertNever(x: never): never {
  throw new Error(`an event the narration does not know: ${JSON.stringify(x)}`);
}

// the kernel rules the lines cite
const RULE_COW_SHADOW = 'copy-on-write: first write to a needs_copy entry (vm_fault, vm_object_shadow)';
const RULE_COW_COPY = 'copy-on-write: a write copies the page up into the top object (vm_fault_page)';
const RULE_PUSH = 'delayed copy: before a page changes, it is pushed into the copy object (vm_fault_page)';
const RULE_SYMMETRIC = 'copy-on-write, symmetric strategy: fork with COPY inheritance (vm_map_fork, vm_object_copy_quickly)';
const RULE_DELAYED = 'copy-on-write, delayed strategy: a copy object (vm_object_copy_delayed)';
export const RULE_PAGEOUT = 'pageout daemon: clock, second chance (vm_pageout)';
export const RULE_SHOOTDOWN = 'TLB shootdown: lowering or removing a mapping invalidates its TLB entries';
export const RULE_TRAP = 'trap: TLB, then pmap, then vm_fault';

/** The words for one event at index i of ctx.events. */
export function eventWords(e: KernelEvent, c: Ctx, i: number): Words {
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
        ruleId: 'fork', rule: 'fork: task_create with inherit_memory (vm_map_fork)',
      };
    }
    case 'task_terminated':
      return {
        text: `${capital(taskName(c, e.task))} is terminated: its address space is gone.`,
        why: 'Its whole map was deallocated; objects that lost their last reference were freed (pager-backed ones stay cached).',
        ruleId: 'deallocate', rule: 'task_terminate',
      };
    case 'entry_inserted': {
      const what = e.object === 0 ? 'anonymous zero-fill memory' : `object ${e.object} at offset ${hex(e.offset)}`;
      const text = `${capital(taskName(c, e.task))}'s map gets a new entry: ${size(c, e.end - e.start)} at ${hex(e.start)}, ${what}, ${protWords(e.prot)} (max ${protWords(e.max)}), inheritance ${inheritName(e.inheritance)}${e.needsCopy ? ', needs_copy' : ''}.`;
      if (e.needsCopy && c.forking) return { text, why: 'Fork with COPY inheritance: the child shares the object until one of them writes. Nothing is copied now.', ruleId: 'cow-symmetric', rule: RULE_SYMMETRIC };
      if (e.needsCopy) return { text, why: 'A copy-on-write mapping: it shares the object until its first write, which gives it a private shadow.', ruleId: 'cow-symmetric', rule: 'copy-on-write: needs_copy (vm_map_enter)' };
      if (e.object === 0) return { text, why: 'Mach allocates lazily: the object and its frames appear only at the first touch.' };
      if (c.forking) return { text, why: 'SHARE inheritance: the child maps the same object, so each task sees the other\'s writes.', ruleId: 'share', rule: 'fork: VM_INHERIT_SHARE (vm_map_fork_share)' };
      if (c.call === 'vm_remap') return { text, why: 'vm_remap with copy=FALSE: both tasks map the same object and see each other\'s writes.' };
      return { text, why: 'copy=FALSE maps the object itself: every mapper sees every write.' };
    }
    case 'entry_extended':
      return {
        text: `${capital(taskName(c, e.task))}'s entry at ${hex(e.start)} grows to ${size(c, e.end - e.start)} (up to ${hex(e.end)}) instead of getting a new neighbour.`,
        why: 'The new range is adjacent anonymous memory with the same attributes, so it joins the previous entry.',
        ruleId: 'coalesce', rule: 'coalescing: vm_map_enter extends the previous entry (vm_object_coalesce)',
      };
    case 'entry_clipped':
      return {
        text: `${capital(taskName(c, e.task))}'s entry ${e.entry} is split at ${hex(e.at)}: the part from ${hex(e.at)} becomes entry ${e.newEntry}.`,
        why: 'The call covers only part of the entry, so the entry is clipped first. Both halves keep the same object.',
        ruleId: 'clip', rule: 'vm_map_clip_start / vm_map_clip_end',
      };
    case 'entries_merged':
      return {
        text: `${capital(taskName(c, e.task))}'s entries ${e.kept} and ${e.removed} merge into one: ${hex(e.start)} to ${hex(e.end)}.`,
        why: 'Neighbours with the same object (contiguous offsets), protection, maximum, inheritance and needs_copy become one entry again.',
        ruleId: 'coalesce', rule: 'coalescing: vm_map_simplify_entry',
      };
    case 'entry_removed':
      return {
        text: `${capital(taskName(c, e.task))}'s entry from ${hex(e.start)} to ${hex(e.end)} is removed from its map.`,
        why: c.call === 'task_terminate' ? 'The task is terminated: its whole map goes.' : 'The range is deallocated: the entry\'s object loses a reference.',
        ruleId: 'deallocate', rule: 'vm_map_delete',
      };
    case 'entry_protected': {
      const at = entryStart(c, e.task, e.entry);
      return {
        text: `${capital(taskName(c, e.task))}'s entry ${e.entry}${at !== null ? ` at ${hex(at)}` : ''} is now ${protWords(e.prot)} (max ${protWords(e.max)}).`,
        why: 'The current protection can never exceed the maximum, and the maximum can only go down.',
        ruleId: 'protect', rule: 'vm_protect (vm_map_protect)',
      };
    }
    case 'entry_inherit': {
      const at = entryStart(c, e.task, e.entry);
      return {
        text: `${capital(taskName(c, e.task))}'s entry ${e.entry}${at !== null ? ` at ${hex(at)}` : ''} now has inheritance ${inheritName(e.inheritance)}.`,
        why: 'Inheritance matters at the next fork: share gives the child the same object, copy a copy-on-write copy, none a hole.',
        ruleId: 'inherit', rule: 'vm_inherit',
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
            ruleId: 'cow-delayed', rule: RULE_DELAYED,
          };
        case 'shadow':
          return { text: `Object ${e.object} is created as a shadow object.`, why: 'It will hold the private copies of the pages written through a copy-on-write mapping.', ruleId: 'cow-shadow', rule: 'vm_object_shadow' };
      }
      return assertNever(e.reason);
    case 'object_extended':
      return { text: `Object ${e.object} grows to ${size(c, e.size)}.`, why: 'Its entry was extended and nobody else sees the object, so the object grows with it.', ruleId: 'coalesce', rule: 'coalescing: vm_object_coalesce' };
    case 'object_freed':
      return { text: `Object ${e.object} is freed: its last reference is gone.`, why: 'Its pages go back to the free list, and the object it shadowed loses a reference.', ruleId: 'object-lifetime', rule: 'vm_object_deallocate' };
    case 'object_cached':
      return {
        text: `Object ${e.object} of ${pagerWords(e.pager)} has no mapping left, but it stays cached with its pages.`,
        why: 'A pager-backed object is kept in the object cache: the next vm_map of it finds its pages resident. Its dirty pages went back to the pager first.',
        ruleId: 'object-lifetime', rule: 'vm_object_deallocate: the object cache',
      };
    case 'copy_object_reused':
      return {
        text: `Object ${e.object}, the copy object of object ${e.source}, is reused for this copy.`,
        why: 'It holds no pages yet, so it still shows exactly what the source holds now.',
        ruleId: 'cow-delayed', rule: 'vm_object_copy_delayed: an unmodified copy object is reused',
      };
    case 'memory_object_init':
      if (!e.ok) {
        return {
          text: `Pager ${e.pager} refuses memory_object_init.`,
          why: 'The object cannot be set up, so vm_map fails with KERN_INVALID_OBJECT.',
          ruleId: 'pager', rule: 'external pager: memory_object_init',
          tone: 'warning',
        };
      }
      return {
        text: `memory_object_init: pager ${e.pager} is told that object ${e.object} now caches its data.`,
        why: 'The first mapping of a memory object connects the kernel and its pager.',
        ruleId: 'pager', rule: 'external pager: memory_object_init',
      };
    case 'object_attached': {
      const created = c.ops.own[e.op].some((k) => { const x = c.events[k]; return x.type === 'object_created' && x.object === e.object; });
      const text = `${capital(taskName(c, e.task))}'s entry ${e.entry} gets ${created ? 'a new ' : ''}object ${e.object}.`;
      if (fault !== null) return { text, why: 'This is the first touch of lazily allocated memory: its object is created at the first fault.', ruleId: 'zero-fill', rule: 'vm_fault: an entry without object gets a zero-fill object' };
      if (c.forking) return { text, why: 'To share the entry, fork needs a real object: one is created in the parent\'s entry first.', ruleId: 'share', rule: 'fork: VM_INHERIT_SHARE (vm_map_fork_share)' };
      return { text, why: 'To share the range, a real object is needed: one is created in the source entry first.', ruleId: 'share', rule: 'vm_remap: sharing needs an object' };
    }
    case 'object_shared':
      return {
        text: `Object ${e.object} is now marked shared.`,
        why: `${c.forking ? 'SHARE inheritance' : 'Sharing'}: two maps use object ${e.object} without copy-on-write. Its later copies therefore use the delayed strategy (a copy object) instead of the symmetric one.`,
        ruleId: 'share', rule: 'sharing: COPY_DELAY + true_share (vm_map_fork_share, vm_remap)',
      };
    case 'needs_copy_set':
      return {
        text: `${capital(taskName(c, e.task))}'s entry ${e.entry} is marked needs_copy on object ${e.object}, and its pages are write-protected.`,
        why: `${c.forking ? 'Parent and child' : 'Both mappings'} share object ${e.object} until one of them writes. That write gives the writer its own shadow.`,
        ruleId: 'cow-symmetric', rule: c.forking ? RULE_SYMMETRIC : 'copy-on-write, symmetric strategy: both entries needs_copy (vm_object_copy_quickly)',
      };
    case 'needs_copy_cleared':
      return {
        text: `${capital(taskName(c, e.task))}'s entry ${e.entry} drops needs_copy and writes object ${e.object} directly.`,
        why: `Nobody else references object ${e.object} any more, so no shadow is needed.`,
        ruleId: 'cow-symmetric', rule: 'vm_object_shadow is skipped for a private object',
      };
    case 'shadow_created': {
      const who = capital(taskName(c, e.task));
      if (fault !== null) {
        return {
          text: `${who}'s entry at ${pageOfAddress(c, fault.address)} is needs_copy, so this write first gives it a new shadow object ${e.object} in front of object ${e.shadow}.`,
          why: `Object ${e.object} will hold ${taskName(c, e.task)}'s private copies. Pages it never writes are still found in object ${e.shadow}.`,
          ruleId: 'cow-shadow', rule: RULE_COW_SHADOW,
        };
      }
      return {
        text: `${who}'s entry ${e.entry} has a pending copy, so it first gets its own shadow object ${e.object} in front of object ${e.shadow}.`,
        why: 'Before an entry can be shared, its pending copy-on-write must be settled.',
        ruleId: 'share', rule: 'sharing a needs_copy entry: shadow first (vm_map_fork_share, vm_remap)',
      };
    }
    case 'object_collapsed':
      return {
        text: `Object ${e.object} absorbs object ${e.absorbed}: ${e.shadow !== 0 ? `object ${e.object} now shadows object ${e.shadow} directly` : `object ${e.object} is now the bottom of its chain`}.`,
        why: `Object ${e.absorbed} was referenced only by object ${e.object}, so its pages move up and the chain gets shorter.`,
        ruleId: 'collapse', rule: 'vm_object_collapse: collapse',
      };
    case 'object_bypassed':
      return {
        text: `Object ${e.object} skips object ${e.bypassed}: it now shadows ${e.shadow !== 0 ? `object ${e.shadow}` : 'nothing'} directly.`,
        why: `Object ${e.object} already holds every page of object ${e.bypassed} that it can see. Object ${e.bypassed} stays for its other users.`,
        ruleId: 'collapse', rule: 'vm_object_collapse: bypass',
      };
    case 'frame_allocated':
      return { text: `Frame ${e.frame} is allocated for object ${e.object} at offset ${hex(e.offset)}.` };
    case 'frame_freed':
      return { text: `Frame ${e.frame} is freed (it held object ${e.object} at offset ${hex(e.offset)}).` };
    case 'page_moved':
      return {
        text: `The page in frame ${e.frame} moves from object ${e.from} (offset ${hex(e.fromOffset)}) to object ${e.to} (offset ${hex(e.toOffset)}), without copying.`,
        why: 'A collapse renames the pages of the absorbed object into the object above it.',
        ruleId: 'collapse', rule: 'vm_object_collapse',
      };
    case 'zero_fill':
      return {
        text: `Page ${hex(e.offset)} of object ${e.object} is found nowhere in its chain: frame ${e.frame} is zero-filled for it.`,
        why: 'Anonymous memory starts as zeros and gets a frame only when first touched.',
        ruleId: 'zero-fill', rule: 'vm_fault: zero fill in the top object',
      };
    case 'cow_copy':
      return {
        text: `Page ${hex(e.fromOffset)} was found in object ${e.from}, lower in the chain: it is copied up into object ${e.to}, frame ${e.frame} (a copy-on-write fault).`,
        why: `The write must not change a page that others still see through object ${e.from}. The old frame ${e.fromFrame} is unmapped everywhere, so every mapper faults again and finds its own copy.`,
        ruleId: 'cow-copy-page', rule: RULE_COW_COPY,
      };
    case 'copy_push': {
      const who = fault !== null ? taskName(c, fault.task) : 'the write';
      return {
        text: `Before ${who} changes page ${hex(e.offset)} of object ${e.object}, its old contents are pushed into copy object ${e.copy} (frame ${e.frame}).`,
        why: `Copy object ${e.copy} lacks this page, and whoever maps the copy must keep the data of the moment the copy was made. The original frame is unmapped, so they find the pushed page.`,
        ruleId: 'cow-delayed', rule: RULE_PUSH,
      };
    }
    case 'pageout':
      return {
        text: `Page-out: frame ${e.frame} (object ${e.object}, offset ${hex(e.offset)}) is evicted to make room.`,
        why: `No frame was free, and the clock chose frame ${e.frame}: not referenced since its last sweep.`,
        ruleId: 'pageout', rule: RULE_PAGEOUT,
      };
    case 'memory_object_data_request':
      return {
        text: `Object ${e.object} has no resident page at offset ${hex(e.offset)}: the kernel asks ${pagerWords(e.pager)} for it (memory_object_data_request).`,
        why: e.pager === DEFAULT_PAGER ? 'Anonymous pages that were paged out live in swap, kept by the default pager.' : `Object ${e.object} caches the data of pager ${e.pager}: a missing page comes from the pager.`,
        ruleId: 'pager', rule: 'pager: memory_object_data_request',
      };
    case 'memory_object_data_supply':
      return {
        text: `${capital(pagerWords(e.pager))} supplies the page: it is read into frame ${e.frame} (a page-in).`,
        ruleId: 'pager', rule: 'pager: memory_object_data_supply',
      };
    case 'memory_object_data_unavailable':
      return {
        text: `${capital(pagerWords(e.pager))} has no data for offset ${hex(e.offset)} of object ${e.object} (memory_object_data_unavailable).`,
        why: e.pager === DEFAULT_PAGER ? 'That page was never paged out: the fault goes on down the chain, or zero-fills it.' : 'The fault goes on down the chain, or zero-fills the page.',
        ruleId: 'pager', rule: 'pager: memory_object_data_unavailable',
      };
    case 'memory_object_data_return':
      return {
        text: `Page ${hex(e.offset)} of object ${e.object} goes back to ${pagerWords(e.pager)} (memory_object_data_return).`,
        why: e.pager === DEFAULT_PAGER ? 'Anonymous memory has no other backing store: swap must keep it.' : 'The page is dirty: the pager must get every write.',
        ruleId: 'pager', rule: 'pager: memory_object_data_return',
      };
    case 'tlb_hit':
      return {
        text: `TLB hit: ${taskName(c, e.task)}'s page ${page(c, e.vpn)} is cached (frame ${e.frame}).`,
        why: 'The translation is in the TLB: no pmap walk, no fault.',
        ruleId: 'trap', rule: 'TLB lookup by (ASID, page)',
      };
    case 'tlb_miss':
      return {
        text: `TLB miss: ${taskName(c, e.task)}'s page ${page(c, e.vpn)} is not cached for ${accessNoun(e.access)}.`,
        why: 'No TLB entry for this (ASID, page) allows the access: the pmap is looked up next.',
        ruleId: 'trap', rule: RULE_TRAP,
      };
    case 'tlb_fill':
      return {
        text: `The TLB now caches ${taskName(c, e.task)}'s page ${page(c, e.vpn)}: frame ${e.frame}, ${protWords(e.prot)}${evictionWords(c, e)}.`,
        why: e.evictedTask >= 0 ? RULE_EVICTION_WHY : undefined,
      };
    case 'tlb_shootdown': {
      // the lowered or removed mapping it goes with: the event before it in its own operation
      const prev = i > 0 && c.events[i - 1].op === e.op ? c.events[i - 1] : null;
      const why =
        prev !== null && prev.type === 'pmap_protect'
          ? 'Its protection was lowered: a stale TLB entry would still grant the old access.'
          : prev !== null && prev.type === 'pmap_remove'
            ? 'Its mapping was removed: a stale TLB entry would still reach the frame.'
            : 'The pageout clock cleared the frame\'s referenced bit: the next access must reload the translation and set it again.';
      return { text: `${capital(taskName(c, e.task))}'s TLB entry for page ${page(c, e.vpn)} is shot down.`, why, ruleId: 'shootdown', rule: RULE_SHOOTDOWN };
    }
    case 'fault_begin':
      return {
        text: `Page fault: ${taskName(c, e.task)} ${accessVerb(e.access)} ${hex(e.address)}.`,
        why: 'No pmap mapping allows this access, so vm_fault looks up the map entry and the object chain.',
        ruleId: 'trap', rule: RULE_TRAP,
      };
    case 'fault_end':
      return faultEndWords(c, i, e, null);
    case 'pmap_enter':
      return { text: `${capital(taskName(c, e.task))}'s pmap maps page ${page(c, e.vpn)} to frame ${e.frame}, ${protWords(e.prot)}.` };
    case 'pmap_remove':
      return { text: `${capital(taskName(c, e.task))}'s pmap mapping of page ${page(c, e.vpn)} (frame ${e.frame}) is removed.` };
    case 'pmap_protect':
      return { text: `${capital(taskName(c, e.task))}'s pmap lowers page ${page(c, e.vpn)} (frame ${e.frame}) to ${protWords(e.prot)}.` };
  }
  return assertNever(e);
}

/** Why a TLB fill evicts an entry. */
export const RULE_EVICTION_WHY = 'Its TLB set was full: the least recently used entry makes room (its pmap mapping stays, so it can be refilled).';

/** ", evicting task P's page 0x3000 (frame 2)" when a TLB fill evicted another entry, else "". */
export function evictionWords(c: Ctx, e: Ev<'tlb_fill'>): string {
  return e.evictedTask < 0 ? '' : `, evicting ${taskName(c, e.evictedTask)}'s page ${page(c, e.evictedVpn)} (frame ${e.evictedFrame})`;
}

/** The start of an entry, when an event of this step tells it (entry_inserted, or the right half of a clip). */
function entryStart(c: Ctx, task: number, entry: number): number | null {
  for (const e of c.events) {
    if (e.type === 'entry_inserted' && e.task === task && e.entry === entry) return e.start;
    if (e.type === 'entry_clipped' && e.task === task && e.newEntry === entry) return e.at;
  }
  return null;
}

/** The words of a fault's end; fill: the TLB fill of its trap when the line tells it too (the page is then in the pmap and the TLB). */
export function faultEndWords(c: Ctx, i: number, e: Ev<'fault_end'>, fill: Ev<'tlb_fill'> | null): Words {
  const mapped = fill !== null;
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
      ruleId: 'fault-errors', rule: 'vm_fault: no entry → KERN_INVALID_ADDRESS, access not in the entry\'s protection → KERN_PROTECTION_FAILURE',
      tone: 'warning',
    };
  }
  const where = fill !== null ? `, in the pmap and the TLB${evictionWords(c, fill)}` : '';
  const text = `Fault resolved (KERN_SUCCESS): ${taskName(c, e.task)}'s page ${pageOfAddress(c, e.address)} maps frame ${e.frame}, ${protWords(e.prot)}${where}.`;
  const whys: string[] = [];
  // the fault did nothing but begin and end (no event, no operation inside it): the page was resident
  if (begin !== null && begin !== undefined && c.ops.own[e.op].length === 2 && c.ops.children[e.op].length === 0) {
    whys.push('The page was already resident: only the pmap mapping was missing.');
  }
  if (access === VM_PROT_READ && (e.prot & VM_PROT_WRITE) === 0) {
    whys.push('Mapped read-only: a read never copies. If the page is copy-on-write, the first write will fault.');
  }
  return { text, why: whys.length > 0 ? whys.join(' ') : undefined, ruleId: mapped ? 'trap' : undefined, rule: mapped ? 'vm_fault, then pmap_enter and a TLB fill' : undefined, tone: 'info' };
}

/** One event alone, in words (no grouping, no context beyond the event itself). */
export function narrateEvent(event: KernelEvent, names: NarrationNames): NarrationLine {
  return line(eventWords(event, makeCtx([event], names, ''), 0), event);
}
