/**
 * Runs the real `vm` command (src/cli/vm.ts) in a child process, for the tests of the CLI contract:
 * exit status, standard output and standard error, and how long it took; runVmMeasured also its
 * peak resident memory and CPU time (peak_rss.ts).
 *
 * runVm runs the command compiled once per test file into one ES module by the esbuild that tsx
 * itself compiles with (the same TypeScript-to-JavaScript transform, each module's import.meta.url
 * kept as its source file's, so the scenarios folder is found as under tsx): a run is then a bare
 * `node vm.mjs` (≈ 0.2 s of CPU) instead of tsx's loader compiling or fetching from its cache every
 * module of the command on each start (≈ 0.8 s), and the CLI tests make a few hundred runs
 * (BENCHMARKS.md, "Issue 18, round 6: cifast4"). runVmMeasured, whose CPU time and memory are
 * bounded by the tests, still runs the command as `npm run vm` does: one node process with tsx's
 * loader (`node --import tsx`; the `tsx` launcher would start a second node process a run).
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';

/** The project's root folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** tsx's loader, by URL: found wherever the command runs (`cwd`), not only in the project. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const CLI = join(ROOT, 'src', 'cli', 'vm.ts');
const PEAK_RSS = join(ROOT, 'src', 'cli', 'peak_rss.ts');

export interface CliRun {
  /** The exit status (-1 when the process was killed, e.g. by the timeout). */
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The esbuild that tsx compiles TypeScript with (tsx's own dependency, not a copy of ours). */
const ESBUILD = createRequire(createRequire(import.meta.url).resolve('tsx')).resolve('esbuild');

let bundled: Promise<string> | undefined;
/** The folder of the compiled command, removed when the test file ends (vitest ends its workers without an exit event). */
let bundleDir: string | undefined;
afterAll(async () => {
  await bundled?.catch(() => undefined);
  if (bundleDir !== undefined) rmSync(bundleDir, { recursive: true, force: true });
});

/** Compiles src/cli/vm.ts and what it imports into one ES module in a fresh folder; its path. */
async function bundleCli(): Promise<string> {
  const esbuild = (await import(pathToFileURL(ESBUILD).href)) as typeof import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'vm-cli-'));
  bundleDir = dir;
  const outfile = join(dir, 'vm.mjs');
  await esbuild.build({
    entryPoints: [CLI],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    logLevel: 'error',
    plugins: [
      {
        // a module that finds files beside it (builtins_node.ts: ../../scenarios/) keeps its own URL
        name: 'source-import-meta-url',
        setup(build) {
          build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
            const text = await readFile(args.path, 'utf8');
            return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
          });
        },
      },
    ],
  });
  return outfile;
}

/** `vm ARGS...` run in `cwd` (the project's root by default). */
export async function runVm(args: string[], cwd = ROOT): Promise<CliRun> {
  bundled ??= bundleCli();
  const cli = await bundled;
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

export interface MeasuredRun extends CliRun {
  /** The process's peak resident memory in MiB, or null when it did not exit by itself (killed). */
  peakMiB: number | null;
  /** CPU time it used (user + system), in ms, or null likewise. */
  cpuMs: number | null;
}

/**
 * `vm ARGS...` in one node process (node --import tsx, no tsx launcher in between) whose peak
 * memory is measured; killed past `timeoutMs` (code -1), and past `maxOldSpaceMiB` of heap it
 * fails as node does when out of memory.
 */
export function runVmMeasured(args: string[], options: { timeoutMs?: number; maxOldSpaceMiB?: number } = {}): Promise<MeasuredRun> {
  const dir = mkdtempSync(join(tmpdir(), 'vm-rss-'));
  const out = join(dir, 'usage.json');
  const heap = options.maxOldSpaceMiB === undefined ? [] : [`--max-old-space-size=${options.maxOldSpaceMiB}`];
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...heap, '--import', TSX_LOADER, PEAK_RSS, out, CLI, ...args],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: options.timeoutMs ?? 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        let peakMiB: number | null = null;
        let cpuMs: number | null = null;
        try {
          const u = JSON.parse(readFileSync(out, 'utf8')) as { maxRssKiB: number; userMs: number; systemMs: number };
          peakMiB = u.maxRssKiB / 1024;
          cpuMs = u.userMs + u.systemMs;
        } catch {
          // killed before it could write: no measure
        }
        rmSync(dir, { recursive: true, force: true });
        resolve({ code, stdout, stderr, ms: performance.now() - t0, peakMiB, cpuMs });
      },
    );
  });
}
