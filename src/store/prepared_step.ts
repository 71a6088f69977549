/**
 * The step fetched one ahead (scenario_store prepareNext): the machines, record and task names the
 * worker sent for the step a step forward would show, applied to the store's diff chain but not
 * shown. It is shown only for the move it was made for: the same step, the same play setting (a
 * played step brings its machines event by event, an instant one only the machine after it), the
 * same load, and no other move on its way; anything else drops it.
 */
import type { StepRecord } from '../scenario/interpreter';
import type { EventStates } from './event_states';

/** A step fetched ahead, here: what the store shows when the step forward comes. */
export interface PreparedStep {
  step: number;
  record: StepRecord | null;
  states: EventStates;
  taskNames: Record<number, string>;
}

/** A step being fetched ahead: what it was asked for, and its reply (null: the worker crashed). */
export interface Preparing {
  step: number;
  events: boolean;
  /** The load it belongs to (the store's load ticket). */
  load: number;
  reply: Promise<PreparedStep | null>;
  /** The reply, once it is here (undefined until then): a step forward then shows it in the key's own task. */
  arrived?: PreparedStep | null;
}

/** The move about to be made: its step, whether steps play, the load shown, and whether every move before it has been answered. */
export interface Move {
  step: number;
  events: boolean;
  load: number;
  answered: boolean;
}

/** Whether the step fetched ahead is the one `move` asks for. */
export function preparedFits(ahead: Preparing, move: Move): boolean {
  return move.answered && ahead.step === move.step && ahead.events === move.events && ahead.load === move.load;
}
