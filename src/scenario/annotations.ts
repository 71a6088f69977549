/**
 * Annotations: what a lecturer writes in a scenario's comments for the lecture, not for the
 * machine. A whole-line comment
 *   # mark: the copy        names a key step (a named stop on the timeline, a handout page)
 *   # note: Ask the room…   is a speaker note (the presenter view shows it)
 * belongs to the next statement: the mark's step is the one that shows that statement run
 * (statement index + 1). Consecutive note lines before one statement make one note, joined with a
 * space; two marks before one statement are joined with " / ". A mark or note after the last
 * statement belongs to none and is dropped. A comment after a statement on its line
 * (`write(A, x, "a") # mark: ...`) is an ordinary comment: only whole lines annotate.
 *
 * The worker scans the text once at load (scanAnnotations, linear, no parse) and sends the result
 * with the load's outcome; the UI reads it from there and never looks at the text itself.
 * Bounded: at most MAX_ANNOTATIONS of them are kept (the rest are counted in `dropped`), a mark's
 * name is cut at MAX_MARK_NAME characters and a note at MAX_NOTE_TEXT.
 */

export interface Mark {
  /** The statement it belongs to (0-based, as the step summaries count). */
  statement: number;
  /** The step that shows the statement run: statement + 1. */
  step: number;
  name: string;
  /** The line of the (first) `# mark:` comment. */
  line: number;
}

export interface Note {
  statement: number;
  text: string;
  /** The line of the (first) `# note:` comment. */
  line: number;
}

export interface Annotations {
  /** By statement, ascending; at most one per statement. */
  marks: Mark[];
  /** By statement, ascending; at most one per statement. */
  notes: Note[];
  /** Marks and notes past MAX_ANNOTATIONS, not kept. */
  dropped: number;
}

/** The most marks and notes (together) kept of one text. */
export const MAX_ANNOTATIONS = 1_000;
/** The longest mark name kept, in characters (a longer one is cut and ends in "…"). */
export const MAX_MARK_NAME = 80;
/** The longest note kept, in characters (a longer one is cut and ends in "…"). */
export const MAX_NOTE_TEXT = 1_000;

export const NO_ANNOTATIONS: Annotations = Object.freeze({ marks: [], notes: [], dropped: 0 }) as Annotations;

const ANNOTATION = /^#\s*(mark|note)\s*:\s?(.*)$/;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A whole-line comment's annotation, or null; `line` is the line without its leading spaces. */
function annotationOf(line: string): { kind: 'mark' | 'note'; text: string } | null {
  if (!line.startsWith('#')) return null;
  const m = ANNOTATION.exec(line.endsWith('\r') ? line.slice(0, -1) : line);
  if (m === null) return null;
  const text = m[2].trim();
  return text === '' ? null : { kind: m[1] as 'mark' | 'note', text };
}

/** The marks and notes of a text, each given to the statement after it (see the header). */
export function scanAnnotations(source: string): Annotations {
  const marks: Mark[] = [];
  const notes: Note[] = [];
  let dropped = 0;
  let kept = 0;
  /** Annotations waiting for the next statement. */
  let mark: { name: string; line: number } | null = null;
  let note: { text: string; line: number } | null = null;
  let statement = 0;
  let lineNumber = 0;
  for (let start = 0; start <= source.length; ) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    lineNumber++;
    let i = start;
    while (i < end) {
      const c = source.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || (c === 0xfeff && i === 0)) i++;
      else break;
    }
    if (i < end) {
      if (source.charCodeAt(i) !== 35) {
        // a statement: it takes what waits for it
        if (mark !== null) marks.push({ statement, step: statement + 1, name: cut(mark.name, MAX_MARK_NAME), line: mark.line });
        if (note !== null) notes.push({ statement, text: cut(note.text, MAX_NOTE_TEXT), line: note.line });
        mark = null;
        note = null;
        statement++;
      } else {
        const a = annotationOf(source.slice(i, Math.min(end, i + 8 * MAX_NOTE_TEXT)));
        if (a !== null) {
          const joinsWaiting = (a.kind === 'mark' ? mark : note) !== null;
          if (!joinsWaiting && kept >= MAX_ANNOTATIONS) dropped++;
          else if (a.kind === 'mark') {
            if (mark === null) kept++;
            mark = mark === null ? { name: a.text, line: lineNumber } : { name: cut(`${mark.name} / ${a.text}`, MAX_MARK_NAME + 1), line: mark.line };
          } else {
            if (note === null) kept++;
            note = note === null ? { text: a.text, line: lineNumber } : { text: cut(`${note.text} ${a.text}`, MAX_NOTE_TEXT + 1), line: note.line };
          }
        }
      }
    }
    start = end + 1;
  }
  return { marks, notes, dropped };
}

/** The mark of the step, if one is named there. */
export function markAtStep(a: Annotations, step: number): Mark | undefined {
  return a.marks.find((m) => m.step === step);
}
