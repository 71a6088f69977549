/**
 * The `vm` command (docs/scenario-language.md, "The command line"):
 *   vm run FILE.vms [--json]     runs a scenario
 *   vm run --builtin NAME [--json]
 *   vm list                      the built-ins, one a line: NAME, then its title
 * Exit status 0: every statement ran and every assert held; 1: an assert failed or a runtime
 * error (FILE:LINE: message); 2: the file could not be read or parsed (FILE:LINE:COL: message).
 * Everything it prints goes through terminalText (visible_text.ts: control and bidi characters
 * escaped); the report is written a statement at a time, as it is made (report.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { loadBuiltins } from '../scenario/builtins_node';
import { runScenario } from '../scenario/run';
import { MAX_SOURCE_LENGTH } from '../scenario/parser';
import { textReport, jsonReport } from './report';
import { terminalText } from '../scenario/visible_text';

/** Prints text on standard output or error, its control and bidi characters escaped. */
function say(stream: NodeJS.WriteStream, text: string): void {
  stream.write(terminalText(text));
}

/** Writes the pieces as they come, waiting for the stream to drain (a big report is never held whole). */
async function writeAll(pieces: Iterable<string>): Promise<void> {
  for (const p of pieces) if (!process.stdout.write(p)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

const USAGE = `usage: vm run FILE.vms [--json]
       vm run --builtin NAME [--json]
       vm list`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'list') {
    for (const b of loadBuiltins()) say(process.stdout, `${b.name}\t${b.title}\n`);
    return 0;
  }
  if (command !== 'run') {
    say(process.stderr, `${command === undefined ? 'no command given' : `unknown command '${command}'`}\n${USAGE}\n`);
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
      say(process.stderr, `${name === undefined ? 'run --builtin needs a NAME' : `no built-in scenario named '${name}'`} (see: vm list)\n`);
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
        say(process.stderr, `${file}:1:1: the file is ${size.toLocaleString('en-US')} bytes; a scenario is at most ${MAX_SOURCE_LENGTH.toLocaleString('en-US')} characters\n`);
        return 2;
      }
      source = readFileSync(file, 'utf8');
    } catch (e) {
      say(process.stderr, `${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  } else {
    say(process.stderr, `${USAGE}\n`);
    return 2;
  }
  const outcome = runScenario(source);
  await writeAll(json ? jsonReport(file, outcome) : textReport(outcome)); // each piece is escaped already
  switch (outcome.status) {
    case 'ok':
      return 0;
    case 'runtime-error':
      say(process.stderr, `${file}:${outcome.line}: ${outcome.message}\n`);
      return 1;
    case 'parse-error':
      say(process.stderr, `${file}:${outcome.line}:${outcome.col}: ${outcome.message}\n`);
      return 2;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
