import { describe, expect, it } from 'vitest';
import type { KernelEvent } from '../../kernel/events';
import { computeLayout } from './layout';
import { elementBoxes } from './layout/lookup';
import { ref, refKey, type ElementRef } from './element_ref';
import { chipText, eventFocus, lineDurations, MOVE_REST_MS, MOVING_EVENTS } from './motion';
import { firstEvent } from './test_snapshots';

/** eventFocus against what the layout draws (at 880 px). */
function focusOf(event: KernelEvent, snap: Parameters<typeof computeLayout>[0]) {
  const boxes = elementBoxes(computeLayout(snap, { width: 880 }));
  return eventFocus(event, snap, (r) => boxes.has(refKey(r)));
}

const sorted = (refs: Iterable<ElementRef>) => [...refs].map(refKey).sort();

describe('eventFocus', () => {
  it("fork_copy, the child's first write: ONE copy, page 0x0 from object 1 to the child's shadow, object 2, carrying frame 0's bytes; frames 0 and 3 lit", () => {
    const { event, snap } = firstEvent('fork_copy', 'cow_copy');
    expect(event).toMatchObject({ type: 'cow_copy', task: 2, from: 1, fromOffset: 0, fromFrame: 0, to: 2, toOffset: 0, frame: 3 });
    const f = focusOf(event, snap);
    expect(f.moves).toEqual([{ from: ref.page(1, 0), to: ref.page(2, 0), label: '0x0', frame: 0 }]);
    expect(sorted(f.refs)).toEqual(['frame:0', 'frame:3', 'object:1', 'object:2', 'page:1:0', 'page:2:0', 'task:2']);
    // left undimmed while it travels: the copy's pages, objects and frames (not the task)
    expect(sorted(f.involved)).toEqual(['frame:0', 'frame:3', 'object:1', 'object:2', 'page:1:0', 'page:2:0']);
  });

  it('a page not drawn as a cell: the copy goes frame to frame', () => {
    const { event, snap } = firstEvent('fork_copy', 'cow_copy');
    expect(eventFocus(event, snap, (r) => r.kind !== 'page').moves).toEqual([{ from: ref.frame(0), to: ref.frame(3), label: '0x0', frame: 0 }]);
  });

  it("copy_on_map, the source's write: its old page 0x0 is pushed into the copy object, from the original's frame to frame 3", () => {
    const { event, snap } = firstEvent('copy_on_map', 'copy_push');
    expect(event).toMatchObject({ type: 'copy_push', object: 1, offset: 0, copy: 2, copyOffset: 0, frame: 3 });
    const original = snap.objects.find((o) => o.id === 1)!.pages.find(([off]) => off === 0)![1];
    expect(original).not.toBe(3);
    const f = focusOf(event, snap);
    expect(f.moves).toEqual([{ from: ref.page(1, 0), to: ref.page(2, 0), label: '0x0', frame: original }]);
    expect(f.involved.has(ref.frame(original)) && f.involved.has(ref.frame(3))).toBe(true);
  });

  it("chain_collapse: a page of the absorbed object 1 (gone from the picture) comes into object 3 from where its shadow stood", () => {
    const { event, snap } = firstEvent('chain_collapse', 'page_moved');
    expect(event).toMatchObject({ type: 'page_moved', frame: 0, from: 1, fromOffset: 0, to: 3, toOffset: 0 });
    expect(snap.objects.some((o) => o.id === 1)).toBe(false);
    expect(focusOf(event, snap).moves).toEqual([{ from: null, to: ref.page(3, 0), label: '0x0', frame: 0 }]);
  });

  it("pageout_pagein: file F's page comes from its pager into object 1; evicted pages go to their pagers (F, the default pager)", () => {
    const supply = firstEvent('pageout_pagein', 'memory_object_data_supply');
    expect(supply.event).toMatchObject({ type: 'memory_object_data_supply', object: 1, offset: 0, pager: 'F', frame: 0 });
    expect(focusOf(supply.event, supply.snap).moves).toEqual([{ from: ref.pager('F'), to: ref.page(1, 0), label: '0x0', frame: 0 }]);

    const out = firstEvent('pageout_pagein', 'pageout');
    expect(out.event).toMatchObject({ type: 'pageout', frame: 0, object: 1, offset: 0, dirty: true });
    const fo = focusOf(out.event, out.snap);
    expect(fo.moves).toEqual([{ from: ref.page(1, 0), to: ref.pager('F'), label: '0x0', frame: 0 }]);
    expect(fo.refs.has(ref.frame(0))).toBe(true);

    const ret = firstEvent('pageout_pagein', 'memory_object_data_return', (e) => e.pager === 'default pager');
    expect(ret.event).toMatchObject({ type: 'memory_object_data_return', object: 2, offset: 0, pager: 'default pager', dirty: true });
    expect(focusOf(ret.event, ret.snap).moves).toEqual([{ from: ref.page(2, 0), to: ref.pager(null), label: '0x0', frame: -1 }]);
  });

  it('falls back from a page that is not drawn to its object, then its frame; draws nothing without both ends', () => {
    const { event, snap } = firstEvent('pageout_pagein', 'pageout');
    expect(eventFocus(event, snap, (r) => r.kind !== 'page').moves).toEqual([{ from: ref.object(1), to: ref.pager('F'), label: '0x0', frame: 0 }]);
    expect(eventFocus(event, snap, (r) => r.kind === 'frame' || r.kind === 'pager').moves).toEqual([{ from: ref.frame(0), to: ref.pager('F'), label: '0x0', frame: 0 }]);
    expect(eventFocus(event, snap, () => false)).toEqual({ refs: expect.anything(), moves: [], involved: expect.anything() });
    expect(eventFocus(event, snap, () => false).refs.size).toBe(0);
  });

  it('lights what an event names without moving anything: a zero fill, a TLB fill, a new entry', () => {
    const z = firstEvent('fork_copy', 'zero_fill');
    expect(z.event).toMatchObject({ type: 'zero_fill', task: 1, object: 1, offset: 0, frame: 0 });
    const fz = focusOf(z.event, z.snap);
    expect(fz.moves).toEqual([]);
    expect(sorted(fz.refs)).toEqual(['frame:0', 'object:1', 'page:1:0', 'task:1']);

    const t = firstEvent('tlb_basics', 'tlb_fill');
    expect(t.event).toMatchObject({ type: 'tlb_fill', task: 1, vpn: 16, frame: 0, prot: 3 });
    const slot = t.snap.tlb.find((x) => x.asid === 1 && x.vpn === 16)!;
    expect(slot.pfn).toBe(0);
    const entry = t.snap.tasks[0].entries.find((e) => e.start <= 0x10000 && 0x10000 < e.end)!;
    expect(sorted(focusOf(t.event, t.snap).refs)).toEqual(sorted([ref.task(1), ref.entry(entry.id), ref.tlb(slot.index), ref.frame(0)]));

    const ins = firstEvent('fork_copy', 'entry_inserted');
    expect(sorted(focusOf(ins.event, ins.snap).refs)).toEqual(['entry:1', 'task:1']);
    expect(MOVING_EVENTS.has('entry_inserted')).toBe(false);
  });
});

