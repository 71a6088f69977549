/**
 * Stories: the events of a step told in order, with the events that only make sense together told
 * as one line: a TLB miss and the fault it causes, a fault's end with its pmap and TLB entries, a
 * page-out with the mappings it removes, a copy-up with its frame and the old page's mappings, a
 * collapse with the pages it moves, runs of TLB hits or shootdowns.
 */
import type { KernelEvent } from '../../kernel/events';
import { DEFAULT_PAGER } from '../../kernel/vm_pageout';
import { hex, VM_PROT_WRITE } from '../../kernel/vm_param';
import { makeCtx, page, taskName, type Ctx } from './context';
import { line, type Ev, type NarrationLine, type NarrationNames } from './line';
import { accessVerb, capital, listOf, pagerWords, plural, protWords } from './phrases';
import { eventWords, faultEndWords, RULE_PAGEOUT, RULE_SHOOTDOWN, RULE_TRAP } from './words';

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
