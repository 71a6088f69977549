/**
 * What if, from any step: the statement a click on the diagram asks for (a page: read or write; a
 * map entry: protect, deallocate, inherit, the whole entry), where it goes in the text and the step
 * that runs it. Pure, for tests; WhatIfMenu.tsx does the asking.
 *
 * Where: on a new line right after the line of the statement run at the cursor (step N runs
 * statement N-1), so the new statement is statement N and step N+1 runs it; the lines after (a
 * `# note:` or `# mark:` of the next statement among them) keep their statements. At step 0
 * (nothing run yet; the machine has no task, so nothing can be clicked) it goes before the first
 * statement. The text's line ends (CRLF or LF) are kept.
 *
 * Addresses through variables: the entry is named by the variable set most recently (at the
 * cursor, from the statements already run: the step summaries' outs, never the statement text)
 * whose value is the entry's start, looking back over at most NAMING_SCAN statements that set
 * variables; a variable set again to another value no longer names it. An address in the entry
 * is then written `x` (the start) or `x + 0x2000`; without such a variable, as a number.
 */
import type { StepSummaries } from '../../worker/protocol';
import { quoteBytes } from '../../scenario/values';
import { hex } from '../../kernel/vm_param';

/** How many statements that set variables (the summaries' outs) the search for a name looks back over. */
export const NAMING_SCAN = 512;

/** Where a what-if goes: after line `after` (1-based; 0: at the start), run by step `step`. */
export interface WhatIfPlace {
  after: number;
  step: number;
}

/** The place of a statement inserted at the cursor (statements run so far). */
export function whatIfPlace(steps: StepSummaries, cursor: number): WhatIfPlace {
  const n = steps.text.length;
  if (cursor > 0 && cursor <= n) return { after: steps.line[cursor - 1], step: cursor + 1 };
  return { after: n > 0 ? steps.line[0] - 1 : Number.MAX_SAFE_INTEGER, step: 1 };
}

/** `source` with `text` on a new line after line `after` (past the last line: at the end); the new line's number. */
export function insertLine(source: string, after: number, text: string): { source: string; line: number } {
  const nl = source.includes('\r\n') ? '\r\n' : '\n';
  // a byte-order mark stays first
  let at = source.startsWith('\uFEFF') ? 1 : 0;
  for (let l = 0; l < after; l++) {
    const i = source.indexOf('\n', at);
    if (i < 0) {
      // fewer lines than `after` (or the last one has no line end): at the end
      if (at === source.length) return { source: `${source}${text}${nl}`, line: l + 1 };
      return { source: `${source}${nl}${text}${nl}`, line: l + 2 };
    }
    at = i + 1;
  }
  return { source: `${source.slice(0, at)}${text}${nl}${source.slice(at)}`, line: after + 1 };
}

/** The variable naming `start` at the cursor (the rule in the header), or null. */
export function namingVariable(steps: StepSummaries, cursor: number, start: number): string | null {
  const outs = steps.outs;
  // the last statement with outs that has run (outs are by index): a binary search
  let lo = 0;
  let hi = outs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (outs[mid][0] < cursor) lo = mid + 1;
    else hi = mid;
  }
  const seen = new Set<string>();
  for (let k = lo - 1; k >= 0 && k >= lo - NAMING_SCAN; k--) {
    for (const [name, value] of Object.entries(outs[k][1])) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (value === start) return name;
    }
  }
  return null;
}

/** An entry and the variable naming its start, if any. */
export interface NamedEntry {
  start: number;
  end: number;
  name: string | null;
}

/** `address` (in `entry`) as written: through the entry's variable when it has one. */
export function addressText(address: number, entry: NamedEntry | null): string {
  if (entry === null || entry.name === null || address < entry.start || address >= entry.end) return hex(address);
  return address === entry.start ? entry.name : `${entry.name} + ${hex(address - entry.start)}`;
}

const bytesOf = (data: string) => new TextEncoder().encode(data);

export function readStatement(task: string, address: string, data: string): string {
  return `kr = read(${task}, ${address}, ${Math.max(1, bytesOf(data).length)}, &v)`;
}

export function writeStatement(task: string, address: string, data: string): string {
  return `kr = write(${task}, ${address}, ${quoteBytes(bytesOf(data))})`;
}

/** The protections offered for an entry (constants of the language). */
export const PROTECTIONS = ['VM_PROT_READ', 'VM_PROT_NONE', 'VM_PROT_DEFAULT', 'VM_PROT_ALL'] as const;
export const PROTECTION_VALUES: Record<(typeof PROTECTIONS)[number], number> = { VM_PROT_READ: 1, VM_PROT_NONE: 0, VM_PROT_DEFAULT: 3, VM_PROT_ALL: 7 };
/** The inheritances offered for an entry. */
export const INHERITANCES = ['VM_INHERIT_SHARE', 'VM_INHERIT_COPY', 'VM_INHERIT_NONE'] as const;
export const INHERITANCE_VALUES: Record<(typeof INHERITANCES)[number], number> = { VM_INHERIT_SHARE: 0, VM_INHERIT_COPY: 1, VM_INHERIT_NONE: 2 };

/** The first choice that changes something (the entry's value is `now`). */
export function firstChange<K extends string>(choices: readonly K[], values: Record<K, number>, now: number): K {
  return choices.find((c) => values[c] !== now) ?? choices[0];
}

export function protectStatement(task: string, entry: NamedEntry, protection: string): string {
  return `kr = vm_protect(${task}, ${addressText(entry.start, entry)}, ${hex(entry.end - entry.start)}, FALSE, ${protection})`;
}

export function deallocateStatement(task: string, entry: NamedEntry): string {
  return `kr = vm_deallocate(${task}, ${addressText(entry.start, entry)}, ${hex(entry.end - entry.start)})`;
}

export function inheritStatement(task: string, entry: NamedEntry, inheritance: string): string {
  return `kr = vm_inherit(${task}, ${addressText(entry.start, entry)}, ${hex(entry.end - entry.start)}, ${inheritance})`;
}
