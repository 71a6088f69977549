/**
 * Which machine the diagram shows while a step plays: the narration line being told names an
 * event, and the diagram shows the machine after it. Lines tell groups of events and name one of
 * them (usually the last, which the kernel emits once its change is made), so:
 *   - before any line that names an event: the machine before the step;
 *   - then the machine after the furthest event named so far (the diagram never goes back while
 *     the narration goes on, when a line names an earlier event than the line before);
 *   - from the last line that names an event on: the machine after the whole step (that line's
 *     group often ends with events no line names: "maps frame 0 in the pmap and the TLB").
 */
import type { KernelEvent } from '../kernel/events';
import type { MachineSnapshot } from '../kernel/snapshot';
import type { EventStates } from '../store/event_states';

export type PlayedState = { kind: 'before' } | { kind: 'after-event'; event: number } | { kind: 'after' };

/** The state to show while line `active` of `lines` is told (-1: the step is shown whole); an event's id is its index in the step. */
export function playedState(lines: readonly { event?: KernelEvent }[], active: number): PlayedState {
  if (active < 0) return { kind: 'after' };
  let last = -1;
  for (let j = lines.length - 1; j >= 0; j--) {
    if (lines[j].event !== undefined) {
      last = j;
      break;
    }
  }
  if (last >= 0 && active >= last) return { kind: 'after' };
  let furthest = -1;
  for (let j = 0; j <= active && j < lines.length; j++) {
    const e = lines[j].event;
    if (e !== undefined) furthest = Math.max(furthest, e.id);
  }
  return furthest < 0 ? { kind: 'before' } : { kind: 'after-event', event: furthest };
}

/** The machine a step shows in `played`: before it, after one of its events, or after it whole (the step play and the step prepared ahead). */
export function machineIn(states: EventStates, played: PlayedState): MachineSnapshot {
  return played.kind === 'after' ? states.after : played.kind === 'before' ? states.before : states.afterEvent(played.event);
}
