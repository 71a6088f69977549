/**
 * docs/teaching.md lists the keys of presentation mode: every key it lists runs the command it
 * says (commands.ts), and every command is listed with all its keys, so the page and the app do
 * not drift apart.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, keyName, shownKeys } from './commands';

const DOC = readFileSync(new URL('../../docs/teaching.md', import.meta.url), 'utf8');

/** The rows of the table under "## Keys in presentation mode": the keys as written, and what they do. */
function keyRows(): { keys: string[]; does: string }[] {
  const section = DOC.split('\n## ').find((s) => s.startsWith('Keys in presentation mode'));
  if (section === undefined) throw new Error('docs/teaching.md has no "Keys in presentation mode" section');
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => {
      const [keys, does] = l.slice(1, -1).split(' | ');
      return { keys: keys.trim().split(' or ').map((k) => k.replace(/`/g, '')), does: does.trim() };
    });
}

describe('docs/teaching.md', () => {
  it('lists every command with all its keys, as the shortcuts list shows them, and nothing else', () => {
    const rows = keyRows();
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows).toEqual(COMMANDS.map((c) => ({ keys: shownKeys(c).map(keyName), does: c.label })));
  });

  it('has the presentation keys a lecturer needs: step, lessons, leave, details', () => {
    const keys = keyRows().flatMap((r) => r.keys);
    for (const k of ['→', '←', 'n', 'b', 'Esc', 'd', '0', 'k']) expect(keys).toContain(k);
  });
});
