/**
 * Export: the diagram at the cursor as SVG or PNG (mach-vm-<name>-step-<cursor>.svg / .png), and
 * the scenario text as a .vms file. "Light sheet" makes the pictures print-friendly (light_sheet.ts:
 * white paper, dark ink, the lesson's title, the step, its statement and its caption; file names
 * end in -light). Handout… opens the handout of the lesson's marked steps (onHandout), Embed… the
 * embed builder (onEmbed). Everything happens in the browser; nothing is uploaded. It follows
 * whether there is a machine, not the step: stepping does not re-render it.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioStore } from '../../store/scenario_store';
import { diagramFileName, downloadBlob, downloadText, scenarioFileName, serializeDiagram, svgToPngBlob } from './svg_export';
import { serializeLightSheet } from './light_sheet';
import { sheetText } from './sheet_text';
import type { SheetWords } from '../sheet_words';

// the same as Controls.tsx's BUTTON
const BUTTON = 'rounded border border-slate-500 bg-slate-800 px-3 py-1.5 font-medium text-slate-100 hover:bg-slate-700 focus:outline focus:outline-2 focus:outline-sky-300 disabled:opacity-40';

export interface ExportMenuProps {
  store: ScenarioStore;
  /** The diagram's <svg>, or null while there is none (findDiagramSvg from svg_export finds it). */
  getSvg: () => SVGSVGElement | null;
  /** Opens the handout of the lesson's marked steps (absent: no Handout… button). */
  onHandout?: () => void;
  /** Opens the embed builder (absent: no Embed… button). */
  onEmbed?: () => void;
  /** The light sheet's caption and text display (sheet_words.ts, from the main script); without it, no Light sheet option. */
  words?: SheetWords;
}

export function ExportMenu({ store, getSvg, onHandout, onEmbed, words }: ExportMenuProps) {
  const builtinName = useStore(store, (s) => s.builtinName);
  // whether there is a machine to draw, not which: a step does not re-render the menu (the file name reads the step when it is made)
  const hasMachine = useStore(store, (s) => s.snapshot !== null);
  const [hasSvg, setHasSvg] = useState(false);
  const [busy, setBusy] = useState(false);
  const [light, setLight] = useState(false);

  // the diagram is drawn by another component: look for it once the page is committed, and again
  // whenever a machine comes or goes (it appears with the first snapshot), and at the next frame (the
  // diagram draws its first picture once it has measured its box, in a render of its own)
  useEffect(() => {
    const look = () => setHasSvg(getSvg() !== null);
    look();
    const frame = requestAnimationFrame(look);
    return () => cancelAnimationFrame(frame);
  }, [getSvg, hasMachine]);

  const svgText = (): string | null => {
    const svg = getSvg();
    if (svg === null) {
      setHasSvg(false);
      return null;
    }
    if (!light || words === undefined) return serializeDiagram(svg);
    const s = store.getState();
    const names = { task: (id: number) => s.taskNames[id] ?? `task ${id}`, pageSize: s.snapshot?.pageSize };
    return serializeLightSheet(svg, sheetText({ builtins: s.builtins, builtinName: s.builtinName, origin: s.origin, outcome: s.outcome, total: s.total, step: s.cursor, caption: words.captionOf(s.record, names), words }));
  };
  const fileName = (ext: 'svg' | 'png') => diagramFileName(builtinName, store.getState().cursor, ext).replace(/\.(svg|png)$/, light ? '-light.$1' : '.$1');

  const exportSvg = () => {
    const text = svgText();
    if (text === null) return;
    downloadText(text, fileName('svg'), 'image/svg+xml');
  };

  const exportPng = async () => {
    const text = svgText();
    if (text === null) return;
    const name = fileName('png');
    setBusy(true);
    try {
      downloadBlob(await svgToPngBlob(text, 2), name);
    } catch (e) {
      store.getState().setBanner(`The PNG could not be made (${e instanceof Error ? e.message : String(e)}). Try Export SVG instead.`);
    } finally {
      setBusy(false);
    }
  };

  const saveSource = () => {
    const { source, builtinName: name } = store.getState();
    downloadText(source, scenarioFileName(name), 'text/plain');
  };

  return (
    <div role="group" aria-label="Export" className="flex flex-wrap items-center gap-2">
      <button type="button" className={BUTTON} onClick={exportSvg} disabled={!hasSvg} title="The diagram at this step, as an SVG file">
        Export SVG
      </button>
      <button type="button" className={BUTTON} onClick={() => void exportPng()} disabled={!hasSvg || busy} title="The diagram at this step, as a PNG image (2×)">
        Export PNG
      </button>
      {words !== undefined && (<label className="flex items-center gap-1.5 text-slate-200" title="White paper and dark ink, with the lesson's title, the step, its statement and its caption: for exam sheets and handouts">
        <input type="checkbox" checked={light} onChange={(e) => setLight(e.target.checked)} className="accent-sky-400" />
        Light sheet
      </label>)}
      <button type="button" className={BUTTON} onClick={saveSource} title="The scenario text, as a .vms file">
        Save .vms
      </button>
      {onHandout !== undefined && (
        <button type="button" className={BUTTON} onClick={onHandout} title="The lesson's marked steps as printable pages (print to PDF)">
          Handout…
        </button>
      )}
      {onEmbed !== undefined && (
        <button type="button" className={BUTTON} onClick={onEmbed} title="The code of an iframe showing this lesson in a course page">
          Embed…
        </button>
      )}
    </div>
  );
}
