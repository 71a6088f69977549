/**
 * The Lecture dialog (a chunk of its own, opened by the header's "Lecture…" button): the lecture
 * being prepared, kept in localStorage (lecture_saved.ts). Its title; its items in order, each with
 * its key steps (a field: "3, 7, 12"; a lesson added brings its `# mark:` steps), moved up or down
 * with buttons (the focus stays with the item moved), or removed; "Add this lesson" / "Add this text" add what the page shows.
 * "Share link" makes the lecture's one link (lecture_link.ts: checked by decoding it back), copies
 * it and shows it; "Start lecture" opens it here. A modal <dialog>: the page's keys do not fire
 * inside it; Escape or Close shuts it.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../../store/scenario_store';
import { builtinFromFile } from '../../scenario/builtins';
import { browserStorage } from '../persistence';
import { annotationsOf } from '../presenter/annotations_seen';
import { addItem, itemTitle, moveItem, parseSteps, removeItem, setSteps, setTitle, MAX_LECTURE_ITEMS, MAX_LECTURE_TITLE, type Lecture } from './lecture';
import { lectureLinkValue, lectureUrl } from './lecture_link';
import { readSavedLecture, saveLecture } from './lecture_saved';
import { lectureHash } from './lecture_state';

const BUTTON = 'rounded border border-slate-400 px-2.5 py-1 font-medium hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300 disabled:border-slate-700 disabled:text-slate-500';

export function LectureEditor({ store, onClose }: { store: ScenarioStore; onClose: () => void }) {
  const builtins = useStore(store, (s) => s.builtins);
  const builtinName = useStore(store, (s) => s.builtinName);
  const source = useStore(store, (s) => s.source);
  const outcome = useStore(store, (s) => s.outcome);
  const names = new Set(builtins.map((b) => b.name));
  const titles = new Map(builtins.map((b) => [b.name, b.title]));
  const [lecture, setLecture] = useState<Lecture>(() => readSavedLecture(browserStorage(), names));
  const [note, setNote] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  /** After a move, the button to give the focus to (the moved item's, at its new place), so that Enter again moves it on. */
  const focusNext = useRef<string[] | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d !== null && !d.open) d.showModal();
  }, []);

  useEffect(() => {
    const labels = focusNext.current;
    focusNext.current = null;
    if (labels === null) return;
    for (const label of labels) {
      const b = dialog.current?.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
      if (b !== null && b !== undefined && !b.disabled) return b.focus();
    }
  }, [lecture]);

  const move = (at: number, delta: -1 | 1) => {
    const to = at + delta;
    focusNext.current = delta < 0 ? [`Move item ${to + 1} up`, `Move item ${to + 1} down`] : [`Move item ${to + 1} down`, `Move item ${to + 1} up`];
    change(moveItem(lecture, at, delta), `Moved item ${at + 1} to place ${to + 1}.`);
  };

  const change = (next: Lecture, said = '') => {
    setLecture(next);
    setLink(null);
    setNote(saveLecture(browserStorage(), next) ? said : `${said} (not kept over a reload: this browser's storage refused it)`.trim());
  };

  const add = (kind: 'lesson' | 'text') => {
    const marks = annotationsOf(outcome).marks.map((m) => m.step);
    const title = builtinFromFile('text', source).title;
    const made = kind === 'lesson' && builtinName !== null
      ? addItem(lecture, { kind: 'builtin', name: builtinName, steps: marks })
      : addItem(lecture, { kind: 'text', title: title === 'text' ? `Your scenario ${lecture.items.length + 1}` : title, source, steps: marks });
    if (!made.ok) setNote(`Not added: ${made.message}.`);
    else change(made.lecture, `Added item ${made.lecture.items.length}.`);
  };

  const share = async (start: boolean) => {
    const made = lectureLinkValue(lecture, names);
    if (!made.ok) {
      setLink(null);
      setNote(`Not shared: ${made.message}.`);
      return;
    }
    if (start) {
      onClose();
      window.location.hash = lectureHash(made.value, 0);
      return;
    }
    const url = lectureUrl(window.location.href, made.value);
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setNote(`Link copied (${url.length.toLocaleString('en-US')} characters).`);
    } catch {
      setNote('Copy the link below.');
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby="lecture-dialog-title"
      data-testid="lecture-editor"
      className="m-auto w-[min(48rem,95vw)] rounded border border-slate-500 bg-slate-900 p-4 text-slate-100 backdrop:bg-black/70"
      onClose={onClose}
      onKeyDown={(e) => e.stopPropagation()}
    >
      <div className="flex flex-col gap-3">
        <h2 id="lecture-dialog-title" className="text-lg font-semibold">
          Lecture
        </h2>
        <label className="flex items-center gap-2">
          <span className="text-slate-300">Title</span>
          <input
            className="flex-1 rounded border border-slate-600 bg-slate-800 px-2 py-1"
            value={lecture.title}
            maxLength={MAX_LECTURE_TITLE}
            onChange={(e) => change(setTitle(lecture, e.target.value))}
          />
        </label>
        {lecture.items.length === 0 ? (
          <p className="text-slate-300">No items yet: open a lesson (or write a text) and add it here. Up to {MAX_LECTURE_ITEMS} items.</p>
        ) : (
          <ol aria-label="Lecture items" className="flex max-h-[50vh] flex-col gap-2 overflow-auto">
            {lecture.items.map((it, i) => {
              const name = itemTitle(it, titles);
              return (
                <li key={i} className="flex flex-wrap items-center gap-2 rounded border border-slate-700 px-2 py-1">
                  <span className="w-6 text-right text-slate-300">{i + 1}.</span>
                  <span className="min-w-40 flex-1 truncate" title={name}>
                    {name} <span className="text-sm text-slate-400">({it.kind === 'builtin' ? 'lesson' : 'own text'})</span>
                  </span>
                  <label className="flex items-center gap-1 text-sm">
                    key steps
                    <input
                      key={`${name}:${it.steps.join(',')}`}
                      aria-label={`Key steps of item ${i + 1}`}
                      className="w-32 rounded border border-slate-600 bg-slate-800 px-1 py-0.5"
                      defaultValue={it.steps.join(', ')}
                      onBlur={(e) => change(setSteps(lecture, i, parseSteps(e.target.value)))}
                    />
                  </label>
                  <button type="button" className={BUTTON} aria-label={`Move item ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                    ↑
                  </button>
                  <button type="button" className={BUTTON} aria-label={`Move item ${i + 1} down`} disabled={i === lecture.items.length - 1} onClick={() => move(i, 1)}>
                    ↓
                  </button>
                  <button type="button" className={BUTTON} aria-label={`Remove item ${i + 1}`} onClick={() => change(removeItem(lecture, i))}>
                    Remove
                  </button>
                </li>
              );
            })}
          </ol>
        )}
        <div className="flex flex-wrap gap-2">
          <button type="button" className={BUTTON} disabled={builtinName === null} onClick={() => add('lesson')}>
            Add this lesson
          </button>
          <button type="button" className={BUTTON} disabled={builtinName !== null || source === ''} onClick={() => add('text')}>
            Add this text
          </button>
          <button type="button" className={`${BUTTON} border-sky-400 bg-sky-900`} onClick={() => void share(false)}>
            Share link
          </button>
          <button type="button" className={BUTTON} onClick={() => void share(true)}>
            Start lecture
          </button>
          <button type="button" className={`${BUTTON} ml-auto`} onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
        {note !== '' && (
          <p role="status" data-testid="lecture-note" className="text-sm text-slate-300">
            {note}
          </p>
        )}
        {link !== null && (
          <input readOnly aria-label="Lecture link" data-testid="lecture-link" className="font-code w-full rounded border border-slate-600 bg-slate-800 px-2 py-1 text-xs" value={link} onFocus={(e) => e.currentTarget.select()} />
        )}
      </div>
    </dialog>
  );
}
