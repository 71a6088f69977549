/**
 * Stories: the events of a step told in order, with the events that only make sense together told
 * as one line: a TLB miss and the fault its trap took, a fault's end with the pmap and TLB entries
 * its trap made, a page-out with the mappings it removed, a copy-up with its frame and the old
 * page's mappings, a collapse with the pages it moved, runs of TLB hits or shootdowns. What belongs
 * together is read from the events' causes (ops.ts: the operation each event belongs to), not
 * guessed from their order.
 */
import type { KernelEvent, OpKind } from '../../kernel/events';
import { DEFAULT_PAGER } from '../../kernel/vm_pageout';
import { hex, VM_PROT_WRITE } from '../../kernel/vm_param';
import { makeCtx, page, taskName, type Ctx } from './context';
import { childOps, subtree, type StepOps } from './ops';
import { line, type Ev, type NarrationLine, type NarrationNames } from './line';
import { accessVerb, capital, listOf, pagerWords, plural, protWords } from './phrases';
import { eventWords, evictionWords, faultEndWords, RULE_PAGEOUT, RULE_SHOOTDOWN, RULE_TRAP } from './words';

interface Plan {
  /** Indices told by another event's line. */
  consumed: Set<number>;
  /** Lines told at an index (before the event there, if that one is not consumed), by their main event. */
  at: Map<number, number[]>;
  /** For each main event, the indices it consumed, in order. */
  parts: Map<number, number[]>;
}

/**
 * Which events are told together, by the operation they belong to: a page-out with its
 * data_return and the mappings its shootdown removed; a copy-up or a push with the frame its grab
 * took and the mappings its shootdown removed; a zero fill or a page-in with its frame; a collapse
 * with the pages it moved or dropped; an object freed with its frames; a new shadow or a lazily
 * made object with the event that says what it is for.
 */
