/**
 * The editor's completion: what may come at the cursor, from the language's tables (calls,
 * queries, constants, keywords, config keys: language.ts) and the scenario's own names (its tasks,
 * objects and variables, which the worker sends with each load: scenario/names.ts). Where the
 * cursor is (call_context.ts) decides the list: a task parameter offers the tasks, `&` the
 * variables, a protection parameter the VM_PROT_ constants first, a config line its keys.
 */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { CALLS, CONFIG_KEYS, CONSTANTS, KEYWORDS, PAGE_SIZE_CONSTANT, QUERIES, type Param } from '../../scenario/language';
import type { ScenarioNames } from '../../scenario/names';
import { referenceByName } from '../../scenario/reference';
import { placeOf } from './call_context';
import { signatureText } from './signature';

/** The reference's one line about `name` (reference.ts), shown beside the list for the option selected. */
const info = (name: string) => referenceByName(name)?.summary;

const callOptions: Completion[] = Object.keys(CALLS).map((name) => ({
  label: name,
  type: 'function',
  detail: signatureText(name),
  info: info(name),
  apply: `${name}(`,
}));
const queryOptions: Completion[] = Object.keys(QUERIES).map((name) => ({
  label: name,
  type: 'method',
  detail: signatureText(name),
  info: info(name),
  apply: `${name}(`,
}));
const constantOptions: Completion[] = [
  ...[...CONSTANTS].map(([name, value]) => ({ label: name, type: 'constant', detail: `= ${value}`, info: info(name) })),
  { label: PAGE_SIZE_CONSTANT, type: 'constant', detail: 'the configured page size', info: info(PAGE_SIZE_CONSTANT) },
];
const keywordOptions: Completion[] = [...KEYWORDS].map((name) => ({ label: name, type: 'keyword', info: info(name) }));
const configOptions: Completion[] = CONFIG_KEYS.map((name) => ({ label: name, type: 'property', apply: `${name}=`, info: info(name) }));

/** The constant family a parameter takes, by its name (the rest: any constant). */
function familyOf(param: Param | undefined): string | null {
  if (param === undefined) return null;
  if (/protection/.test(param.name)) return 'VM_PROT_';
  if (/inherit/.test(param.name)) return 'VM_INHERIT_';
  if (/^(anywhere|copy|set_maximum)$/.test(param.name)) return 'BOOL';
  if (param.name === 'memory_object') return 'MEMORY_OBJECT_';
  return null;
}

function inFamily(name: string, family: string): boolean {
  return family === 'BOOL' ? name === 'TRUE' || name === 'FALSE' : name.startsWith(family);
}

const named = (list: readonly string[], type: string, detail: string): Completion[] => list.map((label) => ({ label, type, detail }));

/** The options at the end of `before` (the line up to the word being typed), for a scenario with `names`. */
export function optionsAt(before: string, names: ScenarioNames): Completion[] {
  const tasks = named(names.tasks, 'class', 'task');
  const objects = named(names.objects, 'namespace', 'memory object');
  const variables = named(names.variables, 'variable', 'variable');
  const place = placeOf(before);
  switch (place.kind) {
    case 'none':
      return [];
    case 'ref':
      return variables;
    case 'config':
      return configOptions;
    case 'statement':
      return [...keywordOptions, ...callOptions, ...variables];
    case 'argument': {
      const kind = place.param?.kind;
      if (kind === 'task') return tasks;
      if (kind === 'out' || kind === 'inout') return variables.map((v) => ({ ...v, apply: `&${v.label}`, detail: '&variable: the call writes it' }));
      const family = familyOf(place.param);
      const constants =
        family === null ? constantOptions : constantOptions.map((c) => (inFamily(c.label, family) ? { ...c, boost: 10 } : { ...c, boost: -10 }));
      return [...constants, ...variables, ...queryOptions, ...(place.param?.name === 'memory_object' ? objects : [])];
    }
    case 'expression':
      return [...callOptions, ...queryOptions, ...constantOptions, ...variables, ...tasks, ...objects, { label: 'fork', type: 'keyword', apply: 'fork(' }];
  }
}

/** The CodeMirror completion source: `names` gives the scenario's names known now. */
export function scenarioCompletion(names: () => ScenarioNames) {
  return (cx: CompletionContext): CompletionResult | null => {
    const word = cx.matchBefore(/&?[A-Za-z_][A-Za-z0-9_]*/);
    if (word === null && !cx.explicit) return null;
    const from = word?.from ?? cx.pos;
    const line = cx.state.doc.lineAt(from);
    const before = line.text.slice(0, from - line.from);
    const typedAmp = word?.text.startsWith('&') === true;
    // `&x`: the & is typed, the word after it is a variable
    const options = typedAmp ? optionsAt(`${before}&`, names()) : optionsAt(before, names());
    if (options.length === 0) return null;
    return { from: typedAmp ? from + 1 : from, options, validFor: /^[A-Za-z0-9_]*$/ };
  };
}
