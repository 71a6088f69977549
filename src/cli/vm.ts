/**
 * The `vm` command (docs/scenario-language.md, "The command line"):
 *   vm run FILE.vms [--json]     runs a scenario
 *   vm run --builtin NAME [--json]
 *   vm list                      the built-ins, one a line: NAME, then its title
 * Exit status 0: every statement ran and every assert held; 1: an assert failed or a runtime
 * error (FILE:LINE: message); 2: the file could not be read or parsed (FILE:LINE:COL: message).
 */
import { readFileSync, statSync } from 'node:fs';
import { loadBuiltins } from '../scenario/builtins_node';
import { runScenario } from '../scenario/run';
import { MAX_SOURCE_LENGTH } from '../scenario/parser';
import { formatTextReport, formatJsonReport } from './report';

const USAGE = `usage: vm run FILE.vms [--json]
       vm run --builtin NAME [--json]
       vm list`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === 'list') {
    for (const b of loadBuiltins()) process.stdout.write(`${b.name}\t${b.title}\n`);
    return 0;
  }
  if (command !== 'run') {
    process.stderr.write(`${command === undefined ? 'no command given' : `unknown command '${command}'`}\n${USAGE}\n`);
    return 2;
  }
  const json = rest.includes('--json');
  const args = rest.filter((a) => a !== '--json');
  let file: string;
  let source: string;
  if (args[0] === '--builtin') {
    const name = args[1];
    const b = loadBuiltins().find((x) => x.name === name);
    if (name === undefined || b === undefined) {
      process.stderr.write(`${name === undefined ? 'run --builtin needs a NAME' : `no built-in scenario named '${name}'`} (see: vm list)\n`);
      return 2;
    }
    file = `${b.name}.vms`;
    source = b.source;
  } else if (args.length === 1) {
    file = args[0];
    try {
      // a file that cannot hold at most MAX_SOURCE_LENGTH characters is refused before it is read
      // (a character is at most 3 bytes of UTF-8); a shorter one is measured by the parser
      const { size } = statSync(file);
      if (size > MAX_SOURCE_LENGTH * 3) {
        process.stderr.write(`${file}:1:1: the file is ${size.toLocaleString('en-US')} bytes; a scenario is at most ${MAX_SOURCE_LENGTH.toLocaleString('en-US')} characters\n`);
        return 2;
      }
      source = readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  } else {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const outcome = runScenario(source);
  if (json) process.stdout.write(formatJsonReport(file, outcome));
  else process.stdout.write(formatTextReport(outcome));
  switch (outcome.status) {
    case 'ok':
      return 0;
    case 'runtime-error':
      process.stderr.write(`${file}:${outcome.line}: ${outcome.message}\n`);
      return 1;
    case 'parse-error':
      process.stderr.write(`${file}:${outcome.line}:${outcome.col}: ${outcome.message}\n`);
      return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
