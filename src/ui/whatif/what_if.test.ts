import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../scenario/run';
import { summarize } from '../../worker/step_summary';
import type { StepSummaries } from '../../worker/protocol';
import {
  addressText, deallocateStatement, firstChange, inheritStatement, INHERITANCE_VALUES, INHERITANCES, insertLine, NAMING_SCAN, namingVariable,
  protectStatement, PROTECTION_VALUES, PROTECTIONS, readStatement, whatIfPlace, writeStatement,
} from './what_if';

const FORK_COPY = readFileSync(new URL('../../../scenarios/fork_copy.vms', import.meta.url), 'utf8');

function summaries(source: string): StepSummaries {
  const o = runScenario(source);
  if (o.status === 'parse-error') throw new Error(o.message);
  return summarize(o.steps);
}

function runs(source: string): { status: string; lines: number[]; texts: string[] } {
  const o = runScenario(source);
  if (o.status === 'parse-error') return { status: o.status, lines: [], texts: [] };
  return { status: o.status, lines: o.steps.map((s) => s.line), texts: o.steps.map((s) => s.text) };
}

describe('what if: where the statement goes', () => {
  const steps = summaries(FORK_COPY);

  it('fork_copy at step 16 (the child\'s write, line 23): the new statement is line 24, run by step 17 of 38', () => {
    expect(steps.text[15]).toBe('kr = write(C, x, "child data!")');
    const place = whatIfPlace(steps, 16);
    expect(place).toEqual({ after: 23, step: 17 });
    const statement = writeStatement('C', 'x', 'hi');
    const { source, line } = insertLine(FORK_COPY, place.after, statement);
    expect(line).toBe(24);
    expect(source.split('\n')[23]).toBe('kr = write(C, x, "hi")');
    const after = runs(source);
    expect(after.texts.length).toBe(38);
    expect(after.texts[16]).toBe(statement); // step 17 runs it
    expect(after.lines[16]).toBe(24);
    expect(after.lines[17]).toBe(25); // the assert that was on line 24 follows
  });

  it('the comments of the next statement (# note:, # mark:) stay with it', () => {
    // step 15 runs line 20; lines 21 and 22 are the note and mark of line 23's write
    const { source, line } = insertLine(FORK_COPY, whatIfPlace(steps, 15).after, 'kr = read(P, x, 1, &v)');
    expect(line).toBe(21);
    expect(source.split('\n').slice(20, 24)).toEqual([
      'kr = read(P, x, 1, &v)',
      '# note: Ask: the child writes page 0. Where does the new data go, and does the parent see it?',
      '# mark: the child writes: a shadow appears',
      FORK_COPY.split('\n')[22],
    ]);
  });

  it('at step 0 it goes before the first statement; at the end, after the last', () => {
    expect(whatIfPlace(steps, 0)).toEqual({ after: 3, step: 1 });
    expect(insertLine('# t\n\ntask A\n', 2, 'task B').source).toBe('# t\n\ntask B\ntask A\n');
    expect(whatIfPlace(steps, 37)).toEqual({ after: 46, step: 38 });
    expect(whatIfPlace(summaries(''), 0).step).toBe(1);
  });

  it('keeps CRLF line ends, a byte-order mark first, and a last line without a line end', () => {
    expect(insertLine('task A\r\ntask B\r\n', 1, 'task C')).toEqual({ source: 'task A\r\ntask C\r\ntask B\r\n', line: 2 });
    expect(insertLine('\uFEFFtask A\n', 0, 'task C').source).toBe('\uFEFFtask C\ntask A\n');
    expect(insertLine('task A\ntask B', 2, 'task C')).toEqual({ source: 'task A\ntask B\ntask C\n', line: 3 });
    expect(insertLine('task A\n', 9, 'task C')).toEqual({ source: 'task A\ntask C\n', line: 2 });
    expect(insertLine('', Number.MAX_SAFE_INTEGER, 'task C')).toEqual({ source: 'task C\n', line: 1 });
  });
});

