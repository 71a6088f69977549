/**
 * Fuzz target (issue 15): heavy scenarios (hostile_scenarios.ts: values of up to 16 MiB copied
 * dozens of times, 64 MiB objects, thousands of map entries, hundreds of tasks, swap pressure) run
 * through the real `vm` command, each in its own node process whose peak resident memory and CPU
 * time are measured (peak_rss.ts: process.resourceUsage, no /usr/bin/time needed). Each run must
 * end as the contract says (0 or 1, never killed or aborted out of memory), within PEAK_MIB of
 * memory and CPU_MS of CPU time, and print a bounded report.
 *
 * CLI_FUZZ_RUNS sets the number of scenarios: three in the unit suite (under 30 s), more in
 * `npm run fuzz`; CLI_FUZZ_SEED replays a draw (a failure names its seed); CLI_FUZZ_STATS=1
 * prints each run's measures.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { hostileScenario } from './hostile_scenarios';
import { runVmMeasured } from './test_cli';

const RUNS = Number(process.env.CLI_FUZZ_RUNS ?? 3);
/**
 * The unit suite's runs are always the same three (seed 4: a 16 MiB value copied 36 times on 2
 * frames with 16 MiB vm_copies, 539 forks, 12,765 page writes on 2 frames, --json); `npm run fuzz`
 * (CLI_FUZZ_RUNS set) draws new ones each time.
 */
const UNIT_SUITE_SEED = 4;
const SEED =
  process.env.CLI_FUZZ_SEED !== undefined ? Number(process.env.CLI_FUZZ_SEED) : process.env.CLI_FUZZ_RUNS === undefined ? UNIT_SUITE_SEED : undefined;
const STATS = process.env.CLI_FUZZ_STATS === '1';

/**
 * The most memory one run may take, in MiB: node and tsx (about 80), the frames (at most
 * MAX_PHYSICAL_BYTES, 256 MiB), what the run holds (MAX_HELD_BYTES, 128 MiB, plus one statement's
 * pages), and the trace and the report of at most MAX_WORK events. Past it a limit leaks.
 */
const PEAK_MIB = 768;
/** The most CPU time one run may take, in ms: MAX_WORK is about a second; startup, tracing and the report the rest. */
const CPU_MS = 20_000;
/** The largest report, in bytes: every statement's line and, with --json, every event (MAX_WORK bounds them). */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;

const tmp = mkdtempSync(join(tmpdir(), 'vm-cli-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test(`the vm command stays within ${PEAK_MIB} MiB and ${CPU_MS / 1000} s of CPU on heavy scenarios (${RUNS} runs)`, async () => {
  // sampled, not fc.assert: a failure names the scenario by its summary and seed, without the
  // shrinking (each try is a process) or the counterexample's text (up to 900,000 characters)
  const seed = SEED ?? Date.now() % 2 ** 31;
  const scenarios = fc.sample(hostileScenario, { numRuns: RUNS, seed });
  for (const [n, s] of scenarios.entries()) {
    const file = join(tmp, `heavy_${n}.vms`);
    writeFileSync(file, s.source);
    const r = await runVmMeasured(['run', file, ...(s.json ? ['--json'] : [])], { timeoutMs: 4 * CPU_MS, maxOldSpaceMiB: PEAK_MIB });
    if (STATS) console.log(`${s.summary}: exit ${r.code}, ${r.peakMiB?.toFixed(0)} MiB, ${r.cpuMs?.toFixed(0)} ms CPU, ${(r.stdout.length / 1024).toFixed(0)} KiB out; ${r.stderr.slice(0, 160).trim()}`);
    const what = `CLI_FUZZ_SEED=${seed}, scenario ${n}: ${s.summary} (exit ${r.code}; ${r.stderr.slice(0, 300)})`;
    expect([0, 1], what).toContain(r.code);
    if (r.code === 1) expect(r.stderr, what).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
    expect(r.peakMiB, what).not.toBeNull();
    expect(r.peakMiB!, what).toBeLessThan(PEAK_MIB);
    expect(r.cpuMs!, what).toBeLessThan(CPU_MS);
    expect(r.stdout.length, what).toBeLessThan(MAX_REPORT_BYTES);
    rmSync(file);
  }
}, 600_000 + RUNS * 120_000);
