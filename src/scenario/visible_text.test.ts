import { describe, expect, it } from 'vitest';
import { clipText, hasHiddenCharacters, SHOWN_TEXT, splitHidden, terminalText, visibleText } from './visible_text';

const ESC_SEQUENCE = '\u001b]0;owned\u0007\u001b[2J';
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];

describe('terminalText', () => {
  it('escapes terminal escape sequences, C0, DEL and C1, keeping tab and newline', () => {
    expect(terminalText(`a${ESC_SEQUENCE}b`)).toBe('a\\x1b]0;owned\\x07\\x1b[2Jb');
    expect(terminalText('\u0000\u0008\r\u007f\u0080\u009b\u009f')).toBe('\\x00\\x08\\x0d\\x7f\\x80\\x9b\\x9f');
    expect(terminalText('x\ty\n')).toBe('x\ty\n');
  });

  it('escapes every bidi control and the line separators, and nothing else of Unicode', () => {
    for (const c of BIDI) expect(terminalText(`a${c}b`)).toBe(`a\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}b`);
    expect(terminalText('\u2028\u2029')).toBe('\\u2028\\u2029');
    expect(terminalText('é → 日本 ⟨x⟩')).toBe('é → 日本 ⟨x⟩');
  });

  it('leaves no raw control in what it returns', () => {
    let all = '';
    for (let c = 0; c < 0x3000; c++) all += String.fromCharCode(c);
    expect(hasHiddenCharacters(all)).toBe(true);
    expect(hasHiddenCharacters(terminalText(all).replace(/\t|\n/g, ''))).toBe(false);
    expect(hasHiddenCharacters(visibleText(all).replace(/\t|\n/g, ''))).toBe(false);
  });
});

describe('visibleText', () => {
  it('names bidi controls and control characters instead of applying them', () => {
    expect(visibleText('kr = write(A, x, "abc\u202edef")')).toBe('kr = write(A, x, "abc⟨U+202E⟩def")');
    expect(visibleText('\u001b[31mred')).toBe('⟨U+001B⟩[31mred');
    expect(visibleText('\u2066\u061c')).toBe('⟨U+2066⟩⟨U+061C⟩');
    expect(visibleText('plain "text"')).toBe('plain "text"');
  });
});

describe('clipText', () => {
  it('cuts a long text at SHOWN_TEXT characters and gives its length', () => {
    const long = `x = "${'a'.repeat(100_000)}"`;
    expect(clipText(long)).toBe(`${long.slice(0, SHOWN_TEXT)}… (100,006 characters)`);
    expect(clipText('task A')).toBe('task A');
  });
});

describe('splitHidden', () => {
  it('gives the plain runs and each hidden character by name', () => {
    expect(splitHidden('a\u202eb\u001b')).toEqual(['a', { name: 'U+202E' }, 'b', { name: 'U+001B' }]);
    expect(splitHidden('plain')).toEqual(['plain']);
    expect(splitHidden('')).toEqual(['']);
  });
});
