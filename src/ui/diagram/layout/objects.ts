/**
 * objects: the VM objects, in columns by their level in the shadow chain (level 0, the bottom of a
 * chain, rightmost), by id within a column. An object shows its id, size, references, copy
 * strategy, file and cache state, then its pages: one labelled cell per page slot when it has few
 * (absent slots too, up to MAX_SLOTS pages), else a grid of small cells (compact.ts).
 *
 *   ┌ object 3 ─── 0x4000 ┐
 *   │ ref 1 · symmetric   │
 *   │ file F       cached │   (when backed by a file or cached)
 *   │ ┌ 0x0 → frame 5 ──┐ │   ← cell: a page and where it is
 *   │ └─────────────────┘ │
 *   │ 0x1000 in swap      │
 *   └─────────────────────┘
 *
 * Its place in the column depends on the objects of lower id there, its height on its size (page
 * slots), not on its pages.
 */
import type { MachineSnapshot, ObjectSnapshot } from '../../../kernel/snapshot';
import { hex } from '../format';
import { keyed, ref } from '../element_ref';
import { COMPACT_SLOTS, MAX_GRID_SLOTS, MAX_INDEXED_PAGES, PAGE_ABSENT, PAGE_RESIDENT, PAGE_SWAPPED, makeGrid } from '../compact';
import { textWidth, type Geometry } from './geometry';
import { objectLabel, pageLabel } from './labels';
import type { ColumnPlan } from './plan';
import type { CellLayout, ObjectLayout, PageGrid, TextItem, Tone } from './types';

/** Objects of at most this many pages show one slot per page (empty slots too). */
export const MAX_SLOTS = 8;

/**
 * The grid of a big object's pages, 16 cells a row across `w`: page by page when the object is at
 * most MAX_INDEXED_PAGES pages and holds nothing past its size, else only the pages it holds (by
 * offset); at most MAX_GRID_SLOTS cells.
 */
function pageGrid(o: ObjectSnapshot, frames: Map<number, number>, swapped: Set<number>, ps: number, x: number, y: number, w: number, u: number): PageGrid {
  const sizePages = Math.ceil(o.size / ps);
  const held = [...new Set([...frames.keys(), ...swapped])].sort((a, b) => a - b);
  const byIndex = sizePages <= MAX_INDEXED_PAGES && held.every((off) => off % ps === 0 && off < sizePages * ps);
  const offsets = byIndex ? Array.from({ length: sizePages }, (_, i) => i * ps) : held.slice(0, MAX_GRID_SLOTS);
  const classes = new Uint8Array(offsets.length);
  offsets.forEach((off, i) => {
    classes[i] = frames.has(off) ? PAGE_RESIDENT : swapped.has(off) ? PAGE_SWAPPED : PAGE_ABSENT;
  });
  const cols = 16;
  const pitch = w / cols;
  const grid = makeGrid(x, y, offsets.length, cols, pitch, pitch - 2 * u, classes);
  return { ...grid, object: o.id, offsets, byIndex, frames, swapped, hidden: held.length - (byIndex ? held.length : offsets.length) };
}

export interface ObjectsBand {
  objects: ObjectLayout[];
  /** Where each column's next object would go (level → y): the bottom of the column and its gap. */
  columnEnds: Map<number, number>;
  /** The band's heading ("VM objects"), when there are objects. */
  texts: TextItem[];
}

