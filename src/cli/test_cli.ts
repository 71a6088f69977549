/**
 * Runs the real `vm` command (tsx src/cli/vm.ts) in a child process, for the tests of the CLI
 * contract: exit status, standard output and standard error, and how long it took.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'src', 'cli', 'vm.ts');

export interface CliRun {
  /** The exit status (-1 when the process was killed, e.g. by the timeout). */
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `vm ARGS...` run in `cwd` (the project's root by default). */
export function runVm(args: string[], cwd = ROOT): Promise<CliRun> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}
