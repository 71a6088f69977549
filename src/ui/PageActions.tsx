/**
 * Clicking a page of a task in the diagram offers to read or write it: the choice is appended to
 * the scenario as a statement (so it is part of the text, shareable and replayable) and the
 * timeline runs to it.
 */
import { useEffect, useRef, useState } from 'react';
import type { ScenarioStore } from '../store/scenario_store';
import { quoteBytes } from '../scenario/values';
import { hex } from '../kernel/vm_param';

export interface PagePick {
  task: string;
  address: number;
}

/** The statement a page action appends (kept pure for tests). */
export function pageStatement(kind: 'read' | 'write', pick: PagePick, data: string): string {
  if (kind === 'read') return `kr = read(${pick.task}, ${hex(pick.address)}, ${Math.max(1, new TextEncoder().encode(data).length)}, &v)`;
  return `kr = write(${pick.task}, ${hex(pick.address)}, ${quoteBytes(new TextEncoder().encode(data))})`;
}

export function appendStatement(source: string, statement: string): string {
  return source === '' || source.endsWith('\n') ? `${source}${statement}\n` : `${source}\n${statement}\n`;
}

export function PageActions({ store, pick, onClose }: { store: ScenarioStore; pick: PagePick; onClose: () => void }) {
  const [data, setData] = useState('hi');
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), [pick]);
  const act = (kind: 'read' | 'write') => {
    const s = store.getState();
    s.editSource(appendStatement(s.source, pageStatement(kind, pick, data)));
    void s.reload(Number.MAX_SAFE_INTEGER);
    onClose();
  };
  return (
    <div
      role="dialog"
      aria-label={`Access task ${pick.task} at ${hex(pick.address)}`}
      data-testid="page-actions"
      className="flex flex-wrap items-center gap-2 rounded border border-sky-400 bg-slate-900 p-2 text-slate-100"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <span className="font-code">
        task {pick.task} at {hex(pick.address)}:
      </span>
      <button ref={first} type="button" className="rounded border border-slate-500 px-2 py-1 hover:bg-slate-700" onClick={() => act('read')}>
        Read
      </button>
      <label className="flex items-center gap-1">
        <span>bytes</span>
        <input aria-label="Bytes to write" className="font-code w-28 rounded border border-slate-600 bg-slate-800 px-1" value={data} onChange={(e) => setData(e.target.value)} />
      </label>
      <button type="button" className="rounded border border-slate-500 px-2 py-1 hover:bg-slate-700" onClick={() => act('write')}>
        Write
      </button>
      <button type="button" className="rounded px-2 py-1 text-slate-400 hover:text-slate-100" onClick={onClose}>
        Cancel
      </button>
    </div>
  );
}
