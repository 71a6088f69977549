import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance, SUGGEST_MAX_NAMES, SUGGEST_NAME_CUT } from './suggest';
import { parseScenario } from './parser';
import { Interpreter } from './interpreter';
import { CONSTANTS } from './language';

const lines = (...l: string[]) => l.join('\n');

function syntaxError(source: string): string {
  const r = parseScenario(source);
  if (r.ok) throw new Error('expected a syntax error');
  return r.error.message;
}

function runtimeError(source: string): string {
  const it = new Interpreter((parseScenario(source) as Extract<ReturnType<typeof parseScenario>, { ok: true }>).program);
  while (!it.done) {
    const r = it.step();
    if (r.error !== undefined) return r.error.message;
  }
  throw new Error('expected a runtime error');
}

describe('editDistance', () => {
  it('counts inserts, deletes, replacements and swaps of neighbours as one edit each', () => {
    expect(editDistance('vm_alocate', 'vm_allocate')).toBe(1);
    expect(editDistance('vm_allcoate', 'vm_allocate')).toBe(1);
    expect(editDistance('vm_mop', 'vm_map')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closestName', () => {
  it('offers the closest name, case aside, and nothing when none is close', () => {
    expect(closestName('vm_alocate', ['vm_map', 'vm_allocate', 'vm_protect'])).toBe('vm_allocate');
    expect(closestName('true', CONSTANTS.keys())).toBe('TRUE');
    expect(closestName('bogus', ['vm_map', 'vm_allocate'])).toBeNull();
    // one letter never becomes another
    expect(closestName('x', ['y', 'z'])).toBeNull();
  });

  it('compares at most SUGGEST_MAX_NAMES names, each cut to SUGGEST_NAME_CUT characters', () => {
    const many = Array.from({ length: SUGGEST_MAX_NAMES }, (_, i) => `filler_name_${i}`);
    expect(closestName('target_adress', [...many, 'target_address'])).toBeNull();
    expect(closestName('target_adress', ['target_address', ...many])).toBe('target_address');
    const long = 'a'.repeat(SUGGEST_NAME_CUT);
    expect(closestName(`${long}x`, [`${long}yyyyyyyyyy`])).toBe(`${long}yyyyyyyyyy`);
  });

  it('says nothing when there is nothing to say', () => {
    expect(didYouMean('zzz', ['vm_map'])).toBe('');
    expect(didYouMean('vm_mapp', ['vm_map'])).toBe(': did you mean vm_map?');
  });
});

describe('did you mean, in the messages a student reads', () => {
  it('an unknown call as a statement or as a value', () => {
    expect(syntaxError(lines('task A', 'vm_alocate(A, &x, 0x1000, TRUE)'))).toBe("unknown call 'vm_alocate': did you mean vm_allocate?");
    expect(syntaxError(lines('task A', 'kr = vm_alocate(A, &x, 0x1000, TRUE)'))).toBe("unknown call 'vm_alocate': did you mean vm_allocate?");
  });

  it('an unknown query', () => {
    expect(syntaxError(lines('task A', 'assert fault(A) == 0'))).toBe("unknown function 'fault': did you mean faults?");
    expect(syntaxError('x = bogus(1)')).toMatch(/unknown function 'bogus' \(queries: tlb_hits/);
  });

  it('an unknown config setting and a misspelt keyword', () => {
    expect(syntaxError('config page_sise=4096')).toMatch(/unknown config setting 'page_sise'.*: did you mean page_size\?$/);
    expect(syntaxError('tsak A')).toMatch(/'tsak' is not a statement.*: did you mean task\?$/);
  });

  it('an unknown constant', () => {
    expect(runtimeError(lines('task A', 'kr = vm_allocate(A, &x, 0x1000, TRUE)', 'kr = vm_protect(A, x, 0x1000, FALSE, VM_PROT_REED)'))).toBe(
      'VM_PROT_REED is used before it was ever set: did you mean VM_PROT_READ?',
    );
  });

  it('an unknown task', () => {
    expect(runtimeError(lines('task Parent', 'kr = vm_allocate(Parnet, &x, 0x1000, TRUE)'))).toBe('no task named Parnet: did you mean Parent?');
    expect(runtimeError(lines('task A', 'kr = vm_allocate(Q, &x, 0x1000, TRUE)'))).toBe("no task named Q: declare it first with 'task Q'");
  });

  it('an unset variable', () => {
    expect(runtimeError(lines('task A', 'kr = vm_allocate(A, &address, 0x1000, TRUE)', 'kr = write(A, adress, "hi")'))).toBe(
      'adress is used before it was ever set: did you mean address?',
    );
    expect(runtimeError(lines('task A', 'x = 1', 'assert y == 1'))).toBe('y is used before it was ever set');
  });
});
