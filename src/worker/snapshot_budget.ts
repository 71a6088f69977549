/**
 * The size budget of a machine the playground shows (issue 15): every step's snapshot lists every
 * map entry of every task and every VM object, and the UI gets it (diffs, the step's event states,
 * the narration of what changed). A statement after which the machine would list more than
 * MAX_MACHINE_ENTRIES map entries or MAX_MACHINE_OBJECTS objects is refused: the session stops the
 * run before it (its steps stay), and the run ends as a runtime error at its line, the limit named.
 * The CLI has no snapshots and runs such a scenario (its own limits are the interpreter's).
 *
 * Every built-in lesson lists at most a few entries; the big e2e machines (32 tasks × 256 pages,
 * 16,384 writes) a few dozen; 26,000 entries in one task stay under the budget.
 */
import type { Kernel } from '../kernel/kernel';

/** The most map entries (all tasks together) a machine the playground shows may have. */
export const MAX_MACHINE_ENTRIES = 50_000;
/** The most VM objects a machine the playground shows may have. */
export const MAX_MACHINE_OBJECTS = 50_000;

const count = (n: number) => n.toLocaleString('en-US');

/** Why the machine is now too big to show (the statement just run made it so), or null. */
export function overBudget(kernel: Kernel): string | null {
  const entries = kernel.entryTotal;
  if (entries > MAX_MACHINE_ENTRIES) return tooBig(`${count(entries)} map entries`, `${count(MAX_MACHINE_ENTRIES)} (MAX_MACHINE_ENTRIES)`);
  const objects = kernel.objectCount;
  if (objects > MAX_MACHINE_OBJECTS) return tooBig(`${count(objects)} VM objects`, `${count(MAX_MACHINE_OBJECTS)} (MAX_MACHINE_OBJECTS)`);
  return null;
}

function tooBig(what: string, limit: string): string {
  return `this statement would give the machine ${what}; the playground shows at most ${limit}. It was not run: the steps before it remain`;
}