export function layoutObjects(snap: MachineSnapshot, geo: Geometry, plan: ColumnPlan): ObjectsBand {
  const { fs, u, g, text, lineY, headingSize } = geo;
  const ps = snap.pageSize;
  const objects: ObjectLayout[] = [];
  const colY = new Map<number, number>();
  for (const o of snap.objects) {
    const l = plan.level.get(o.id) ?? 0;
    const x = plan.columnX(l);
    const y = colY.get(l) ?? plan.bodyTop;
    const sizePages = Math.ceil(o.size / ps);
    const resident = new Map(o.pages);
    const swapped = new Set(o.swapped);
    const offsets = new Set<number>();
    if (sizePages <= MAX_SLOTS) for (let p = 0; p < sizePages; p++) offsets.add(p * ps);
    // (the slots of a big object are counted, not listed one by one, in pageGrid)
    for (const [off] of o.pages) offsets.add(off);
    for (const off of o.swapped) offsets.add(off);
    const lines: TextItem[] = [];
    lines.push(text(x + 6 * u, lineY(y + 4 * u, 0), `object ${o.id}`, 'object', { bold: true }));
    lines.push(text(x + g.objW - 6 * u, lineY(y + 4 * u, 0), hex(o.size), 'object', { anchor: 'end', tone: 'dim' }));
    lines.push(text(x + 6 * u, lineY(y + 4 * u, 1), `ref ${o.refCount} · ${o.copyStrategy}`, 'object'));
    let nLines = 2;
    if (o.pager !== null || o.cached) {
      if (o.pager !== null) lines.push(text(x + 6 * u, lineY(y + 4 * u, 2), `file ${o.pager}`, 'object', { tone: 'accent' }));
      if (o.cached) lines.push(text(x + g.objW - 6 * u, lineY(y + 4 * u, 2), 'cached', 'object', { anchor: 'end', tone: 'warn', bold: true }));
      nLines = 3;
    }
    let cy = y + 4 * u + nLines * g.line + 6 * u;
    const cells: CellLayout[] = [];
    let grid: PageGrid | null = null;
    if (offsets.size > COMPACT_SLOTS) {
      grid = pageGrid(o, resident, swapped, ps, x + 6 * u, cy + g.line, g.objW - 12 * u, u);
      const counts = `${grid.frames.size} resident${swapped.size > 0 ? ` · ${swapped.size} in swap` : ''}`;
      lines.push(text(x + 6 * u, lineY(cy - 4 * u, 0), grid.byIndex ? counts : `${counts} (held pages only)`, 'object', { tone: 'dim' }));
      cy = grid.y + grid.h + 6 * u;
      if (grid.hidden > 0) {
        lines.push(text(x + 6 * u, lineY(cy - 4 * u, 0), `+${grid.hidden} more not drawn`, 'object', { tone: 'warn' }));
        cy += g.line;
      }
    } else {
      for (const off of [...offsets].sort((a, b) => a - b)) {
        const frame = resident.get(off) ?? null;
        const sw = swapped.has(off);
        let t = hex(off);
        let tone: Tone = 'dim';
        if (frame !== null) {
          t = `${hex(off)} → frame ${frame}`;
          if (textWidth(t, fs) > g.objW - 24 * u) t = `${hex(off)} → f${frame}`;
          tone = 'normal';
        } else if (sw) {
          t = `${hex(off)} in swap`;
          tone = 'accent';
        }
        cells.push({
          ...keyed(ref.page(o.id, off)), object: o.id, offset: off, frame, swapped: sw, x: x + 6 * u, y: cy, w: g.objW - 12 * u, h: g.cellH, label: pageLabel(o.id, off, frame, sw),
          texts: [text(x + 12 * u, cy + g.cellH / 2 + fs * 0.35, t, 'cell', { tone })],
        });
        cy += g.cellH + g.cellGap;
      }
    }
    const h = cy - y + 4 * u;
    objects.push({ ...keyed(ref.object(o.id)), object: o, level: l, cells, grid, texts: lines, x, y, w: g.objW, h, label: objectLabel(o) });
    colY.set(l, y + h + g.objVGap);
  }
  const texts = plan.columns > 0 ? [text(plan.columnX(plan.columns - 1), g.margin + 16 * u, 'VM objects', 'heading', { bold: true, size: headingSize })] : [];
  return { objects, columnEnds: colY, texts };
}
