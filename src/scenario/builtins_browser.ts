/**
 * The built-in scenarios in the browser. The main bundle holds only the index (each lesson's name,
 * title and goal, read from the scenarios/*.vms headers at build time by the `?builtin-header`
 * loader in vite.config.ts); a lesson's text is a chunk of its own, fetched when it is opened.
 */
import { sortByName, type BuiltinInfo } from './builtins';

const headers = import.meta.glob<BuiltinInfo>('../../scenarios/*.vms', { query: '?builtin-header', import: 'default', eager: true });
const texts = import.meta.glob<string>('../../scenarios/*.vms', { query: '?raw', import: 'default' });

export const BUILTIN_INDEX: readonly BuiltinInfo[] = sortByName(Object.values(headers));

/** The text of the built-in `name` (one small request the first time). */
export function loadBuiltinText(name: string): Promise<string> {
  const load = texts[`../../scenarios/${name}.vms`];
  if (load === undefined) return Promise.reject(new Error(`no built-in scenario named "${name}"`));
  return load();
}
