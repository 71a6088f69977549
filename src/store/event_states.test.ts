import { describe, expect, it } from 'vitest';
import type { MachineSnapshot } from '../kernel/snapshot';
import { CommandHandler } from '../worker/handler';
import type { WorkerReply } from '../worker/protocol';
import { applyDiff } from '../worker/snapshot_diff';
import { EventStates } from './event_states';

type At = Extract<WorkerReply, { type: 'at' }>;

const SRC = 'task A\nkr = vm_allocate(A, &x, 0x4000, TRUE)\nkr = write(A, x, "a")\ntask B = fork(A)\nkr = write(B, x, "b")\n';

function replies(): { base: MachineSnapshot; at: At } {
  const h = new CommandHandler();
  h.handle({ type: 'load', id: 1, source: SRC });
  const four = h.handle({ type: 'goto', id: 2, step: 4, fresh: true, events: true }) as At;
  const base = EventStates.fromReply(null, structuredClone(four)).after;
  return { base, at: structuredClone(h.handle({ type: 'goto', id: 3, step: 5, events: true }) as At) };
}

describe('EventStates', () => {
  it('gives the machine after each event, in order or not, the same as applying the chain by hand', () => {
    const { base, at } = replies();
    const byHand: MachineSnapshot[] = [];
    let cur = applyDiff(base, structuredClone(at.before!));
    const before = cur;
    for (const d of structuredClone(at.states)) byHand.push((cur = applyDiff(cur, d)));

    const s = EventStates.fromReply(base, at);
    expect(s.count).toBe(at.record!.events.length);
    expect(s.count).toBeGreaterThan(5); // a copy-on-write fault
    expect(s.before).toEqual(before);
    expect(s.after).toEqual(byHand.at(-1));
    for (const i of [0, 1, 2, 5, 3, 0, s.count - 2, 1]) expect(s.afterEvent(i), `event ${i}`).toEqual(byHand[i]);
    // an event past the last state shows the machine after the step
    expect(s.afterEvent(s.count + 10)).toBe(s.after);
    expect(s.afterEvent(-3)).toEqual(byHand[0]);
  });

  it('tells the states apart: the copy-on-write frame is taken at its event, not before', () => {
    const { base, at } = replies();
    const s = EventStates.fromReply(base, at);
    const taken = at.record!.events.findIndex((e) => e.type === 'frame_allocated');
    expect(taken).toBeGreaterThan(0);
    const used = (m: MachineSnapshot) => m.frameOwner.filter((o) => o !== 0).length;
    expect(used(s.afterEvent(taken - 1))).toBe(used(s.before));
    expect(used(s.afterEvent(taken))).toBe(used(s.before) + 1);
    expect(used(s.after)).toBe(used(s.before) + 1);
  });
});
