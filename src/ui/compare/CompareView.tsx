/**
 * The Compare view (in the views' lazy chunk, export/lazy_views.ts; the header's "Compare…" or a `#compare=` link opens it,
 * Escape or Close leaves): two machines side by side, each at its own step, the differences
 * listed in words (differences.ts, at most MAX_DIFFERENCES) and marked on both diagrams.
 *
 * The left side is the page's own scenario (its store: its step is the page's); the right side
 * has its own run, a second worker and a second scenario store, made when the view opens and
 * ended when it closes. The right side is the same text (two steps of it), or the same text with
 * one choice changed: the choices are the constants the text passes to calls, as the worker's
 * parser reports them with their place (choices.ts; the view never reads the text for meaning),
 * and the variant is that one place of the text replaced (withChoice). A link opened may also
 * name another lesson or text for the right side.
 *
 * Steps: ← / → (or "Both") move both sides one step; each side has its own step field and
 * buttons. "Copy link" makes one `#compare=` link of the comparison (compare_link.ts), with
 * `&present=1` in presentation mode. In presentation mode everything is large (≥ 3vh) and the two
 * diagrams share the screen's width, each laid out for its box. Every key pressed inside is the
 * view's: none reaches the page's commands.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../../store/scenario_store';
import type { SettingsStore } from '../../store/settings_store';
import type { KernelClient } from '../../worker/client';
import type { ConstantChoice } from '../../scenario/choices';
import { withChoice, type ChoiceChange } from '../../scenario/choice_text';
import type { MachineDiagram } from '../diagram/MachineDiagram';
import type { PanZoomTarget } from '../diagram/usePanZoom';
import type { PanZoom } from '../diagram/pan_zoom';
import { differences, MAX_DIFFERENCES, type DiffWords } from './differences';
import { compareLinkValue, compareUrl, decodeCompare, type CompareOrigin, type CompareLink } from './compare_link';

/** What the right side runs: the left's text, it with one constant changed, or (from a link) another lesson or text. */
type RightMode = { kind: 'same' } | { kind: 'change'; change: ChoiceChange } | { kind: 'other'; origin: CompareOrigin };

/** The choices offered at most (each choice with each of its alternatives). */
export const MAX_CHOICE_OPTIONS = 300;

const sameChange = (a: ChoiceChange, b: ChoiceChange) => a.line === b.line && a.col === b.col && a.from === b.from && a.to === b.to;

/** What the page gives the view (App.tsx): how to make the right side, fetch a lesson's text, and which lesson opens when a link fails. */
export interface CompareDeps {
  /** A second worker and a scenario store on it (steps shown whole, not played). */
  makeSide(): { client: Required<Pick<KernelClient, 'stop'>> & KernelClient; store: ScenarioStore };
  loadText(name: string): Promise<string>;
  defaultLesson: string;
  /** The page's diagram and its pan-zoom holder (given, not imported: importing them would split the page's own script). */
  Diagram: typeof MachineDiagram;
  PanZoomTarget: typeof PanZoomTarget;
  /** The page's formatters for the list of differences (differences.ts says why they are given). */
  words: DiffWords;
}

/** The right side's own worker and store, made once per view (ended on close). */
function useRightSide(deps: CompareDeps) {
  const [side] = useState(() => deps.makeSide());
  const ending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    // StrictMode mounts twice: an end asked for by the first unmount is called off by the mount after it
    if (ending.current !== null) clearTimeout(ending.current);
    return () => {
      ending.current = setTimeout(() => side.client.stop(), 0);
    };
  }, [side]);
  return side;
}

/** A side's state the view shows. */
function useSide(s: ScenarioStore) {
  const snapshot = useStore(s, (x) => x.snapshot);
  const cursor = useStore(s, (x) => x.cursor);
  const target = useStore(s, (x) => x.target);
  const total = useStore(s, (x) => x.total);
  const outcome = useStore(s, (x) => x.outcome);
  const source = useStore(s, (x) => x.source);
  const builtinName = useStore(s, (x) => x.builtinName);
  const banner = useStore(s, (x) => x.banner);
  return { snapshot, cursor, target, total, outcome, source, builtinName, banner };
}