function plan(events: readonly KernelEvent[], ops: StepOps): Plan {
  const consumed = new Set<number>();
  const at = new Map<number, number[]>();
  const parts = new Map<number, number[]>();
  const take = (main: number, idx: number[], anchor: number) => {
    idx.sort((a, b) => a - b);
    for (const k of idx) consumed.add(k);
    parts.set(main, idx);
    if (anchor !== main) {
      consumed.add(main);
      at.set(anchor, [...(at.get(anchor) ?? []), main]);
    }
  };
  /** The events of `op` (its own) not told yet that match. */
  const own = (op: number, match: (e: KernelEvent) => boolean) => ops.own[op].filter((k) => !consumed.has(k) && match(events[k]));
  /** The events of `op`'s child ops of a kind, not told yet, that match. */
  const inChildren = (op: number, kind: OpKind, match: (e: KernelEvent) => boolean) => childOps(ops, op, kind).flatMap((c) => own(c, match));
  const removal = (e: KernelEvent) => e.type === 'pmap_remove' || e.type === 'tlb_shootdown';
  ops.kind.forEach((kind, op) => {
    switch (kind) {
      case 'pageout': {
        // told where the page-out starts: its mappings go first
        const [j] = own(op, (e) => e.type === 'pageout');
        if (j === undefined) return;
        const idx = [...own(op, (e) => e.type === 'memory_object_data_return'), ...inChildren(op, 'shootdown', removal)];
        take(j, idx, Math.min(j, ...idx));
        return;
      }
      case 'cow_copy':
      case 'copy_push': {
        const [j] = own(op, (e) => e.type === kind);
        if (j === undefined) return;
        const frame = (events[j] as Ev<'cow_copy'> | Ev<'copy_push'>).frame;
        take(j, [...inChildren(op, 'page_grab', (e) => e.type === 'frame_allocated' && e.frame === frame), ...inChildren(op, 'shootdown', removal)], j);
        return;
      }
      case 'zero_fill':
      case 'page_in': {
        const [j] = own(op, (e) => e.type === (kind === 'zero_fill' ? 'zero_fill' : 'memory_object_data_supply'));
        if (j === undefined) return;
        const frame = (events[j] as Ev<'zero_fill'> | Ev<'memory_object_data_supply'>).frame;
        take(j, inChildren(op, 'page_grab', (e) => e.type === 'frame_allocated' && e.frame === frame), j);
        return;
      }
      case 'collapse': {
        const [j] = own(op, (e) => e.type === 'object_collapsed');
        if (j === undefined) return;
        const gone = (events[j] as Ev<'object_collapsed'>).absorbed;
        const about = (e: KernelEvent) => (e.type === 'page_moved' && e.from === gone) || ((e.type === 'frame_freed' || e.type === 'object_freed') && e.object === gone);
        take(j, subtree(ops, op).filter((k) => k !== j && !consumed.has(k) && about(events[k])), j);
        return;
      }
      default:
        return;
    }
  });
  events.forEach((e, j) => {
    if (consumed.has(j)) return;
    if (e.type === 'object_freed') {
      // an object freed with the frames it gave back in the same operation
      const idx = own(e.op, (x) => x.type === 'frame_freed' && x.object === e.object);
      if (idx.length > 0) take(j, idx, j);
    } else if (e.type === 'shadow_created') {
      take(j, own(e.op, (x) => x.type === 'object_created' && x.reason === 'shadow' && x.object === e.object), j);
    } else if (e.type === 'object_attached') {
      take(j, own(e.op, (x) => x.type === 'object_created' && x.reason === 'anonymous' && x.object === e.object), j);
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
    const unmapped = removed.length > 0 ? `, unmapping it from ${listOf(removed.map((r) => `${taskName(c, r.task)} at ${page(c, r.vpn)}`))}` : '';
    const w = eventWords(e, c, j);
    const out = [line({ ...w, text: w.text.replace(/ is evicted to make room\.$/, ` is evicted to make room${unmapped}.`) }, e)];
    if (ret !== undefined) {
      const reason = ret.dirty ? 'The page is dirty' : 'Swap has no copy of it';
      out.push(
        line(
          {
            text: `${reason}, so its contents go to ${pagerWords(ret.pager)} with memory_object_data_return.`,
            why: ret.pager === DEFAULT_PAGER ? 'Anonymous memory has no other backing store: swap must keep it.' : `The file must keep the write before frame ${e.frame} is reused.`,
            ruleId: 'pager', rule: 'pager: memory_object_data_return',
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
    const frames = got.filter((x): x is Ev<'frame_freed'> => x.type === 'frame_freed').map((x) => String(x.frame));
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
  const { ops } = c;
  const p = plan(events, ops);
  const out: NarrationLine[] = [];
  /** Indices told by a line of the walk below (a fault's begin with its miss, a run's members). */
  const told = new Set<number>();
  const done = (k: number) => p.consumed.has(k) || told.has(k);
  /** k can join a line being told: not told yet, and no story is told before it. */
  const free = (k: number) => k < events.length && !done(k) && !p.at.has(k);
  /** The first index from k on that is not told yet. */
  const next = (k: number) => {
    while (k < events.length && done(k) && !p.at.has(k)) k++;
    return k;
  };
  /** The tlb_shootdown right after k in k's own op, for the same page, if it is not told yet. */
  const shotWith = (k: number): number | null => {
    const x = events[k] as Ev<'pmap_protect'> | Ev<'pmap_remove'>;
    const s = events[k + 1];
    return s !== undefined && free(k + 1) && s.type === 'tlb_shootdown' && s.op === x.op && s.task === x.task && s.vpn === x.vpn ? k + 1 : null;
  };
  for (let i = 0; i < events.length; i++) {
    for (const j of p.at.get(i) ?? []) out.push(...storyLines(c, p, j));
    if (done(i)) continue;
    const e = events[i];
    told.add(i);
    switch (e.type) {
      case 'tlb_hit': {
        const run = [e];
        for (let k = next(i + 1); free(k); k = next(k + 1)) {
          const x = events[k];
          if (x.type !== 'tlb_hit' || x.task !== e.task) break;
          run.push(x);
          told.add(k);
        }
        if (run.length === 1) out.push(line(eventWords(e, c, i), e));
        else {
          out.push(
            line(
              {
                text: `${run.length} TLB hits for ${taskName(c, e.task)} (pages ${listOf(run.map((h) => page(c, h.vpn)))}).`,
                why: 'The translations were cached: no pmap walk, no fault.',
                ruleId: 'trap', rule: 'TLB lookup by (ASID, page)',
              },
              e,
            ),
          );
        }
        continue;
      }
      case 'tlb_miss': {
        // the miss's trap went on into a fault: told as one line with the fault's start
        const fault = childOps(ops, e.op, 'fault')[0];
        const begin = fault !== undefined ? ops.own[fault].find((k) => events[k].type === 'fault_begin') : undefined;
        if (begin !== undefined && free(begin)) {
          const b = events[begin] as Ev<'fault_begin'>;
          out.push(line({ text: `${capital(taskName(c, e.task))} ${accessVerb(b.access)} ${hex(b.address)}: TLB miss, and no pmap mapping allows it, so it page-faults (vm_fault).`, ruleId: 'trap', rule: RULE_TRAP }, b));
          told.add(begin);
          continue;
        }
        // traps the pmap answered (a miss, then a refill in the same trap): runs of them are one line
        const run: Ev<'tlb_fill'>[] = [];
        for (let k = i; k < events.length; k = next(k + 1)) {
          const m = events[k];
          if (k !== i && !free(k)) break;
          if (m.type !== 'tlb_miss' || m.task !== e.task || childOps(ops, m.op, 'fault').length > 0) break;
          const f = ops.own[m.op].find((x) => x > k && events[x].type === 'tlb_fill' && (events[x] as Ev<'tlb_fill'>).vpn === m.vpn);
          if (f === undefined || !free(f)) break;
          run.push(events[f] as Ev<'tlb_fill'>);
          told.add(k).add(f);
        }
        if (run.length === 0) {
          out.push(line(eventWords(e, c, i), e));
          continue;
        }
        const evicting = run.filter((f) => f.evictedTask >= 0);
        const text =
          run.length === 1
            ? `TLB miss on ${taskName(c, e.task)}'s page ${page(c, e.vpn)}: the pmap already maps it (frame ${run[0].frame}, ${protWords(run[0].prot)}), so the TLB is refilled without a page fault${evictionWords(c, run[0])}.`
            : `${run.length} TLB misses for ${taskName(c, e.task)} (pages ${listOf(run.map((f) => page(c, f.vpn)))}): the pmap already maps them, so the TLB is refilled without page faults` +
              (evicting.length > 0 ? `, evicting ${listOf(evicting.map((f) => `${taskName(c, f.evictedTask)}'s page ${page(c, f.evictedVpn)}`))}.` : '.');
        out.push(line({ text, why: 'The TLB is small: an entry can be evicted, or shot down, while the pmap keeps the mapping.', ruleId: 'trap', rule: RULE_TRAP }, e));
        continue;
      }
      case 'fault_end': {
        // the trap that took the fault maps its page afterwards: pmap_enter, then the TLB fill
        let fill: Ev<'tlb_fill'> | null = null;
        const trap = ops.parent[e.op];
        if (trap !== null && ops.kind[trap] === 'trap') {
          for (const k of ops.own[trap]) {
            const x = events[k];
            if (k < i || !free(k) || !(x.type === 'pmap_enter' || x.type === 'tlb_fill') || x.task !== e.task) continue;
            told.add(k);
            if (x.type === 'tlb_fill') fill = x;
          }
        }
        out.push(line(faultEndWords(c, i, e, fill), e));
        continue;
      }
      case 'pmap_protect': {
        const pages: string[] = [];
        let shot = false;
        for (let k = i; k === i || free(k); k = next(k + 1)) {
          const x = events[k];
          if (x.type !== 'pmap_protect' || x.task !== e.task || x.prot !== e.prot) break;
          pages.push(page(c, x.vpn));
          told.add(k);
          const s = shotWith(k);
          if (s !== null) {
            shot = true;
            told.add(s);
          }
        }
        const cow = (e.prot & VM_PROT_WRITE) === 0 && events.some((x) => x.type === 'needs_copy_set' || (x.type === 'object_created' && x.reason === 'copy_object') || x.type === 'entry_inserted' && x.needsCopy);
        const which = pages.length === 1 ? `page ${pages[0]}` : `${pages.length} pages (${listOf(pages)})`;
        const what = cow ? `write-protects ${which}` : `lowers ${which} to ${protWords(e.prot)}`;
        const text = `${capital(taskName(c, e.task))}'s pmap ${what}${shot ? `, and ${pages.length === 1 ? 'its TLB entry is' : 'their TLB entries are'} shot down` : ''}.`;
        const why = cow
          ? 'Copy-on-write: the next write to these pages must fault, so the kernel can copy first.'
          : 'The protection was lowered: a stale TLB entry would still grant the old access.';
        out.push(line({ text, why, ruleId: 'shootdown', rule: cow ? 'copy-on-write: the source\'s pages are write-protected (pmap_protect) and shot down from the TLB' : RULE_SHOOTDOWN }, e));
        continue;
      }
      case 'pmap_remove': {
        const removed: Ev<'pmap_remove'>[] = [];
        let shot = false;
        for (let k = i; k === i || free(k); k = next(k + 1)) {
          const x = events[k];
          if (x.type !== 'pmap_remove') break;
          removed.push(x);
          told.add(k);
          const s = shotWith(k);
          if (s !== null) {
            shot = true;
            told.add(s);
          }
        }
        // the operation that removed them also removed the entry: a deallocation
        const by = ops.parent[e.op];
        const deallocated = by !== null && ops.own[by].some((k) => events[k].type === 'entry_removed' && (events[k] as Ev<'entry_removed'>).task === e.task);
        const why =
          c.call === 'task_terminate'
            ? 'The task is terminated: all its mappings go.'
            : deallocated
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
        out.push(line({ text, why, ruleId: 'shootdown', rule: RULE_SHOOTDOWN }, e));
        continue;
      }
      case 'tlb_shootdown': {
        if (e.opKind !== 'page_grab') break; // a mapping's shootdown: told alone, with its reason (words.ts)
        // the pageout clock's second-chance sweep: the shootdowns of one frame grab are one line
        const run = [e];
        for (let k = next(i + 1); free(k) && events[k].type === 'tlb_shootdown' && events[k].op === e.op; k = next(k + 1)) {
          run.push(events[k] as Ev<'tlb_shootdown'>);
          told.add(k);
        }
        if (run.length === 1) {
          out.push(line(eventWords(e, c, i), e));
        } else {
          const tasks = [...new Set(run.map((s) => taskName(c, s.task)))];
          out.push(
            line(
              {
                text: `The pageout clock sweeps: ${run.length} TLB entries of ${listOf(tasks)} are shot down (pages ${listOf(run.map((s) => page(c, s.vpn)))}).`,
                why: 'The clock clears each referenced frame\'s bit and gives it a second chance. The TLB entry goes, so the next access sets the bit again.',
                ruleId: 'pageout', rule: RULE_PAGEOUT,
              },
              e,
            ),
          );
        }
        continue;
      }
      case 'frame_freed': {
        const run = [e];
        for (let k = next(i + 1); free(k) && events[k].type === 'frame_freed' && events[k].op === e.op; k = next(k + 1)) {
          run.push(events[k] as Ev<'frame_freed'>);
          told.add(k);
        }
        if (run.length === 1) out.push(line(eventWords(e, c, i), e));
        else out.push(line({ text: `Frames ${listOf(run.map((f) => String(f.frame)))} are freed: their pages are no longer needed.` }, e));
        continue;
      }
      default:
        break;
    }
    out.push(...storyLines(c, p, i));
  }
  for (const j of p.at.get(events.length) ?? []) out.push(...storyLines(c, p, j));
  return out;
}
