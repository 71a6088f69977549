/**
 * The kernel's state is private: outside src/kernel, code sees the Kernel's calls and queries and
 * nothing of its parts. The compiler refuses the old fields (the @ts-expect-error lines fail
 * `tsc` the day they compile again), the object holds none of them at run time, and the lint rule
 * refuses partsOf outside src/kernel (and allows it inside).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel';
import { user_write, vm_allocate } from '../kernel/vm_user';

const PROBE = "import { partsOf, type Kernel } from '../kernel/kernel';\nexport const free = (k: Kernel): number => partsOf(k).mem.freeCount;\n";

describe('the kernel\'s privacy', () => {
  it('shows no part of the machine on the Kernel object', () => {
    const k = new Kernel();
    // @ts-expect-error the frames are private
    expect(k.mem).toBeUndefined();
    // @ts-expect-error the tasks are private
    expect(k.tasks).toBeUndefined();
    // @ts-expect-error the statistics are private
    expect(k.stats).toBeUndefined();
    expect(Object.keys(k).filter((f) => ['objects', 'mem', 'tlb', 'pmaps', 'stats', 'tasks', 'pagers', 'vm', 'mapContext'].includes(f))).toEqual([]);
  });

  it('answers the queries the interpreter and the session ask', () => {
    const k = new Kernel({ frames: 8 });
    const A = k.createTask('A').id;
    const x = vm_allocate(k, A, 0, 0x2000, true).address;
    user_write(k, A, x, new Uint8Array([1]));
    user_write(k, A, x, new Uint8Array([2]));
    expect(k.taskList()).toEqual([{ id: A, name: 'A', alive: true, parent: null }]);
    expect([k.taskCount, k.entryCount(A), k.faults(A), k.cowFaults(A), k.tlbHits(A), k.tlbMisses(A)]).toEqual([1, 1, 1, 0, 1, 1]);
    expect([k.freeFrames, k.memoryInUse, k.pageouts, k.pageins]).toEqual([7, 4096, 0, 0]);
  });

  it('lint refuses partsOf outside src/kernel, and allows it inside', async () => {
    const eslint = new ESLint();
    const [outside] = await eslint.lintText(PROBE, { filePath: 'src/scenario/probe.ts' });
    expect(outside.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    const [inside] = await eslint.lintText(PROBE.replace('../kernel/kernel', './kernel'), { filePath: 'src/kernel/probe.ts' });
    expect(inside.messages).toEqual([]);
  }, 60_000);
});