describe('lineDurations: a line whose copy travels stays active while it travels and rests', () => {
  const { event: cow } = firstEvent('fork_copy', 'cow_copy');
  const { event: zero } = firstEvent('fork_copy', 'zero_fill');
  const lines = [{}, { event: zero }, { event: cow }, {}];

  it('Normal: 600 ms a line, the copy line its 1 s travel and its rest', () => {
    expect(lineDurations(lines, 600, 1000)).toEqual([600, 600, 1000 + MOVE_REST_MS, 600]);
  });

  it('Slow: the copy line at least its 1.8 s travel; a pace slower than the travel is kept', () => {
    expect(lineDurations(lines, 1200, 1800)[2]).toBe(1800 + MOVE_REST_MS);
    expect(lineDurations(lines, 5000, 1800)).toEqual([5000, 5000, 5000, 5000]);
  });
});

describe('chipText: the first bytes the copy carries', () => {
  const { event, snap } = firstEvent('fork_copy', 'cow_copy');
  const move = eventFocus(event, snap).moves[0];

  it('the printable bytes of the frame it carries, quoted: fork_copy copies "parent d"', () => {
    expect(chipText(snap, move)).toBe('"parent d"');
    const framePreview = new Uint8Array(snap.frameOwner.length * 8);
    framePreview.set([...'parent d'].map((c) => c.charCodeAt(0)), move.frame * 8);
    expect(chipText({ ...snap, framePreview } as typeof snap, move)).toBe('"parent d"');
    framePreview.set([104, 105, 0, 0, 0, 0, 0, 0], move.frame * 8);
    expect(chipText({ ...snap, framePreview } as typeof snap, move)).toBe('"hi"');
  });

  it('a page-out: the frame is free by now, its bytes are read from the machine before the step', () => {
    const out = firstEvent('pageout_pagein', 'pageout');
    const m = eventFocus(out.event, out.snap).moves[0];
    const freed = { ...out.snap, frameOwner: out.snap.frameOwner.slice(), framePreview: new Uint8Array(out.snap.frameOwner.length * 8) };
    freed.frameOwner[m.frame] = 0;
    const earlier = { ...out.snap, framePreview: new Uint8Array(out.snap.frameOwner.length * 8) };
    earlier.framePreview.set([...'file F'].map((c) => c.charCodeAt(0)), m.frame * 8);
    expect(chipText(freed as typeof out.snap, m, earlier as typeof out.snap)).toBe('"file F"');
    expect(chipText(freed as typeof out.snap, m)).toBe('0000…'); // what the freed frame holds now
  });

  it('zeros and binary bytes as they are; the page offset without a preview (a big machine)', () => {
    const framePreview = new Uint8Array(snap.frameOwner.length * 8);
    expect(chipText({ ...snap, framePreview }, move)).toBe('0000…');
    framePreview.set([0x7f, 0x45, 0x4c, 0x46], move.frame * 8);
    expect(chipText({ ...snap, framePreview }, move)).toBe('7f 45 4c 46');
    expect(chipText({ ...snap, framePreview: new Uint8Array(0) }, move)).toBe('0x0');
  });
});
