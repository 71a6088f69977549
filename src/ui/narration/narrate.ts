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
 * The narration of one step: what the statement did and its result code with its meaning, then
 * one line per significant event, then a runtime error if there was one.
 */
/**
 * The most lines a step is told in: a 16 MiB read faults and pages out thousands of pages, each a
 * line; past them one line says how many more events there were (the diagram shows the step's end).
 */
export const SHOWN_NARRATION_LINES = 120;

export function narrate(record: StepRecord, names: NarrationNames): NarrationLine[] {
  const call = record.call?.name ?? record.statement.kind;
  const c = makeCtx(record.events, names, call);
  const out: NarrationLine[] = [];
  const head = headerLine(record, c);
  const assertFailed = record.statement.kind === 'assert' && record.statement.held === false;
  if (head !== null) out.push(head);
  const note = xnuTransferNote(record);
  if (note !== null) out.push(note);
  // a reason said once in a step is not read out again (a fork of 3 entries gives 3 needs_copy lines)
  const said = new Set<string>();
  for (const l of narrateEvents(record.events, names, call)) {
    if (l.why !== undefined) {
      if (said.has(l.why)) {
        delete l.why;
        delete l.rule;
      } else said.add(l.why);
    }
    out.push(l);
  }
  if (record.error !== undefined && !assertFailed) {
    out.push({ text: `Error on line ${record.error.line}: ${record.error.message}`, why: 'The scenario stops here.', tone: 'error' });
  }
  for (const l of out) l.text = visibleText(l.text); // a message may quote the text: its controls are shown, not applied
  return bounded(out, record);
}

/** The lines, cut to SHOWN_NARRATION_LINES (the last kept: an error ends the step), the rest told by one line. */
function bounded(lines: NarrationLine[], record: StepRecord): NarrationLine[] {
  if (lines.length <= SHOWN_NARRATION_LINES) return lines;
  const last = lines[lines.length - 1];
  const keepLast = last.tone === 'error';
  const kept = lines.slice(0, SHOWN_NARRATION_LINES - (keepLast ? 2 : 1));
  const untold = lines.length - kept.length - (keepLast ? 1 : 0);
  const summary: NarrationLine = {
    text: `… and ${untold.toLocaleString('en-US')} more lines of this step are not told one by one (${record.events.length.toLocaleString('en-US')} events in all); the diagram shows the machine after it.`,
    tone: 'info',
  };
  return keepLast ? [...kept, summary, last] : [...kept, summary];
}
