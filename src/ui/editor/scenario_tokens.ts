/**
 * The scenario language's highlighting for the CodeMirror editor: a StreamLanguage tokenizer that
 * reads the language's own tables (language.ts: KEYWORDS, CALLS, QUERIES, CONSTANTS, CONFIG_KEYS),
 * so a call added there is coloured here. One line at a time, as the lexer reads it; the classes
 * are only colours: nothing here decides what a statement means.
 *
 *   token        class (a @lezer/highlight tag name)   colour (scenarioHighlight)
 *   task fork    keyword                               violet
 *   vm_map       variableName.function                 sky
 *   faults       variableName.function.standard        teal
 *   VM_PROT_READ variableName.constant                 amber
 *   page_size    propertyName                          rose
 *   0x1000 42    number                                lime
 *   "abc"        string                                orange
 *   &x           operator, then variableName.definition  (the variable a call writes: underlined)
 *   # ...        comment                               slate
 *   # mark: ...  meta (a whole-line mark or note)      yellow, bold
 */
import { StreamLanguage, HighlightStyle, type StreamParser, StringStream } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import { CALLS, CONFIG_KEYS, CONSTANTS, KEYWORDS, PAGE_SIZE_CONSTANT, QUERIES } from '../../scenario/language';

export interface TokenState {
  /** The token before was `&`: this name is a variable the call writes. */
  afterAmp: boolean;
}

const CALL_SET: ReadonlySet<string> = new Set(Object.keys(CALLS));
const QUERY_SET: ReadonlySet<string> = new Set(Object.keys(QUERIES));
const CONFIG_SET: ReadonlySet<string> = new Set(CONFIG_KEYS);
const ANNOTATION = /^#\s*(mark|note)\s*:/;

/** The class of a name, by the language's tables. */
export function nameClass(name: string): string {
  if (KEYWORDS.has(name)) return 'keyword';
  if (CALL_SET.has(name)) return 'variableName.function';
  if (QUERY_SET.has(name)) return 'variableName.function.standard';
  if (CONSTANTS.has(name) || name === PAGE_SIZE_CONSTANT) return 'variableName.constant';
  if (CONFIG_SET.has(name)) return 'propertyName';
  return 'variableName';
}

export const scenarioParser: StreamParser<TokenState> = {
  name: 'mach-vm-scenario',
  startState: () => ({ afterAmp: false }),
  copyState: (s) => ({ afterAmp: s.afterAmp }),
  token(stream, state) {
    if (stream.sol()) state.afterAmp = false;
    if (stream.eatSpace()) return null;
    const amp = state.afterAmp;
    state.afterAmp = false;
    const ch = stream.peek()!;
    if (ch === '#') {
      // a whole-line `# mark:` / `# note:` annotates the next statement; any other # is a comment
      const whole = stream.string.slice(0, stream.pos).trim() === '';
      const isAnnotation = whole && ANNOTATION.test(stream.string.slice(stream.pos));
      stream.skipToEnd();
      return isAnnotation ? 'meta' : 'comment';
    }
    if (/[A-Za-z_]/.test(ch)) {
      stream.eatWhile(/[A-Za-z0-9_]/);
      return amp ? 'variableName.definition' : nameClass(stream.current());
    }
    if (/[0-9]/.test(ch)) {
      stream.eatWhile(/[A-Za-z0-9_]/);
      return 'number';
    }
    if (ch === '"') {
      stream.next();
      let escaped = false;
      for (let c = stream.next(); c !== undefined; c = stream.next()) {
        if (c === '"' && !escaped) break;
        escaped = !escaped && c === '\\';
      }
      return 'string';
    }
    stream.next();
    if (ch === '&') {
      state.afterAmp = true;
      return 'operator';
    }
    if (ch === '(' || ch === ')' || ch === ',') return 'punctuation';
    if (/[=<>!*/%+\-^|~]/.test(ch)) {
      stream.eatWhile(/[=<>]/);
      return 'operator';
    }
    return 'invalid';
  },
  languageData: { commentTokens: { line: '#' } },
};

export const scenarioLanguage = StreamLanguage.define(scenarioParser);

/** Each token of `line` with its class (tests; a classless stretch of spaces is left out). */
export function tokenClasses(line: string): [string, string][] {
  const state = scenarioParser.startState!(4);
  const stream = new StringStream(line, 4, 2);
  const out: [string, string][] = [];
  while (!stream.eol()) {
    const cls = scenarioParser.token(stream, state);
    if (cls !== null) out.push([stream.current(), cls]);
    stream.start = stream.pos;
  }
  return out;
}

/**
 * The colours, on the page's dark slate (#0f172a): each at least 7:1 against it. The `&` variable
 * is underlined, a mark or note bold, so neither rests on colour alone.
 */
export const scenarioHighlight = HighlightStyle.define([
  { tag: t.keyword, color: '#c4b5fd' }, // violet-300
  { tag: t.function(t.variableName), color: '#7dd3fc' }, // sky-300
  { tag: t.standard(t.function(t.variableName)), color: '#5eead4' }, // teal-300
  { tag: t.constant(t.variableName), color: '#fcd34d' }, // amber-300
  { tag: t.propertyName, color: '#fda4af' }, // rose-300
  { tag: t.number, color: '#bef264' }, // lime-300
  { tag: t.string, color: '#fdba74' }, // orange-300
  { tag: t.definition(t.variableName), color: '#f1f5f9', textDecoration: 'underline' },
  { tag: t.variableName, color: '#f1f5f9' }, // slate-100
  { tag: t.comment, color: '#a8b4c6', fontStyle: 'italic' },
  { tag: t.meta, color: '#fde047', fontWeight: 'bold' }, // yellow-300
  { tag: [t.operator, t.punctuation], color: '#cbd5e1' }, // slate-300
  { tag: t.invalid, color: '#fca5a5', textDecoration: 'underline wavy' },
]);
