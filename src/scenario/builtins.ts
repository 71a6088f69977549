/**
 * Built-in scenarios: the `.vms` files of the top-level scenarios/ folder. Each opens with
 *   # title: One line a student sees in the picker
 *   # goal: What the lesson shows
 * and its name (the file name without .vms) is stable: it appears in URLs (#builtin=NAME).
 * Node reads the files from the file system (builtins_node.ts) and passes them here. The browser
 * bundles only each file's name, title and goal (the picker's list, BuiltinInfo); a lesson's text
 * is fetched when it is opened (builtins_browser.ts).
 */

/** What the picker shows: a built-in without its text, with its place in the course (course.ts). */
export interface BuiltinInfo extends CoursePlace {
  name: string;
  title: string;
  goal: string;
}

export interface Builtin extends BuiltinInfo {
  source: string;
}

import { placeInCourse, type CoursePlace } from './course';

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
  return { name, title, goal, ...placeInCourse(name), source };
}

/** A built-in's name, title and goal, without its text (for the browser's bundled index). */
export function builtinInfoFromFile(fileName: string, source: string): BuiltinInfo {
  const { source: _text, ...info } = builtinFromFile(fileName, source);
  return info;
}

/** Built-ins sorted by name (the CLI's list; the picker and n / b follow the course order of course.ts). */
export function sortByName<T extends BuiltinInfo>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The built-ins from a record of file name → text, sorted by name. */
export function builtinsFrom(files: Record<string, string>): Builtin[] {
  return sortByName(Object.entries(files).map(([file, text]) => builtinFromFile(file, text)));
}

/** The scenario the app opens on when the URL names none. */
export const DEFAULT_BUILTIN = 'first_fit';
