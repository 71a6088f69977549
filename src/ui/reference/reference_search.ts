/**
 * What the reference panel lists: the language's entries (scenario/reference.ts) and the kernel's
 * rules (narration/rules.ts) as one list of items, and the search over them. Pure, and bounded: the
 * catalogue is fixed (it grows only with the language), so a search is one pass over it.
 *
 * A search keeps the items whose name, signature, one line, parameters or (a rule's) paragraph
 * and functions contain every word of the query, case aside; an exact name comes first, then a
 * name that starts with the query, then one that contains it, then the rest, each in the panel's order.
 */
import { REFERENCE, type ReferenceEntry, type ReferenceKind } from '../../scenario/reference';
import { RULES, RULE_IDS, type KernelRule, type RuleId } from '../narration/rules';
const ruleAnchor = (id: string) => `rule-${id}`;

export type ItemKind = ReferenceKind | 'rule';

export interface ReferenceItem {
  /** The anchor: reference.ts's id, or 'rule-<id>'. */
  id: string;
  kind: ItemKind;
  name: string;
  entry?: ReferenceEntry;
  rule?: KernelRule & { id: RuleId };
  /** Lower-cased text the search looks in. */
  haystack: string;
}

/** The sections of the panel, in order, with their headings. */
export const SECTIONS: readonly { kind: ItemKind; title: string }[] = [
  { kind: 'statement', title: 'Statements' },
  { kind: 'call', title: 'Calls' },
  { kind: 'query', title: 'Queries (values, for assert and assignments)' },
  { kind: 'constant', title: 'Constants' },
  { kind: 'config', title: 'Config settings' },
  { kind: 'rule', title: 'Rules the kernel follows' },
];

function entryItem(e: ReferenceEntry): ReferenceItem {
  const text = [e.name, e.signature, e.summary, ...e.params.map((p) => `${p.name} ${p.doc}`), e.family ?? ''].join('\n');
  return { id: e.id, kind: e.kind, name: e.name, entry: e, haystack: text.toLowerCase() };
}

function ruleItem(id: RuleId): ReferenceItem {
  const r: KernelRule = RULES[id];
  const text = [id, r.title, r.text, ...r.functions].join('\n');
  return { id: ruleAnchor(id), kind: 'rule', name: r.title, rule: { ...r, id }, haystack: text.toLowerCase() };
}

/** Every item, sections in order. */
export const ITEMS: readonly ReferenceItem[] = [
  ...SECTIONS.filter((s) => s.kind !== 'rule').flatMap((s) => REFERENCE.filter((e) => e.kind === s.kind).map(entryItem)),
  ...RULE_IDS.map(ruleItem),
];

/** The items a query keeps, best first (see the header); all of them, in order, for an empty query. */
export function searchReference(query: string, items: readonly ReferenceItem[] = ITEMS): ReferenceItem[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...items];
  const words = q.split(/\s+/);
  const rank = (it: ReferenceItem): number => {
    const name = it.name.toLowerCase();
    return name === q ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : 3;
  };
  const kept = items.filter((it) => words.every((w) => it.haystack.includes(w)));
  // a stable sort: within a rank, the panel's order
  return kept.map((it, i) => ({ it, i, r: rank(it) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.it);
}
