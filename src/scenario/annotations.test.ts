import { describe, expect, it } from 'vitest';
import { MAX_ANNOTATIONS, MAX_MARK_NAME, MAX_NOTE_TEXT, markAtStep, scanAnnotations } from './annotations';
import { countStatements } from './check';

const TEXT = [
  '# title: A lesson',
  'config page_size=4096',
  'task A',
  '# note: Ask the room what the child sees.',
  '#   note: Then step.',
  '# mark: the copy',
  'x = 1',
  '   # mark:   indented, spaced   ',
  '',
  'assert x == 1 # mark: not a whole line',
  '# mark: after the end',
].join('\n');

describe('scanAnnotations', () => {
  it('gives each mark and note to the statement after it, the step that shows it run', () => {
    const a = scanAnnotations(TEXT);
    expect(a.marks).toEqual([
      { statement: 2, step: 3, name: 'the copy', line: 6 },
      { statement: 3, step: 4, name: 'indented, spaced', line: 8 },
    ]);
    expect(a.notes).toEqual([{ statement: 2, text: 'Ask the room what the child sees. Then step.', line: 4 }]);
    expect(a.dropped).toBe(0);
    expect(markAtStep(a, 3)?.name).toBe('the copy');
    expect(markAtStep(a, 2)).toBeUndefined();
  });

  it('counts statements as the checker does (CRLF, a BOM, tabs)', () => {
    const text = '\ufeff# mark: first\r\n\tconfig page_size=4096\r\n# note: n\r\ntask A\r\n';
    const a = scanAnnotations(text);
    expect(a.marks).toEqual([{ statement: 0, step: 1, name: 'first', line: 1 }]);
    expect(a.notes).toEqual([{ statement: 1, text: 'n', line: 3 }]);
    expect(countStatements(text)).toBe(2);
  });

  it('joins two marks of one statement and ignores empty ones and other comments', () => {
    const a = scanAnnotations('# mark: one\n# mark: two\n# mark:\n# marked: no\n# goal: x\ntask A\n');
    expect(a.marks.map((m) => m.name)).toEqual(['one / two']);
  });

  it('is bounded: names and notes cut, annotations past MAX_ANNOTATIONS counted, not kept', () => {
    const long = scanAnnotations(`# mark: ${'m'.repeat(10_000)}\n${'# note: ' + 'n'.repeat(900) + '\n'.repeat(1)}`.repeat(1) + '# note: ' + 'z'.repeat(5_000) + '\ntask A\n');
    expect(long.marks[0].name.length).toBe(MAX_MARK_NAME);
    expect(long.marks[0].name.endsWith('…')).toBe(true);
    expect(long.notes[0].text.length).toBe(MAX_NOTE_TEXT);
    const many = Array.from({ length: MAX_ANNOTATIONS + 50 }, (_, i) => `# mark: m${i}\ntask T${i}`).join('\n');
    const a = scanAnnotations(many);
    expect(a.marks.length).toBe(MAX_ANNOTATIONS);
    expect(a.dropped).toBe(50);
    expect(a.marks[MAX_ANNOTATIONS - 1]).toMatchObject({ statement: MAX_ANNOTATIONS - 1, name: `m${MAX_ANNOTATIONS - 1}` });
  });

  it('reads a million-character text in one pass', () => {
    const big = '# mark: k\nx = 1\n'.repeat(62_500);
    const a = scanAnnotations(big);
    expect(a.marks.length).toBe(MAX_ANNOTATIONS);
    expect(a.dropped).toBe(62_500 - MAX_ANNOTATIONS);
  });
});
