import { describe, expect, it } from 'vitest';
import { ScenarioSession } from './session';
import { applyDiff, diffBytes, diffSnapshot } from './snapshot_diff';
import { loadBuiltins } from '../scenario/builtins_node';
import type { MachineSnapshot } from '../kernel/snapshot';

describe('snapshot diffs', () => {
  it('rebuild every step of every built-in exactly, sending only what changed', () => {
    for (const b of loadBuiltins()) {
      const s = new ScenarioSession();
      const outcome = s.load(b.source);
      expect(outcome.status, b.name).toBe('ok');
      let sentBase: MachineSnapshot | null = null;
      let rebuilt: MachineSnapshot | null = null;
      for (let step = 0; step <= s.total; step++) {
        const at = s.goto(step)!;
        const d = diffSnapshot(sentBase, at.snapshot);
        if (step > 0) expect(d.fromEmpty, `${b.name} step ${step}: a diff against the step before, not against nothing`).toBeUndefined();
        rebuilt = applyDiff(rebuilt, d);
        expect(rebuilt, `${b.name} step ${step}`).toEqual(at.snapshot);
        sentBase = at.snapshot;
      }
    }
  });

  it('leaves unchanged tasks and objects out of the diff', () => {
    const s = new ScenarioSession();
    s.load('task A\ntask B\nkr = vm_allocate(A, &x, 0x1000, TRUE)\nkr = write(A, x, "a")\nkr = vm_allocate(B, &y, 0x1000, TRUE)\n');
    const before = s.goto(4)!.snapshot;
    const after = s.goto(5)!.snapshot;
    const d = diffSnapshot(before, after);
    expect(d.tasks?.map((t) => t.name)).toEqual(['B']);
    expect(d.objects).toBeUndefined();
  });

  it('going back replays the deterministic kernel to the same state', () => {
    const s = new ScenarioSession();
    s.load(loadBuiltins().find((b) => b.name === 'fork_copy')!.source);
    const forward = JSON.stringify(s.goto(7)!.snapshot);
    s.goto(s.total);
    expect(JSON.stringify(s.goto(7)!.snapshot)).toBe(forward);
  });

  it('a step of a 16,384-frame machine sends under 10 KiB (the frames that changed, not the tables)', () => {
    const lines = ['config frames=16384 tlb_entries=1024', 'task A', 'kr = vm_allocate(A, &x, 0x4000000, TRUE)'];
    for (let i = 0; i < 300; i++) lines.push(`kr = write(A, x + ${i * 0x1000}, "w")`);
    lines.push('task B = fork(A)');
    for (let i = 0; i < 30; i++) lines.push(`kr = write(B, x + ${i * 0x1000}, "w")`);
    const s = new ScenarioSession();
    expect(s.load(lines.join('\n') + '\n').status).toBe('ok');
    let base: MachineSnapshot | null = null;
    let rebuilt: MachineSnapshot | null = null;
    let largest = 0;
    for (let step = 0; step <= s.total; step++) {
      const snap = s.goto(step)!.snapshot;
      const d = diffSnapshot(base, snap);
      if (step > 0) largest = Math.max(largest, diffBytes(d));
      rebuilt = applyDiff(rebuilt, structuredClone(d));
      base = snap;
    }
    expect(rebuilt).toEqual(base);
    expect(largest).toBeLessThan(10 * 1024);
  });

  it('the first snapshot of a big machine that uses few frames is small', () => {
    const s = new ScenarioSession();
    s.load('config frames=16384\ntask A\nkr = vm_allocate(A, &x, 0x4000, TRUE)\nkr = write(A, x, "a")\n');
    const first = s.goto(4)!.snapshot;
    const d = diffSnapshot(null, first);
    expect(diffBytes(d)).toBeLessThan(4 * 1024); // not the 272 KiB of four 16,384-frame tables
    expect(applyDiff(null, structuredClone(d))).toEqual(first);
  });
});
