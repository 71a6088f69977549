/**
 * HoverLayer: the hover / focus path of the machine diagram, drawn over the picture
 * (DiagramPicture) in a layer of its own: the outline of every element on the path that is drawn
 * on its own (same box, corner and width as the picture's lit outline, in the path colour), the
 * links on the path (thicker, in the path colour, with the path's arrow; clipped to pass under the
 * picture's filled boxes, as the picture's own links do), the outlines of lit grid
 * cells and their page → frame links (CompactMarks), and the probe's label. Every outline carries
 * its element's data-key and data-highlighted="true". The layer changes alone on a hover: the
 * picture under it keeps its React subtree, DOM and paint.
 *
 *   picture (DiagramPicture)  ─ steps, layout changes
 *   hover layer (this)        ─ the path: a few outlines and links, composited on their own
 */
import { memo, useMemo } from 'react';
import type { Box } from './layout/geometry';
import { drawnItems } from './layout/lookup';
import type { DiagramLayout } from './layout/types';
import { CompactMarks, Probe } from './CompactMarks';
import { filledBoxes } from './DiagramPicture';
import { RefSet } from './element_ref';
import { OUTLINE } from './outline_style';
import { linkOnPath } from './path';
import { ARROW_KINDS, linkStyle, type Theme } from './theme';

/** The id of the arrow marker of a link on the path (in the hover layer's <defs>). */
export const PATH_ARROW = 'md-arrow-path';

export interface HoverLayerProps {
  layout: DiagramLayout;
  /** What lights up (pathFor of the hovered, focused or probed element). */
  path: RefSet;
  theme: Theme;
  u: number;
  fontSize: number;
  /** The label of a probed compact cell, and the cell's box. */
  probe: { box: Box; label: string } | null;
  /** The outlines fade in (small machines, motion allowed). */
  fade: boolean;
}

/** Nothing touched by the step here: the picture draws the step's marks. */
const NO_STEP = new RefSet();
/** The id of the clip of the lit links (the drawing less the picture's filled boxes). */
const LINK_CLIP = 'md-hover-links';

/**
 * The drawing less the boxes the picture fills (filledBoxes, corners rounded as drawn): one path,
 * even-odd, so that the lit links drawn over the picture pass under those boxes as its own links do.
 */
function makeLinkClip(layout: DiagramLayout): string {
  const m = Math.max(layout.width, layout.height);
  const parts = [`M${-m},${-m}h${3 * m}v${3 * m}h${-3 * m}z`];
  for (const b of filledBoxes(layout)) {
    const r = Math.min(OUTLINE[b.ref.kind].rx, b.w / 2, b.h / 2);
    parts.push(`M${b.x + r},${b.y}h${b.w - 2 * r}a${r},${r} 0 0 1 ${r},${r}v${b.h - 2 * r}a${r},${r} 0 0 1 ${-r},${r}h${-(b.w - 2 * r)}a${r},${r} 0 0 1 ${-r},${-r}v${-(b.h - 2 * r)}a${r},${r} 0 0 1 ${r},${-r}z`);
  }
  return parts.join('');
}

/** Per layout, its clip: made once (a long path over every filled box), for a step laid out ahead in idle time (MachineDiagram's prepareLayout). */
const linkClips = new WeakMap<DiagramLayout, string>();

export function linkClip(layout: DiagramLayout): string {
  let clip = linkClips.get(layout);
  if (clip === undefined) {
    clip = makeLinkClip(layout);
    linkClips.set(layout, clip);
  }
  return clip;
}

function HoverLayerImpl({ layout, path, theme, u, fontSize, probe, fade }: HoverLayerProps) {
  const items = path.size === 0 ? [] : drawnItems(layout).filter((item) => path.has(item.ref));
  const links = path.size === 0 ? [] : layout.links.filter((l) => linkOnPath(l, path));
  const clip = useMemo(() => linkClip(layout), [layout]);
  return (
    <g data-testid="diagram-hover" style={fade && items.length + links.length > 0 ? { animation: 'md-hover-in 120ms ease-out' } : undefined}>
      <clipPath id={LINK_CLIP}>
        <path d={clip} clipRule="evenodd" />
      </clipPath>
      <g clipPath={`url(#${LINK_CLIP})`}>
        {links.map((l) => (
          <path
            key={l.key} d={l.d} fill="none" stroke={theme.path} strokeWidth={Math.max(3, linkStyle(l.kind, layout.stroke).width)} strokeDasharray={linkStyle(l.kind, layout.stroke).dash}
            markerEnd={ARROW_KINDS.includes(l.kind) ? `url(#${PATH_ARROW})` : undefined}
            data-link={l.kind} data-from={l.from} data-to={l.to} data-highlighted="true"
          />
        ))}
      </g>
      {items.map((item) => {
        const o = OUTLINE[item.ref.kind];
        return (
          <rect
            key={item.key} x={item.x - o.pad} y={item.y - o.pad} width={item.w + 2 * o.pad} height={item.h + 2 * o.pad} rx={o.rx}
            fill="none" stroke={theme.path} strokeWidth={o.litWidth} data-key={item.key} data-highlighted="true"
          />
        );
      })}
      <CompactMarks layout={layout} path={path} step={NO_STEP} theme={theme} u={u} />
      {probe !== null && <Probe box={probe.box} label={probe.label} theme={theme} fontSize={fontSize} width={layout.width} />}
    </g>
  );
}

/** Memoised: a render of the diagram that changes neither the path nor the probe redraws nothing here. */
export const HoverLayer = memo(HoverLayerImpl);
