import { describe, expect, it } from 'vitest';
import { CALLS, CONFIG_KEYS, CONSTANTS, KEYWORDS, PAGE_SIZE_CONSTANT, QUERIES } from './language';
import { constantsOf, paramDoc, REFERENCE, referenceById, referenceByName } from './reference';
import { runScenario } from './run';

describe('the language reference', () => {
  it('describes every call, query, constant, keyword and config setting of the tables, once', () => {
    const names = (kind: string) => REFERENCE.filter((e) => e.kind === kind).map((e) => e.name);
    expect(names('call').sort()).toEqual(Object.keys(CALLS).sort());
    expect(names('query').sort()).toEqual(Object.keys(QUERIES).sort());
    expect(names('constant').sort()).toEqual([...CONSTANTS.keys(), PAGE_SIZE_CONSTANT].sort());
    expect(names('config').sort()).toEqual([...CONFIG_KEYS].sort());
    for (const k of KEYWORDS) expect(referenceByName(k)?.kind, k).toBe('statement');
    expect(new Set(REFERENCE.map((e) => e.id)).size).toBe(REFERENCE.length);
    for (const e of REFERENCE) {
      expect(e.summary.length, e.id).toBeGreaterThan(10);
      expect(e.summary, e.id).not.toContain('\n');
    }
  });

  it("gives a call's parameters their names and kinds from the tables, and a line each", () => {
    const vmMap = referenceById('call-vm_map');
    expect(vmMap?.signature).toBe('kr = vm_map(target_task, &address, size, mask, anywhere, memory_object, offset, copy, cur_protection, max_protection, inheritance)');
    expect(paramDoc('vm_allocate', 2)).toMatchObject({ name: 'size', kind: 'value' });
    expect(paramDoc('vm_remap', 8)).toMatchObject({ name: 'cur_protection', kind: 'out' });
    expect(paramDoc('shadow_depth', 1)?.name).toBe('address');
    expect(paramDoc('vm_allocate', 4)).toBeUndefined();
    expect(paramDoc('VM_PROT_READ', 0)).toBeUndefined();
    expect(referenceByName('vm_allocate')?.params.every((p) => p.doc.length > 5)).toBe(true);
  });

  it('every example runs as it is, after `task A` (a config setting: before it), without an error', () => {
    for (const e of REFERENCE) {
      const source = e.kind === 'config' || e.name === 'config' ? `${e.example}\ntask A\n` : `task A\n${e.example}\n`;
      const outcome = runScenario(source);
      expect(outcome.status, `${e.id}: ${'message' in outcome ? outcome.message : ''}`).toBe('ok');
    }
  });

  it('groups the constants a choice can be swapped for', () => {
    expect(constantsOf('VM_INHERIT').map((e) => e.name)).toEqual(['VM_INHERIT_SHARE', 'VM_INHERIT_COPY', 'VM_INHERIT_NONE', 'VM_INHERIT_DEFAULT']);
    expect(constantsOf('BOOL').map((e) => e.name)).toEqual(['TRUE', 'FALSE']);
    expect(referenceByName('KERN_NO_SPACE')?.value).toBe(3);
    expect(referenceByName('KERN_NODE_DOWN')?.summary).toContain('never return');
  });
});
