/**
 * More of a long byte string, on demand: a hex and text dump of one page of it (BYTE_PAGE bytes,
 * 16 a line), asked of the worker when shown, with buttons for the next and previous pages. Only
 * the page shown is held: a 16 MiB read is looked through, never copied to the UI whole. It opens
 * as a panel over the page (the statement list is too narrow for a dump), takes the focus, and
 * closes on Close or Escape (the opener then takes the focus back).
 */
import { useEffect, useRef, useState } from 'react';
import { BYTE_PAGE } from '../worker/shown_record';
import { count } from './count';

/** Fetches up to BYTE_PAGE bytes from `offset` (store.fetchBytes for one statement's variable). */
export type FetchPage = (offset: number) => Promise<{ bytes: Uint8Array; length: number } | null>;

const LINE = 16;

/** "00000040  68 69 0a …  |hi.|": one line of the dump (offset in hex, bytes, printable ASCII else '.'). */
export function dumpLine(offset: number, bytes: Uint8Array): string {
  const hexes = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = [...bytes].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `${offset.toString(16).padStart(8, '0')}  ${hexes.padEnd(LINE * 3 - 1)}  |${text}|`;
}

export function ByteDump({ name, length, fetchPage, onClose }: { name: string; length: number; fetchPage: FetchPage; onClose: () => void }) {
  const [offset, setOffset] = useState(0);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);
  const [page, setPage] = useState<{ offset: number; bytes: Uint8Array } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    void fetchPage(offset).then((got) => {
      if (!live) return;
      if (got === null) setFailed(true);
      else setPage({ offset, bytes: got.bytes });
    });
    return () => {
      live = false;
    };
  }, [offset, fetchPage]);
  const lines: string[] = [];
  if (page !== null) for (let i = 0; i < page.bytes.length; i += LINE) lines.push(dumpLine(page.offset + i, page.bytes.subarray(i, i + LINE)));
  const end = Math.min(length, offset + BYTE_PAGE);
  return (
    <div
      ref={panel}
      tabIndex={-1}
      role="dialog"
      aria-label={`The bytes of ${name}`}
      data-testid="byte-dump"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
      className="fixed left-1/2 top-24 z-50 flex max-h-[80vh] w-[min(44rem,96vw)] -translate-x-1/2 flex-col gap-1 rounded border border-sky-400 bg-slate-950 p-3 text-sm shadow-2xl focus:outline focus:outline-2 focus:outline-sky-300"
    >
      <div className="flex flex-wrap items-center gap-2 text-slate-300">
        <span className="font-medium text-slate-100">
          {name}: bytes {count(offset)} to {count(end - 1)} of {count(length)}
        </span>
        <button type="button" className="rounded border border-slate-500 px-2" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - BYTE_PAGE))}>
          Previous {count(BYTE_PAGE)} bytes
        </button>
        <button type="button" className="rounded border border-slate-500 px-2" disabled={end >= length} onClick={() => setOffset(offset + BYTE_PAGE)}>
          Next {count(BYTE_PAGE)} bytes
        </button>
        <button type="button" className="ml-auto rounded border border-slate-500 px-2" onClick={onClose}>
          Close
        </button>
      </div>
      {failed ? (
        <p className="text-amber-300">The bytes are no longer available (the scenario was reloaded).</p>
      ) : (
        <pre data-testid="byte-dump-lines" className="min-h-0 overflow-auto text-xs leading-tight text-slate-200">
          {page === null ? 'Loading…' : lines.join('\n')}
        </pre>
      )}
    </div>
  );
}
