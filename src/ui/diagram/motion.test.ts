import { describe, expect, it } from 'vitest';
import type { KernelEvent } from '../../kernel/events';
import { computeLayout, elementBoxes, keys } from './layout';
import { eventFocus, MOVING_EVENTS } from './motion';
import { firstEvent } from './test_snapshots';

/** eventFocus against what the layout draws (at 880 px). */
function focusOf(event: KernelEvent, snap: Parameters<typeof computeLayout>[0]) {
  const boxes = elementBoxes(computeLayout(snap, { width: 880 }));
  return eventFocus(event, snap, (k) => boxes.has(k));
}

describe('eventFocus', () => {
  it('cow_copy: the page travels from the lower object to the top object, and the old frame to the new one', () => {
    const { event, snap } = firstEvent('fork_copy', 'cow_copy');
    const f = focusOf(event, snap);
    expect(f.moves).toEqual([
      { from: keys.page(event.from, event.fromOffset), to: keys.page(event.to, event.toOffset), label: '0x0' },
      { from: keys.frame(event.fromFrame), to: keys.frame(event.frame), label: '0x0' },
    ]);
    for (const k of [keys.task(event.task), keys.object(event.from), keys.object(event.to), keys.frame(event.frame), keys.frame(event.fromFrame)]) expect(f.keys.has(k), k).toBe(true);
  });

  it('copy_push: the page of the original goes to its copy object', () => {
    const { event, snap } = firstEvent('copy_on_map', 'copy_push');
    const f = focusOf(event, snap);
    const copy = snap.objects.find((o) => o.id === event.copy)!;
    expect(f.moves[0]).toEqual({ from: keys.page(event.object, event.offset), to: keys.page(event.copy, event.offset - copy.shadowOffset), label: '0x' + event.offset.toString(16) });
    expect(f.moves[1]?.to).toBe(keys.frame(event.frame));
  });

  it('page_moved: a collapsed page comes into its new object, from where the absorbed shadow stood when that is gone', () => {
    const { event, snap } = firstEvent('chain_collapse', 'page_moved');
    const f = focusOf(event, snap);
    expect(f.moves).toHaveLength(1);
    expect(f.moves[0].to).toBe(keys.page(event.to, event.toOffset));
    const absorbedDrawn = snap.objects.some((o) => o.id === event.from);
    expect(f.moves[0].from).toBe(absorbedDrawn ? keys.page(event.from, event.fromOffset) : null);
  });

  it('memory_object_data_supply: from the pager to the new page; pageout and data_return: from the page to its pager', () => {
    const supply = firstEvent('pageout_pagein', 'memory_object_data_supply');
    const fs = focusOf(supply.event, supply.snap);
    const pagerKey = supply.event.pager === 'default pager' ? keys.pager(null) : keys.pager(supply.event.pager);
    expect(fs.moves).toEqual([{ from: pagerKey, to: keys.page(supply.event.object, supply.event.offset), label: '0x' + supply.event.offset.toString(16) }]);

    const out = firstEvent('pageout_pagein', 'pageout');
    const fo = focusOf(out.event, out.snap);
    const owner = out.snap.objects.find((o) => o.id === out.event.object)!;
    expect(fo.moves).toEqual([{ from: keys.page(out.event.object, out.event.offset), to: keys.pager(owner.pager), label: '0x' + out.event.offset.toString(16) }]);
    expect(fo.keys.has(keys.frame(out.event.frame))).toBe(true);

    const ret = firstEvent('pageout_pagein', 'memory_object_data_return');
    const fr = focusOf(ret.event, ret.snap);
    expect(fr.moves[0].from).toBe(keys.page(ret.event.object, ret.event.offset));
    expect(fr.moves[0].to).toBe(ret.event.pager === 'default pager' ? keys.pager(null) : keys.pager(ret.event.pager));
  });

  it('falls back from a page that is not drawn to its object, then its frame', () => {
    const { event, snap } = firstEvent('pageout_pagein', 'pageout');
    const f = eventFocus(event, snap, (k) => !k.startsWith('page:'));
    expect(f.moves[0].from).toBe(keys.object(event.object));
    const g = eventFocus(event, snap, (k) => k.startsWith('frame:') || k.startsWith('pager:'));
    expect(g.moves[0].from).toBe(keys.frame(event.frame));
    // neither end drawn: nothing moves
    expect(eventFocus(event, snap, () => false).moves).toEqual([]);
  });

  it('lights what any event names without moving anything: a zero fill, a TLB fill, an entry change', () => {
    const z = firstEvent('fork_copy', 'zero_fill');
    const fz = focusOf(z.event, z.snap);
    expect(fz.moves).toEqual([]);
    expect([...fz.keys].sort()).toEqual([keys.task(z.event.task), keys.object(z.event.object), keys.frame(z.event.frame), keys.page(z.event.object, z.event.offset)].sort());

    const t = firstEvent('tlb_basics', 'tlb_fill');
    const ft = focusOf(t.event, t.snap);
    const task = t.snap.tasks.find((x) => x.id === t.event.task)!;
    const entry = task.entries.find((e) => e.start <= t.event.vpn * t.snap.pageSize && t.event.vpn * t.snap.pageSize < e.end)!;
    expect(ft.keys.has(keys.entry(entry.id))).toBe(true);
    expect(ft.keys.has(keys.frame(t.event.frame))).toBe(true);
    const slot = t.snap.tlb.find((x) => x.asid === t.event.task && x.vpn === t.event.vpn);
    if (slot !== undefined) expect(ft.keys.has(keys.tlb(slot.index))).toBe(true);

    const ins = firstEvent('fork_copy', 'entry_inserted');
    expect(focusOf(ins.event, ins.snap).keys.has(keys.entry(ins.event.entry))).toBe(true);
    expect(MOVING_EVENTS.has('entry_inserted')).toBe(false);
  });
});
