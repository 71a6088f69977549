import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { alternativesOf, MAX_CHOICES } from './choices';
import { withChoice } from './choice_text';
import { findChoices } from './find_choices';
import { CommandHandler } from '../worker/handler';

const forkShare = readFileSync(new URL('../../scenarios/fork_share.vms', import.meta.url), 'utf8');

describe('choices', () => {
  it('finds the vm_inherit before the fork and the anywhere flag of fork_share, at their places', () => {
    const { choices, more } = findChoices(forkShare);
    expect(more).toBe(0);
    const inherit = choices.find((c) => c.family === 'VM_INHERIT');
    expect(inherit).toMatchObject({ name: 'VM_INHERIT_SHARE', call: 'vm_inherit', param: 'new_inheritance', line: 7, statement: 3 });
    expect(forkShare.split('\n')[inherit!.line - 1].slice(inherit!.col - 1, inherit!.col - 1 + inherit!.length)).toBe('VM_INHERIT_SHARE');
    expect(choices.find((c) => c.family === 'BOOL')).toMatchObject({ name: 'TRUE', call: 'vm_allocate', param: 'anywhere', line: 5 });
    // asserts compare with constants but pass none to a call: not choices
    expect(choices.every((c) => c.line !== 12)).toBe(true);
  });

  it('finds every name of an or-ed protection, and nothing in a text that does not parse', () => {
    const { choices } = findChoices('task A\nkr = vm_allocate(A, &x, 0x1000, TRUE)\nkr = vm_protect(A, x, 0x1000, FALSE, VM_PROT_READ | VM_PROT_EXECUTE)\n');
    expect(choices.map((c) => c.name)).toEqual(['TRUE', 'FALSE', 'VM_PROT_READ', 'VM_PROT_EXECUTE']);
    expect(findChoices('task A\nkr = vm_allocate(A, &x,').choices).toEqual([]);
  });

  it('offers the family\'s other values, not an alias of the same value', () => {
    expect(alternativesOf('VM_INHERIT_SHARE')).toEqual(['VM_INHERIT_COPY', 'VM_INHERIT_NONE']);
    expect(alternativesOf('VM_INHERIT_DEFAULT')).toEqual(['VM_INHERIT_SHARE', 'VM_INHERIT_NONE']);
    expect(alternativesOf('TRUE')).toEqual(['FALSE']);
    expect(alternativesOf('KERN_SUCCESS')).toEqual([]);
  });

  it('makes the variant text by changing that one place, and refuses a place that no longer holds the name', () => {
    const c = findChoices(forkShare).choices.find((x) => x.family === 'VM_INHERIT')!;
    const variant = withChoice(forkShare, { line: c.line, col: c.col, from: c.name, to: 'VM_INHERIT_COPY' });
    expect(variant).not.toBeNull();
    expect(variant!.split('\n')[6]).toContain('vm_inherit(P, x, 0x2000, VM_INHERIT_COPY)');
    // everything else is as it was: the asserts still name VM_INHERIT_SHARE
    expect(variant!.replace('VM_INHERIT_COPY)', 'VM_INHERIT_SHARE)')).toBe(forkShare);
    expect(withChoice(forkShare, { line: c.line, col: c.col + 1, from: c.name, to: 'VM_INHERIT_COPY' })).toBeNull();
    expect(withChoice(forkShare, { line: 999, col: 1, from: c.name, to: 'VM_INHERIT_COPY' })).toBeNull();
    expect(withChoice(forkShare, { line: c.line, col: c.col, from: c.name, to: 'KERN_SUCCESS' })).toBeNull();
    expect(withChoice('kr = f(VM_PROT_READX)', { line: 1, col: 8, from: 'VM_PROT_READ', to: 'VM_PROT_ALL' })).toBeNull();
  });

  it('reports at most MAX_CHOICES and counts the rest', () => {
    const lines = ['task A', 'kr = vm_allocate(A, &x, 0x1000, TRUE)'];
    for (let i = 0; i < MAX_CHOICES + 5; i++) lines.push('kr = vm_inherit(A, x, 0x1000, VM_INHERIT_SHARE)');
    const found = findChoices(lines.join('\n'));
    expect(found.choices).toHaveLength(MAX_CHOICES);
    expect(found.more).toBe(6);
  });

  it('is what the worker answers to a choices command, without touching the loaded run', () => {
    const h = new CommandHandler();
    const reply = h.handle({ type: 'choices', id: 1, source: forkShare });
    expect(reply.type === 'choices' && reply.choices.some((c) => c.name === 'VM_INHERIT_SHARE')).toBe(true);
  });
});
