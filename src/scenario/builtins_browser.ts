/** The built-in scenarios bundled by Vite, for the browser. */
import { builtinsFrom, type Builtin } from './builtins';

const files = import.meta.glob('../../scenarios/*.vms', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const BUILTINS: readonly Builtin[] = builtinsFrom(files);
