import { describe, expect, it } from 'vitest';
import { tokenClasses } from './scenario_tokens';

describe('the scenario highlighting classes, from the language tables', () => {
  it('a call with an &out variable, a task, a number and a constant', () => {
    expect(tokenClasses('kr = vm_allocate(A, &x, 0x1000, TRUE)')).toEqual([
      ['kr', 'variableName'],
      ['=', 'operator'],
      ['vm_allocate', 'variableName.function'],
      ['(', 'punctuation'],
      ['A', 'variableName'],
      [',', 'punctuation'],
      ['&', 'operator'],
      ['x', 'variableName.definition'],
      [',', 'punctuation'],
      ['0x1000', 'number'],
      [',', 'punctuation'],
      ['TRUE', 'variableName.constant'],
      [')', 'punctuation'],
    ]);
  });

  it('keywords, queries, config keys, strings, PAGE_SIZE and comments', () => {
    expect(tokenClasses('config page_size=4096')).toEqual([['config', 'keyword'], ['page_size', 'propertyName'], ['=', 'operator'], ['4096', 'number']]);
    expect(tokenClasses('assert faults(A) == 1 # one fault')).toEqual([
      ['assert', 'keyword'], ['faults', 'variableName.function.standard'], ['(', 'punctuation'], ['A', 'variableName'],
      [')', 'punctuation'], ['==', 'operator'], ['1', 'number'], ['# one fault', 'comment'],
    ]);
    expect(tokenClasses('kr = write(A, x + PAGE_SIZE, "a \\"b\\" c")').slice(-4)).toEqual([
      ['PAGE_SIZE', 'variableName.constant'], [',', 'punctuation'], ['"a \\"b\\" c"', 'string'], [')', 'punctuation'],
    ]);
    expect(tokenClasses('task C = fork(P)').map((t) => t[1])).toEqual(['keyword', 'variableName', 'operator', 'keyword', 'punctuation', 'variableName', 'punctuation']);
  });

  it('a whole-line # mark: or # note: is an annotation; the same after a statement is a comment', () => {
    expect(tokenClasses('  # mark: the copy')).toEqual([['# mark: the copy', 'meta']]);
    expect(tokenClasses('#note:ask')).toEqual([['#note:ask', 'meta']]);
    expect(tokenClasses('x = 1 # mark: not one')).toContainEqual(['# mark: not one', 'comment']);
    expect(tokenClasses('# a comment')).toEqual([['# a comment', 'comment']]);
  });

  it('a character the language does not have is marked invalid', () => {
    expect(tokenClasses('x = 1 $')).toContainEqual(['$', 'invalid']);
  });
});
