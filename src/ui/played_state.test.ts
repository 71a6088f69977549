import { describe, expect, it } from 'vitest';
import type { KernelEvent } from '../kernel/events';
import type { MachineSnapshot } from '../kernel/snapshot';
import type { EventStates } from '../store/event_states';
import { machineIn, playedState } from './played_state';

const ev = (id: number): KernelEvent => ({ type: 'tlb_miss', task: 1, vpn: id, access: 1, id, op: 1, opKind: 'trap', parentOp: 0 });
const events = [ev(0), ev(1), ev(2), ev(3), ev(4), ev(5)];

describe('playedState: which machine the diagram shows while a line is told', () => {
  // a header without event, lines naming events 1, 3 and 4 (5 is told by the last line's group), an error line
  const lines = [{}, { event: events[1] }, { event: events[3] }, { event: events[4] }, {}];

  it('the header: the machine before the step; then after the event each line names', () => {
    expect(playedState(lines, 0)).toEqual({ kind: 'before' });
    expect(playedState(lines, 1)).toEqual({ kind: 'after-event', event: 1 });
    expect(playedState(lines, 2)).toEqual({ kind: 'after-event', event: 3 });
  });

  it('from the last line that names an event on, and when the step is shown whole: the machine after the step', () => {
    expect(playedState(lines, 3)).toEqual({ kind: 'after' });
    expect(playedState(lines, 4)).toEqual({ kind: 'after' });
    expect(playedState(lines, -1)).toEqual({ kind: 'after' });
  });

  it('never goes back when a line names an earlier event than the line before', () => {
    const out = [{}, { event: events[3] }, { event: events[2] }, { event: events[5] }];
    expect(playedState(out, 2)).toEqual({ kind: 'after-event', event: 3 });
  });

  it('lines that name no event: the machine before the step while they are told', () => {
    expect(playedState([{}, {}], 1)).toEqual({ kind: 'before' });
    expect(playedState([{}, {}], -1)).toEqual({ kind: 'after' });
  });
});

describe('machineIn', () => {
  it('is the machine before the step, after the event played, or after the step whole', () => {
    const [before, first, after] = [{ n: 'before' }, { n: 'after event 0' }, { n: 'after' }] as unknown as MachineSnapshot[];
    const states = { before, after, afterEvent: (i: number) => (i === 0 ? first : after) } as unknown as EventStates;
    expect(machineIn(states, { kind: 'before' })).toBe(before);
    expect(machineIn(states, { kind: 'after-event', event: 0 })).toBe(first);
    expect(machineIn(states, { kind: 'after' })).toBe(after);
  });
});
