/**
 * usePanZoom: the React side of pan_zoom. It puts the behaviour on the diagram's <svg> and
 * viewport <g> once they exist (again when reduced motion changes its animation time), tells it the
 * drawing's size after every layout, copies the viewport's transform to a follower <g> (a layer
 * drawn over the same drawing), and returns a handle that stays the same across renders. The
 * behaviour (pan_zoom_behaviour.ts, with d3) is fetched from the export area's lazy chunk once the
 * diagram is drawn: a fit, reset or zoom asked for before it has arrived is done when it arrives
 * (the last one asked; nothing if it cannot be fetched; Ctrl / ⌘ + wheel notches turned meanwhile
 * add up to one zoom, and do not zoom the browser's page instead), and tells `onScale` (keep it the same function: a new one puts the behaviour on anew) every new scale (the zoom level shown). The app's commands (the zoom keys) reach the mounted diagram through the
 * PanZoomTarget context, which the hook fills while the diagram is on the page.
 */
import { createContext, useContext, useEffect, useMemo, useRef, type RefObject } from 'react';
import { IDENTITY, wheelFactor, type PanZoom, type Rect } from './pan_zoom';
import { useHeldIn } from '../use_held_in';

/** The behaviour's module (in the export area's lazy chunk, with d3). */
const behaviour = () => import('../export/lazy_views').then((m) => m.createPanZoom);

/** A holder the app provides; the mounted diagram puts its pan-zoom in it. */
export const PanZoomTarget = createContext<{ current: PanZoom | null } | null>(null);

/** The length of the animated fit, reset and zoom steps (none under reduced motion). */
export const PAN_ZOOM_MS = 250;

export function usePanZoom(
  svgRef: RefObject<SVGSVGElement | null>,
  viewportRef: RefObject<SVGGElement | null>,
  { width, height, reduced, follower, onScale }: { width: number; height: number; reduced: boolean; follower?: RefObject<SVGGElement | null>; onScale?: (k: number) => void },
): PanZoom {
  const instance = useRef<PanZoom | null>(null);
  const bounds = useRef<Rect>({ x: 0, y: 0, w: width, h: height });
  const target = useContext(PanZoomTarget);
  /** What was asked before the behaviour arrived (done when it does). */
  const waiting = useRef<((pz: PanZoom) => void) | null>(null);
  const handle = useMemo<PanZoom>(
    () => {
      const run = (f: (pz: PanZoom) => void) => {
        if (instance.current === null) waiting.current = f;
        else f(instance.current);
      };
      return {
        fit: (b) => run((pz) => pz.fit(b)),
        reset: () => run((pz) => pz.reset()),
        zoomBy: (k) => run((pz) => pz.zoomBy(k)),
        setBounds: (b) => instance.current?.setBounds(b),
        view: () => instance.current?.view() ?? IDENTITY,
        destroy: () => instance.current?.destroy(),
      };
    },
    [],
  );

  useEffect(() => {
    bounds.current = { x: 0, y: 0, w: width, h: height };
    instance.current?.setBounds(bounds.current);
  }, [width, height]);

  useEffect(() => {
    const svg = svgRef.current;
    const viewport = viewportRef.current;
    if (svg === null || viewport === null) return;
    const follow = () => {
      const t = viewport.getAttribute('transform');
      if (t === null) follower?.current?.removeAttribute('transform');
      else follower?.current?.setAttribute('transform', t);
    };
    follow();
    let pz: PanZoom | null = null;
    let gone = false;
    // until the behaviour (d3-zoom's own wheel listener) is here: a zoom wheel is kept, not lost
    let early = 1;
    const earlyWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return; // a plain wheel scrolls the page
      event.preventDefault();
      early *= wheelFactor(event.deltaY, event.deltaMode);
      const k = early;
      waiting.current = (z) => z.zoomBy(k);
    };
    svg.addEventListener('wheel', earlyWheel, { passive: false });
    void behaviour().then((createPanZoom) => {
      svg.removeEventListener('wheel', earlyWheel);
      if (gone) return;
      pz = createPanZoom(svg, viewport, { bounds: bounds.current, duration: reduced ? 0 : PAN_ZOOM_MS, onChange: (v) => {
          follow();
          onScale?.(v.k);
        } });
      instance.current = pz;
      const asked = waiting.current;
      waiting.current = null;
      asked?.(pz);
    }, () => {});
    return () => {
      gone = true;
      svg.removeEventListener('wheel', earlyWheel);
      pz?.destroy();
      if (instance.current === pz) instance.current = null;
    };
  }, [svgRef, viewportRef, follower, reduced, onScale]);

  useHeldIn(target, handle);

  return handle;
}
