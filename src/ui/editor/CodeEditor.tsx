/**
 * The scenario editor proper: CodeMirror 6, in a chunk of its own (Editor.tsx shows a plain textarea
 * until this has loaded, or if it cannot be). Line numbers, wrapped lines, the language highlighted
 * (scenario_tokens.ts), errors marked at their line and column (diagnostics.ts), completion of the
 * language's words and the scenario's own names (completion.ts; Ctrl+Space asks), signature help
 * inside a call (signature.ts). It registers with the editor bridge (insert at the cursor, reveal a
 * line) while mounted.
 *
 * Text flows one way: what is typed goes to `onEdit` (Editor.tsx: the store's text, a run after a
 * pause); a text that arrives from elsewhere (a lesson, a link, an insert without the editor)
 * replaces the document. Keys: Tab is not taken (it moves the focus, as everywhere on the page);
 * Escape closes the completion or the signature help, and otherwise leaves the editor (the focus
 * goes to the editor's section, so the page's keys work again).
 *
 * The whole text is on the content element as `scenarioText` (a getter): the DOM holds only the
 * lines in view, and the end-to-end tests read the text there (e2e/editor.ts).
 */
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { Annotation, EditorState, type Extension } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { syntaxHighlighting } from '@codemirror/language';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import type { ScenarioStore } from '../../store/scenario_store';
import { NO_NAMES, type ScenarioNames } from '../../scenario/names';
import { registerEditor } from '../editor_bridge';
import { scenarioHighlight, scenarioLanguage } from './scenario_tokens';
import { scenarioCompletion } from './completion';
import { signatureHelp } from './signature';
import { diagnosticOf, errorOf, type PlacedError } from './diagnostics';
import { editorTheme } from './theme';

export interface CodeEditorProps {
  store: ScenarioStore;
  /** A text typed: the store's text becomes it (and runs after a pause). */
  onEdit(text: string): void;
  /** Where the cursor was in the textarea this replaces when it had the focus (this takes the focus there), else null. */
  carry: number | null;
}

/** Escape with nothing open to close: the focus leaves the editor for its section (keyboard users get out). */
const leaveOnEscape = keymap.of([
  {
    key: 'Escape',
    run(view) {
      const section = view.dom.closest<HTMLElement>('section');
      view.contentDOM.blur();
      if (section !== null) {
        section.tabIndex = -1; // focusable, not a Tab stop
        section.style.outline = 'none';
        section.focus();
      }
      return true;
    },
  },
]);

function extensions(onDoc: (view: EditorView) => void, names: () => ScenarioNames): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    closeBrackets(),
    EditorView.lineWrapping,
    scenarioLanguage,
    syntaxHighlighting(scenarioHighlight),
    autocompletion({ override: [scenarioCompletion(names)], icons: false }),
    signatureHelp(),
    lintGutter(),
    keymap.of([...closeBracketsKeymap, ...completionKeymap, ...historyKeymap, ...defaultKeymap]),
    leaveOnEscape,
    editorTheme,
    // tabindex: an editable element is focusable anyway; said outright, checkers see the scroller's content can be reached
    // named by the label above the editor (Editor.tsx)
    EditorView.contentAttributes.of({ 'data-testid': 'editor', 'aria-labelledby': 'scenario-editor-label', tabindex: '0', spellcheck: 'false', autocapitalize: 'off', autocorrect: 'off' }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged && !u.transactions.every((tr) => tr.annotation(fromStore) === true)) onDoc(u.view);
    }),
  ];
}

/** Marks the transaction that puts the store's text in (not an edit to report back). */
const fromStore = Annotation.define<boolean>();

export function CodeEditor({ store, onEdit, carry }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  /** The text the editor and the store last agreed on (what was typed, or what came in). */
  const agreed = useRef<string>('');
  const onEditRef = useRef(onEdit);
  onEditRef.current = onEdit;
  const source = useStore(store, (s) => s.source);
  // one error (or none) as a key: a big run's notices replace the outcome often, its error rarely
  const errorKey = useStore(store, (s) => {
    const e = errorOf(s.outcome);
    return e === null ? '' : JSON.stringify(e);
  });
  const names = useStore(store, (s) => (s.outcome !== null && s.outcome.status !== 'parse-error' ? s.outcome.names : null));
  /** The last names known: kept while the text has a parse error. */
  const lastNames = useRef<ScenarioNames>(NO_NAMES);
  if (names !== null) lastNames.current = names;

  useEffect(() => {
    const text = store.getState().source;
    agreed.current = text;
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: text,
        // the cursor where it was in the textarea, else at the end (an insert then appends, as without an editor)
        selection: { anchor: Math.min(carry ?? text.length, text.length) },
        extensions: extensions(
          (ed) => {
            const typed = ed.state.doc.toString();
            agreed.current = typed;
            onEditRef.current(typed);
          },
          () => lastNames.current,
        ),
      }),
    });
    view.current = v;
    Object.defineProperty(v.contentDOM, 'scenarioText', { get: () => v.state.doc.toString(), configurable: true });
    if (carry !== null) v.focus();
    const unregister = registerEditor({
      insert(text) {
        const st = v.state;
        const sel = st.selection.main;
        let at = sel.from;
        let insert = text;
        if (text.endsWith('\n')) {
          // on a line of its own: after the cursor's line, unless that line is empty
          const line = st.doc.lineAt(sel.head);
          if (line.length > 0) {
            at = line.to;
            insert = `\n${text.slice(0, -1)}`;
          } else {
            at = line.from;
          }
        }
        v.dispatch({ changes: { from: at, to: text.endsWith('\n') ? at : sel.to, insert }, selection: { anchor: at + insert.length }, scrollIntoView: true });
        v.focus();
      },
      revealLine(n) {
        const line = v.state.doc.line(Math.max(1, Math.min(n, v.state.doc.lines)));
        v.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
      },
    });
    return () => {
      unregister();
      v.destroy();
      view.current = null;
    };
    // mounted once: the text and the errors follow through the effects below
  }, []);

  // a text from elsewhere replaces the document (what was typed is already the store's text)
  useEffect(() => {
    const v = view.current;
    if (v === null || source === agreed.current) return;
    agreed.current = source;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: source }, annotations: fromStore.of(true) });
  }, [source]);

  /** Whether the editor shows an error mark (none when mounted: no update to make then). */
  const marked = useRef(false);
  useEffect(() => {
    const v = view.current;
    if (v === null) return;
    const e = errorKey === '' ? null : (JSON.parse(errorKey) as PlacedError);
    if (e === null && !marked.current) return;
    marked.current = e !== null;
    v.dispatch(setDiagnostics(v.state, e === null ? [] : [diagnosticOf(e, v.state.doc)]));
  }, [errorKey]);

  // a fixed height (resizable): CodeMirror draws only the lines in view of it
  return <div ref={host} className="h-[60vh] max-h-[48rem] min-h-[20rem] resize-y overflow-hidden rounded border border-slate-600 bg-slate-900" />;
}
