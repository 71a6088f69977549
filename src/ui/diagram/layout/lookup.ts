/**
 * lookup: questions asked of a finished layout: the element behind a data-key (refOf), the box of
 * any element, drawn on its own or as a cell of a compact grid (boxOf), an object's page grid,
 * every element's box (for the moving copies) and every label (for the overlap tests). The
 * indexes are made once per layout (a WeakMap keyed by it).
 */
import { refKey, type ElementRef } from '../element_ref';
import { cellBox, sortedIndex, type Grid } from '../compact';
import type { Box } from './geometry';
import type { DiagramLayout, PageGrid, TextItem } from './types';

interface Lookups {
  items: DrawnItem[];
  boxes: Map<string, Box>;
  refs: Map<string, ElementRef>;
  grids: Map<number, PageGrid>;
}

const lookupCache = new WeakMap<DiagramLayout, Lookups>();

/** A layout's boxes and refs by key and page grids by object, made once per layout. */
function lookupsOf(l: DiagramLayout): Lookups {
  let c = lookupCache.get(l);
  if (c === undefined) {
    const items = keyedItems(l);
    const refs = new Map<string, ElementRef>();
    for (const item of items) refs.set(item.key, item.ref);
    c = { items, boxes: elementBoxes(l), refs, grids: new Map(l.objects.flatMap((o) => (o.grid === null ? [] : [[o.object.id, o.grid] as const]))) };
    lookupCache.set(l, c);
  }
  return c;
}

/** An element the layout draws on its own: its box, key and ref. */
export type DrawnItem = Box & { key: string; ref: ElementRef };

/** Every element the layout draws on its own (not the cells of compact grids). */
function keyedItems(l: DiagramLayout): DrawnItem[] {
  return [
    ...l.tasks.flatMap((t) => [t, ...t.entries]),
    ...l.objects.flatMap((o) => [o, ...o.cells]),
    ...l.pagers,
    ...l.frames,
    ...l.tlb.cells,
  ];
}

/** Every element the layout draws on its own (tasks, entries, objects, pages, pagers, frames, TLB slots), made once per layout. */
export function drawnItems(l: DiagramLayout): readonly DrawnItem[] {
  return lookupsOf(l).items;
}

/** The element drawn with this key (a data-key attribute), or null. */
export function refOf(l: DiagramLayout, key: string): ElementRef | null {
  return lookupsOf(l).refs.get(key) ?? null;
}

/**
 * The box of any element: a task, entry, object, page, pager, frame or TLB entry, drawn on its
 * own or as a cell of a compact grid; null when the layout has no such element.
 */
export function boxOf(l: DiagramLayout, r: ElementRef): Box | null {
  const c = lookupsOf(l);
  const b = c.boxes.get(refKey(r));
  if (b !== undefined) return b;
  const cell = compactCell(l, r, c.grids);
  return cell === null ? null : cellBox(cell.grid, cell.slot);
}

/** The compact grid and cell of an element (a frame in a frames grid, a page in its object's), or null. */
function compactCell(l: DiagramLayout, r: ElementRef, grids: Map<number, PageGrid>): { grid: Grid; slot: number } | null {
  switch (r.kind) {
    case 'frame':
      return l.framesGrid !== null && Number.isInteger(r.frame) && r.frame >= 0 && r.frame < l.framesGrid.count ? { grid: l.framesGrid, slot: r.frame } : null;
    case 'tlb':
      return l.tlb.grid !== null && Number.isInteger(r.slot) && r.slot >= 0 && r.slot < l.tlb.grid.count ? { grid: l.tlb.grid, slot: r.slot } : null;
    case 'page': {
      const grid = grids.get(r.object);
      const slot = grid === undefined ? -1 : sortedIndex(grid.offsets, r.offset);
      return grid === undefined || slot < 0 ? null : { grid, slot };
    }
    default:
      return null;
  }
}

/** The page grid of object `id`, when its pages are drawn as one. */
export function pageGridOf(l: DiagramLayout, id: number): PageGrid | null {
  return lookupsOf(l).grids.get(id) ?? null;
}

/** True when the element is a cell of a compact grid (no element of its own: it lights up as an outline). */
export function isCompactCell(l: DiagramLayout, r: ElementRef): boolean {
  const c = lookupsOf(l);
  return !c.boxes.has(refKey(r)) && compactCell(l, r, c.grids) !== null;
}

/** Every keyed element's box (tasks, entries, objects, pages, pagers, frames, TLB entries), for the moving copies. */
export function elementBoxes(l: DiagramLayout): Map<string, Box> {
  const out = new Map<string, Box>();
  for (const b of keyedItems(l)) out.set(b.key, { x: b.x, y: b.y, w: b.w, h: b.h });
  return out;
}

/** Every label of the layout, for drawing order checks and the overlap tests. */
export function allTexts(l: DiagramLayout): TextItem[] {
  return [
    ...l.texts,
    ...l.tasks.flatMap((t) => [...t.texts, ...t.gaps.flatMap((gp) => gp.texts), ...t.entries.flatMap((e) => e.texts)]),
    ...l.objects.flatMap((o) => [...o.texts, ...o.cells.flatMap((c) => c.texts)]),
    ...l.pagers.flatMap((p) => p.texts),
    ...l.frames.flatMap((f) => f.texts),
    ...l.framesBox.texts,
    ...l.tlb.texts,
    ...l.tlb.cells.flatMap((c) => c.texts),
  ];
}
