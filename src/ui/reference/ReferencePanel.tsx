/**
 * The reference panel (key ?, the Reference button, a narration line's "Rule: ..."): the scenario
 * language and the kernel's rules at hand, in a panel on the right of the page (a lazy chunk of
 * its own). Generated: the language's entries come from scenario/reference.ts (which reads
 * language.ts's tables), the rules from narration/rules.ts, the keys from the command registry
 * (ShortcutsTable, as the shortcuts list shows it) -- nothing here lists the language again.
 *
 * Each entry: its signature, one line, its parameters (one line each) and an example with Insert
 * (editor_bridge.ts: at the editor's cursor; with no editor, appended to the text, which runs).
 * The search field filters as one types (reference_search.ts: the best match's section comes
 * first, the best match chosen); ↓ / ↑ choose among what is left, in the order shown,
 * Enter inserts the chosen entry's example (a rule has none: Enter shows it). Opened at an anchor
 * (an entry id, 'rule-trap'), the panel scrolls there and marks it. Escape or Close shuts it and
 * the focus goes back where it was. Non-modal: the page's keys work while the focus is outside the
 * search field. `large`: presentation mode's sizes (text ≥ 3vh, white on black).
 *
 * What the main script also holds (the shortcuts table) comes in by props, as the export menu's
 * words do: a lazy chunk importing the main script's modules makes the bundler split them out of
 * it (export/lazy_views.ts, whose chunk this panel shares). The editor bridge is not in the main
 * script (the editor's own chunk registers with it), so the panel imports it.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ShortcutsTable } from '../ShortcutsTable';
import type { ScenarioStore } from '../../store/scenario_store';
import { insertIntoEditor } from '../editor_bridge';
import { ITEMS, SECTIONS, searchReference, type ReferenceItem } from './reference_search';

export interface ReferenceRequest {
  /** The entry to show, or null: the search field gets the focus. */
  anchor: string | null;
  /** Counts the requests, so that opening at the same anchor again scrolls again. */
  n: number;
}

/** The DOM id of an item's element. */
const domId = (base: string, id: string) => `${base}-${id}`;

export interface ReferencePanelProps {
  request: ReferenceRequest;
  /** The scenario, whose text Insert edits when no editor is mounted. */
  store: ScenarioStore;
  large?: boolean;
  onClose: () => void;
}

