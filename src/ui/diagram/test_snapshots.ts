/** Test helper: snapshots of the built-in scenarios, after every statement (any test environment). */
import { Interpreter } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { takeSnapshot, type MachineSnapshot } from '../../kernel/snapshot';
import type { KernelEvent } from '../../kernel/events';

const sources: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob<string>('../../../scenarios/*.vms', { query: '?raw', import: 'default', eager: true })).map(([path, text]) => [
    path.slice(path.lastIndexOf('/') + 1, -'.vms'.length),
    text,
  ]),
);

export function scenarioNames(): string[] {
  return Object.keys(sources).sort();
}

/** The snapshot after each statement of a built-in scenario (index 0: before any). */
export function snapshotsOf(name: string): MachineSnapshot[] {
  const src = sources[name];
  if (src === undefined) throw new Error(`no built-in scenario ${name}`);
  const it = new Interpreter(parseOrThrow(src));
  const out = [takeSnapshot(it.kernel)];
  while (!it.done) {
    it.step();
    out.push(takeSnapshot(it.kernel));
  }
  return out;
}

/** The snapshot at the end of a built-in scenario. */
export function finalSnapshot(name: string): MachineSnapshot {
  const all = snapshotsOf(name);
  return all[all.length - 1];
}

/**
 * The first event of a type in a built-in scenario (that `where` accepts), with the snapshot after
 * its statement (what the app shows then).
 */
export function firstEvent<T extends KernelEvent['type']>(
  name: string,
  type: T,
  where: (e: Extract<KernelEvent, { type: T }>) => boolean = () => true,
): { event: Extract<KernelEvent, { type: T }>; snap: MachineSnapshot } {
  const src = sources[name];
  if (src === undefined) throw new Error(`no built-in scenario ${name}`);
  const it = new Interpreter(parseOrThrow(src));
  while (!it.done) {
    const rec = it.step();
    const e = rec.events.find((x): x is Extract<KernelEvent, { type: T }> => x.type === type && where(x as Extract<KernelEvent, { type: T }>));
    if (e !== undefined) return { event: e, snap: takeSnapshot(it.kernel) };
  }
  throw new Error(`${name} has no ${type} event`);
}
