/**
 * createPanZoom (described in pan_zoom.ts, whose maths it uses): d3-zoom on the diagram's <svg>.
 * In the export area's lazy chunk (export/lazy_views.ts) with d3, which the first screen does not
 * need: usePanZoom fetches it once the diagram is drawn.
 */
import { select, zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomTransform } from 'd3';
import { clampScale, fitView, MIN_VISIBLE_SHARE, SCALE_EXTENT, visiblePart, wheelFactor, type PanZoom, type PanZoomOptions, type Rect, type ScreenBox, type View } from './pan_zoom';

type Extent = [[number, number], [number, number]];
const toExtent = (r: Rect): Extent => [[r.x, r.y], [r.x + r.w, r.y + r.h]];

/**
 * The window and the SVG's parent clip what shows of the SVG; when the parent is the drawing's
 * clipping box (data-diagram-clip: the <svg> may be taller than the drawing, svg_size.ts), the
 * scrolling box around it clips too.
 */
function screenClips(svg: SVGSVGElement): ScreenBox[] {
  const clips: ScreenBox[] = [];
  const view = svg.ownerDocument.defaultView;
  if (view !== null) clips.push({ left: 0, top: 0, width: view.innerWidth, height: view.innerHeight });
  const parent = svg.parentElement;
  if (parent !== null) clips.push(parent.getBoundingClientRect());
  if (parent?.hasAttribute('data-diagram-clip') === true && parent.parentElement !== null) clips.push(parent.parentElement.getBoundingClientRect());
  return clips;
}

function viewBoxOf(svg: SVGSVGElement, fallback: Rect): Rect {
  const v = (svg.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  return v.length === 4 && v.every(Number.isFinite) && v[2] > 0 && v[3] > 0 ? { x: v[0], y: v[1], w: v[2], h: v[3] } : fallback;
}

export function createPanZoom(svg: SVGSVGElement, viewport: SVGGElement, options: PanZoomOptions): PanZoom {
  let bounds = options.bounds;
  const scaleExtent = options.scaleExtent ?? SCALE_EXTENT;
  const duration = options.duration ?? 0;
  /** The visible area, or the whole SVG when none of it is on screen (or the DOM cannot say: no layout). */
  const area = (): Rect => {
    const box = viewBoxOf(svg, bounds);
    return visiblePart(svg.getBoundingClientRect(), screenClips(svg), box) ?? box;
  };
  const halfOut = (b: Rect): Extent => [[b.x - b.w / 2, b.y - b.h / 2], [b.x + b.w * 1.5, b.y + b.h * 1.5]];

  const behaviour = zoom<SVGSVGElement, unknown>()
    .extent(() => toExtent(area()))
    .scaleExtent([scaleExtent[0], scaleExtent[1]])
    .translateExtent(halfOut(bounds))
    .filter((event: { type: string; ctrlKey?: boolean; metaKey?: boolean; button?: number }) =>
      event.type === 'wheel' ? event.ctrlKey === true || event.metaKey === true : event.ctrlKey !== true && !event.button,
    )
    .wheelDelta((event: WheelEvent) => Math.log2(wheelFactor(event.deltaY, event.deltaMode)))
    .duration(duration)
    .on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) => {
      viewport.setAttribute('transform', event.transform.toString());
      options.onChange?.({ x: event.transform.x, y: event.transform.y, k: event.transform.k });
    });
  const selection = select(svg);
  selection.call(behaviour);

  // the view an animation is heading to: keys pressed quickly add up from there, not from halfway
  let heading: ZoomTransform | null = null;
  const zoomTo = (t: ZoomTransform) => {
    if (duration <= 0) {
      behaviour.transform(selection, t);
      return;
    }
    heading = t;
    const done = () => {
      if (heading === t) heading = null;
    };
    behaviour.transform(selection.transition().duration(duration).on('end.heading interrupt.heading', done), t);
  };
  const asTransform = (v: View) => zoomIdentity.translate(v.x, v.y).scale(v.k);

  return {
    fit(b = bounds) {
      // little of the SVG on screen (the page is scrolled past it, or it starts near the bottom):
      // bring its top to the top of the window first, so the fit has room
      const win = svg.ownerDocument.defaultView;
      const box = svg.getBoundingClientRect();
      const vb = viewBoxOf(svg, bounds);
      const shown = visiblePart(box, screenClips(svg), vb);
      const shownPx = shown === null ? 0 : (shown.h * box.height) / vb.h;
      if (win !== null && box.height > 0 && shownPx < MIN_VISIBLE_SHARE * Math.min(win.innerHeight, box.height)) svg.scrollIntoView?.({ block: 'start' });
      zoomTo(asTransform(fitView(b, area(), scaleExtent)));
    },
    reset() {
      zoomTo(zoomIdentity);
    },
    zoomBy(k) {
      // about the centre of the visible area, kept within the translate extent, as d3's scaleBy
      const from = heading ?? zoomTransform(svg);
      const extent = toExtent(area());
      const centre: [number, number] = [(extent[0][0] + extent[1][0]) / 2, (extent[0][1] + extent[1][1]) / 2];
      const [wx, wy] = from.invert(centre);
      const k1 = clampScale(from.k * k, scaleExtent);
      const to = zoomIdentity.translate(centre[0] - wx * k1, centre[1] - wy * k1).scale(k1);
      zoomTo(behaviour.constrain()(to, extent, behaviour.translateExtent()));
    },
    setBounds(b) {
      bounds = b;
      behaviour.translateExtent(halfOut(b));
    },
    view() {
      const t = zoomTransform(svg);
      return { x: t.x, y: t.y, k: t.k };
    },
    destroy() {
      selection.interrupt();
      selection.on('.zoom', null);
    },
  };
}
