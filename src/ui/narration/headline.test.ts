import { describe, expect, it } from 'vitest';
import { headlineOf, summaryIndex } from './headline';
import type { NarrationLine } from './line';

const result: NarrationLine = { text: 'write returned KERN_SUCCESS', tone: 'success' };
const miss: NarrationLine = { text: 'TLB miss', tone: 'info', rule: 'trap: TLB, then pmap, then vm_fault' };
const copy: NarrationLine = { text: 'copied up', tone: 'info', why: 'others still see object 1', rule: 'copy-on-write' };
const end: NarrationLine = { text: 'fault resolved', tone: 'info', rule: 'vm_fault, then pmap_enter' };

describe('the headline of presentation mode', () => {
  it('is the line being played, with its own why and rule', () => {
    expect(headlineOf([result, miss, copy, end], 2)).toEqual({ index: 2, finished: false, details: copy });
    expect(headlineOf([result, miss, copy, end], 1)).toEqual({ index: 1, finished: false, details: miss });
    // a line that explains nothing while it plays has no details
    expect(headlineOf([result, miss], 0)).toEqual({ index: 0, finished: false, details: null });
  });

  it('is the result line once the step has played, explained by the last reason told (a why before a bare rule)', () => {
    expect(headlineOf([result, miss, copy, end], -1)).toEqual({ index: 0, finished: true, details: copy });
    expect(headlineOf([result, miss, end], -1)).toEqual({ index: 0, finished: true, details: end });
    expect(headlineOf([result], -1)).toEqual({ index: 0, finished: true, details: null });
    // past the end counts as played
    expect(headlineOf([result, miss], 5)?.finished).toBe(true);
  });

  it('is the error that stopped the scenario when there is one, and nothing without lines', () => {
    const error: NarrationLine = { text: 'Error on line 3', tone: 'error', why: 'The scenario stops here.' };
    expect(summaryIndex([result, miss, error])).toBe(2);
    expect(headlineOf([result, miss, error], -1)).toEqual({ index: 2, finished: true, details: error });
    expect(headlineOf([], -1)).toBeNull();
  });
});
