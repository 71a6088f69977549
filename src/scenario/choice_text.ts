/**
 * choice_text: the text of a scenario with one constant argument changed (the Compare view's "one
 * choice changed"), made by one edit at the place the worker's parser reported (choices.ts), after
 * checking that the place still holds the name. Families are told by the name alone (TRUE / FALSE,
 * VM_INHERIT_*, VM_PROT_*), so this module carries neither the parser nor the language's tables
 * (it is in the Compare view's chunk and in the link's check).
 */

export type ChoiceFamily = 'VM_INHERIT' | 'VM_PROT' | 'BOOL';

/** A constant's name as it may be written: capitals and underscores, at most 32. */
const NAME = /^[A-Z_]{1,32}$/;

/** The family a name would belong to (by its name only), or null. */
export function familyOfName(name: string): ChoiceFamily | null {
  if (name === 'TRUE' || name === 'FALSE') return 'BOOL';
  if (!NAME.test(name)) return null;
  if (name.startsWith('VM_INHERIT_')) return 'VM_INHERIT';
  if (name.startsWith('VM_PROT_')) return 'VM_PROT';
  return null;
}

/** The text offset of 1-based (line, col), or -1 when the text has no such place. */
function offsetOf(source: string, line: number, col: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = source.indexOf('\n', start);
    if (nl < 0) return -1;
    start = nl + 1;
  }
  const end = source.indexOf('\n', start);
  const at = start + col - 1;
  return col >= 1 && at <= (end < 0 ? source.length : end) ? at : -1;
}

/** A change of one constant: at (line, col) the text holds `from`, to be replaced by `to`. */
export interface ChoiceChange {
  line: number;
  col: number;
  from: string;
  to: string;
}

/**
 * The text with the constant at the change's place replaced, or null when that place does not hold
 * `from` (the text changed since), or `to` is not a name of the same family (by its name: an
 * unknown VM_PROT_X is the run's to refuse). The edit replaces one name by one name.
 */
export function withChoice(source: string, change: ChoiceChange): string | null {
  if (!Number.isInteger(change.line) || !Number.isInteger(change.col)) return null;
  const family = familyOfName(change.from);
  if (family === null || familyOfName(change.to) !== family || !NAME.test(change.to)) return null;
  const at = offsetOf(source, change.line, change.col);
  if (at < 0 || source.slice(at, at + change.from.length) !== change.from) return null;
  // the whole name, not the start of a longer one (VM_PROT_READ in VM_PROT_READX)
  if (/[A-Za-z0-9_]/.test(source.charAt(at + change.from.length)) || (at > 0 && /[A-Za-z0-9_]/.test(source.charAt(at - 1)))) return null;
  return source.slice(0, at) + change.to + source.slice(at + change.from.length);
}
