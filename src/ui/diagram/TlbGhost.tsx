/**
 * TlbGhost: the ghost of a TLB entry the step evicted (tlb_ghosts.ts): a faded dashed box beside
 * the slot that was refilled, labelled "evicted" and with what it held (task, virtual page →
 * frame). Placed from the layout's boxes (boxOf, drawnItems): right of the last slot of the
 * refilled slot's row, else below the slot, else above it, the first place that overlaps no drawn
 * element, the frames' panel or the picture's edge (the row's end when none is free); a slot that
 * is not drawn as a box (a compact grid) gets no ghost.
 */
import type { DiagramLayout } from './layout/types';
import { boxOf, drawnItems } from './layout/lookup';
import { textWidth, type Box } from './layout/geometry';
import { ref } from './element_ref';
import type { TlbGhost as Ghost } from './tlb_ghosts';
import type { Theme } from './theme';

export function TlbGhosts({ layout, ghosts, theme, u }: { layout: DiagramLayout; ghosts: readonly Ghost[]; theme: Theme; u: number }) {
  const fontSize = layout.fontSize;
  return (
    <>
      {ghosts.map((g) => {
        const slot = boxOf(layout, ref.tlb(g.slot));
        if (slot === null) return null;
        const w = Math.max(slot.w, textWidth(g.label, fontSize) + 12 * u);
        const h = Math.max(slot.h, 2 * fontSize + 14 * u);
        const { x, y } = placeGhost(layout, slot, w, h, 10 * u);
        return (
          <g key={g.slot} data-testid="tlb-ghost" data-slot={g.slot} aria-label={`TLB slot ${g.slot} evicted ${g.label}`} role="note" opacity={0.85}>
            <rect x={x} y={y} width={w} height={h} rx={3 * u} fill={theme.background} stroke={theme.faint} strokeWidth={2 * u} strokeDasharray="5 4" />
            <text x={x + 6 * u} y={y + fontSize + 2 * u} fontSize={fontSize} fill={theme.text.dim}>
              evicted
            </text>
            <text x={x + 6 * u} y={y + 2 * fontSize + 6 * u} fontSize={fontSize} fill={theme.text.dim}>
              {g.label}
            </text>
          </g>
        );
      })}
    </>
  );
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Where a ghost of w × h goes beside `slot`: the first free place of: the row's end, below the slot, above it. */
function placeGhost(layout: DiagramLayout, slot: Box, w: number, h: number, gap: number): { x: number; y: number } {
  const rowEnd = Math.max(...layout.tlb.cells.filter((c) => Math.abs(c.y - slot.y) < slot.h / 2).map((c) => c.x + c.w), slot.x + slot.w);
  const candidates = [
    { x: rowEnd + gap, y: slot.y },
    { x: slot.x, y: slot.y + slot.h + gap / 2 },
    { x: slot.x, y: slot.y - h - gap / 2 },
  ];
  const taken: Box[] = [...drawnItems(layout), layout.framesBox];
  const free = candidates.find((c) => c.x + w <= layout.width && c.y >= 0 && c.y + h <= layout.height && !taken.some((b) => overlaps({ ...c, w, h }, b)));
  return free ?? candidates[0];
}
