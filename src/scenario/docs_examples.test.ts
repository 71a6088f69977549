/**
 * The examples of docs/scenario-language.md, docs/semantics.md and the README, run as the pages say
 * they end.
 * A ```vms block is a whole scenario; its fence may carry words:
 *
 *   ```vms                   every statement runs and every assert holds (exit status 0)
 *   ```vms exit=1 file=F     the `vm` command, run on it as F, exits 1 (2) and prints on standard
 *                            error exactly the ```text block that follows
 *   ```vms file=F            followed by a ```json block: what `vm run F --json` prints
 *   ```vms pending=BRANCH    a rule the kernel does not follow yet (BRANCH is changing it): it must
 *                            parse and fail an assert; once it holds, the mark must go
 *
 * Also checked against the code: the language page names every call, query, constant and config
 * setting, its result-code table and limits table hold the code's values, and its --json event
 * table is what the kernel reports.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from './run';
import { CALLS, CONFIG_KEYS, CONSTANTS, PAGE_SIZE_CONSTANT, QUERIES } from './language';
import { MAX_EXPR_DEPTH, MAX_PHYSICAL_BYTES, MAX_SOURCE_LENGTH } from './parser';
import { MAX_FILE_BYTES, MAX_LINK_SOURCE, MAX_SHARE_VALUE, MAX_SRC_VALUE } from './text_limits';
import { MAX_HELD_BYTES, MAX_OBJECT_SIZE, MAX_STATEMENTS, MAX_TRANSFER, MAX_WORK } from './interpreter';
import { ROOT, runVm } from '../cli/test_cli';
import { MAX_TASKS } from '../kernel/kernel';
import { KERN_RETURN_NAMES } from '../kernel/kern_return';
import { SHOWN_BYTES } from './values';
import { SHOWN_TEXT } from './visible_text';
import { NARRATED_EVENTS, SHOWN_NARRATION_LINES } from '../ui/narration/narrate';
import { BYTE_PAGE } from '../worker/shown_record';
import { JSON_TRACE_BYTES, JSON_VALUE_BYTES } from '../cli/report';


export interface Block {
  lang: string;
  attrs: Record<string, string>;
  body: string;
  /** The line of the opening fence in the page (1-based). */
  line: number;
}

/** The fenced code blocks of a Markdown page, in order. */
export function blocksOf(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)(.*)$/.exec(lines[i]);
    if (open === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    if (i === lines.length) throw new Error(`line ${start + 1}: a code block is never closed`);
    const attrs: Record<string, string> = {};
    for (const word of open[2].trim().split(/\s+/).filter((w) => w !== '')) {
      const [k, v] = word.split('=');
      attrs[k] = v ?? '';
    }
    out.push({ lang: open[1], attrs, body: body.join('\n') + '\n', line: start + 1 });
  }
  return out;
}

const vm = (cwd: string, ...args: string[]) => runVm(args, cwd);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function scratchDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vms-docs-'));
  dirs.push(d);
  return d;
}

/** Where a runtime or parse error of a block is, as a line of the page. */
function where(page: string, b: Block, outcome: ReturnType<typeof runScenario>): string {
  if (outcome.status === 'ok') return `${page}:${b.line}`;
  return `${page}:${b.line + outcome.line}: ${outcome.message}`;
}

/** Registers a test for every ```vms block of the page. */
function testExamples(page: string): void {
  const text = readFileSync(join(ROOT, page), 'utf8');
  const blocks = blocksOf(text);
  const examples = blocks.map((b, i) => ({ b, next: blocks[i + 1] })).filter(({ b }) => b.lang === 'vms');

  it('has examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const { b, next } of examples) {
    const name = `${page}:${b.line}${b.attrs.file !== undefined ? ` (${b.attrs.file})` : ''}`;
    if (b.attrs.pending !== undefined) {
      it(`${name} waits for the kernel change of branch ${b.attrs.pending}`, () => {
        const outcome = runScenario(b.body);
        if (outcome.status === 'ok')
          throw new Error(`${page}:${b.line}: this example now runs: the kernel follows the rule; remove "pending=${b.attrs.pending}" from its fence`);
        expect(outcome.status, where(page, b, outcome)).toBe('runtime-error');
        expect(outcome.message, where(page, b, outcome)).toMatch(/^assert failed/);
      });
    } else if (b.attrs.exit !== undefined && b.attrs.exit !== '0') {
      it(`${name} makes the vm command exit ${b.attrs.exit} with the message shown`, async () => {
        expect(b.attrs.file, `${page}:${b.line}: an example that fails needs file=NAME`).toBeDefined();
        expect(next?.lang, `${page}:${b.line}: the message goes in a \`\`\`text block right after the example`).toBe('text');
        const dir = scratchDir();
        writeFileSync(join(dir, b.attrs.file), b.body);
        const r = await vm(dir, 'run', b.attrs.file);
        expect(r.code).toBe(Number(b.attrs.exit));
        expect(r.stderr).toBe(next.body);
      });
    } else if (next?.lang === 'json') {
      it(`${name} prints the JSON shown with --json`, async () => {
        const dir = scratchDir();
        writeFileSync(join(dir, b.attrs.file), b.body);
        const r = await vm(dir, 'run', b.attrs.file, '--json');
        expect(r.code).toBe(0);
        expect(r.stdout).toBe(next.body);
      });
    } else {
      it(`${name} runs, every assert holding`, () => {
        const outcome = runScenario(b.body);
        expect(outcome.status, where(page, b, outcome)).toBe('ok');
      });
    }
  }
}

