import { describe, expect, it } from 'vitest';
import { sheetTitle, UNTITLED_SHEET } from './sheet_text';

describe('sheetTitle', () => {
  const builtins = [{ name: 'fork_copy', title: 'Fork', goal: '', unit: 'u' }] as unknown as Parameters<typeof sheetTitle>[0];

  it("a lesson's title; a lesson changed (edited, a what-if) says so; any other text is untitled", () => {
    expect(sheetTitle(builtins, 'fork_copy', 'fork_copy')).toBe('Fork');
    expect(sheetTitle(builtins, null, 'fork_copy')).toBe('Fork (changed)');
    expect(sheetTitle(builtins, null, null)).toBe(UNTITLED_SHEET);
    expect(sheetTitle(builtins, null)).toBe(UNTITLED_SHEET);
  });
});