export function ReferencePanel({ request, store, large = false, onClose }: ReferencePanelProps) {
  const base = useId().replace(/:/g, '');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<string | null>(request.anchor);
  const [status, setStatus] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const returnTo = useRef<Element | null>(null);
  const best = useMemo(() => searchReference(query), [query]);
  // shown by section, the section of the best match first; the arrows go in this order
  const sections = useMemo(() => {
    const first = (kind: string) => best.findIndex((it) => it.kind === kind);
    return SECTIONS.map((s) => ({ ...s, items: best.filter((it) => it.kind === s.kind) }))
      .filter((s) => s.items.length > 0)
      .sort((a, b) => first(a.kind) - first(b.kind));
  }, [best]);
  const found = useMemo(() => sections.flatMap((s) => s.items), [sections]);

  // the focus comes back where it was when the panel closes
  useEffect(() => {
    returnTo.current = document.activeElement;
    return () => {
      const back = returnTo.current as HTMLElement | null;
      if (back !== null && back.isConnected && typeof back.focus === 'function') back.focus();
    };
  }, []);

  // opened (again) at an anchor: clear the search, show the entry and focus it; otherwise focus the search field
  useEffect(() => {
    if (request.anchor === null) {
      search.current?.focus();
      return;
    }
    setQuery('');
    setActive(request.anchor);
    requestAnimationFrame(() => {
      const el = document.getElementById(domId(base, request.anchor!));
      el?.scrollIntoView({ block: 'start' });
      el?.focus({ preventScroll: true });
    });
  }, [request.n, request.anchor, base]);

  // the chosen entry: the one asked for while it is shown, else the best match
  const shownActive = found.some((it) => it.id === active) ? active : (found[0]?.id ?? null);

  const choose = (id: string | null) => {
    setActive(id);
    if (id !== null) document.getElementById(domId(base, id))?.scrollIntoView({ block: 'nearest' });
  };

  const insert = (item: ReferenceItem) => {
    const example = item.entry?.example;
    if (example === undefined) return;
    const inEditor = insertIntoEditor(`${example}\n`, store);
    setStatus(inEditor ? `Inserted the example of ${item.name} at the editor's cursor.` : `Appended the example of ${item.name} to the scenario.`);
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Enter') return;
    e.preventDefault();
    if (found.length === 0) return;
    const at = found.findIndex((it) => it.id === shownActive);
    if (e.key === 'Enter') {
      const item = at >= 0 ? found[at] : found[0];
      if (item.entry !== undefined) insert(item);
      else choose(item.id);
      return;
    }
    const next = e.key === 'ArrowDown' ? (at < 0 ? 0 : Math.min(found.length - 1, at + 1)) : Math.max(0, at - 1);
    choose(found[next].id);
  };

  const skin = large ? 'w-[64vw] border-l-[0.3vh] border-white bg-black text-[3vh] text-white' : 'w-[40rem] max-w-[95vw] border-l border-slate-500 bg-slate-900 text-base text-slate-100';
  const muted = large ? 'text-slate-200' : 'text-slate-300';
  const buttonLook = large
    ? 'rounded border-[0.25vh] border-slate-300 px-[0.7vw] py-[0.3vh] font-medium hover:bg-slate-800 focus-visible:outline focus-visible:outline-[0.45vh] focus-visible:outline-sky-300'
    : 'rounded border border-slate-400 px-2 py-0.5 font-medium hover:bg-slate-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-300';

  return (
    <div
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${base}-title`}
      data-testid="reference"
      className={`fixed bottom-0 right-0 top-0 z-50 flex flex-col shadow-2xl ${skin}`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Escape closes the panel only (in presentation mode it does not also leave it)
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }}
    >
      <div className="flex flex-col gap-2 border-b border-slate-600 p-3">
        <div className="flex items-center gap-3">
          <h2 id={`${base}-title`} className="flex-1 font-semibold">
            Language reference
          </h2>
          <button type="button" className={buttonLook} onClick={onClose}>
            Close
          </button>
        </div>
        <label className="flex flex-col gap-1">
          <span className={muted}>Search (↓ ↑ choose, Enter inserts the example)</span>
          <input
            ref={search}
            type="search"
            value={query}
            placeholder="vm_map, VM_PROT_READ, fork, shadow…"
            aria-describedby={`${base}-status`}
            data-testid="reference-search"
            className="font-code rounded border border-slate-400 bg-black px-2 py-1 text-white focus:outline focus:outline-2 focus:outline-sky-300"
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(null);
            }}
            onKeyDown={onSearchKey}
          />
        </label>
        <p id={`${base}-status`} role="status" className={`${large ? '' : 'text-sm'} ${muted}`}>
          {status !== '' ? status : `${found.length === ITEMS.length ? 'Every entry' : `${found.length} of ${ITEMS.length} entries`}${found.length > 0 ? `; chosen: ${found.find((it) => it.id === shownActive)?.name ?? ''}` : ''}.`}
        </p>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-3">
        {found.length === 0 && <p className={muted}>Nothing matches “{query}”.</p>}
        {sections.map((s) => {
          return (
            <section key={s.kind} aria-label={s.title} className="mb-4">
              <h3 className="mb-2 font-semibold text-sky-300">{s.title}</h3>
              <ul className="flex flex-col gap-3">
                {s.items.map((it) => (
                  <Entry key={it.id} item={it} elementId={domId(base, it.id)} active={it.id === shownActive} large={large} buttonLook={buttonLook} muted={muted} onInsert={() => insert(it)} />
                ))}
              </ul>
            </section>
          );
        })}
        {query.trim() === '' && (
          <section aria-label="Keyboard shortcuts" className="mb-4">
            <ShortcutsTable caption="Keyboard shortcuts" />
          </section>
        )}
      </div>
    </div>
  );
}

function Entry({ item, elementId, active, large, buttonLook, muted, onInsert }: {
  item: ReferenceItem; elementId: string; active: boolean; large: boolean; buttonLook: string; muted: string; onInsert: () => void;
}) {
  const e = item.entry;
  const r = item.rule;
  const ring = active ? (large ? 'outline outline-[0.3vh] outline-fuchsia-300' : 'outline outline-2 outline-fuchsia-400') : '';
  const code = `font-code ${large ? '' : 'text-sm'}`;
  return (
    <li id={elementId} data-entry={item.id} aria-current={active ? 'true' : undefined} tabIndex={-1} className={`rounded p-2 focus:outline-sky-300 ${ring}`}>
      <h4 className="font-semibold">
        {e !== undefined ? <code className={code}>{e.signature}</code> : r?.title}
      </h4>
      <p>{e !== undefined ? e.summary : r?.text}</p>
      {e !== undefined && e.params.length > 0 && (
        <dl className={`mt-1 grid grid-cols-[max-content_1fr] gap-x-3 ${muted}`} data-testid="reference-params">
          {e.params.map((p) => (
            <div key={p.name} className="contents">
              <dt className={code}>{p.kind === 'out' || p.kind === 'inout' ? `&${p.name}` : p.name}</dt>
              <dd>{p.doc}</dd>
            </div>
          ))}
        </dl>
      )}
      {e?.value !== undefined && e.kind === 'constant' && <p className={muted}>Value: {e.value}</p>}
      {r !== undefined && <p className={muted}>Mach: <span className={code}>{r.functions.join(', ')}</span></p>}
      {e !== undefined && (
        <div className="mt-1 flex items-start gap-2">
          <pre className={`${code} flex-1 overflow-x-auto whitespace-pre-wrap rounded bg-black px-2 py-1 text-slate-100`}>{e.example}</pre>
          <button type="button" className={buttonLook} aria-label={`Insert the example of ${e.name}`} onClick={onInsert}>
            Insert
          </button>
        </div>
      )}
    </li>
  );
}
