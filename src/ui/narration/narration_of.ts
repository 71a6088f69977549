/**
 * The narration of a step, kept with its record: MachineView tells the step at the cursor with it,
 * and the page tells the step fetched ahead with it in idle time (prepare_next.ts), so the step
 * forward finds its lines told already. Kept per record (a WeakMap: it goes with the record), for
 * the task names and page size it was told with; any other names tell it again.
 */
import type { StepRecord } from '../../scenario/interpreter';
import { narrate, type NarrationLine, type NarrationNames } from './narrate';

/** The names a step is told with: the worker's task names (by id) and the machine's page size. */
export function narrationNames(taskNames: Readonly<Record<number, string>>, pageSize: number | undefined): NarrationNames {
  return { task: (id: number) => taskNames[id] ?? `task ${id}`, pageSize };
}

const told = new WeakMap<StepRecord, { taskNames: Readonly<Record<number, string>>; pageSize: number | undefined; lines: NarrationLine[] }>();

/** narrate(record, narrationNames(taskNames, pageSize)), told once per record for the same names. */
export function narrationOf(record: StepRecord, taskNames: Readonly<Record<number, string>>, pageSize: number | undefined): NarrationLine[] {
  const known = told.get(record);
  if (known !== undefined && known.taskNames === taskNames && known.pageSize === pageSize) return known.lines;
  const lines = narrate(record, narrationNames(taskNames, pageSize));
  told.set(record, { taskNames, pageSize, lines });
  return lines;
}
