/**
 * The narration's shapes: a line a lecturer reads aloud (text, why, rule and its id, tone, the event it
 * tells), the names it needs from the machine, and the words one event or story gives.
 */
import type { KernelEvent, KernelEventType } from '../../kernel/events';
import type { RuleId } from './rules';

export type NarrationTone = 'info' | 'success' | 'warning' | 'error';

export interface NarrationLine {
  text: string;
  /** The reason, in one or two short sentences. */
  why?: string;
  /** The kernel rule it follows, e.g. "copy-on-write: first write to a needs_copy entry (vm_fault, vm_object_shadow)". */
  rule?: string;
  /** The id of that rule in the table of rules (rules.ts): its "Rule:" opens the reference there. */
  ruleId?: RuleId;
  /** The event the line tells about (the main one when a line tells a group). */
  event?: KernelEvent;
  tone: NarrationTone;
}

export interface NarrationNames {
  /** A task's scenario name, e.g. 1 → "A". */
  task(id: number): string;
  /**
   * The machine's page size (the interpreter's kernel.pageSize). Optional: without it, pages are
   * inferred from the step's TLB and fault events when possible, else shown as virtual page numbers (vpn 0x3).
   */
  pageSize?: number;
}

export type Ev<T extends KernelEventType> = Extract<KernelEvent, { type: T }>;

/** The words of one line before it is attached to its event. */
export type Words = { text: string; why?: string; rule?: string; ruleId?: RuleId; tone?: NarrationTone };

export function line(w: Words, event: KernelEvent | undefined): NarrationLine {
  const out: NarrationLine = { text: w.text, tone: w.tone ?? 'info' };
  if (w.why !== undefined) out.why = w.why;
  if (w.rule !== undefined) out.rule = w.rule;
  if (w.rule !== undefined && w.ruleId !== undefined) out.ruleId = w.ruleId;
  if (event !== undefined) out.event = event;
  return out;
}
