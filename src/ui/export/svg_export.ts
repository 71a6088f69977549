/**
 * Export helpers: the machine diagram as a standalone SVG document (for slides and exam sheets),
 * the same rasterized to PNG, and file downloads through a temporary <a download>.
 *
 * serializeDiagram works on a clone: the page's diagram is never touched. Every label is real SVG
 * text, so the exported picture keeps them all (and the data-testid attributes, so a test or a
 * script can find the elements again). Colours are inline attributes in the diagram, so no
 * stylesheet is needed; only a background rectangle is added, since a slide or a PDF has its own.
 */
import { DARK, PRESENTATION } from '../diagram/theme';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** The diagram's <svg> (MachineDiagram's aria-label starts with "Machine diagram"), or null. */
export function findDiagramSvg(root: ParentNode = document): SVGSVGElement | null {
  return root.querySelector<SVGSVGElement>('svg[aria-label^="Machine diagram"]');
}

export interface SerializeOptions {
  /**
   * The colour of the background rectangle. By default the app's own: the dark theme's, or black
   * when the diagram is in presentation mode (data-presentation="true").
   */
  background?: string;
  /**
   * Keep the zoom / pan transform of the diagram's viewport (data-testid="diagram-viewport").
   * Off by default: the export is the whole diagram, however the user zoomed.
   */
  keepZoom?: boolean;
}

/** Attributes only the live page needs (focus order, hover and touch behaviour). */
const INTERACTIVE_ATTRIBUTES = ['tabindex', 'focusable', 'contenteditable', 'draggable'];
/** Inline style properties only the live page needs. */
const INTERACTIVE_STYLES = new Set(['cursor', 'touch-action', 'transition', 'user-select', 'pointer-events', 'outline']);

function viewBoxOf(svg: Element): { x: number; y: number; w: number; h: number } | null {
  const parts = (svg.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || parts[2] <= 0 || parts[3] <= 0) return null;
  return { x: parts[0], y: parts[1], w: parts[2], h: parts[3] };
}

/** The style attribute without the interactive-only declarations ('' when nothing is left). */
function cleanStyle(style: string): string {
  return style
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !INTERACTIVE_STYLES.has(d.split(':', 1)[0].trim().toLowerCase()))
    .join('; ');
}

function cleanElement(el: Element): void {
  for (const name of INTERACTIVE_ATTRIBUTES) el.removeAttribute(name);
  if (el.getAttribute('role') === 'button') el.removeAttribute('role');
  // inline event handler attributes (React never writes them, but a standalone file must not run code)
  for (const attr of Array.from(el.attributes)) {
    if (attr.name.toLowerCase().startsWith('on')) el.removeAttribute(attr.name);
  }
  const style = el.getAttribute('style');
  if (style !== null) {
    const cleaned = cleanStyle(style);
    if (cleaned === '') el.removeAttribute('style');
    else el.setAttribute('style', cleaned);
  }
}

/**
 * The diagram as a standalone SVG document (UTF-8, with an XML declaration): xmlns and
 * xmlns:xlink set, width and height taken from the viewBox (cut to the drawing's height when the
 * page's <svg> is taller: data-drawing-height), a background rectangle first, without
 * interactive-only attributes and without any element marked data-export="skip".
 */
