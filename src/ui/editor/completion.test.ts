import { describe, expect, it } from 'vitest';
import { optionsAt } from './completion';
import type { ScenarioNames } from '../../scenario/names';

const names: ScenarioNames = { tasks: ['P', 'C'], objects: ['F'], variables: ['x', 'kr'] };
const labels = (before: string) => optionsAt(before, names).map((o) => o.label);
const top = (before: string) =>
  optionsAt(before, names)
    .filter((o) => (o.boost ?? 0) > 0)
    .map((o) => o.label);

describe('completion: what is offered where', () => {
  it('a statement opens with a keyword, a call or a variable', () => {
    const l = labels('');
    expect(l).toEqual(expect.arrayContaining(['task', 'config', 'assert', 'vm_allocate', 'vm_map', 'write', 'x', 'kr']));
    expect(l).not.toContain('VM_PROT_READ');
  });

  it('after `kr = `: calls, queries, constants and names', () => {
    expect(labels('kr = ')).toEqual(expect.arrayContaining(['vm_allocate', 'faults', 'shadow_depth', 'KERN_SUCCESS', 'PAGE_SIZE', 'x', 'fork']));
  });

  it('a task parameter offers the scenario\'s tasks only', () => {
    expect(labels('kr = vm_allocate(')).toEqual(['P', 'C']);
    expect(labels('assert faults(')).toEqual(['P', 'C']);
    expect(labels('kr = vm_remap(P, &y, 0x1000, 0, TRUE, ')).toEqual(['P', 'C']);
  });

  it('an &out parameter offers the variables, written with &', () => {
    const o = optionsAt('kr = vm_allocate(P, ', names);
    expect(o.map((c) => [c.label, c.apply])).toEqual([['x', '&x'], ['kr', '&kr']]);
    expect(labels('kr = vm_allocate(P, &')).toEqual(['x', 'kr']);
  });

  it('a protection parameter puts VM_PROT_* first, an inheritance VM_INHERIT_*, a flag TRUE/FALSE', () => {
    expect(top('kr = vm_protect(P, x, 0x1000, FALSE, ')).toEqual(['VM_PROT_NONE', 'VM_PROT_READ', 'VM_PROT_WRITE', 'VM_PROT_EXECUTE', 'VM_PROT_DEFAULT', 'VM_PROT_ALL']);
    expect(top('kr = vm_inherit(P, x, 0x1000, ')).toEqual(['VM_INHERIT_SHARE', 'VM_INHERIT_COPY', 'VM_INHERIT_NONE', 'VM_INHERIT_DEFAULT']);
    expect(top('kr = vm_allocate(P, &x, ')).toEqual([]); // size: any constant
    expect(labels('kr = vm_allocate(P, &x, ')).toEqual(expect.arrayContaining(['PAGE_SIZE', 'VM_PROT_READ', 'x', 'faults']));
    expect(top('kr = vm_allocate(P, &x, PAGE_SIZE, ')).toEqual(['TRUE', 'FALSE']); // anywhere
  });

  it('a config line offers its keys; a comment or a string nothing', () => {
    expect(labels('config ')).toEqual(['page_size', 'frames', 'tlb_entries', 'tlb_ways', 'address_bits']);
    expect(labels('x = 1 # see ')).toEqual([]);
    expect(labels('kr = write(P, x, "abc ')).toEqual([]);
  });

  it('an argument after a closed string still completes', () => {
    expect(labels('kr = write(P, x, "a,b", ')).toContain('x');
  });
});