export interface CompareViewProps {
  store: ScenarioStore;
  settings: SettingsStore;
  /** The `#compare=` value it was opened from, or null (its button: two steps of the page's scenario). */
  link: string | null;
  onClose(): void;
  deps: CompareDeps;
}

export default function CompareView({ store, settings, link, onClose, deps }: CompareViewProps) {
  const presentation = useStore(settings, (s) => s.presentation);
  const right = useRightSide(deps);
  const L = useSide(store);
  const R = useSide(right.store);
  const builtins = useStore(store, (s) => s.builtins);
  const builtinNames = useMemo(() => new Set(builtins.map((b) => b.name)), [builtins]);
  const [mode, setMode] = useState<RightMode>({ kind: 'same' });
  const [note, setNote] = useState<string | null>(null);
  const [choices, setChoices] = useState<{ choices: ConstantChoice[]; more: number } | null>(null);
  const [shared, setShared] = useState<{ url: string | null; note: string } | null>(null);
  /** The step the right side opens at (a link's, or the left's when opened), then its own. */
  const rightStep = useRef<number | null>(null);
  /** The step the right side was last opened at. */
  const asked = useRef(0);
  const root = useRef<HTMLDivElement>(null);

  // opening: from a link, both sides as it says; from the button, the left's step on both
  const started = useRef(false);
  // the focus goes back where it was (the Compare… button) when the view closes
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    return () => before?.focus?.();
  }, []);
  /** Set once opened: the right side waits for it (and for the left's text a link names: `expected`). */
  const [ready, setReady] = useState(false);
  const expected = useRef<string | null>(null);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    root.current?.focus();
    if (link === null) {
      rightStep.current = store.getState().target;
      setReady(true);
      return;
    }
    const r = decodeCompare(link, builtinNames);
    const s = store.getState();
    if (!r.ok) {
      if (s.source === '' && s.builtinName === null) s.loadBuiltin(deps.defaultLesson);
      s.setBanner(`This link could not be opened: ${r.message}.`);
      onClose();
      return;
    }
    const { left, leftStep, right: rightSide, rightStep: step } = r.link;
    void (async () => {
      // the right side is made of the left's text: it waits until the page shows that text
      expected.current = left.kind === 'text' ? left.source : await deps.loadText(left.name).catch(() => null);
      rightStep.current = step;
      if (left.kind === 'builtin') s.loadBuiltin(left.name, leftStep);
      else s.loadSource(left.source, leftStep);
      setMode(rightSide.kind === 'same' ? { kind: 'same' } : rightSide.kind === 'change' ? { kind: 'change', change: rightSide.change } : { kind: 'other', origin: rightSide });
      setReady(true);
    })();
  }, [link, builtinNames, store, onClose, deps]);

  // the right side runs what the mode says, of the left's text as it is now
  useEffect(() => {
    if (!ready) return;
    if (expected.current !== null) {
      if (L.source !== expected.current) return; // the link's left text is still on its way
      expected.current = null;
    }
    if (L.source === '' && mode.kind !== 'other') return; // the left's lesson text still on its way
    const rs = right.store.getState();
    // the step the right side is at, or is on its way to (a load answers after a while: its target is 0 meanwhile)
    const step = rightStep.current ?? (rs.loading || rs.outcome === null ? asked.current : rs.target);
    rightStep.current = null;
    asked.current = step;
    setNote(null);
    if (mode.kind === 'same') {
      if (L.builtinName !== null) rs.loadBuiltin(L.builtinName, step);
      else rs.loadSource(L.source, step);
    } else if (mode.kind === 'change') {
      const variant = withChoice(L.source, mode.change);
      if (variant === null) {
        setNote(`The choice to change (line ${mode.change.line}: ${mode.change.from}) is not in the left side's text: the right side runs the same text.`);
        rs.loadSource(L.source, step);
      } else rs.loadSource(variant, step);
    } else if (mode.origin.kind === 'builtin') rs.loadBuiltin(mode.origin.name, step);
    else rs.loadSource(mode.origin.source, step);
  }, [ready, mode, L.source, L.builtinName, right.store]);

  // the left text's choices, from the right side's worker (its parser)
  useEffect(() => {
    if (L.source === '') return;
    let live = true;
    void right.client.send({ type: 'choices', source: L.source }).then((reply) => {
      if (live && reply.type === 'choices') setChoices({ choices: reply.choices, more: reply.more });
    });
    return () => {
      live = false;
    };
  }, [L.source, right.client]);

  const options = useMemo(() => {
    const out: { change: ChoiceChange; label: string }[] = [];
    for (const c of choices?.choices ?? []) {
      for (const to of c.alternatives) {
        if (out.length >= MAX_CHOICE_OPTIONS) break;
        out.push({ change: { line: c.line, col: c.col, from: c.name, to }, label: `line ${c.line}: ${c.name} → ${to} (${c.call}, ${c.param})` });
      }
    }
    return out;
  }, [choices]);

  const sameText = L.source === R.source;
  const diff = useMemo(() => {
    if (L.snapshot === null || R.snapshot === null) return null;
    const steps = (o: typeof L.outcome) => (o === null || o.status === 'parse-error' ? null : o.steps);
    return differences({ snapshot: L.snapshot, step: L.cursor, steps: steps(L.outcome) }, { snapshot: R.snapshot, step: R.cursor, steps: steps(R.outcome) }, sameText, deps.words);
  }, [L.snapshot, L.cursor, L.outcome, R.snapshot, R.cursor, R.outcome, sameText, deps.words]);

  const both = (delta: number) => {
    void store.getState().goto(store.getState().target + delta);
    void right.store.getState().goto(right.store.getState().target + delta);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // every key pressed in the view is its own (the page's commands would move the page behind it)
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    const t = e.target as HTMLElement;
    if (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      both(e.key === 'ArrowRight' ? 1 : -1);
    }
  };

  const share = async () => {
    const s = store.getState();
    const left: CompareOrigin = s.builtinName !== null ? { kind: 'builtin', name: s.builtinName } : { kind: 'text', source: s.source };
    const made: CompareLink = {
      left, leftStep: s.target, rightStep: right.store.getState().target,
      right: mode.kind === 'other' ? mode.origin : mode.kind === 'change' ? { kind: 'change', change: mode.change } : { kind: 'same' },
    };
    const value = compareLinkValue(made, builtinNames);
    if (!value.ok) {
      setShared({ url: null, note: `Not shared: ${value.message}.` });
      return;
    }
    const url = compareUrl(window.location.href, value.value, presentation);
    try {
      await navigator.clipboard.writeText(url);
      setShared({ url, note: 'Link copied.' });
    } catch {
      setShared({ url, note: 'Copy the link below.' });
    }
  };

  const big = presentation;
  const button = `rounded border px-3 py-1 font-medium focus:outline focus:outline-2 focus:outline-sky-300 disabled:opacity-50 ${big ? 'border-white hover:bg-slate-800' : 'border-slate-400 hover:bg-slate-700'}`;
  const titleOf = (name: string | null) => builtins.find((b) => b.name === name)?.title ?? null;
  const rightLabel =
    mode.kind === 'same' ? 'the same scenario' : mode.kind === 'change' ? `${mode.change.from} changed to ${mode.change.to} (line ${mode.change.line})` : mode.origin.kind === 'builtin' ? (titleOf(mode.origin.name) ?? mode.origin.name) : 'a text from the link';

  return (
    <div
      ref={root}
      role="dialog"
      aria-modal="true"
      aria-label="Compare two machines"
      tabIndex={-1}
      onKeyDown={onKey}
      data-testid="compare-view"
      className={`fixed inset-0 z-40 flex flex-col gap-2 p-3 focus:outline-none ${big ? 'bg-black text-[3vh] leading-tight text-white' : 'overflow-auto bg-slate-950 text-slate-100'}`}
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 className={`font-semibold ${big ? 'text-[3.6vh]' : 'text-xl'}`}>Compare</h2>
        <fieldset className="flex items-center gap-3">
          <legend className="sr-only">The right side</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name="compare-mode" checked={mode.kind === 'same'} onChange={() => setMode({ kind: 'same' })} className={big ? 'h-[2.4vh] w-[2.4vh]' : undefined} />
            Two steps
          </label>
          <label className="flex items-center gap-1">
            <input
              type="radio" name="compare-mode" checked={mode.kind === 'change'} disabled={options.length === 0}
              onChange={() => options.length > 0 && setMode({ kind: 'change', change: (options.find((o) => o.change.from.startsWith('VM_INHERIT')) ?? options[0]).change })}
              className={big ? 'h-[2.4vh] w-[2.4vh]' : undefined}
            />
            One choice changed
          </label>
        </fieldset>
        {mode.kind === 'change' && (
          <label className="flex items-center gap-2">
            <span className="sr-only">The choice changed</span>
            <select
              data-testid="compare-choice"
              className={`max-w-[40rem] rounded border px-2 py-1 ${big ? 'border-white bg-black' : 'border-slate-500 bg-slate-900'}`}
              value={options.findIndex((o) => sameChange(o.change, mode.change))}
              onChange={(e) => {
                const o = options[Number(e.target.value)];
                if (o !== undefined) setMode({ kind: 'change', change: o.change });
              }}
            >
              {options.findIndex((o) => sameChange(o.change, mode.change)) < 0 && <option value={-1}>{`line ${mode.change.line}: ${mode.change.from} → ${mode.change.to}`}</option>}
              {options.map((o, i) => (
                <option key={i} value={i}>{o.label}</option>
              ))}
            </select>
          </label>
        )}
        <div className="flex items-center gap-2" role="group" aria-label="Both sides">
          <button type="button" className={button} onClick={() => both(-1)} aria-keyshortcuts="ArrowLeft">◀ Both back</button>
          <button type="button" className={button} onClick={() => both(1)} aria-keyshortcuts="ArrowRight">Both forward ▶</button>
          <button type="button" className={button} onClick={() => void right.store.getState().goto(store.getState().target)}>Right to the left's step</button>
        </div>
        <button type="button" className={button} onClick={() => void share()}>Copy link</button>
        <button type="button" className={`${button} ml-auto`} onClick={onClose} aria-keyshortcuts="Escape">Close</button>
      </div>
      {shared !== null && (
        <p className="flex flex-wrap items-center gap-2" role="status">
          {shared.note}
          {shared.url !== null && <input readOnly aria-label="The comparison's link" data-testid="compare-link" value={shared.url} className="min-w-[20rem] flex-1 rounded border border-slate-500 bg-slate-900 px-2 py-0.5" onFocus={(e) => e.target.select()} />}
        </p>
      )}
      {(note ?? R.banner) !== null && <p role="alert" className="rounded border border-amber-500 bg-amber-950 px-3 py-1 text-amber-100">{note ?? R.banner}</p>}
      <section aria-label="Differences" data-testid="compare-differences" className={`shrink-0 overflow-auto rounded border px-3 py-1 ${big ? 'max-h-[24vh] border-white' : 'max-h-[14rem] border-slate-700'}`}>
        {diff === null ? (
          <p>Running both sides…</p>
        ) : diff.items.length === 0 ? (
          <p>No differences: the two machines are the same here.</p>
        ) : (
          <>
            <ol className="list-disc pl-6">
              {diff.items.map((d, i) => (
                <li key={i}>{d.text}</li>
              ))}
            </ol>
            {diff.more > 0 && <p className={big ? '' : 'text-slate-300'}>…and {diff.more} more (only the first {MAX_DIFFERENCES} are listed).</p>}
            {diff.cut && <p className={big ? '' : 'text-slate-300'}>A big machine: only part of its pages and statements were compared.</p>}
          </>
        )}
      </section>
      <div className={`grid gap-3 ${big ? 'min-h-0 flex-1 grid-cols-2' : 'shrink-0 grid-cols-1 lg:grid-cols-2'}`}>
        <Side
          which="Left" title={titleOf(L.builtinName) ?? 'Your text'} store={store} side={L} marks={diff?.left} presentation={big} button={button} deps={deps}
        />
        <Side
          which="Right" title={rightLabel} store={right.store} side={R} marks={diff?.right} presentation={big} button={button} deps={deps}
        />
      </div>
    </div>
  );
}

