import { describe, expect, it } from 'vitest';
import { changes } from './changes';
import { refKey } from './element_ref';
import { snapshotsOf } from './test_snapshots';
import { Interpreter } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { loadBuiltins } from '../../scenario/builtins_node';

const keys = (s: Iterable<Parameters<typeof refKey>[0]>) => [...s].map(refKey).sort();

describe('changes: what a step changed, from the machines before and after it', () => {
  const fork = snapshotsOf('fork_copy');
  /** The machines before and after step n of fork_copy (as the app numbers them). */
  const step = (n: number) => [fork[n - 1], fork[n]] as const;

  it("the child's copy-on-write write (step 16): its entry, the new shadow, its page, the new frame and the TLB fill; not what it read", () => {
    const [before, after] = step(16);
    const c = changes(before, after);
    const slot = after.tlb.find((t) => t.asid === 2 && t.vpn === 1)!.index;
    expect(keys(c)).toEqual(['entry:2', 'frame:3', 'object:2', 'page:2:0', `tlb:${slot}`]);
    // the page copied from, its frame and object 1's fields are untouched
    expect(c.has({ kind: 'page', object: 1, offset: 0 })).toBe(false);
    expect(c.has({ kind: 'frame', frame: 0 })).toBe(false);
  });

  it('a read that hits nothing new changes nothing drawn; the same machine changes nothing', () => {
    expect(changes(fork[5], fork[5]).size).toBe(0);
    const [before, after] = step(11); // an assert
    expect(changes(before, after).size).toBe(0);
  });

  it('fork (step 9): a new task with its entry, object 1 now referenced twice', () => {
    const [before, after] = step(9);
    const c = keys(changes(before, after));
    expect(c).toContain('task:2');
    expect(c).toContain('object:1');
    expect(c.some((k) => k.startsWith('entry:'))).toBe(true);
    expect(c.some((k) => k.startsWith('frame:'))).toBe(false);
  });

  it("a frame's first bytes changing counts (framePreview)", () => {
    const s = fork[fork.length - 1];
    const a = { ...s, framePreview: new Uint8Array(s.frameOwner.length * 8) };
    const b = { ...s, framePreview: a.framePreview.slice() };
    b.framePreview[3 * 8] = 65;
    expect(keys(changes(a, b))).toEqual(['frame:3']);
  });

  it('an evicted TLB entry and a freed slot count; a slot that was and stays empty does not', () => {
    const s = fork[fork.length - 1];
    const [first, ...rest] = s.tlb;
    expect(keys(changes(s, { ...s, tlb: rest }))).toEqual([`tlb:${first.index}`]);
    expect(keys(changes(s, { ...s, tlb: [{ ...first, vpn: first.vpn + 7 }, ...rest] }))).toEqual([`tlb:${first.index}`]);
  });
});

describe('changes on the TLB: a hit only touches its entry, a fill changes it', () => {
  it('tlb_basics: every step whose TLB entry only hit leaves it unchanged; every fill changes its slot', () => {
    const snaps = snapshotsOf('tlb_basics');
    const it = new Interpreter(parseOrThrow(loadBuiltins().find((b) => b.name === 'tlb_basics')!.source));
    let n = 0;
    let [hits, fills] = [0, 0];
    while (!it.done) {
      const events = it.step().events;
      n++;
      const c = changes(snaps[n - 1], snaps[n]);
      const slotOf = (task: number, vpn: number) => snaps[n].tlb.find((t) => t.asid === task && t.vpn === vpn)?.index;
      for (const e of events) {
        if (e.type === 'tlb_fill') {
          fills++;
          expect(c.has({ kind: 'tlb', slot: slotOf(e.task, e.vpn)! }), `step ${n}`).toBe(true);
        }
        if (e.type === 'tlb_hit' && !events.some((f) => f.type === 'tlb_fill' || f.type === 'tlb_shootdown')) {
          hits++;
          expect(c.has({ kind: 'tlb', slot: slotOf(e.task, e.vpn)! }), `step ${n}`).toBe(false);
        }
      }
    }
    expect(hits).toBeGreaterThan(2);
    expect(fills).toBeGreaterThan(5);
  });
});