describe('what if: addresses through the variable that names the entry', () => {
  it('fork_copy: x names 0x1000 from step 2 on (vm_allocate set it); before, nothing does', () => {
    const steps = summaries(FORK_COPY);
    expect(namingVariable(steps, 16, 0x1000)).toBe('x');
    expect(namingVariable(steps, 1, 0x1000)).toBeNull(); // vm_allocate has not run yet
    expect(namingVariable(steps, 16, 0x2000)).toBeNull();
    const entry = { start: 0x1000, end: 0x4000, name: 'x' };
    expect(addressText(0x1000, entry)).toBe('x');
    expect(addressText(0x3000, entry)).toBe('x + 0x2000');
    expect(addressText(0x3000, { ...entry, name: null })).toBe('0x3000');
    expect(addressText(0x5000, entry)).toBe('0x5000'); // not in the entry
  });

  it('the most recent variable wins; one set again to another value no longer names the entry; only statements run count', () => {
    const src = 'task A\nkr = vm_allocate(A, &a, 0x1000, TRUE)\nb = a\nkr = vm_allocate(A, &c, 0x1000, TRUE)\nb = 0\n';
    const steps = summaries(src);
    expect(namingVariable(steps, 3, 0x1000)).toBe('b');
    expect(namingVariable(steps, 5, 0x1000)).toBe('a'); // b was set to 0 since
    expect(namingVariable(steps, 5, 0x2000)).toBe('c');
    expect(namingVariable(steps, 3, 0x2000)).toBeNull(); // c is set by statement 4, not yet run
  });

  it(`looks back over at most NAMING_SCAN (${NAMING_SCAN}) statements that set variables`, () => {
    const lines = ['task A', 'kr = vm_allocate(A, &x, 0x1000, TRUE)'];
    for (let i = 0; i < NAMING_SCAN; i++) lines.push(`n${i} = ${i}`);
    const steps = summaries(`${lines.join('\n')}\n`);
    expect(namingVariable(steps, lines.length - 1, 0x1000)).toBe('x');
    expect(namingVariable(steps, lines.length, 0x1000)).toBeNull();
  });
});

describe('what if: the statements', () => {
  const entry = { start: 0x1000, end: 0x4000, name: 'x' };

  it('pages: read and write, the bytes quoted as the language writes them', () => {
    expect(readStatement('B', '0x1010', 'hi')).toBe('kr = read(B, 0x1010, 2, &v)');
    expect(writeStatement('A', 'x + 0x1000', 'say "hi"\n')).toBe('kr = write(A, x + 0x1000, "say \\"hi\\"\\n")');
  });

  it('entries: protect, deallocate, inherit the whole entry; each runs in fork_copy after step 16', () => {
    const made = [
      protectStatement('C', entry, 'VM_PROT_READ'), deallocateStatement('C', entry), inheritStatement('C', entry, 'VM_INHERIT_SHARE'),
      protectStatement('P', { ...entry, name: null }, 'VM_PROT_NONE'),
    ];
    expect(made).toEqual([
      'kr = vm_protect(C, x, 0x3000, FALSE, VM_PROT_READ)', 'kr = vm_deallocate(C, x, 0x3000)', 'kr = vm_inherit(C, x, 0x3000, VM_INHERIT_SHARE)',
      'kr = vm_protect(P, 0x1000, 0x3000, FALSE, VM_PROT_NONE)',
    ]);
    const steps = summaries(FORK_COPY);
    for (const statement of made) {
      const o = runScenario(insertLine(FORK_COPY, whatIfPlace(steps, 16).after, statement).source);
      expect(o.status).not.toBe('parse-error');
      if (o.status === 'parse-error') continue;
      expect(o.steps[16].text).toBe(statement);
      expect(o.steps[16].kr).toBe(0); // KERN_SUCCESS
    }
  });

  it('the choice offered first changes something', () => {
    expect(firstChange(PROTECTIONS, PROTECTION_VALUES, 3)).toBe('VM_PROT_READ');
    expect(firstChange(PROTECTIONS, PROTECTION_VALUES, 1)).toBe('VM_PROT_NONE');
    expect(firstChange(INHERITANCES, INHERITANCE_VALUES, 1)).toBe('VM_INHERIT_SHARE');
    expect(firstChange(INHERITANCES, INHERITANCE_VALUES, 0)).toBe('VM_INHERIT_COPY');
  });
});
