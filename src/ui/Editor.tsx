/**
 * The scenario editor. Edits re-run the scenario after a short pause; a parse error is shown with
 * its line and column under the text (and marked in the text). The editor proper is CodeMirror
 * (editor/CodeEditor.tsx: line numbers, highlighting, completion, signature help), in a chunk of its
 * own that this fetches, evaluates and mounts only when the text is reached for (the pointer over
 * the textarea or on it, its focus, a key in it). Each is a long task on a slow laptop (at 4×
 * slowdown: the chunk's evaluation 120–170 ms, the mount 250–360 ms, then CodeMirror's first measure
 * 160–220 ms), and done untouched at some idle moment after the first run (rounds 2 and 3) they
 * landed in the middle of a student's first steps, as that lesson's worst step (issue 18, round 4:
 * 2.1 s under load in chain_collapse). A student who only steps never pays for them. Until then, or if it cannot
 * (offline, a failed chunk), a plain textarea does the job, and the switch keeps the text, the
 * cursor and the focus; the reference panel's Insert and a what-if append to the text meanwhile, as
 * without an editor (editor_bridge.ts).
 *
 * A long text that arrives from elsewhere (a file, a link: a generated scenario of thousands of
 * statements) is first shown as its opening lines and a button that puts it in the textarea: the
 * browser lays out a textarea's whole text at once (about half a second for 16,384 lines on a busy
 * 2-core machine), which would hold up the first step drawn. A text typed or pasted into the
 * textarea stays there whatever its length.
 */
import { visibleText } from '../scenario/visible_text';
import { useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../store/scenario_store';
import { count } from './count';
import type { CodeEditorProps } from './editor/CodeEditor';

const RUN_DELAY_MS = 300;

/** A text of more lines than this, arriving from elsewhere, is previewed: the textarea takes it on demand. */
export const LONG_TEXT_LINES = 2000;
/** Lines the preview shows. */
export const PREVIEW_LINES = 40;

/** The number of lines of `text` (a final newline adds none), counted without splitting it. */
export function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.length === 0 || text.endsWith('\n') ? n : n + 1;
}

export function Editor({ store }: { store: ScenarioStore }) {
  const source = useStore(store, (s) => s.source);
  const editSource = useStore(store, (s) => s.editSource);
  const reload = useStore(store, (s) => s.reload);
  // the parse error only: a big scenario's run extends the outcome often, and this textarea may hold megabytes
  const outcome = useStore(store, (s) => (s.outcome?.status === 'parse-error' ? s.outcome : null));
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  /** The last text typed in the textarea, and the long text the user asked to edit: both stay in the textarea. */
  const [typed, setTyped] = useState<string | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const lines = useMemo(() => lineCount(source), [source]);
  const preview = lines > LONG_TEXT_LINES && source !== typed && source !== opened;
  const textarea = useRef<HTMLTextAreaElement>(null);
  /** The CodeMirror editor once its chunk is here, with where the textarea's cursor was if it had the focus. */
  const [code, setCode] = useState<{ Code: ComponentType<CodeEditorProps>; carry: CodeEditorProps['carry'] } | null>(null);
  const reached = useRef(false);
  /** The textarea was pointed at, focused or typed in: CodeMirror's chunk is fetched and evaluated, and the editor mounted, now (after the event: a click has placed the cursor by then). */
  const reach = () => {
    if (reached.current) return;
    reached.current = true;
    // the module system fetches the chunk once (a state set after unmount is dropped); offline, or a
    // chunk that fails: the textarea stays, and works. What is typed meanwhile carries over
    void import('./editor/CodeEditor').then(({ CodeEditor: Code }) => {
      const t = textarea.current;
      setCode({ Code, carry: t !== null && t === document.activeElement ? t.selectionStart : null });
    }, Boolean);
  };
  // a new function each render: CodeMirror's editor calls the latest (it keeps it in a ref)
  const onEdit = (text: string) => {
    setTyped(text);
    editSource(text);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void reload(), RUN_DELAY_MS);
  };

  return (
    <section aria-label="Scenario text" className="flex min-h-[24rem] flex-col gap-2">
      {preview ? (
        <>
          <p className="text-sm font-medium text-slate-300">Scenario</p>
          <LongTextPreview source={source} lines={lines} onEdit={() => setOpened(source)} />
        </>
      ) : (
        // names the textarea, and CodeMirror's text (aria-labelledby)
        <label id="scenario-editor-label" htmlFor="scenario-editor" className="text-sm font-medium text-slate-300">
          Scenario (edit it: it re-runs as you type)
        </label>
      )}
      {!preview && code !== null && <code.Code store={store} onEdit={onEdit} carry={code.carry} />}
      {!preview && code === null && (
        <textarea
          ref={textarea}
          id="scenario-editor"
          data-testid="editor"
          spellCheck={false}
          // contain: paint: a scenario of thousands of lines otherwise costs every frame of the page
          // milliseconds of pre-paint and paint (a diagram hover: ~5 ms of each on 16,384 lines)
          // the height of CodeMirror's box (editor/CodeEditor.tsx): the swap moves nothing below it (no layout shift)
          className="font-code h-[60vh] max-h-[48rem] min-h-[20rem] shrink-0 resize-y rounded border border-slate-600 bg-slate-900 p-3 text-[15px] leading-6 text-slate-100 [contain:paint] focus:outline focus:outline-2 focus:outline-sky-400"
          value={source}
          onChange={(e) => onEdit(e.target.value)}
          onPointerEnter={reach}
          onPointerDown={reach}
          onFocus={reach}
          onKeyDown={reach}
        />
      )}
      {outcome !== null && (
        <p role="alert" data-testid="error" className="font-code rounded border border-red-500 bg-red-950 px-3 py-2 text-red-100">
          Line {outcome.line}, column {outcome.col}: {visibleText(outcome.message)}
        </p>
      )}
    </section>
  );
}

function LongTextPreview({ source, lines, onEdit }: { source: string; lines: number; onEdit: () => void }) {
  const head = useMemo(() => {
    let end = -1;
    for (let k = 0; k < PREVIEW_LINES; k++) {
      const next = source.indexOf('\n', end + 1);
      if (next === -1) return source;
      end = next;
    }
    return source.slice(0, end + 1);
  }, [source]);
  return (
    <div data-testid="editor-preview" className="flex min-h-[20rem] flex-1 flex-col gap-2 rounded border border-slate-600 bg-slate-900 p-3">
      <pre tabIndex={0} aria-label={`The scenario's first ${PREVIEW_LINES} lines`} className="font-code min-h-0 flex-1 overflow-auto text-[15px] leading-6 text-slate-100">
        {head}
      </pre>
      <p className="text-sm text-slate-300">
        … {count(lines - PREVIEW_LINES)} more lines ({count(lines)} in all, {(source.length / 1024).toFixed(0)} KiB): too long to
        lay out while the scenario loads.{' '}
        <button
          type="button"
          data-testid="edit-long-text"
          onClick={onEdit}
          className="rounded border border-slate-500 bg-slate-800 px-2 py-0.5 font-medium text-slate-100 hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300"
        >
          Edit the whole text
        </button>
      </p>
    </div>
  );
}