describe('docs/scenario-language.md', () => {
  const page = 'docs/scenario-language.md';
  const text = readFileSync(join(ROOT, page), 'utf8');
  const examples = blocksOf(text).filter((b) => b.lang === 'vms').map((b) => b.body).join('\n');

  testExamples(page);

  it('shows every call and every query at work in an example', () => {
    for (const call of Object.keys(CALLS)) expect(examples, call).toMatch(new RegExp(`\\b${call}\\(`));
    for (const query of Object.keys(QUERIES)) expect(examples, query).toMatch(new RegExp(`\\b${query}\\(`));
  });

  it('names every constant and config setting', () => {
    for (const name of [...CONSTANTS.keys(), PAGE_SIZE_CONSTANT, ...CONFIG_KEYS]) expect(text, name).toContain(`\`${name}\``);
  });

  it('gives every result code its value', () => {
    const table = new Map<string, number>();
    for (const m of text.matchAll(/\| (\d+) \| `(KERN_\w+)` /g)) table.set(m[2], Number(m[1]));
    expect(table).toEqual(new Map(KERN_RETURN_NAMES.map((n) => [n, CONSTANTS.get(n)!])));
  });

  it('states the limits the code has', () => {
    const code: Record<string, number> = {
      MAX_SOURCE_LENGTH, MAX_EXPR_DEPTH, MAX_PHYSICAL_BYTES, MAX_STATEMENTS, MAX_TASKS, MAX_WORK, MAX_HELD_BYTES, MAX_TRANSFER, MAX_OBJECT_SIZE,
    };
    const table: Record<string, number> = {};
    for (const m of text.matchAll(/^\| `(MAX_\w+)` \([^)]*\) \| ([\d,]+)/gm)) table[m[1]] = Number(m[2].replaceAll(',', ''));
    expect(table).toEqual(code);
  });

  it('states the bounds of what is shown that the code has', () => {
    const code: Record<string, number> = { SHOWN_BYTES, SHOWN_TEXT, SHOWN_NARRATION_LINES, NARRATED_EVENTS, BYTE_PAGE, JSON_VALUE_BYTES, JSON_TRACE_BYTES };
    const table: Record<string, number> = {};
    for (const m of text.matchAll(/^\| `((?:SHOWN|JSON)_\w+|BYTE_PAGE|NARRATED_EVENTS)` \([^)]*\) \| ([\d,]+)/gm)) table[m[1]] = Number(m[2].replaceAll(',', ''));
    expect(table).toEqual(code);
  });

  it("states the app's text limits as the code has them", () => {
    const table: Record<string, number> = {};
    for (const m of text.matchAll(/^\| `(MAX_\w+)` \| ([\d,]+) \|/gm)) table[m[1]] = Number(m[2].replaceAll(',', ''));
    expect(table).toEqual({ MAX_SOURCE_LENGTH, MAX_LINK_SOURCE, MAX_SHARE_VALUE, MAX_SRC_VALUE, MAX_FILE_BYTES });
  });

  it('lists the events of a first write as the kernel reports them', () => {
    const statement = /If it went on with `([^`]+)`/.exec(text)![1];
    const first = blocksOf(text).find((b) => b.attrs.file === 'first.vms')!;
    const outcome = runScenario(first.body + statement + '\n');
    if (outcome.status !== 'ok') throw new Error(`${statement} did not run`);
    const events = outcome.steps[outcome.steps.length - 1].events;
    const header = text.indexOf('| id | type | op | opKind | parentOp |');
    const rows = [...text.slice(header).matchAll(/^\| (\d+) \| `(\w+)` \| (\d+) \| `(\w+)` \| (\w+) \|$/gm)].map((m) => ({
      id: Number(m[1]), type: m[2], op: Number(m[3]), opKind: m[4], parentOp: m[5] === 'null' ? null : Number(m[5]),
    }));
    expect(rows).toEqual(events.map(({ id, type, op, opKind, parentOp }) => ({ id, type, op, opKind, parentOp })));
  });
});

describe('docs/semantics.md', () => {
  testExamples('docs/semantics.md');
});

describe('README.md', () => {
  testExamples('README.md');
});
