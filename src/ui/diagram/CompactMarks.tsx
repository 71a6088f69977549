/**
 * CompactMarks: what the machine diagram draws over its compact grids (compact.ts). A cell of a
 * grid has no element of its own, so when it is on the hover path or touched by the current step
 * it gets an outline here (with the same data-key / data-highlighted / data-step marks as a
 * drawn element; many lit cells are outlined run by run, a few paths), and a grid page that lights up together with its frame gets its page → frame
 * link. The probe is the label of the one cell under the pointer or the keyboard cursor, drawn as
 * real text beside it.
 */
import { memo } from 'react';
import type { MachineSnapshot } from '../../kernel/snapshot';
import { textWidth, type Box } from './layout/geometry';
import { boxOf, isCompactCell, pageGridOf } from './layout/lookup';
import { frameLabel, pageLabel, tlbLabel } from './layout/labels';
import { frameLinkPath } from './layout/links';
import type { DiagramLayout, PageGrid } from './layout/types';
import { ref, refKey, type ElementRef, type RefSet } from './element_ref';
import { cellBox, type Grid } from './compact';
import type { Theme } from './theme';

/** At most this many lit grid cells are outlined one by one; more are outlined in runs (runOutlines). */
const MAX_SINGLE_MARKS = 64;
/** Page → frame links are drawn for at most this many lit grid pages; more would hide the picture (the outlines say it). */
const MAX_LINKS = 8;

/** The label of a compact cell (a frame, a TLB slot or a page of a grid), or null when the element is no compact cell. */
export function compactLabel(layout: DiagramLayout, snap: MachineSnapshot, r: ElementRef): string | null {
  if (!isCompactCell(layout, r)) return null;
  switch (r.kind) {
    case 'frame':
      return frameLabel(snap, r.frame);
    case 'tlb':
      return tlbLabel(snap, r.slot);
    case 'page': {
      const grid = pageGridOf(layout, r.object);
      return grid === null ? null : pageLabel(grid.object, r.offset, grid.frames.get(r.offset) ?? null, grid.swapped.has(r.offset));
    }
    default:
      return null;
  }
}

/** The elements of grid cells: stable functions, so CompactGrid's memo holds. */
export const frameRefOf = (_grid: Grid, slot: number): ElementRef => ref.frame(slot);
export const tlbRefOf = (_grid: Grid, slot: number): ElementRef => ref.tlb(slot);
export const pageRefOf = (grid: Grid, slot: number): ElementRef => ref.page((grid as PageGrid).object, (grid as PageGrid).offsets[slot]);

export { swatchStyle } from './theme';

export function frameGridLabel(snap: MachineSnapshot, grid: Grid): string {
  let used = 0;
  let dirty = 0;
  for (let i = 0; i < grid.count; i++) {
    if (grid.classes[i] !== 0) used++;
    if (grid.classes[i] === 2) dirty++;
  }
  return `frames grid: ${grid.count} frames, ${used} in use (${dirty} dirty), ${grid.count - used} free, ${snap.pageouts} pageouts; use the arrow keys to go from frame to frame`;
}

export function tlbGridLabel(snap: MachineSnapshot, grid: Grid): string {
  return `TLB grid: ${grid.count} slots, ${snap.tlb.length} valid; use the arrow keys to go from slot to slot`;
}

export function pageGridLabel(grid: PageGrid): string {
  const what = grid.byIndex ? `${grid.count} pages` : `the ${grid.count} pages it holds`;
  return `pages of object ${grid.object}: ${what}, ${grid.frames.size} resident, ${grid.swapped.size} in swap${grid.hidden > 0 ? `, ${grid.hidden} more not drawn` : ''}; use the arrow keys to go from page to page`;
}

interface MarksProps {
  layout: DiagramLayout;
  path: RefSet;
  step: RefSet;
  theme: Theme;
  u: number;
}

/** A grid with lit cells: per slot 1 (on the path), 2 (touched by the step only) or 0. */
interface LitGrid {
  name: string;
  grid: Grid;
  marks: Uint8Array;
  count: number;
  refOf: (grid: Grid, slot: number) => ElementRef;
}

/** The lit cells of every grid, from the path and the step (the path's colour wins): time linear in the grids' cells. */
function litGrids(layout: DiagramLayout, path: RefSet, step: RefSet): LitGrid[] {
  const out: LitGrid[] = [];
  /** Marks the cells `on` holds in the path (1), then those it holds in the step only (2); a set with none of the grid's kind is skipped. */
  const mark = (name: string, grid: Grid, refOf: LitGrid['refOf'], any: (set: RefSet) => boolean, on: (set: RefSet, slot: number) => boolean) => {
    if (!any(path) && !any(step)) return;
    const marks = new Uint8Array(grid.count);
    let count = 0;
    for (const [set, v] of [[path, 1], [step, 2]] as const) {
      if (!any(set)) continue;
      for (let slot = 0; slot < grid.count; slot++) {
        if (marks[slot] !== 0 || !on(set, slot)) continue;
        marks[slot] = v;
        count++;
      }
    }
    if (count > 0) out.push({ name, grid, marks, count, refOf });
  };
  if (layout.framesGrid !== null) mark('frames', layout.framesGrid, frameRefOf, (set) => set.frameCount > 0, (set, slot) => set.hasFrame(slot));
  if (layout.tlb.grid !== null) mark('tlb', layout.tlb.grid, tlbRefOf, (set) => set.slotCount > 0, (set, slot) => set.hasSlot(slot));
  for (const o of layout.objects) {
    const grid = o.grid;
    const id = o.object.id;
    if (grid !== null) mark(`object-${id}`, grid, pageRefOf, (set) => set.hasPagesOf(id), (set, slot) => set.hasPage(id, grid.offsets[slot]));
  }
  return out;
}

