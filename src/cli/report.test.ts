import { describe, expect, it } from 'vitest';
import { runScenario } from '../scenario/run';
import { formatTextReport } from './report';

describe('formatTextReport', () => {
  it('shows each statement with its code and the variables it set, the result variable once as the code', () => {
    const text = formatTextReport(runScenario('task A\nr = vm_allocate(A, &x, 0x1000, TRUE)\nkr = vm_allocate(A, &y, 0x1000, TRUE)\nr = 0\n'));
    expect(text).toBe([
      '   1  task A',
      '   2  r = vm_allocate(A, &x, 0x1000, TRUE)',
      '      -> KERN_SUCCESS  x = 4096 (0x1000)',
      '   3  kr = vm_allocate(A, &y, 0x1000, TRUE)',
      '      -> KERN_SUCCESS  y = 8192 (0x2000)',
      '   4  r = 0', // an assignment that equals the last code is still shown
      '      -> r = 0',
      'ok: 4 statements, 0 asserts held',
      '',
    ].join('\n'));
  });
});
