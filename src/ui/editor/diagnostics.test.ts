import { describe, expect, it } from 'vitest';
import { Text } from '@codemirror/state';
import { diagnosticOf, errorOf } from './diagnostics';
import { ScenarioSession } from '../../worker/session';

const doc = (s: string) => Text.of(s.split('\n'));

describe('errors marked in the text', () => {
  it('a parse error: at its line and column, over the word there', () => {
    const text = 'task A\nkr = vm_alocate(A, &x, 0x1000, TRUE)\n';
    const e = errorOf(new ScenarioSession(null).load(text));
    expect(e).toMatchObject({ kind: 'parse', line: 2 });
    const d = diagnosticOf(e!, doc(text));
    expect(text.slice(d.from, d.to)).toBe('vm_alocate');
    expect(d.severity).toBe('error');
    expect(d.message).toMatch(/^Line 2, column 6: /);
  });

  it('a runtime error: at the statement that failed', () => {
    const text = 'task A\nx = 0x1000\nkr = vm_deallocate(B, x, 1)\n';
    const o = new ScenarioSession(null).load(text);
    const e = errorOf(o);
    expect(o.status).toBe('runtime-error');
    expect(e).toMatchObject({ kind: 'runtime', line: 3 });
    const d = diagnosticOf(e!, doc(text));
    expect(d.from).toBe(doc(text).line(3).from + e!.col - 1);
  });

  it('no error, no mark; a place past an edited text is clamped to it', () => {
    expect(errorOf(new ScenarioSession(null).load('task A\n'))).toBeNull();
    expect(errorOf(null)).toBeNull();
    const d = diagnosticOf({ kind: 'parse', message: 'm', line: 9, col: 40 }, doc('task A\nx'));
    expect([d.from, d.to]).toEqual([8, 8]);
  });
});
