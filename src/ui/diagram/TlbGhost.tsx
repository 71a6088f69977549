/**
 * TlbGhost: the ghost of a TLB entry the step evicted (tlb_ghosts.ts): a faded (grey, dashed,
 * dim text, at full opacity: it must stay legible) box beside the slot that was refilled, labelled
 * "evicted" and with what it held (task, virtual page → frame). Placed from the layout's boxes
 * (boxOf, drawnItems, allTexts): right of the last slot of the refilled slot's row, else below or
 * above the slot, else the free place nearest to it (placeGhost); on two lines, else one, else a
 * short one ("✗ A 0x10→0") when a fitted presentation drawing has no room; a slot that is not
 * drawn as a box (a compact grid) gets no ghost.
 */
import type { DiagramLayout } from './layout/types';
import { allTexts, boxOf, drawnItems } from './layout/lookup';
import { textBox, textWidth, type Box } from './layout/geometry';
import { ref } from './element_ref';
import type { TlbGhost as Ghost } from './tlb_ghosts';
import type { Theme } from './theme';

export function TlbGhosts({ layout, ghosts, theme, u }: { layout: DiagramLayout; ghosts: readonly Ghost[]; theme: Theme; u: number }) {
  const fontSize = layout.fontSize;
  const lineH = fontSize * 1.15;
  return (
    <>
      {ghosts.map((g) => {
        const slot = boxOf(layout, ref.tlb(g.slot));
        if (slot === null) return null;
        // two lines ("evicted" over what), else one, else a short one: the first that finds a free place
        const shapes = [['evicted', g.label], [`evicted ${g.label}`], [`✗ ${g.label}`]].map((lines) => ({
          lines,
          w: Math.max(...lines.map((l) => textWidth(l, fontSize))) + 12 * u,
          h: lines.length * lineH + 10 * u,
        }));
        let placed: { lines: string[]; w: number; h: number; x: number; y: number } | null = null;
        for (const shape of shapes) {
          const at = placeGhost(layout, slot, shape.w, shape.h, 10 * u);
          if (at !== null) {
            placed = { ...shape, ...at };
            break;
          }
        }
        placed ??= { ...shapes[0], x: Math.max(0, Math.min(slot.x + slot.w + 10 * u, layout.width - shapes[0].w)), y: slot.y };
        const { x, y, w, h, lines } = placed;
        return (
          <g key={g.slot} data-testid="tlb-ghost" data-slot={g.slot} aria-label={`TLB slot ${g.slot} evicted ${g.label}`} role="note">
            <rect x={x} y={y} width={w} height={h} rx={3 * u} fill={theme.background} stroke={theme.faint} strokeWidth={layout.stroke ?? 2 * u} strokeDasharray={`${5 * u} ${4 * u}`} />
            {lines.map((l, i) => (
              <text key={i} x={x + 6 * u} y={y + 5 * u + fontSize * 0.85 + i * lineH} fontSize={fontSize} fill={theme.text.dim}>
                {l}
              </text>
            ))}
          </g>
        );
      })}
    </>
  );
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Where a ghost of w × h goes beside `slot`: the first free place of: the row's end, below the
 * slot, above it; else the free place nearest to the slot's right edge (a scan of the drawing in
 * steps of `gap`); free: inside the drawing, over no drawn element, text or the frames' panel.
 * Null when the drawing has no free place for it.
 */
function placeGhost(layout: DiagramLayout, slot: Box, w: number, h: number, gap: number): { x: number; y: number } | null {
  const rowEnd = Math.max(...layout.tlb.cells.filter((c) => Math.abs(c.y - slot.y) < slot.h / 2).map((c) => c.x + c.w), slot.x + slot.w);
  const preferred = [
    { x: rowEnd + gap, y: slot.y },
    { x: slot.x, y: slot.y + slot.h + gap / 2 },
    { x: slot.x, y: slot.y - h - gap / 2 },
  ];
  const taken: Box[] = [...drawnItems(layout), ...allTexts(layout).map(textBox)];
  if (layout.frames.length === 0 && layout.framesGrid !== null) taken.push(layout.framesBox);
  const pad = gap / 2;
  const free = (c: { x: number; y: number }) =>
    c.x >= 0 && c.y >= 0 && c.x + w <= layout.width && c.y + h <= layout.height && !taken.some((b) => overlaps({ x: c.x - pad, y: c.y - pad, w: w + 2 * pad, h: h + 2 * pad }, b));
  const first = preferred.find(free);
  if (first !== undefined) return first;
  const [ax, ay] = [slot.x + slot.w, slot.y + slot.h / 2];
  let best: { x: number; y: number; d: number } | null = null;
  for (let y = 0; y + h <= layout.height; y += gap) {
    for (let x = 0; x + w <= layout.width; x += gap) {
      const d = Math.hypot(x - ax, y + h / 2 - ay);
      if ((best === null || d < best.d) && free({ x, y })) best = { x, y, d };
    }
  }
  return best === null ? null : { x: best.x, y: best.y };
}
