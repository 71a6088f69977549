// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { RuleLink } from './RuleLink';
import { registerReferenceOpener } from '../reference/open_reference';

afterEach(cleanup);

describe('a narration line\'s rule', () => {
  it('is a button that opens the reference at its rule, its words kept', () => {
    const open = vi.fn();
    const unregister = registerReferenceOpener({ open, toggle: vi.fn() });
    render(<p><RuleLink line={{ rule: 'vm_object_shadow', ruleId: 'cow-shadow' }} /></p>);
    const button = screen.getByRole('button', { name: 'vm_object_shadow' });
    expect(button.closest('p')?.textContent).toBe('Rule: vm_object_shadow.');
    fireEvent.click(button);
    expect(open).toHaveBeenCalledWith('rule-cow-shadow');
    unregister();
  });

  it('stays text without an id, and in hidden text leaves screen readers only a button named for what it does', () => {
    render(<p><RuleLink line={{ rule: 'vm_inherit' }} /></p>);
    expect(screen.queryByRole('button')).toBeNull();
    cleanup();
    render(<p><RuleLink line={{ rule: 'vm_inherit', ruleId: 'inherit' }} inHiddenText /></p>);
    expect(screen.getByRole('button', { name: 'Open the rule in the reference: vm_inherit' })).toBeTruthy();
  });
});
