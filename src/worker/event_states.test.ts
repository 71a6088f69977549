/**
 * A step's event states on a big machine (event_states.ts): their weight in all stays under
 * MAX_STEP_STATES_WEIGHT, so a fork of a task of 2,000 entries among 20,000 sends a few states, not
 * 512 (15 s of snapshots before), and the last one is still the machine after the whole step.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioSession } from './session';
import { crowdedText as crowded } from '../testing/crowded_scenario';
import { MAX_EVENT_STATES, MAX_STEP_STATES_WEIGHT, snapshotWeight } from './event_states';
import type { MachineSnapshot } from '../kernel/snapshot';


describe('event states on a big machine', () => {
  it('a fork among 20,000 entries: few states, their weight bounded, the last one the machine after the step', () => {
    const s = new ScenarioSession();
    s.load(crowded(2000, 10));
    const n = s.total;
    const states: MachineSnapshot[] = [];
    const at = s.goto(n, { before: (m) => states.push(m), after: (m) => states.push(m) })!;
    expect(at.record!.events.length).toBeGreaterThan(MAX_EVENT_STATES);
    expect(at.cut).toBe(true);
    const weight = snapshotWeight(states[0]);
    expect(weight).toBeGreaterThan(80_000);
    expect(states.length).toBeLessThan(20);
    expect(states.reduce((w, m) => w + snapshotWeight(m), 0)).toBeLessThanOrEqual(MAX_STEP_STATES_WEIGHT + 2 * snapshotWeight(states.at(-1)!));
    const straight = new ScenarioSession(null);
    straight.load(crowded(2000, 10));
    expect(JSON.stringify(states.at(-1))).toBe(JSON.stringify(straight.goto(n)!.snapshot));
    expect(states.at(-1)!.tasks).toHaveLength(11);
  });
});
