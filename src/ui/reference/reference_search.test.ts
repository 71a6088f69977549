import { describe, expect, it } from 'vitest';
import { ITEMS, searchReference } from './reference_search';
import { REFERENCE } from '../../scenario/reference';
import { RULE_IDS } from '../narration/rules';
import { ruleAnchor } from './open_reference';

describe('the reference panel\'s items and search', () => {
  it('lists every entry of the language catalogue and every kernel rule once', () => {
    expect(ITEMS.filter((i) => i.kind !== 'rule').map((i) => i.id).sort()).toEqual(REFERENCE.map((e) => e.id).sort());
    expect(ITEMS.filter((i) => i.kind === 'rule').map((i) => i.id)).toEqual(RULE_IDS.map(ruleAnchor));
    expect(new Set(ITEMS.map((i) => i.id)).size).toBe(ITEMS.length);
  });

  it('puts the entry named by the query first', () => {
    expect(searchReference('vm_map')[0].id).toBe('call-vm_map');
    expect(searchReference('VM_PROT_READ')[0].id).toBe('constant-VM_PROT_READ');
    expect(searchReference('fork')[0].id).toBe('statement-fork');
  });

  it('finds rules by their words and functions, and keeps only what has every word', () => {
    expect(searchReference('vm_object_shadow').map((i) => i.id)).toContain('rule-cow-shadow');
    expect(searchReference('shadow first write').map((i) => i.id)).toContain('rule-cow-shadow');
    expect(searchReference('clock second chance').map((i) => i.id)).toEqual(['rule-pageout']);
    expect(searchReference('no such thing at all')).toEqual([]);
    expect(searchReference('   ')).toHaveLength(ITEMS.length);
  });
});
