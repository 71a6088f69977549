import { describe, expect, it } from 'vitest';
import { appendStatement, pageStatement } from './PageActions';
import { parseScenario } from '../scenario/parser';

describe('page actions', () => {
  it('append a read or a write that parses, on its own line', () => {
    const r = pageStatement('read', { task: 'B', address: 0x1010 }, 'hi');
    const w = pageStatement('write', { task: 'A', address: 0x2000 }, 'say "hi"\n');
    expect(r).toBe('kr = read(B, 0x1010, 2, &v)');
    expect(w).toBe('kr = write(A, 0x2000, "say \\"hi\\"\\n")');
    const src = appendStatement(appendStatement('task A\ntask B', r), w);
    expect(src).toBe(`task A\ntask B\n${r}\n${w}\n`);
    expect(parseScenario(src).ok).toBe(true);
  });

  it('write addresses as everywhere else: lower-case hex, 0x prefix', () => {
    expect(pageStatement('read', { task: 'C', address: 0xabc000 }, 'x')).toBe('kr = read(C, 0xabc000, 1, &v)');
  });
});
