/**
 * Built-in scenarios: the `.vms` files of the top-level scenarios/ folder. Each opens with
 *   # title: One line a student sees in the picker
 *   # goal: What the lesson shows
 * and its name (the file name without .vms) is stable: it appears in URLs (#builtin=NAME).
 * The browser gets the files through Vite, node through the file system; both pass them here.
 */

export interface Builtin {
  name: string;
  title: string;
  goal: string;
  source: string;
}

const HEADER = /^#\s*(title|goal):\s*(.*)$/;

export function builtinFromFile(fileName: string, source: string): Builtin {
  const name = fileName.replace(/^.*\//, '').replace(/\.vms$/, '');
  let title = name;
  let goal = '';
  for (const line of source.split('\n')) {
    const m = HEADER.exec(line.trim());
    if (m === null) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      break;
    }
    if (m[1] === 'title') title = m[2].trim();
    else goal = m[2].trim();
  }
  return { name, title, goal, source };
}

/** The built-ins from a record of file name → text, sorted by name. */
export function builtinsFrom(files: Record<string, string>): Builtin[] {
  return Object.entries(files)
    .map(([file, text]) => builtinFromFile(file, text))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The scenario the app opens on when the URL names none. */
export const DEFAULT_BUILTIN = 'first_fit';
