/**
 * Random scenarios for the replay tests: seeded text that exercises every call on a small machine
 * (few frames, so pageout and page-in happen), with forks, files, copies, remaps, protection
 * changes and terminations. Failing calls are fine (they return a kr); a statement that stops the
 * run (an unknown variable) ends it early, which the tests cover too.
 */
import { hex } from '../kernel/vm_param';

function rng(seed: number): (n: number) => number {
  let a = seed >>> 0 || 1;
  return (n) => {
    a ^= a << 13;
    a >>>= 0;
    a ^= a >>> 17;
    a ^= a << 5;
    a >>>= 0;
    return Math.floor((a / 4294967296) * n);
  };
}

export function randomScenario(seed: number, statements = 60): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[r(xs.length)];
  const frames = pick([6, 8, 12, 32]);
  const lines = [`config frames=${frames} tlb_entries=8 tlb_ways=2`, 'task A', 'object F size=0x3000 data="file F bytes"', 'kr = vm_allocate(A, &a0, 0x4000, TRUE)'];
  const tasks = ['A'];
  const vars = ['a0'];
  let n = 1;
  const where = () => `${pick(vars)} + ${hex(r(4) * 0x1000 + (r(3) === 0 ? r(0x1000) : 0))}`;
  const task = () => pick(tasks);
  while (lines.length < statements) {
    const v = `a${n}`;
    switch (r(14)) {
      case 0:
      case 1:
        lines.push(`kr = write(${task()}, ${where()}, "w${r(100)}")`);
        break;
      case 2:
      case 3:
        lines.push(`kr = read(${task()}, ${where()}, ${1 + r(8)}, &v)`);
        break;
      case 4:
        lines.push(`kr = vm_allocate(${task()}, &${v}, ${hex((1 + r(4)) * 0x1000)}, TRUE)`);
        vars.push(v);
        n++;
        break;
      case 5:
        lines.push(`kr = vm_deallocate(${task()}, ${where()}, ${hex((1 + r(2)) * 0x1000)})`);
        break;
      case 6:
        lines.push(`kr = vm_protect(${task()}, ${where()}, 0x1000, ${pick(['FALSE', 'TRUE'])}, ${pick(['VM_PROT_READ', 'VM_PROT_DEFAULT', 'VM_PROT_NONE'])})`);
        break;
      case 7:
        lines.push(`kr = vm_inherit(${task()}, ${where()}, 0x2000, ${pick(['VM_INHERIT_SHARE', 'VM_INHERIT_COPY', 'VM_INHERIT_NONE'])})`);
        break;
      case 8:
        if (tasks.length < 5) {
          const child = `T${tasks.length}`;
          lines.push(`task ${child} = fork(${task()})`);
          tasks.push(child);
        }
        break;
      case 9:
        lines.push(`kr = vm_map(${task()}, &${v}, 0x3000, 0, TRUE, F, 0, ${pick(['FALSE', 'TRUE'])}, VM_PROT_DEFAULT, VM_PROT_ALL, ${pick(['VM_INHERIT_SHARE', 'VM_INHERIT_COPY'])})`);
        vars.push(v);
        n++;
        break;
      case 10:
        lines.push(`kr = vm_copy(${task()}, ${where()}, 0x1000, ${where()})`);
        break;
      case 11:
        lines.push(`kr = vm_remap(${task()}, &${v}, 0x1000, 0, TRUE, ${task()}, ${where()}, ${pick(['FALSE', 'TRUE'])}, &cur, &max, VM_INHERIT_SHARE)`);
        vars.push(v);
        n++;
        break;
      case 12:
        lines.push(`kr = vm_read(${task()}, ${where()}, 0x10, &d)`);
        break;
      case 13:
        if (r(4) === 0 && tasks.length > 1) lines.push(`kr = task_terminate(${tasks[1 + r(tasks.length - 1)]})`);
        else lines.push(`x = free_frames() + pageouts() + shadow_depth(${task()}, ${pick(vars)})`);
        break;
    }
  }
  return lines.join('\n') + '\n';
}
