/**
 * The built-in scenarios in the browser. The main bundle holds only the index (each lesson's name,
 * title and goal, read from the scenarios/*.vms headers at build time by the `?builtin-header`
 * loader in vite.config.ts, with the lesson's place in the course); a lesson's text is a chunk of its own, fetched when it is opened.
 */
import type { BuiltinInfo } from './builtins';
import { inCourseOrder } from './course';

const headers = import.meta.glob<BuiltinInfo>('../../scenarios/*.vms', { query: '?builtin-header', import: 'default', eager: true });
const texts = import.meta.glob<string>('../../scenarios/*.vms', { query: '?raw', import: 'default' });

/** In course order (each header carries its lesson's unit and place: vite.config.ts). */
export const BUILTIN_INDEX: readonly BuiltinInfo[] = inCourseOrder(Object.values(headers));

/** The text of the built-in `name` (one small request the first time). */
export function loadBuiltinText(name: string): Promise<string> {
  const load = texts[`../../scenarios/${name}.vms`];
  if (load === undefined) return Promise.reject(new Error(`no built-in scenario named "${name}"`));
  return load();
}
