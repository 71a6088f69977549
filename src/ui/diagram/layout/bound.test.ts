/**
 * The diagram's bound (bound.ts): whatever the machine (41 tasks of 2,000 map entries, 26,000
 * entries in one task, 2,000 objects each with its file), the layout draws at most
 * MAX_DIAGRAM_ELEMENTS elements, in normal and presentation mode; what a window leaves out is a
 * summary, and moving a window (what activating a summary does) shows the next entries.
 */
import { crowdedLines } from '../../../testing/crowded_scenario';
import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../../scenario/interpreter';
import { parseOrThrow } from '../../../scenario/parser';
import { takeSnapshot, type MachineSnapshot } from '../../../kernel/snapshot';
import { computeLayout } from '../layout';
import { ENTRY_WINDOW, MAX_DIAGRAM_ELEMENTS, OBJECT_WINDOW, PRESENTATION_WINDOWS, TASK_WINDOW, diagramElementCount, entriesWindow, isCrowded, windowRange } from './bound';
import { allTexts } from './lookup';
import { scenarioNames, snapshotsOf } from '../test_snapshots';

function finalOf(lines: string[]): MachineSnapshot {
  const it = new Interpreter(parseOrThrow(lines.join('\n') + '\n'), { trace: false });
  while (!it.done) {
    const rec = it.step();
    if (rec.error !== undefined) throw new Error(rec.error.message);
  }
  return takeSnapshot(it.kernel);
}


/** `n` files, each mapped once by task A: n objects, n pagers, n entries. */
function manyObjects(n: number): MachineSnapshot {
  const lines = ['task A'];
  for (let i = 0; i < n; i++) lines.push(`object F${i} size=0x1000`, `kr = vm_map(A, &y${i}, 0x1000, 0, TRUE, F${i}, 0, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_COPY)`);
  return finalOf(lines);
}

const STAGE = { width: 1920, height: 1000, vh: 10.8 };

