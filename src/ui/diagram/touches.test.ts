import { describe, expect, it } from 'vitest';
import type { KernelEventBody } from '../../kernel/events';
import { Interpreter } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { takeSnapshot } from '../../kernel/snapshot';
import { loadBuiltins } from '../../scenario/builtins_node';
import { ref, refKey, type ElementRef } from './element_ref';
import { firstEvent } from './test_snapshots';
import { touches, touchesAll } from './touches';

const keysOf = (refs: Iterable<ElementRef>) => [...refs].map(refKey).sort();

describe('touches', () => {
  it('a copy-up touches the task, both objects, both pages and both frames', () => {
    const { event, snap } = firstEvent('fork_copy', 'cow_copy');
    expect(keysOf(touches(event, snap))).toEqual(['frame:0', 'frame:3', 'object:1', 'object:2', 'page:1:0', 'page:2:0', 'task:2']);
  });

  it('adds what the snapshot knows: the entry and TLB slot of a virtual page, the pager of an evicted page', () => {
    const hit = firstEvent('tlb_basics', 'tlb_hit');
    const slot = hit.snap.tlb.find((x) => x.asid === hit.event.task && x.vpn === hit.event.vpn)!;
    const entry = hit.snap.tasks.find((t) => t.id === hit.event.task)!.entries.find((e) => e.start <= hit.event.vpn * 4096 && hit.event.vpn * 4096 < e.end)!;
    expect(keysOf(touches(hit.event, hit.snap))).toEqual(keysOf([ref.task(hit.event.task), ref.entry(entry.id), ref.tlb(slot.index), ref.frame(hit.event.frame)]));

    const out = firstEvent('pageout_pagein', 'pageout', (e) => e.object === 2);
    expect(touches(out.event, out.snap)).toContainEqual(ref.pager(null));
    const file = firstEvent('pageout_pagein', 'pageout', (e) => e.object === 1);
    expect(touches(file.event, file.snap)).toContainEqual(ref.pager('F'));
  });

  it('names no element for id 0 (no object) and no frame out of range', () => {
    const { snap } = firstEvent('fork_copy', 'entry_inserted');
    expect(keysOf(touches({ type: 'entry_inserted', task: 1, entry: 5, start: 0x1000, end: 0x2000, object: 0, offset: 0, prot: 3, max: 7, inheritance: 1, needsCopy: false }, snap))).toEqual(['entry:5', 'task:1']);
    expect(touches({ type: 'fault_end', task: 1, address: 0x1000, kr: 1, frame: -1, prot: 0 }, snap).some((r) => r.kind === 'frame')).toBe(false);
    expect(touches({ type: 'object_collapsed', object: 3, absorbed: 1, shadow: 0 }, snap)).toEqual([ref.object(3), ref.object(1)]);
  });

  it('every built-in: each event touches every task, entry, object, frame and pager it carries', () => {
    const ids = ['task', 'entry', 'newEntry', 'kept', 'object', 'shadow', 'copy', 'source', 'from', 'to', 'absorbed', 'bypassed'];
    const kindOf = (field: string) => (field === 'task' ? 'task' : ['entry', 'newEntry', 'kept'].includes(field) ? 'entry' : 'object');
    let checked = 0;
    for (const b of loadBuiltins()) {
      const it = new Interpreter(parseOrThrow(b.source));
      while (!it.done) {
        const rec = it.step();
        const snap = takeSnapshot(it.kernel);
        for (const e of rec.events) {
          const got = new Set(touches(e, snap).map(refKey));
          const fields = e as unknown as Record<string, unknown>;
          for (const f of ids) {
            const v = fields[f];
            if (typeof v === 'number' && v > 0) expect(got.has(`${kindOf(f)}:${v}`), `${b.name}: ${JSON.stringify(e)} ${f}`).toBe(true);
          }
          for (const f of ['frame', 'fromFrame']) {
            const v = fields[f];
            if (typeof v === 'number' && v >= 0) expect(got.has(`frame:${v}`), `${b.name}: ${JSON.stringify(e)} ${f}`).toBe(true);
          }
          if (typeof fields.pager === 'string') expect(got.has(fields.pager === 'default pager' ? 'pager:default' : `pager:${fields.pager}`), JSON.stringify(e)).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('a whole step: the union of its events, each element once', () => {
    const { snap } = firstEvent('fork_copy', 'cow_copy');
    const events: KernelEventBody[] = [
      { type: 'tlb_miss', task: 2, vpn: 1, access: 2 },
      { type: 'cow_copy', task: 2, from: 1, fromOffset: 0, fromFrame: 0, to: 2, toOffset: 0, frame: 3 },
      { type: 'tlb_fill', task: 2, vpn: 1, frame: 3, prot: 3, evictedTask: -1, evictedVpn: -1, evictedFrame: -1 },
    ];
    const all = touchesAll(events, snap);
    expect(all.size).toBe(new Set(events.flatMap((e) => touches(e, snap)).map(refKey)).size);
    expect(all.has(ref.frame(3)) && all.has(ref.page(2, 0)) && all.has(ref.task(2))).toBe(true);
  });
});
