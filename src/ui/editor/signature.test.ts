// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { callAt } from './call_context';
import { paramLine, shownSignature, signatureHelp, signatureText } from './signature';

const stateAt = (text: string) => EditorState.create({ doc: text, selection: { anchor: text.length }, extensions: signatureHelp() });

describe('signature help', () => {
  it('the current parameter is the one the cursor is in, counting commas outside strings and inner calls', () => {
    expect(callAt('kr = vm_allocate(')).toEqual({ name: 'vm_allocate', index: 0, open: 16 });
    expect(callAt('kr = vm_allocate(A, &x, ')?.index).toBe(2);
    expect(callAt('kr = write(A, x + shadow_depth(A, x), "a, b')).toBeNull(); // inside a string
    expect(callAt('kr = write(A, x + shadow_depth(A, x), ')?.index).toBe(2);
    expect(callAt('kr = write(A, shadow_depth(A, ')).toMatchObject({ name: 'shadow_depth', index: 1 });
    expect(callAt('kr = vm_allocate(A, &x, 0x1000, TRUE)')).toBeNull(); // closed by )
    expect(callAt('x = (1 + ')).toBeNull(); // parentheses of an expression
    expect(callAt('x = 1 # vm_map(')).toBeNull();
  });

  it('shows the signature and one line about the parameter', () => {
    expect(signatureText('vm_allocate')).toBe('vm_allocate(target_task, &address, size, anywhere)');
    // the reference's lines (reference.ts)
    expect(paramLine('vm_allocate', 2)).toBe('size: bytes, rounded up to whole pages');
    expect(paramLine('vm_read', 3)).toMatch(/^data: out: /);
    expect(paramLine('shadow_depth', 0)).toMatch(/^task: ./);
    expect(paramLine('vm_allocate', 4)).toBeNull();
  });

  it('follows the cursor in the editor state: open inside the call, closed after )', () => {
    expect(shownSignature(stateAt('kr = vm_allocate(A, &x, '))).toMatchObject({ name: 'vm_allocate', index: 2 });
    expect(shownSignature(stateAt('kr = vm_allocate(A, &x, 1, TRUE)'))).toBeNull();
    const s = stateAt('kr = vm_allocate(A, ');
    const typed = s.update({ changes: { from: s.doc.length, insert: '&x, 0x1000, TRUE)' }, selection: { anchor: s.doc.length + 17 } }).state;
    expect(shownSignature(typed)).toBeNull();
  });
});
