/**
 * The what-if menu (a lazy chunk: PageActions.tsx loads it on the first click): a page or a map
 * entry of a task was clicked (or Enter pressed on it) in the diagram at the cursor. It offers, for
 * the page, Read and Write (the bytes to write in a field), and for the whole entry the page is in,
 * Protect (a VM_PROT_* choice), Inherit (a VM_INHERIT_* choice) and Deallocate. The statement
 * chosen goes into the text right after the statement run at the cursor (what_if.ts says where and
 * how addresses are written: `x + 0x2000` when a variable names the entry), the text runs again
 * and the timeline goes to the step that runs it; the editor, if one is mounted, shows the new line
 * (editor_bridge.ts). A lesson changed so stays that lesson, changed (the store's origin): the lesson
 * bar offers the way back. Escape (or Cancel) closes the menu and gives the focus back to what was
 * clicked. While the text does not run (a parse error, a load under way) nothing can be inserted.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../../store/scenario_store';
import { revealLine } from '../editor_bridge';
import { hex } from '../../kernel/vm_param';
import {
  addressText, deallocateStatement, firstChange, inheritStatement, INHERITANCE_VALUES, INHERITANCES, insertLine, namingVariable, protectStatement,
  PROTECTION_VALUES, PROTECTIONS, readStatement, whatIfPlace, writeStatement, type NamedEntry,
} from './what_if';

export interface WhatIfPick {
  task: string;
  address: number;
}

const BUTTON = 'rounded border border-slate-400 bg-slate-800 px-2 py-1 font-medium hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300 disabled:opacity-50';
const FIELD = 'rounded border border-slate-500 bg-slate-800 px-1 py-0.5 text-slate-100 focus:outline focus:outline-2 focus:outline-sky-300';

export default function WhatIfMenu({ store, pick, onClose }: { store: ScenarioStore; pick: WhatIfPick; onClose: () => void }) {
  const snapshot = useStore(store, (s) => s.snapshot);
  const cursor = useStore(store, (s) => s.cursor);
  const outcome = useStore(store, (s) => s.outcome);
  const loading = useStore(store, (s) => s.loading);
  const steps = outcome !== null && outcome.status !== 'parse-error' ? outcome.steps : null;
  const [data, setData] = useState('hi');
  const first = useRef<HTMLButtonElement>(null);
  // what was clicked gets the focus back when the menu closes
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    opener.current = document.activeElement;
    first.current?.focus();
  }, [pick]);
  const close = () => {
    onClose();
    const back = opener.current;
    if (back instanceof HTMLElement || back instanceof SVGElement) if (back.isConnected) back.focus();
  };

  // the entry the page is in, in the machine at the cursor, and the variable naming its start there
  const entry = useMemo((): (NamedEntry & { protection: number; inheritance: number }) | null => {
    const e = snapshot?.tasks.find((t) => t.name === pick.task)?.entries.find((x) => x.start <= pick.address && pick.address < x.end);
    if (e === undefined) return null;
    return { start: e.start, end: e.end, name: steps === null ? null : namingVariable(steps, cursor, e.start), protection: e.protection, inheritance: e.inheritance };
  }, [snapshot, pick, steps, cursor]);
  const [protection, setProtection] = useState<string>(() => firstChange(PROTECTIONS, PROTECTION_VALUES, entry?.protection ?? -1));
  const [inheritance, setInheritance] = useState<string>(() => firstChange(INHERITANCES, INHERITANCE_VALUES, entry?.inheritance ?? -1));

  const ready = steps !== null && !loading;
  const place = steps === null ? null : whatIfPlace(steps, cursor);
  const address = addressText(pick.address, entry);

  const insert = (statement: string) => {
    const s = store.getState();
    const o = s.outcome;
    if (o === null || o.status === 'parse-error' || s.loading) return;
    const at = whatIfPlace(o.steps, s.cursor);
    const { source, line } = insertLine(s.source, at.after, statement);
    s.editSource(source);
    void s.reload(at.step);
    // once the editor has the new text
    setTimeout(() => revealLine(line), 0);
    close();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    // the menu's Escape: not the page's (leaving presentation mode)
    e.stopPropagation();
    e.preventDefault();
    close();
  };

  return (
    <div
      role="dialog"
      aria-label={`What if: task ${pick.task} at ${hex(pick.address)}`}
      data-testid="what-if"
      className="flex flex-col gap-2 rounded border border-sky-400 bg-slate-900 p-2 text-slate-100 [html[data-presentation=true]_&]:text-[3vh]"
      onKeyDown={onKeyDown}
    >
      <p className="text-slate-300" data-testid="what-if-place">
        {!ready
          ? loading
            ? 'Running the text…'
            : 'The text has an error: fix it first, then ask what if.'
          : place !== null && place.step > 1
            ? `What if, after step ${cursor} (line ${place.after}): the statement goes on the next line and runs as step ${place.step}.`
            : 'What if, before everything: the statement goes before the first one and runs as step 1.'}
      </p>
      <div role="group" aria-label="The page" className="flex flex-wrap items-center gap-2">
        <span className="font-code">
          task {pick.task}, page {address}
          {address !== hex(pick.address) && <span className="text-slate-300"> ({hex(pick.address)})</span>}:
        </span>
        <button ref={first} type="button" className={BUTTON} disabled={!ready} onClick={() => insert(readStatement(pick.task, address, data))}>
          Read
        </button>
        <label className="flex items-center gap-1">
          <span>bytes</span>
          <input aria-label="Bytes to write" className={`font-code w-28 ${FIELD}`} value={data} onChange={(e) => setData(e.target.value)} />
        </label>
        <button type="button" className={BUTTON} disabled={!ready} onClick={() => insert(writeStatement(pick.task, address, data))}>
          Write
        </button>
      </div>
      {entry !== null && (
        <div role="group" aria-label="The whole entry" className="flex flex-wrap items-center gap-2">
          <span className="font-code">
            the entry {addressText(entry.start, entry)}, {hex(entry.end - entry.start)} bytes:
          </span>
          <select aria-label="New protection" className={`font-code ${FIELD}`} value={protection} onChange={(e) => setProtection(e.target.value)}>
            {PROTECTIONS.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
          <button type="button" className={BUTTON} disabled={!ready} onClick={() => insert(protectStatement(pick.task, entry, protection))}>
            Protect
          </button>
          <select aria-label="New inheritance" className={`font-code ${FIELD}`} value={inheritance} onChange={(e) => setInheritance(e.target.value)}>
            {INHERITANCES.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
          <button type="button" className={BUTTON} disabled={!ready} onClick={() => insert(inheritStatement(pick.task, entry, inheritance))}>
            Inherit
          </button>
          <button type="button" className={BUTTON} disabled={!ready} onClick={() => insert(deallocateStatement(pick.task, entry))}>
            Deallocate
          </button>
        </div>
      )}
      <div>
        <button type="button" className="rounded px-2 py-1 text-slate-300 hover:text-slate-100 focus:outline focus:outline-2 focus:outline-sky-300" onClick={close}>
          Cancel
        </button>
      </div>
    </div>
  );
}
