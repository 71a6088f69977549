/** Test helper: snapshots of the built-in scenarios, after every statement (any test environment). */
import { Interpreter } from '../../scenario/interpreter';
import { parseOrThrow } from '../../scenario/parser';
import { takeSnapshot, type MachineSnapshot } from '../../kernel/snapshot';

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
