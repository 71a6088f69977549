/**
 * choices: the constants a program passes as call arguments that another constant of the same
 * family could replace (VM_INHERIT_SHARE ↔ VM_INHERIT_COPY, VM_PROT_READ ↔ VM_PROT_ALL, TRUE ↔
 * FALSE): what the Compare view offers as "one choice changed". Found by the parser (a walk of
 * the parsed calls' argument expressions, never a search of the text), each with the statement it
 * is in, its line, column and length, so the variant text is one edit at a reported place
 * (withChoice), which checks that the place still holds the name before changing it.
 *
 * The parse itself is find_choices.ts's (the worker's); the variant text is choice_text.ts's (the
 * Compare view's: it carries neither the parser nor the language's tables). Each choice comes
 * with its alternatives, so the view needs no table to offer them.
 *
 * Bounded: at most MAX_CHOICES are reported (the rest counted in `more`). Families and their
 * members are the reference catalogue's (reference.ts: each constant's `family`); an alias
 * (VM_INHERIT_DEFAULT = VM_INHERIT_COPY) is never offered as a change to itself.
 */
import type { CallName, Expr, Program } from './ast';
import { CALLS } from './language';
import { constantsOf, referenceByName } from './reference';
import type { ChoiceChange, ChoiceFamily } from './choice_text';

/** The most choices reported for one text. */
export const MAX_CHOICES = 200;

export type { ChoiceFamily, ChoiceChange };

/** A constant passed as (part of) a call's argument. Line and column are 1-based, as the parser reports them. */
export interface ConstantChoice {
  /** The statement's index (0-based, as the step summaries count). */
  statement: number;
  line: number;
  col: number;
  /** Characters the name takes in the text (its length). */
  length: number;
  name: string;
  family: ChoiceFamily;
  call: CallName;
  /** The call's parameter the constant is (part of): 'new_inheritance', 'anywhere'... */
  param: string;
  /** The constants that could replace it (alternativesOf). */
  alternatives: string[];
}

export interface ChoicesFound {
  choices: ConstantChoice[];
  /** Choices past MAX_CHOICES, not reported. */
  more: number;
}

/** The families a choice is made in (the others: KERN_* results, MEMORY_OBJECT_NULL, PAGE_SIZE have nothing to choose). */
const CHOSEN: ReadonlySet<string> = new Set<ChoiceFamily>(['VM_INHERIT', 'VM_PROT', 'BOOL']);

/** The family a constant belongs to for a change (the reference catalogue's), or null. */
export function familyOf(name: string): ChoiceFamily | null {
  const e = referenceByName(name);
  return e?.kind === 'constant' && e.family !== undefined && CHOSEN.has(e.family) ? (e.family as ChoiceFamily) : null;
}

/** The constants that could replace `name`: its family's other members of another value, in the catalogue's order. */
export function alternativesOf(name: string): string[] {
  const family = familyOf(name);
  if (family === null) return [];
  const value = referenceByName(name)?.value;
  const seen = new Set<number | undefined>([value]);
  const out: string[] = [];
  for (const e of constantsOf(family)) {
    if (seen.has(e.value)) continue;
    seen.add(e.value); // one name per value (VM_INHERIT_DEFAULT is COPY)
    out.push(e.name);
  }
  return out;
}

/** Every name in an expression, in order (a | b | c: three). */
function* namesIn(e: Expr): Generator<Extract<Expr, { kind: 'name' }>> {
  switch (e.kind) {
    case 'name':
      yield e;
      return;
    case 'unary':
      yield* namesIn(e.operand);
      return;
    case 'binary':
      yield* namesIn(e.left);
      yield* namesIn(e.right);
      return;
    case 'paren':
      yield* namesIn(e.inner);
      return;
    default:
      return;
  }
}

/** The choices of a parsed program (see the header). */
export function choicesOf(program: Program): ChoicesFound {
  const choices: ConstantChoice[] = [];
  let more = 0;
  let statement = -1;
  for (const line of program.lines) {
    const s = line.statement;
    if (s === null) continue;
    statement++;
    if (s.kind !== 'call') continue;
    const params = CALLS[s.call];
    s.args.forEach((arg, i) => {
      if (arg.kind !== 'value') return;
      for (const n of namesIn(arg.expr)) {
        const family = familyOf(n.name);
        if (family === null) continue;
        if (choices.length >= MAX_CHOICES) {
          more++;
          continue;
        }
        const param = params[i]?.name ?? `argument ${i + 1}`;
        choices.push({ statement, line: n.pos.line, col: n.pos.col, length: n.name.length, name: n.name, family, call: s.call, param, alternatives: alternativesOf(n.name) });
      }
    });
  }
  return { choices, more };
}

