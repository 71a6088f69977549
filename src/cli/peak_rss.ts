/**
 * Runs a node script and records its peak resident memory and CPU time, for the tests and the
 * fuzz target that bound what the `vm` command may use (test_cli.ts runVmMeasured):
 *
 *   node --import tsx src/cli/peak_rss.ts OUT.json SCRIPT [ARGS...]
 *
 * SCRIPT runs in this same process with ARGS as its arguments; when the process exits, OUT.json
 * gets { maxRssKiB, userMs, systemMs } from process.resourceUsage() (which works wherever node
 * does: no /usr/bin/time). A process killed (out of memory, by a timeout) writes nothing.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [outFile, script, ...args] = process.argv.slice(2);
if (outFile === undefined || script === undefined) {
  process.stderr.write('usage: node --import tsx src/cli/peak_rss.ts OUT.json SCRIPT [ARGS...]\n');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(script), ...args];
process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(outFile, JSON.stringify({ maxRssKiB: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 }));
});
await import(pathToFileURL(resolve(script)).href);