function Side({ which, title, store, side, marks, presentation, button, deps }: {
  which: 'Left' | 'Right'; title: string; store: ScenarioStore; side: ReturnType<typeof useSide>; marks: Parameters<typeof MachineDiagram>[0]['changed']; presentation: boolean; button: string;
  deps: CompareDeps;
}) {
  const { Diagram, PanZoomTarget } = deps;
  // its own pan-zoom holder: the page's zoom keys keep theirs (the diagram behind the view)
  const panZoom = useRef<PanZoom | null>(null);
  const steps = side.outcome !== null && side.outcome.status !== 'parse-error' ? side.outcome.steps : null;
  const shown = steps !== null && side.cursor > 0 && side.cursor <= steps.text.length ? `line ${steps.line[side.cursor - 1]}: ${steps.text[side.cursor - 1]}` : 'nothing run yet';
  const [typed, setTyped] = useState<string | null>(null);
  let body: ReactNode;
  if (side.outcome?.status === 'parse-error') body = <p role="alert">This text does not parse: line {side.outcome.line}: {side.outcome.message}</p>;
  else if (side.snapshot === null) body = <p>Running…</p>;
  else {
    body = (
      <PanZoomTarget.Provider value={panZoom}>
        <Diagram snapshot={side.snapshot} highlight={marks} changed={marks} presentation={presentation} className={presentation ? 'h-full' : undefined} />
      </PanZoomTarget.Provider>
    );
  }
  const lower = which.toLowerCase();
  return (
    <section aria-label={`${which} side`} data-testid={`compare-${lower}`} data-step={side.cursor} className={`flex min-h-0 min-w-0 flex-col gap-1 rounded border p-2 ${presentation ? 'border-white' : 'border-slate-700'}`}>
      <div className="flex shrink-0 flex-wrap items-center gap-2">
        <h3 className="w-full truncate font-semibold" title={title}>{which}: {title}</h3>
        <span className="flex items-center gap-1">
          <button type="button" className={button} aria-label={`${which}: step back`} onClick={() => void store.getState().goto(store.getState().target - 1)}>◀</button>
          <label className="flex items-center gap-1">
            step
            <input
              type="number" min={0} max={side.total} aria-label={`${which} step`} data-testid={`compare-${lower}-step`}
              value={typed ?? String(side.target)}
              onChange={(e) => setTyped(e.target.value)}
              onBlur={() => setTyped(null)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                const n = Number((e.target as HTMLInputElement).value);
                if (Number.isInteger(n)) void store.getState().goto(n);
                setTyped(null);
              }}
              className={`w-[5em] rounded border px-1 ${presentation ? 'border-white bg-black' : 'border-slate-500 bg-slate-900'}`}
            />
            of {side.total}
          </label>
          <button type="button" className={button} aria-label={`${which}: step forward`} onClick={() => void store.getState().goto(store.getState().target + 1)}>▶</button>
        </span>
      </div>
      <p className={`shrink-0 truncate font-mono ${presentation ? '' : 'text-sm text-slate-300'}`} data-testid={`compare-${lower}-statement`}>{shown}</p>
      <div className={`min-h-0 min-w-0 rounded border ${presentation ? 'flex-1 overflow-hidden border-slate-500' : 'border-slate-800'}`}>{body}</div>
    </section>
  );
}
