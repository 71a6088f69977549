import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { takeSnapshot } from '../../kernel/snapshot';
import { loadBuiltins } from '../../scenario/builtins_node';
import { tlbGhosts } from './tlb_ghosts';

/** The events of each step of tlb_basics, with the machine after it. */
function steps() {
  const it = new Interpreter(parseOrThrow(loadBuiltins().find((b) => b.name === 'tlb_basics')!.source));
  const out: { events: ReturnType<Interpreter['step']>['events']; snap: ReturnType<typeof takeSnapshot> }[] = [];
  while (!it.done) {
    const r = it.step();
    out.push({ events: r.events, snap: takeSnapshot(it.kernel) });
  }
  return out;
}

describe('tlbGhosts: what a step\'s TLB fills evicted', () => {
  const all = steps();

  it("tlb_basics step 19: A's read of 0x14 fills set 0 and evicts A's 0x10 (frame 0), beside the slot that now holds 0x14", () => {
    const { events, snap } = all[18];
    const ghosts = tlbGhosts(events, snap);
    const slot = snap.tlb.find((t) => t.asid === 1 && t.vpn === 0x14)!;
    expect(ghosts).toEqual([{ slot: slot.index, task: 'A', vpn: 0x10, frame: 0, label: 'A 0x10→0' }]);
  });

  it('a fill of an empty slot, and a step without fills, leave no ghost', () => {
    expect(tlbGhosts(all[5].events, all[5].snap)).toEqual([]); // the first write: an empty TLB
    expect(tlbGhosts(all[19].events, all[19].snap)).toEqual([]); // an assert
  });

  it('only the steps that evict have ghosts', () => {
    const evicting = all.flatMap((s, i) => (tlbGhosts(s.events, s.snap).length > 0 ? [i + 1] : []));
    expect(evicting).toContain(19);
    expect(evicting).toContain(21);
    expect(evicting).not.toContain(6);
  });
});
