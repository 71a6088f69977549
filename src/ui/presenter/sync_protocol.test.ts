/** The presenter channel's messages (sync_protocol.ts): what is accepted, and that hostile or garbled ones are ignored. */
import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_LENGTH } from '../../scenario/text_limits';
import { positionKey, readMessage, textId } from './sync_protocol';

const LECTURE = { title: 'Week 3', item: 1, of: 2, itemTitle: 'TLB', steps: [3, 7] };

describe('readMessage', () => {
  it('accepts each kind of message, well formed', () => {
    expect(readMessage({ type: 'hello' })).toEqual({ type: 'hello' });
    expect(readMessage({ type: 'started', extra: 1 })).toEqual({ type: 'started' });
    expect(readMessage({ type: 'at', scenario: { kind: 'builtin', name: 'fork_copy' }, step: 16, lecture: null })).toEqual({ type: 'at', scenario: { kind: 'builtin', name: 'fork_copy' }, step: 16, lecture: null });
    expect(readMessage({ type: 'at', scenario: { kind: 'text', id: textId('task A\n') }, step: 0, lecture: LECTURE })).toMatchObject({ lecture: LECTURE });
    expect(readMessage({ type: 'need', id: textId('x') })).toEqual({ type: 'need', id: textId('x') });
    expect(readMessage({ type: 'text', id: textId('task A\n'), source: 'task A\n' })).toEqual({ type: 'text', id: textId('task A\n'), source: 'task A\n' });
    expect(readMessage({ type: 'command', id: 'next-lesson' })).toEqual({ type: 'command', id: 'next-lesson' });
  });

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['an unknown type', { type: 'eval', code: 'alert(1)' }],
    ['a lesson name with a path in it', { type: 'at', scenario: { kind: 'builtin', name: '../etc' }, step: 1, lecture: null }],
    ['a negative step', { type: 'at', scenario: { kind: 'builtin', name: 'fork_copy' }, step: -1, lecture: null }],
    ['a fractional step', { type: 'at', scenario: { kind: 'builtin', name: 'fork_copy' }, step: 1.5, lecture: null }],
    ['a huge step', { type: 'at', scenario: { kind: 'builtin', name: 'fork_copy' }, step: 1e15, lecture: null }],
    ['no lecture field', { type: 'at', scenario: { kind: 'builtin', name: 'fork_copy' }, step: 1 }],
    ['a lecture item past its end', { type: 'at', scenario: { kind: 'builtin', name: 'fork_copy' }, step: 1, lecture: { ...LECTURE, item: 2 } }],
    ['a lecture title too long', { type: 'at', scenario: { kind: 'builtin', name: 'fork_copy' }, step: 1, lecture: { ...LECTURE, title: 'x'.repeat(121) } }],
    ['too many key steps', { type: 'at', scenario: { kind: 'builtin', name: 'fork_copy' }, step: 1, lecture: { ...LECTURE, steps: Array(65).fill(1) } }],
    ['a text id of another form', { type: 'need', id: 'x' }],
    ['a text whose id is not its own', { type: 'text', id: textId('a'), source: 'b' }],
    ['a text over the length limit', { type: 'text', id: textId('a'.repeat(MAX_SOURCE_LENGTH + 1)), source: 'a'.repeat(MAX_SOURCE_LENGTH + 1) }],
    ['a command that is not n or b', { type: 'command', id: 'presentation' }],
  ])('ignores %s', (_what, data) => {
    expect(readMessage(data)).toBeNull();
  });
});

describe('positions', () => {
  it('a text id is its hash and length; the same text, the same id', () => {
    expect(textId('task A\n')).toMatch(/^[0-9a-f]{8}-7$/);
    expect(textId('task A\n')).toBe(textId('task A\n'));
    expect(textId('task A\n')).not.toBe(textId('task B\n'));
  });

  it('a position differs by scenario, step and lecture item', () => {
    const at = positionKey({ kind: 'builtin', name: 'fork_copy' }, 3, null);
    expect(positionKey({ kind: 'builtin', name: 'fork_copy' }, 3, null)).toBe(at);
    expect(positionKey({ kind: 'builtin', name: 'fork_copy' }, 4, null)).not.toBe(at);
    expect(positionKey({ kind: 'text', id: textId('x') }, 3, null)).not.toBe(at);
    expect(positionKey({ kind: 'builtin', name: 'fork_copy' }, 3, LECTURE)).not.toBe(at);
  });
});
