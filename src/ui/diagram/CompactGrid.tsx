/**
 * CompactGrid: a grid of small cells (compact.ts), the machine diagram's picture of many frames or
 * of a big object's pages. A few SVG paths (one per class of cell, runs of equal cells merged)
 * and one path of gaps in the background colour; memoised, so a step that changes nothing in it
 * redraws nothing. One cell at a time is "probed": under the pointer, or moved to with the arrow
 * keys (Home/End, Page Up/Down) once the grid has the focus; the diagram outlines it, lights up
 * its path and shows and announces its label (onProbe).
 */
import { memo, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { pointer } from './pointer';
import { gapPath, moveSlot, runPaths, slotAt, type Grid } from './compact';
import type { ElementRef } from './element_ref';

export interface CompactGridProps {
  /** data-testid of the grid's group. */
  testId: string;
  grid: Grid;
  /** Fill and opacity of each class of cell. */
  fills: readonly string[];
  opacities: readonly number[];
  background: string;
  /** What the grid is, for screen readers (it is one focusable group). */
  label: string;
  /** The element of a cell (a frame, a page): a function that stays the same, so the memo holds. */
  refOf: (grid: Grid, slot: number) => ElementRef;
  /** A cell was probed (its element), or the probe left the grid (null). */
  onProbe: (r: ElementRef | null) => void;
}

function CompactGridImpl({ testId, grid, fills, opacities, background, label, refOf, onProbe }: CompactGridProps) {
  const runs = useMemo(() => runPaths(grid, fills.length), [grid, fills.length]);
  const gaps = useMemo(() => gapPath(grid), [grid]);
  const [cursor, setCursor] = useState(0);
  const probe = (slot: number | null) => onProbe(slot === null ? null : refOf(grid, slot));

  const onMove = (event: MouseEvent<SVGGElement>) => {
    const [x, y] = pointer(event.nativeEvent, event.currentTarget);
    const slot = slotAt(grid, x, y);
    if (slot !== null) setCursor(slot);
    probe(slot);
  };
  const onKey = (event: KeyboardEvent<SVGGElement>) => {
    const next = moveSlot(grid, Math.min(cursor, grid.count - 1), event.key);
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    setCursor(next);
    probe(next);
  };

  return (
    <g
      data-testid={testId}
      data-grid="true"
      role="group"
      aria-label={label}
      tabIndex={0}
      onMouseMove={onMove}
      onMouseLeave={() => probe(null)}
      onFocus={() => probe(Math.min(cursor, grid.count - 1))}
      onBlur={() => probe(null)}
      onKeyDown={onKey}
    >
      {/* the grid's area takes the pointer everywhere, gaps included */}
      <rect x={grid.x} y={grid.y} width={grid.w} height={grid.h} fill="transparent" />
      {runs.map((d, k) => (d === '' ? null : <path key={k} d={d} fill={fills[k]} fillOpacity={opacities[k]} data-cells={k} />))}
      {gaps !== '' && <path d={gaps} fill={background} pointerEvents="none" aria-hidden="true" />}
    </g>
  );
}

export const CompactGrid = memo(CompactGridImpl);
