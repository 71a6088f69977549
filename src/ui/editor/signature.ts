/**
 * Signature help: while the cursor is inside a call's or query's parentheses (`vm_map(A, &x, `),
 * a tooltip under the line shows its signature with the current parameter emphasised and one line
 * about that parameter (the language reference's, reference.ts). It follows the cursor (call_context.ts reads the line up to it), closes on
 * `)` (the call is no longer open) or Escape (until the cursor leaves that call), and is text: a
 * screen reader reads it through aria-live.
 */
import { StateEffect, StateField, type EditorState } from '@codemirror/state';
import { keymap, showTooltip, type Tooltip } from '@codemirror/view';
import { CALLS } from '../../scenario/language';
import { paramDoc } from '../../scenario/reference';
import { callAt, paramsOf } from './call_context';

/** `vm_allocate(target_task, &address, size, anywhere)`: a call's or query's parameters, `&` before those it writes. */
export function signatureText(name: string): string {
  const params = paramsOf(name) ?? [];
  return `${name}(${params.map((p) => (p.kind === 'out' || p.kind === 'inout' ? `&${p.name}` : p.name)).join(', ')})`;
}

const KIND_LINE = {
  task: 'a task, by name',
  value: 'a value: a number, a constant, a variable or an expression',
  inout: '&variable: read (unset counts as 0), then written by the call',
  out: '&variable: written by the call',
} as const;

/** The one line about parameter `index` of `name` (the reference's: reference.ts), or null past its parameters. */
export function paramLine(name: string, index: number): string | null {
  const p = paramsOf(name)?.[index];
  if (p === undefined) return null;
  const doc = paramDoc(name, index)?.doc;
  return `${p.name}: ${doc ?? KIND_LINE[p.kind]}`;
}

export interface SignatureAt {
  name: string;
  index: number;
  /** Document offset of the call's `(`: Escape closes the help until the cursor is in another call. */
  open: number;
}

/** The call or query the cursor of `state` is in, or null. */
export function signatureAt(state: EditorState): SignatureAt | null {
  const sel = state.selection.main;
  if (!sel.empty) return null;
  const line = state.doc.lineAt(sel.head);
  const at = callAt(line.text.slice(0, sel.head - line.from));
  return at === null ? null : { name: at.name, index: at.index, open: line.from + at.open };
}

const dismiss = StateEffect.define<number>();

interface HelpState {
  at: SignatureAt | null;
  /** The `(` whose help Escape closed. */
  dismissed: number | null;
}

const helpField = StateField.define<HelpState>({
  create: (state) => ({ at: signatureAt(state), dismissed: null }),
  update(value, tr) {
    let dismissed = value.dismissed;
    for (const e of tr.effects) if (e.is(dismiss)) dismissed = e.value;
    if (!tr.docChanged && !tr.selection && dismissed === value.dismissed) return value;
    const at = signatureAt(tr.state);
    if (dismissed !== null && tr.docChanged) dismissed = tr.changes.mapPos(dismissed);
    if (at === null || at.open !== dismissed) dismissed = null;
    return { at, dismissed };
  },
  provide: (f) =>
    showTooltip.from(f, (v): Tooltip | null => {
      const at = v.at;
      if (at === null || at.open === v.dismissed) return null;
      return { pos: at.open, above: false, strictSide: false, arrow: false, create: () => ({ dom: helpDom(at) }) };
    }),
});

/** The tooltip's text: the signature, the current parameter in bold, and its line. */
function helpDom(at: SignatureAt): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'cm-signature-help';
  dom.setAttribute('role', 'status');
  dom.setAttribute('aria-live', 'polite');
  dom.dataset.testid = 'signature-help';
  const sig = document.createElement('div');
  sig.className = 'cm-signature';
  const params = paramsOf(at.name) ?? [];
  sig.append(`${at.name}(`);
  params.forEach((p, i) => {
    if (i > 0) sig.append(', ');
    const text = p.kind === 'out' || p.kind === 'inout' ? `&${p.name}` : p.name;
    if (i === at.index) {
      const b = document.createElement('strong');
      b.className = 'cm-signature-current';
      b.textContent = text;
      sig.append(b);
    } else {
      sig.append(text);
    }
  });
  sig.append(')');
  dom.append(sig);
  const line = paramLine(at.name, at.index);
  const about = document.createElement('div');
  about.className = 'cm-signature-param';
  about.textContent =
    line ?? `${at.name} takes ${params.length} argument${params.length === 1 ? '' : 's'}${Object.hasOwn(CALLS, at.name) ? '' : ' (a query)'}: this one is one too many`;
  dom.append(about);
  return dom;
}

/** Escape closes the help while it is open (then Escape goes on to its next use: leaving the editor). */
const escapeKey = keymap.of([
  {
    key: 'Escape',
    run(view) {
      const v = view.state.field(helpField);
      if (v.at === null || v.at.open === v.dismissed) return false;
      view.dispatch({ effects: dismiss.of(v.at.open) });
      return true;
    },
  },
]);

/** The signature help: the field that follows the cursor and its Escape key. */
export function signatureHelp() {
  return [helpField, escapeKey];
}

/** For tests: the help a state shows (null when closed). */
export function shownSignature(state: EditorState): SignatureAt | null {
  const v = state.field(helpField, false);
  return v === undefined || v.at === null || v.at.open === v.dismissed ? null : v.at;
}
