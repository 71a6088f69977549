/**
 * Stand-ins that reserve the space of the scenario toolbar while its chunk (export/lazy_views.ts:
 * Open .vms, the export menu) arrives: the same boxes with the same text and classes, invisible and
 * hidden from assistive technology, so the editor below does not jump down when the real ones come
 * (a layout shift: issue 18, CLS ≤ 0.02). Kept in step with ImportScenario's LABEL and ExportMenu's
 * BUTTON and buttons by hand: this file is in the main bundle, they are not.
 */
const BOX = 'rounded border border-slate-500 px-3 py-1.5 font-medium';

/** Where "Open .vms" comes (ImportScenario). */
export function OpenStandIn() {
  return (
    <span aria-hidden="true" className={`invisible ${BOX}`} data-testid="open-stand-in">
      Open .vms
    </span>
  );
}

/** Where the export menu comes (ExportMenu: Export SVG, Export PNG, Light sheet, Save .vms, Handout…, Embed…). */
export function ExportStandIn() {
  return (
    <div aria-hidden="true" className="invisible flex flex-wrap items-center gap-2" data-testid="export-stand-in">
      <span className={BOX}>Export SVG</span>
      <span className={BOX}>Export PNG</span>
      <span className="flex items-center gap-1.5">
        <input type="checkbox" disabled tabIndex={-1} />
        Light sheet
      </span>
      <span className={BOX}>Save .vms</span>
      <span className={BOX}>Handout…</span>
      <span className={BOX}>Embed…</span>
    </div>
  );
}
