/**
 * The editor's look: dark, on the page's slate (#0f172a), the code font at 15 px with 24 px lines
 * (as the textarea had), text and line numbers at 7:1 or more, a visible focus ring (2 px sky), the
 * active line a faint band, the signature help and the completion list in the page's panel colours.
 */
import { EditorView } from '@codemirror/view';

export const editorTheme = EditorView.theme(
  {
    '&': { height: '100%', color: '#f1f5f9', backgroundColor: '#0f172a', fontSize: '15px' },
    '&.cm-focused': { outline: '2px solid #38bdf8', outlineOffset: '-2px' },
    '.cm-scroller': { fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Cascadia Code", Menlo, Consolas, monospace', lineHeight: '24px', overflow: 'auto' },
    '.cm-content': { padding: '8px 0', caretColor: '#f8fafc' },
    '.cm-line': { padding: '0 12px 0 6px' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: '#f8fafc', borderLeftWidth: '2px' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
      backgroundColor: '#1e4976',
    },
    '.cm-activeLine': { backgroundColor: 'rgba(148, 163, 184, 0.07)' },
    '.cm-gutters': { backgroundColor: '#0f172a', color: '#a8b4c6', borderRight: '1px solid #334155' },
    '.cm-activeLineGutter': { backgroundColor: 'rgba(148, 163, 184, 0.12)', color: '#f1f5f9' },
    '.cm-lineNumbers .cm-gutterElement': { padding: '0 8px 0 10px', minWidth: '3ch' },
    '.cm-tooltip': { backgroundColor: '#1e293b', color: '#f1f5f9', border: '1px solid #64748b', borderRadius: '4px' },
    '.cm-tooltip-autocomplete > ul': { fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Cascadia Code", Menlo, Consolas, monospace', maxHeight: '16em' },
    '.cm-tooltip-autocomplete > ul > li': { padding: '2px 8px', lineHeight: '22px' },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: '#0c4a6e', color: '#ffffff' },
    '.cm-completionDetail': { color: '#cbd5e1', fontStyle: 'normal', marginLeft: '1em' },
    '.cm-completionMatchedText': { textDecoration: 'none', fontWeight: 'bold', color: '#7dd3fc' },
    '.cm-signature-help': { padding: '6px 10px', maxWidth: '40rem', fontSize: '14px', lineHeight: '20px' },
    '.cm-signature': { fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Cascadia Code", Menlo, Consolas, monospace' },
    '.cm-signature-current': { color: '#fcd34d', fontWeight: 'bold', textDecoration: 'underline' },
    '.cm-signature-param': { color: '#e2e8f0', marginTop: '2px' },
    '.cm-diagnostic-error': { borderLeft: '4px solid #f87171', color: '#fee2e2', backgroundColor: '#450a0a' },
    '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy #f87171 2px', textUnderlineOffset: '3px' },
  },
  { dark: true },
);
