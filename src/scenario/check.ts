/**
 * Checking a scenario without keeping its syntax tree, a part at a time: the worker's load.
 *
 * parseScenario builds the tree of every line; for a text of 16,384 lines, keeping that tree while
 * the rest is parsed was most of the cost (the collector's work), and all of it came before the
 * first step could be shown. A ScenarioCheck parses each line to check it (the same first error as
 * parseScenario, at the same place) and keeps only where each statement is; a statement is parsed
 * again from its line when first asked for (`statements.at(i)`), and kept from then on. The check
 * goes a number of lines at a time (`step`), so the worker can show step 0 (the machine as
 * configured: the config lines come first) before the rest of a big text is checked; the worker
 * runs no statement before the whole text is checked.
 *
 *   text      config ... │ statements ........................................│
 *   check     step(n) ──▶ step(n) ──▶ ... done (or the first error)
 *   spans     [start, end, line] of each statement checked so far
 *   names     the tasks, objects and variables defined so far (names.ts: the editor's completion)
 *   at(i)     parse line of statement i again (once), for the interpreter
 */
import type { Statement, StatementSource } from './ast';
import { lineText, LineScanner, parseCheckedLine, ScenarioSyntaxError } from './parser';
import { NameCollector } from './names';

/**
 * Statements of a text, counted without parsing it: the lines with something before any `#` (spaces,
 * tabs and CRs aside). Exact for a text that parses (a line is a statement when it has a token).
 */
export function countStatements(source: string): number {
  let n = 0;
  let lineStart = true;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
    } else if (lineStart && c !== 32 && c !== 9 && c !== 13 && !(c === 0xfeff && i === 0)) { // a BOM opening the text is a space to the lexer too
      lineStart = false;
      if (c !== 35) n++;
    }
  }
  return n;
}

export class ScenarioCheck {
  /** The statements in the text, counted before it is checked (countStatements). */
  readonly statementCount: number;
  /** The first syntax error, once found. */
  error: ScenarioSyntaxError | null = null;
  private scanner: LineScanner | null = null;
  private finished = false;
  /** [start, end, line] of each statement checked so far. */
  private spans = new Int32Array(0);
  private checked = 0;
  readonly statements: StatementSource;
  /** The tasks, objects and variables the statements checked so far define (the editor's completion: names.ts). */
  readonly names = new NameCollector();

  constructor(private readonly source: string) {
    this.statementCount = countStatements(source);
    this.spans = new Int32Array(3 * this.statementCount);
    try {
      this.scanner = new LineScanner(source, false);
    } catch (e) {
      this.fail(e);
    }
    this.statements = new LazyStatements(this);
  }

  /** Whether the check has ended, with or without an error. */
  get done(): boolean {
    return this.finished || this.error !== null;
  }

  /** Whether the config lines are checked (the machine can be made) or the check has ended. */
  get configDone(): boolean {
    return this.done || this.scanner!.configDone;
  }

  /** Checks up to `lines` more lines (Infinity: to the end); true once the check has ended. */
  step(lines: number): boolean {
    for (let k = 0; k < lines && !this.done; k++) {
      let l;
      try {
        l = this.scanner!.next();
      } catch (e) {
        this.fail(e);
        break;
      }
      if (l === null) {
        this.finished = true;
        // a text that parses has as many statements as were counted; a miscount is a bug here
        if (this.checked !== this.statementCount) throw new Error(`check: ${this.checked} statements checked, ${this.statementCount} counted`);
        break;
      }
      if (l.statement === null) continue;
      this.names.add(l.statement);
      this.spans[3 * this.checked] = l.start;
      this.spans[3 * this.checked + 1] = l.end;
      this.spans[3 * this.checked + 2] = l.line;
      this.checked++;
    }
    return this.done;
  }

  /** Checks until the config is complete (or the check ends). */
  stepThroughConfig(): void {
    while (!this.configDone) this.step(1);
  }

  /** Statement `index`, parsed from its line (only statements checked so far). */
  parse(index: number): Statement | undefined {
    if (index >= this.checked) return undefined;
    const start = this.spans[3 * index];
    return parseCheckedLine(lineText(this.source, start, this.spans[3 * index + 1]), this.spans[3 * index + 2]) ?? undefined;
  }

  private fail(e: unknown): void {
    if (!(e instanceof ScenarioSyntaxError)) throw e;
    this.error = e;
  }
}

/** The statements of a check: each parsed from its line when first asked for, and kept. */
class LazyStatements implements StatementSource {
  private readonly parsed: (Statement | undefined)[];

  constructor(private readonly check: ScenarioCheck) {
    this.parsed = new Array<Statement | undefined>(check.statementCount);
  }

  get length(): number {
    return this.parsed.length;
  }

  at(index: number): Statement | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.parsed.length) return undefined;
    return (this.parsed[index] ??= this.check.parse(index));
  }
}

export type CheckResult = { ok: true; statements: StatementSource } | { ok: false; error: ScenarioSyntaxError };

/** Checks a whole text at once: the same error as parseScenario, or its statements (each parsed when asked for). */
export function checkScenario(source: string): CheckResult {
  const c = new ScenarioCheck(source);
  c.step(Infinity);
  return c.error !== null ? { ok: false, error: c.error } : { ok: true, statements: c.statements };
}
