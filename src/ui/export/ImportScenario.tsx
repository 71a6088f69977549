/**
 * Open a scenario file: an "Open .vms" button (a file picker), and a file dropped anywhere on the
 * page. The file's text replaces the editor's text (store.loadSource), exactly as if it had been
 * typed or pasted: nothing more runs than for any scenario. Files too large to hold a scenario
 * (MAX_FILE_BYTES, text_limits.ts: as the CLI), and files that are not text (a NUL byte in the first
 * 4 KB), are refused with a banner naming the file.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { ScenarioStore } from '../../store/scenario_store';
import { formatCount, MAX_FILE_BYTES, MAX_SOURCE_LENGTH } from '../../scenario/text_limits';
import { takeEarlyDrop } from '../early_drop';

/** The largest file opened (scenarios are a few KB): one that could hold the longest text the editor takes. */
export const MAX_SCENARIO_BYTES = MAX_FILE_BYTES;
/** How much of the file is looked at for NUL bytes. */
const SNIFF_BYTES = 4096;

const LABEL =
  'cursor-pointer rounded border border-slate-500 bg-slate-800 px-3 py-1.5 font-medium text-slate-100 hover:bg-slate-700 focus-within:outline focus-within:outline-2 focus-within:outline-sky-300';

/** A file name as shown in a message: quoted, and shortened if very long. */
function shown(name: string): string {
  const n = name === '' ? 'the file' : name.length > 80 ? `${name.slice(0, 77)}…` : name;
  return `"${n}"`;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Reads a Blob's bytes (Blob.arrayBuffer where it exists, FileReader otherwise). */
function readBytes(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(blob);
  });
}

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

/** The text of a scenario file, or why it is refused (the message names the file). */
export async function readScenarioFile(file: File): Promise<ReadResult> {
  const name = shown(file.name);
  if (file.size > MAX_SCENARIO_BYTES) {
    return {
      ok: false,
      message: `${name} is too large to open (${sizeText(file.size)}; a scenario is at most ${formatCount(MAX_SOURCE_LENGTH)} characters, so its file at most ${formatCount(MAX_FILE_BYTES)} bytes). Scenario files are plain text of a few KB.`,
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readBytes(file));
  } catch (e) {
    return { ok: false, message: `${name} could not be read (${e instanceof Error ? e.message : String(e)}).` };
  }
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) {
    return { ok: false, message: `${name} is not a text file, so it cannot be a scenario. Open a .vms file (plain text).` };
  }
  // UTF-8 (a BOM is dropped); a stray invalid byte becomes U+FFFD and shows up in the editor
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes) };
}

function hasFiles(e: DragEvent): boolean {
  const types = e.dataTransfer?.types;
  if (types === undefined || types === null) return false;
  return Array.from(types).includes('Files');
}

export function ImportScenario({ store }: { store: ScenarioStore }) {
  const [dragging, setDragging] = useState(false);
  // only the newest file counts when two are opened quickly
  const latest = useRef(0);

  const open = async (file: File | undefined | null) => {
    if (file === undefined || file === null) return;
    const ticket = ++latest.current;
    const result = await readScenarioFile(file);
    if (ticket !== latest.current) return;
    const state = store.getState();
    if (!result.ok) {
      state.setBanner(result.message);
      return;
    }
    state.setBanner(null);
    state.loadSource(result.text);
  };
  // the drop handler is installed once: it calls the newest `open` through a ref
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  });

  useEffect(() => {
    // dragenter / dragleave fire for every element crossed: count them to know when the drag left the window
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // allows the drop (and stops the browser from opening the file itself)
      if (e.dataTransfer !== null) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      void openRef.current(e.dataTransfer?.files?.[0]);
    };
    const end = () => {
      depth = 0;
      setDragging(false);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    // a file dropped before this code arrived (early_drop.ts, from the page's start) is opened now
    const early = takeEarlyDrop();
    if (early !== null) void openRef.current(early);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('dragend', end);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('dragend', end);
    };
  }, []);

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // picking the same file again is a change too
    void open(file);
  };

  return (
    <>
      <label className={LABEL} title="Open a scenario file (.vms); you can also drop one anywhere on the page">
        Open .vms
        <input type="file" accept=".vms,text/plain" className="sr-only" data-testid="open-vms" onChange={onChange} />
      </label>
      {dragging && (
        <div
          data-testid="drop-overlay"
          role="status"
          aria-live="polite"
          className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-slate-950/80 p-8"
        >
          <p className="rounded-lg border-2 border-dashed border-sky-300 bg-slate-900 px-8 py-6 text-xl font-medium text-slate-100">
            Drop a .vms file to open it
          </p>
        </div>
      )}
    </>
  );
}
