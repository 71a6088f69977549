/**
 * LinkProbe: the label of the arrow under the pointer, drawn in the hover layer: the arrow in the
 * path colour and, beside the pointer, its label from the notation table (notations.ts linkLabel:
 * "shadow: object 3 → object 1 (copy-on-write: reads fall through)"), real text, kept inside the
 * picture. In a lazy chunk (export/lazy_views.ts): loaded on the first arrow hovered.
 */
import { textWidth } from './layout/geometry';
import type { DiagramLayout } from './layout/types';
import { linkLabel } from './notations';
import { linkStyle, type Theme } from './theme';

export interface LinkProbeProps {
  layout: DiagramLayout;
  /** The hovered arrow's key (LinkLayout.key) and the pointer, in drawing units. */
  link: string;
  x: number;
  y: number;
  theme: Theme;
}

export function LinkProbe({ layout, link, x, y, theme }: LinkProbeProps) {
  const l = layout.links.find((k) => k.key === link);
  if (l === undefined) return null;
  const fs = layout.fontSize;
  const u = fs / 14;
  const label = linkLabel(layout, l);
  const w = textWidth(label, fs) + 12 * u;
  const h = fs + 10 * u;
  const bx = Math.max(2, Math.min(layout.width - w - 2, x - w / 2));
  const by = y - h - 12 * u >= 0 ? y - h - 12 * u : y + 12 * u;
  return (
    <g data-testid="link-probe" data-link={l.kind} pointerEvents="none" aria-hidden="true" data-export="skip">
      <path d={l.d} fill="none" stroke={theme.path} strokeWidth={Math.max(3, linkStyle(l.kind, layout.stroke).width)} strokeDasharray={linkStyle(l.kind, layout.stroke).dash} />
      <rect x={bx} y={by} width={w} height={h} rx={4 * u} fill={theme.panel} stroke={theme.path} strokeWidth={1.5} />
      <text x={bx + 6 * u} y={by + h / 2 + fs * 0.35} fontSize={fs} fill={theme.text.normal}>
        {label}
      </text>
    </g>
  );
}