export function serializeDiagram(svg: SVGSVGElement, opts: SerializeOptions = {}): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  for (const el of Array.from(clone.querySelectorAll('[data-export="skip"]'))) el.remove();
  if (!opts.keepZoom) {
    for (const el of Array.from(clone.querySelectorAll('[data-testid="diagram-viewport"]'))) el.removeAttribute('transform');
  }
  cleanElement(clone);
  for (const el of Array.from(clone.querySelectorAll('*'))) cleanElement(el);
  // the page's style (background, display: block) means nothing in a file: the rectangle below paints the background
  clone.removeAttribute('style');

  clone.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  clone.setAttributeNS(XMLNS_NS, 'xmlns:xlink', XLINK_NS);
  clone.setAttribute('version', '1.1');

  // the page's <svg> may be taller than the drawing (diagram/svg_size.ts): the file is the drawing's size
  const drawn = Number(clone.getAttribute('data-drawing-height'));
  clone.removeAttribute('data-drawing-height');
  const full = viewBoxOf(clone);
  const box = full !== null && drawn > 0 && drawn < full.h ? { ...full, h: drawn } : full;
  if (box !== null) {
    clone.setAttribute('viewBox', `${box.x} ${box.y} ${box.w} ${box.h}`);
    clone.setAttribute('width', String(box.w));
    clone.setAttribute('height', String(box.h));
  }

  const background = opts.background ?? (svg.getAttribute('data-presentation') === 'true' ? PRESENTATION.background : DARK.background);
  const doc = clone.ownerDocument;
  const rect = doc.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('data-export', 'background');
  if (box !== null) {
    rect.setAttribute('x', String(box.x));
    rect.setAttribute('y', String(box.y));
    rect.setAttribute('width', String(box.w));
    rect.setAttribute('height', String(box.h));
  } else {
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
  }
  rect.setAttribute('fill', background);
  clone.insertBefore(rect, clone.firstChild);

  const text = new XMLSerializer().serializeToString(clone);
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${text}\n`;
}

/** The largest canvas side and area browsers reliably allow (Chromium: 32767 px, 268 M pixels; Safari is smaller). */
const MAX_CANVAS_SIDE = 16384;
const MAX_CANVAS_AREA = 16384 * 16384 / 4;

/** The document's size in CSS pixels: width / height attributes, else the viewBox. */
function svgTextSize(svgText: string): { w: number; h: number } | null {
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const root = doc.documentElement;
  if (root === null || doc.getElementsByTagName('parsererror').length > 0) return null;
  const w = parseFloat(root.getAttribute('width') ?? '');
  const h = parseFloat(root.getAttribute('height') ?? '');
  if (w > 0 && h > 0) return { w, h };
  const box = viewBoxOf(root);
  return box === null ? null : { w: box.w, h: box.h };
}

/**
 * Rasterizes an SVG document to a PNG (browser only: an <img> drawn on a canvas). `scale` is
 * device pixels per SVG pixel (2 = sharp on slides); it is lowered if the canvas would be larger
 * than browsers allow.
 */
export function svgToPngBlob(svgText: string, scale = 2): Promise<Blob> {
  return new Promise<Blob>((resolve, reject) => {
    const size = svgTextSize(svgText);
    const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml;charset=utf-8' }));
    const img = new Image();
    const done = () => URL.revokeObjectURL(url);
    img.onload = () => {
      try {
        const w = size?.w ?? img.naturalWidth;
        const h = size?.h ?? img.naturalHeight;
        if (!(w > 0 && h > 0)) throw new Error('The SVG has no size.');
        let s = scale > 0 ? scale : 1;
        s = Math.min(s, MAX_CANVAS_SIDE / w, MAX_CANVAS_SIDE / h, Math.sqrt(MAX_CANVAS_AREA / (w * h)));
        const canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(w * s));
        canvas.height = Math.max(1, Math.round(h * s));
        const ctx = canvas.getContext('2d');
        if (ctx === null) throw new Error('No 2D canvas in this browser.');
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        canvas.toBlob((blob) => {
          done();
          if (blob === null) reject(new Error('The browser could not encode the PNG.'));
          else resolve(blob);
        }, 'image/png');
      } catch (e) {
        done();
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    img.onerror = () => {
      done();
      reject(new Error('The browser could not draw the SVG.'));
    };
    img.decoding = 'sync';
    img.src = url;
  });
}

/** Saves a blob as a file, through a temporary <a download> (no server round trip). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // revoked later: some browsers start the download after click() has returned
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** Saves text as a file (UTF-8). */
export function downloadText(text: string, filename: string, mime: string): void {
  const type = /charset=/i.test(mime) ? mime : `${mime};charset=utf-8`;
  downloadBlob(new Blob([text], { type }), filename);
}

/** A name safe in a file name: letters, digits, '_', '-' and '.', nothing else. */
function safeName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[._]+|_+$/g, '');
  return s === '' ? 'scenario' : s.slice(0, 80);
}

/** The file name of a saved scenario: '<built-in>.vms' while unedited, else 'scenario.vms'. */
export function scenarioFileName(builtinName: string | null): string {
  return `${builtinName === null ? 'scenario' : safeName(builtinName)}.vms`;
}

/** The file name of an exported picture: mach-vm-<name>-step-<cursor>.<ext>. */
export function diagramFileName(builtinName: string | null, cursor: number, ext: 'svg' | 'png'): string {
  return `mach-vm-${builtinName === null ? 'scenario' : safeName(builtinName)}-step-${cursor}.${ext}`;
}
