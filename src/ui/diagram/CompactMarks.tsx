/**
 * CompactMarks: what the machine diagram draws over its compact grids (compact.ts). A cell of a
 * grid has no element of its own, so when it is on the hover path or touched by the current step
 * it gets an outline here (with the same data-key / data-highlighted / data-step marks as a
 * drawn element), and a grid page that lights up together with its frame gets its page → frame
 * link. The probe is the label of the one cell under the pointer or the keyboard cursor, drawn as
 * real text beside it.
 */
import type { MachineSnapshot } from '../../kernel/snapshot';
import { textWidth } from './format';
import { boxOf, frameLabel, frameLinkPath, isCompactCell, keys, pageGridOf, pageLabel, tlbLabel, type Box, type DiagramLayout, type PageGrid, type Swatch } from './layout';
import type { Grid } from './compact';
import type { Theme } from './theme';

/** At most this many outlines are drawn (a path through a huge object stays cheap). */
const MAX_MARKS = 4096;
/** Page → frame links are drawn for at most this many lit grid pages; more would hide the picture (the outlines say it). */
const MAX_LINKS = 8;

/** The label of a compact cell's key (a frame or a page), or null when the key is no compact cell. */
export function compactLabel(layout: DiagramLayout, snap: MachineSnapshot, key: string): string | null {
  if (!isCompactCell(layout, key)) return null;
  const [kind, a, b] = key.split(':');
  if (kind === 'frame') return frameLabel(snap, Number(a));
  if (kind === 'tlb') return tlbLabel(snap, Number(a));
  const grid = pageGridOf(layout, Number(a));
  if (grid === null) return null;
  const off = Number(b);
  return pageLabel(grid.object, off, grid.frames.get(off) ?? null, grid.swapped.has(off));
}

/** Keys of grid cells: stable functions, so CompactGrid's memo holds. */
export const frameKeyOf = (_grid: Grid, slot: number) => keys.frame(slot);
export const tlbKeyOf = (_grid: Grid, slot: number) => keys.tlb(slot);
export const pageKeyOf = (grid: Grid, slot: number) => keys.page((grid as PageGrid).object, (grid as PageGrid).offsets[slot]);

/** What each swatch is filled with, and how opaque. */
export function swatchStyle(theme: Theme): Record<Swatch, { fill: string; opacity: number }> {
  return {
    free: { fill: theme.faint, opacity: 0.45 },
    used: { fill: theme.text.accent, opacity: 1 },
    dirty: { fill: theme.dirty, opacity: 1 },
    absent: { fill: theme.faint, opacity: 0.35 },
    resident: { fill: theme.text.accent, opacity: 1 },
    swapped: { fill: theme.text.warn, opacity: 1 },
    empty: { fill: theme.faint, opacity: 0.35 },
    readonly: { fill: theme.text.warn, opacity: 1 },
    writable: { fill: theme.text.accent, opacity: 1 },
  };
}

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
  path: Set<string>;
  step: Set<string>;
  theme: Theme;
  u: number;
}

/** Outlines of the lit grid cells, and the page → frame links of lit grid pages. */
export function CompactMarks({ layout, path, step, theme, u }: MarksProps) {
  if (layout.framesGrid === null && layout.tlb.grid === null && layout.objects.every((o) => o.grid === null)) return null;
  const lit = new Set<string>();
  for (const k of path) if (lit.size < MAX_MARKS && isCompactCell(layout, k)) lit.add(k);
  for (const k of step) if (lit.size < MAX_MARKS && isCompactCell(layout, k)) lit.add(k);
  const on = (k: string) => path.has(k) || step.has(k);
  const colour = (k: string) => (path.has(k) ? theme.path : theme.step);
  const links: { key: string; d: string; colour: string }[] = [];
  const litPages = [...lit].filter((k) => k.startsWith('page:'));
  for (const k of litPages.length <= MAX_LINKS ? litPages : []) {
    const [, a, b] = k.split(':');
    const frame = pageGridOf(layout, Number(a))?.frames.get(Number(b));
    if (frame === undefined || !on(keys.frame(frame))) continue;
    const from = boxOf(layout, k);
    const to = boxOf(layout, keys.frame(frame));
    if (from === null || to === null) continue;
    links.push({ key: k, d: frameLinkPath(from, to, u), colour: path.has(k) && path.has(keys.frame(frame)) ? theme.path : theme.step });
  }
  const pad = 1.5 * u;
  return (
    <g data-testid="compact-marks" pointerEvents="none">
      {links.map((l) => (
        <path key={`link:${l.key}`} d={l.d} fill="none" stroke={l.colour} strokeWidth={2} data-link="frame" data-from={l.key} aria-hidden="true" />
      ))}
      {[...lit].map((k) => {
        const b = boxOf(layout, k)!;
        return (
          <rect
            key={k} x={b.x - pad} y={b.y - pad} width={b.w + 2 * pad} height={b.h + 2 * pad} rx={2 * u} fill="none"
            stroke={colour(k)} strokeWidth={2} data-key={k} data-mark="true" aria-hidden="true"
            data-highlighted={path.has(k) ? 'true' : undefined} data-step={step.has(k) ? 'true' : undefined}
          />
        );
      })}
    </g>
  );
}

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
