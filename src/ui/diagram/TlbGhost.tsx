/**
 * TlbGhost: the ghost of a TLB entry the step evicted (tlb_ghosts.ts): a faded dashed box beside
 * the slot that was refilled, labelled "evicted" and with what it held (task, virtual page →
 * frame). Placed from the layout's box of the slot (boxOf), right of it when there is room, else
 * below it; a slot that is not drawn as a box (a compact grid) gets no ghost.
 */
import type { DiagramLayout } from './layout/types';
import { boxOf } from './layout/lookup';
import { textWidth } from './layout/geometry';
import { ref } from './element_ref';
import type { TlbGhost as Ghost } from './tlb_ghosts';
import type { Theme } from './theme';

export function TlbGhosts({ layout, ghosts, theme, fontSize, u }: { layout: DiagramLayout; ghosts: readonly Ghost[]; theme: Theme; fontSize: number; u: number }) {
  return (
    <>
      {ghosts.map((g) => {
        const slot = boxOf(layout, ref.tlb(g.slot));
        if (slot === null) return null;
        const w = Math.max(slot.w, textWidth(g.label, fontSize) + 12 * u);
        const h = Math.max(slot.h, 2 * fontSize + 14 * u);
        const gap = 10 * u;
        const right = slot.x + slot.w + gap + w <= layout.width;
        const x = right ? slot.x + slot.w + gap : slot.x;
        const y = right ? slot.y + slot.h * 0.4 : slot.y + slot.h + gap;
        return (
          <g key={g.slot} data-testid="tlb-ghost" data-slot={g.slot} aria-label={`TLB slot ${g.slot} evicted ${g.label}`} role="note" opacity={0.8}>
            <rect x={x} y={y} width={w} height={h} rx={3 * u} fill={theme.background} stroke={theme.faint} strokeWidth={2 * u} strokeDasharray="5 4" />
            <text x={x + 6 * u} y={y + fontSize + 2 * u} fontSize={fontSize} fill={theme.text.dim}>
              evicted
            </text>
            <text x={x + 6 * u} y={y + 2 * fontSize + 6 * u} fontSize={fontSize} fill={theme.text.dim} textDecoration="line-through">
              {g.label}
            </text>
          </g>
        );
      })}
    </>
  );
}
