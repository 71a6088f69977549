/**
 * The editor bridge: how other parts of the page (the reference panel's Insert, a what-if) put text
 * into the scenario editor or show a line of it, without knowing which editor is mounted. The editor
 * registers itself while mounted (registerEditor; the returned function unregisters). Without an
 * editor (presentation mode hides it, the quiz replaces it), insertIntoEditor edits the store's
 * text instead: the text is appended on a line of its own and runs again.
 */
import type { ScenarioStore } from '../store/scenario_store';

export interface EditorHandle {
  /** Inserts `text` at the cursor (on a line of its own when it ends with a newline) and focuses the editor. */
  insert(text: string): void;
  /** Moves the cursor to the start of 1-based `line` and scrolls it into view. */
  revealLine(line: number): void;
}

let current: EditorHandle | null = null;

/** The mounted editor says how to reach it; call the returned function when it unmounts. */
export function registerEditor(handle: EditorHandle): () => void {
  current = handle;
  return () => {
    if (current === handle) current = null;
  };
}

/** Appends `line` to `source` on a line of its own. */
export function appendLine(source: string, line: string): string {
  const body = line.endsWith('\n') ? line : `${line}\n`;
  return source === '' || source.endsWith('\n') ? `${source}${body}` : `${source}\n${body}`;
}

/** Inserts `text` at the editor's cursor; without an editor, appends it to the store's text and runs it. True when an editor took it. */
export function insertIntoEditor(text: string, store: ScenarioStore): boolean {
  if (current !== null) {
    current.insert(text);
    return true;
  }
  const s = store.getState();
  s.editSource(appendLine(s.source, text));
  void s.reload();
  return false;
}

/** Shows 1-based `line` in the editor, if one is mounted. */
export function revealLine(line: number): void {
  current?.revealLine(line);
}
