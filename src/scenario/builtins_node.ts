/** The built-in scenarios read from the scenarios/ folder, for node (CLI, tests, benchmarks). */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { builtinsFrom, type Builtin } from './builtins';

export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export function loadBuiltins(dir = SCENARIO_DIR): Builtin[] {
  const files: Record<string, string> = {};
  for (const f of readdirSync(dir)) if (f.endsWith('.vms')) files[f] = readFileSync(join(dir, f), 'utf8');
  return builtinsFrom(files);
}
