/**
 * The `vm` command (docs/scenario-language.md, "The command line"):
 *   vm run FILE.vms [--json]     runs a scenario
 *   vm run --builtin NAME [--json]
 *   vm list                      the built-ins, one a line: NAME, then its title
 * Exit status 0: every statement ran and every assert held; 1: an assert failed or a runtime
 * error (FILE:LINE: message); 2: the file could not be read or parsed (FILE:LINE:COL: message),
 * or the command line is wrong (an unknown option or an extra argument: the usage follows).
 *
 * The file is hostile input too: only a regular file is read (a FIFO, a pipe, /dev/zero or a
 * directory is refused before any byte is read, and opening never waits for a FIFO's writer),
 * and at most 3 × MAX_SOURCE_LENGTH bytes of it; a UTF-8 byte-order mark is dropped.
 * Everything the command prints goes through out() and err(), which escape control and bidi
 * characters (terminalText, visible_text.ts); the report is written a statement at a time, as it
 * is made (report.ts), waiting for the stream to drain.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { loadBuiltins } from '../scenario/builtins_node';
import { runScenario } from '../scenario/run';
import { MAX_FILE_BYTES, MAX_SOURCE_LENGTH } from '../scenario/text_limits';
import { textReport, jsonReport } from './report';
import { terminalText } from '../scenario/visible_text';

const USAGE = `usage: vm run FILE.vms [--json]
       vm run --builtin NAME [--json]
       vm list`;

/** Writes text to standard output, its control and bidi characters escaped. */
function out(text: string): void {
  process.stdout.write(terminalText(text));
}

/** Writes one line (a message) to standard error, its control and bidi characters escaped. */
function err(line: string): void {
  process.stderr.write(`${terminalText(line)}\n`);
}

/** Writes the report's pieces (escaped already) as they come, waiting for the stream to drain (a big report is never held whole). */
async function writeAll(pieces: Iterable<string>): Promise<void> {
  for (const p of pieces) if (!process.stdout.write(p)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

/** A wrong command line: why, then the usage; exit status 2. */
function usageError(why: string): number {
  err(why);
  err(USAGE);
  return 2;
}

/** What `vm run` was asked: the options and the one file (or built-in), or why the command line is wrong. */
type RunArgs = { json: boolean; builtin: string | null; file: string | null } | { error: string };

function parseRunArgs(args: string[]): RunArgs {
  let json = false;
  let builtin: string | null = null;
  const operands: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (optionsEnded || !a.startsWith('-') || a === '-') operands.push(a);
    else if (a === '--') optionsEnded = true;
    else if (a === '--json') json = true;
    else if (a === '--builtin') {
      if (builtin !== null) return { error: 'run --builtin is given twice' };
      if (i + 1 >= args.length) return { error: 'run --builtin needs a NAME (see: vm list)' };
      builtin = args[++i];
    } else return { error: `unknown option '${a}'` };
  }
  if (builtin !== null) {
    if (operands.length > 0) return { error: `unexpected argument '${operands[0]}' (run --builtin NAME takes no file)` };
    return { json, builtin, file: null };
  }
  if (operands.length === 0) return { error: 'run needs a FILE.vms (or --builtin NAME)' };
  if (operands.length > 1) return { error: `unexpected argument '${operands[1]}' (run takes one file)` };
  return { json, builtin: null, file: operands[0] };
}

/** What a file that is not a regular file is, for the message. */
function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a pipe or FIFO';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The text of a scenario file, or the message (FILE: ...) refusing it. Opened without waiting
 * (O_NONBLOCK: a FIFO with no writer does not block the open), then checked on the open file, so
 * what is checked is what is read.
 */
function readScenarioFile(file: string): { ok: true; source: string } | { ok: false; message: string } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, message: `${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      return { ok: false, message: `${file}: cannot read: it is ${kindOf(stats)}, not a regular file (save the scenario to a file and run that)` };
    }
    const tooLarge = (size: string) =>
      `${file}:1:1: the file is ${size} bytes; a scenario is at most ${MAX_SOURCE_LENGTH.toLocaleString('en-US')} characters`;
    // a file that cannot hold at most MAX_SOURCE_LENGTH characters is refused before it is read;
    // a shorter one is measured by the parser
    if (stats.size > MAX_FILE_BYTES) return { ok: false, message: tooLarge(stats.size.toLocaleString('en-US')) };
    // read at most one byte more than allowed, whatever the size said (the file may be growing)
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_FILE_BYTES) return { ok: false, message: tooLarge(`more than ${MAX_FILE_BYTES.toLocaleString('en-US')}`) };
    // UTF-8; TextDecoder drops a leading byte-order mark (editors on Windows write one)
    return { ok: true, source: new TextDecoder('utf-8').decode(buffer.subarray(0, length)) };
  } catch (e) {
    return { ok: false, message: `${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    out(`${USAGE}\n`);
    return 0;
  }
  if (command === 'list') {
    if (rest.length > 0) return usageError(`unexpected argument '${rest[0]}' (list takes none)`);
    for (const b of loadBuiltins()) out(`${b.name}\t${b.title}\n`);
    return 0;
  }
  if (command !== 'run') return usageError(command === undefined ? 'no command given' : `unknown command '${command}'`);
  const args = parseRunArgs(rest);
  if ('error' in args) return usageError(args.error);
  let file: string;
  let source: string;
  if (args.builtin !== null) {
    const name = args.builtin;
    const b = loadBuiltins().find((x) => x.name === name);
    if (b === undefined) {
      err(`no built-in scenario named '${name}' (see: vm list)`);
      return 2;
    }
    file = `${b.name}.vms`;
    source = b.source;
  } else {
    file = args.file!;
    const read = readScenarioFile(file);
    if (!read.ok) {
      err(read.message);
      return 2;
    }
    source = read.source;
  }
  const outcome = runScenario(source);
  await writeAll(args.json ? jsonReport(file, outcome) : textReport(outcome));
  switch (outcome.status) {
    case 'ok':
      return 0;
    case 'runtime-error':
      err(`${file}:${outcome.line}: ${outcome.message}`);
      return 1;
    case 'parse-error':
      err(`${file}:${outcome.line}:${outcome.col}: ${outcome.message}`);
      return 2;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
