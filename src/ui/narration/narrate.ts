/**
 * The narration: plain words for one step of a scenario. A lecturer reads these lines aloud, so
 * each says what happened in one short sentence, with the reason ("why") and the rule of the
 * kernel it follows kept apart.
 *
 * The first line says what the statement did and its result code by name, with its meaning
 * (header.ts, codes.ts), and for a small vm_read / vm_write / vm_copy that failed, what real xnu
 * would have answered. Then come the step's events, one line per significant event or story
 * (stories.ts, words.ts), then a runtime error if there was one.
 *
 * Pure TypeScript (no React): the panel renders the lines, the tests read them.
 */
import { visibleText } from '../../scenario/visible_text';
import { groupDigits } from '../../scenario/values';
import type { KernelEvent } from '../../kernel/events';
import type { StepRecord } from '../../scenario/interpreter';
import { makeCtx } from './context';
import { headerLine, xnuTransferNote } from './header';
import type { NarrationLine, NarrationNames } from './line';
import { narrateEvents } from './stories';

export { explainKernReturn, KERN_MEANINGS } from './codes';
export type { NarrationLine, NarrationNames, NarrationTone } from './line';
export { protWords } from './phrases';
export { narrateEvents } from './stories';
export { narrateEvent } from './words';

/**
 * The most lines a step is told in: a 16 MiB read faults and pages out thousands of pages, each a
 * line; past them one line says the rest is not told one by one (the diagram shows the step's end).
 */
export const SHOWN_NARRATION_LINES = 120;

/**
 * The most events of a step the narration reads (then up to the end of the operation under way):
 * telling 16,384 events took a quarter of a second of the page's time to show 120 lines of them.
 */
export const NARRATED_EVENTS = 1024;

/** The events the narration reads: all, or the first NARRATED_EVENTS and the rest of the top-level operation they end in. */
function narratedEvents(events: readonly KernelEvent[]): readonly KernelEvent[] {
  if (events.length <= NARRATED_EVENTS) return events;
  let k = NARRATED_EVENTS;
  // a cut where an operation of the call itself begins (parentOp 0): no story is told half
  while (k < events.length && k < 2 * NARRATED_EVENTS && !(events[k].parentOp === 0 && events[k].op !== events[k - 1].op)) k++;
  return events.slice(0, k);
}

/**
 * The narration of one step: what the statement did and its result code with its meaning, then
 * one line per significant event (at most SHOWN_NARRATION_LINES lines, read from at most about
 * NARRATED_EVENTS events), then a runtime error if there was one.
 */
export function narrate(record: StepRecord, names: NarrationNames): NarrationLine[] {
  const call = record.call?.name ?? record.statement.kind;
  const events = narratedEvents(record.events);
  const c = makeCtx(events, names, call);
  const out: NarrationLine[] = [];
  const head = headerLine(record, c);
  const assertFailed = record.statement.kind === 'assert' && record.statement.held === false;
  if (head !== null) out.push(head);
  const note = xnuTransferNote(record);
  if (note !== null) out.push(note);
  // a reason said once in a step is not read out again (a fork of 3 entries gives 3 needs_copy lines)
  const said = new Set<string>();
  for (const l of narrateEvents(events, names, call)) {
    if (l.why !== undefined) {
      if (said.has(l.why)) {
        delete l.why;
        delete l.rule;
        delete l.ruleId;
      } else said.add(l.why);
    }
    out.push(l);
  }
  const error = record.error !== undefined && !assertFailed ? { text: `Error on line ${record.error.line}: ${record.error.message}`, why: 'The scenario stops here.', tone: 'error' as const } : null;
  const cut = out.length > SHOWN_NARRATION_LINES - (error === null ? 0 : 1) || events.length < record.events.length;
  const lines = cut ? out.slice(0, SHOWN_NARRATION_LINES - (error === null ? 1 : 2)) : out;
  if (cut) {
    const n = groupDigits(record.events.length);
    lines.push({ text: `… and more: this step has ${n} events, too many to tell one by one; the diagram shows the machine after it.`, tone: 'info' });
  }
  if (error !== null) lines.push(error);
  for (const l of lines) l.text = visibleText(l.text); // a message may quote the text: its controls are shown, not applied
  return lines;
}