/** One path outlining every run of cells marked `v` along the rows of a grid. */
function runOutlines(g: LitGrid, v: number, pad: number): string {
  const parts: string[] = [];
  const { grid, marks } = g;
  for (let slot = 0; slot < grid.count; ) {
    if (marks[slot] !== v) {
      slot++;
      continue;
    }
    const rowEnd = Math.min(grid.count, (Math.floor(slot / grid.cols) + 1) * grid.cols);
    let last = slot;
    while (last + 1 < rowEnd && marks[last + 1] === v) last++;
    const a = cellBox(grid, slot);
    const w = (last - slot) * grid.pitch + grid.cell + 2 * pad;
    parts.push(`M${a.x - pad},${a.y - pad}h${w}v${grid.cell + 2 * pad}h${-w}z`);
    slot = last + 1;
  }
  return parts.join('');
}

/**
 * Outlines of the lit grid cells, and the page → frame links of a few lit grid pages. Up to
 * MAX_SINGLE_MARKS cells get an outline each (an element with the cell's data-key); more (a path
 * through a big object) are drawn as one path per grid and colour, a rectangle per run of lit
 * cells along a row, so lighting 16,384 frames costs a handful of elements.
 */
function CompactMarksImpl({ layout, path, step, theme, u }: MarksProps) {
  if (layout.framesGrid === null && layout.tlb.grid === null && layout.objects.every((o) => o.grid === null)) return null;
  const lit = litGrids(layout, path, step);
  const total = lit.reduce((n, g) => n + g.count, 0);
  const pad = 1.5 * u;
  const single: ElementRef[] = [];
  if (total <= MAX_SINGLE_MARKS) for (const g of lit) for (let slot = 0; slot < g.grid.count; slot++) if (g.marks[slot] !== 0) single.push(g.refOf(g.grid, slot));
  const links: { key: string; d: string; colour: string }[] = [];
  const litPages = single.filter((r) => r.kind === 'page');
  for (const r of litPages.length <= MAX_LINKS ? litPages : []) {
    if (r.kind !== 'page') continue;
    const frame = pageGridOf(layout, r.object)?.frames.get(r.offset);
    if (frame === undefined) continue;
    const f = ref.frame(frame);
    if (!path.has(f) && !step.has(f)) continue;
    const from = boxOf(layout, r);
    const to = boxOf(layout, f);
    if (from === null || to === null) continue;
    links.push({ key: refKey(r), d: frameLinkPath(from, to, u), colour: path.has(r) && path.has(f) ? theme.path : theme.step });
  }
  return (
    <g data-testid="compact-marks" pointerEvents="none">
      {links.map((l) => (
        <path key={`link:${l.key}`} d={l.d} fill="none" stroke={l.colour} strokeWidth={2} data-link="frame" data-from={l.key} aria-hidden="true" />
      ))}
      {single.map((r) => {
        const k = refKey(r);
        const b = boxOf(layout, r)!;
        return (
          <rect
            key={k} x={b.x - pad} y={b.y - pad} width={b.w + 2 * pad} height={b.h + 2 * pad} rx={2 * u} fill="none"
            stroke={path.has(r) ? theme.path : theme.step} strokeWidth={2} data-key={k} data-mark="true" aria-hidden="true"
            data-highlighted={path.has(r) ? 'true' : undefined} data-step={step.has(r) ? 'true' : undefined}
          />
        );
      })}
      {single.length === 0 &&
        lit.flatMap((g) =>
          ([1, 2] as const).map((v) => {
            const d = runOutlines(g, v, pad);
            return d === '' ? null : (
              <path
                key={`${g.name}:${v}`} d={d} fill="none" stroke={v === 1 ? theme.path : theme.step} strokeWidth={2} aria-hidden="true"
                data-marks={g.name} data-highlighted={v === 1 ? 'true' : undefined} data-step={v === 2 ? 'true' : undefined}
              />
            );
          }),
        )}
    </g>
  );
}

/** Memoised: a render of the diagram that changes neither the path nor the step redraws no mark. */
export const CompactMarks = memo(CompactMarksImpl);

/** The probed cell's label beside it: above the cell, or below it near the top; kept inside the picture. */
export function Probe({ box, label, theme, fontSize, width }: { box: Box; label: string; theme: Theme; fontSize: number; width: number }) {
  const u = fontSize / 14;
  const w = textWidth(label, fontSize) + 12 * u;
  const h = fontSize + 10 * u;
  const x = Math.max(2, Math.min(width - w - 2, box.x + box.w / 2 - w / 2));
  const y = box.y - h - 6 * u >= 0 ? box.y - h - 6 * u : box.y + box.h + 6 * u;
  return (
    <g data-testid="diagram-probe" pointerEvents="none" aria-hidden="true" data-export="skip">
      <rect x={box.x - 2 * u} y={box.y - 2 * u} width={box.w + 4 * u} height={box.h + 4 * u} fill="none" stroke={theme.path} strokeWidth={2.5} />
      <rect x={x} y={y} width={w} height={h} rx={4 * u} fill={theme.panel} stroke={theme.path} strokeWidth={1.5} />
      <text x={x + 6 * u} y={y + h / 2 + fontSize * 0.35} fontSize={fontSize} fill={theme.text.normal}>
        {label}
      </text>
    </g>
  );
}