describe('the diagram has a bounded cost', () => {
  const forks = finalOf(crowdedLines(2000, 40));

  it('41 tasks × 2,000 entries: at most MAX_DIAGRAM_ELEMENTS elements, a window of tasks and of entries, the rest summarised', () => {
    expect(forks.tasks.length).toBe(41);
    expect(forks.tasks[0].entries.length).toBe(2000);
    for (const options of [{ width: 1366 }, { width: 960, fontSize: 20 }]) {
      const l = computeLayout(forks, options);
      expect(diagramElementCount(l)).toBeLessThanOrEqual(MAX_DIAGRAM_ELEMENTS);
      expect(l.tasks).toHaveLength(TASK_WINDOW);
      expect(l.tasks[0].entries).toHaveLength(ENTRY_WINDOW);
      const keys = (l.summaries ?? []).map((s) => s.key);
      expect(keys).toContain('tasks-after');
      expect(keys).toContain(`entries-${forks.tasks[0].id}-after`);
      const more = l.summaries!.find((s) => s.key === `entries-${forks.tasks[0].id}-after`)!;
      expect(more.count).toBe(2000 - ENTRY_WINDOW);
      expect(more.texts.map((t) => t.text).join(' ')).toMatch(/^▼ 1,984 more entries 0x11000–0x7d1000$/);
      expect(l.summaries!.find((s) => s.key === 'tasks-after')!.texts.map((t) => t.text).join(' ')).toBe('▼ 33 more tasks F7 … F39');
    }
  });

  it('presentation mode: the same bound, smaller windows (the picture is scaled to fit the screen)', () => {
    const l = computeLayout(forks, { width: STAGE.width, stage: STAGE, fontSize: 20 });
    expect(diagramElementCount(l)).toBeLessThanOrEqual(MAX_DIAGRAM_ELEMENTS);
    expect(l.tasks).toHaveLength(PRESENTATION_WINDOWS.tasks);
    expect(l.tasks[0].entries).toHaveLength(PRESENTATION_WINDOWS.entries);
    expect(l.summaries!.find((s) => s.key === 'tasks-after')!.count).toBe(41 - PRESENTATION_WINDOWS.tasks);
    // scaled to the stage: a third of its size, where the normal windows would leave a sixth
    const scale = (x: { width: number; height: number }) => Math.min(1, STAGE.width / x.width, STAGE.height / x.height);
    expect(scale(l)).toBeGreaterThan(0.33);
    expect(scale(computeLayout(forks, { width: STAGE.width, fontSize: 20 }))).toBeLessThan(0.2);
  });

  it('activating a summary moves its window by one page, never drawing more than one', () => {
    const a = forks.tasks[0];
    const first = computeLayout(forks, { width: 1366 });
    const more = first.summaries!.find((s) => s.key === `entries-${a.id}-after`)!;
    const next = computeLayout(forks, { width: 1366, windows: new Map([[more.window, more.to]]) });
    const entries = next.tasks[0].entries.map((e) => e.entry.id);
    expect(entries).toEqual(a.entries.slice(ENTRY_WINDOW, 2 * ENTRY_WINDOW).map((e) => e.id));
    const back = next.summaries!.find((s) => s.key === `entries-${a.id}-before`)!;
    expect(back.count).toBe(ENTRY_WINDOW);
    expect(back.to).toBe(0);
    // the last page is full (clamped), and there is nothing after it
    const last = computeLayout(forks, { width: 1366, windows: new Map([[entriesWindow(a.id), 1e9]]) });
    expect(last.tasks[0].entries.at(-1)!.entry.id).toBe(a.entries.at(-1)!.id);
    expect(last.tasks[0].entries).toHaveLength(ENTRY_WINDOW);
    expect(last.summaries!.some((s) => s.key === `entries-${a.id}-after`)).toBe(false);
    // the task window too
    const tasks = computeLayout(forks, { width: 1366, windows: new Map([['tasks', TASK_WINDOW]]) });
    expect(tasks.tasks.map((t) => t.task.name)).toEqual(forks.tasks.slice(TASK_WINDOW, 2 * TASK_WINDOW).map((t) => t.name));
    expect(diagramElementCount(tasks)).toBeLessThanOrEqual(MAX_DIAGRAM_ELEMENTS);
  });

  it('26,000 entries in one task: one window of them', () => {
    const big = finalOf(crowdedLines(26_000, 0));
    const l = computeLayout(big, { width: 1366 });
    expect(l.tasks[0].entries).toHaveLength(ENTRY_WINDOW);
    expect(diagramElementCount(l)).toBeLessThanOrEqual(MAX_DIAGRAM_ELEMENTS);
    expect(l.height).toBeLessThan(4000);
  });

  it('2,000 objects, each with its file: a window of objects (those the drawn entries map first), the files counted', () => {
    const snap = manyObjects(2000);
    for (const [options, sizes] of [[{ width: 1366 }, { objects: OBJECT_WINDOW, entries: ENTRY_WINDOW }], [{ width: STAGE.width, stage: STAGE, fontSize: 20 }, PRESENTATION_WINDOWS]] as const) {
      const l = computeLayout(snap, options);
      expect(l.objects).toHaveLength(sizes.objects);
      const mapped = new Set(l.tasks[0].entries.map((e) => e.entry.object));
      const drawn = new Set(l.objects.map((o) => o.object.id));
      expect(mapped.size).toBe(sizes.entries);
      expect([...mapped].every((id) => drawn.has(id))).toBe(true);
      // every drawn entry has its arrow to its object
      expect(l.links.filter((k) => k.kind === 'map')).toHaveLength(sizes.entries);
      expect(l.summaries!.find((s) => s.key === 'objects-after')!.count).toBe(2000 - sizes.objects);
      expect(l.pagers.length).toBeLessThan(20);
      expect(allTexts(l).some((t) => t.text === '… 1,984 more files')).toBe(true);
      expect(diagramElementCount(l)).toBeLessThanOrEqual(MAX_DIAGRAM_ELEMENTS);
    }
  });

  it('the built-in lessons are not crowded: no window, no summary', () => {
    for (const name of scenarioNames()) for (const snap of snapshotsOf(name)) expect(isCrowded(snap)).toBe(false);
    const l = computeLayout(snapshotsOf('fork_copy').at(-1)!, { width: 1366 });
    expect(l.summaries).toBeUndefined();
  });

  it('windowRange clamps a window to its items', () => {
    expect(windowRange(10, 32, 5)).toEqual({ start: 0, end: 10 });
    expect(windowRange(100, 32, 90)).toEqual({ start: 68, end: 100 });
    expect(windowRange(100, 32, -4)).toEqual({ start: 0, end: 32 });
  });
});
