/**
 * usePanZoom: the React side of pan_zoom. It puts the behaviour on the diagram's <svg> and
 * viewport <g> once they exist (again when reduced motion changes its animation time), tells it the
 * drawing's size after every layout, copies the viewport's transform to a follower <g> (a layer
 * drawn over the same drawing), and returns a handle that stays the same across renders (a
 * no-op until mounted), and tells `onScale` (keep it the same function: a new one puts the behaviour on anew) every new scale (the zoom level shown). The app's commands (the zoom keys) reach the mounted diagram through the
 * PanZoomTarget context, which the hook fills while the diagram is on the page.
 */
import { createContext, useContext, useEffect, useMemo, useRef, type RefObject } from 'react';
import { createPanZoom, IDENTITY, type PanZoom, type Rect } from './pan_zoom';

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
  const handle = useMemo<PanZoom>(
    () => ({
      fit: (b) => instance.current?.fit(b),
      reset: () => instance.current?.reset(),
      zoomBy: (k) => instance.current?.zoomBy(k),
      setBounds: (b) => instance.current?.setBounds(b),
      view: () => instance.current?.view() ?? IDENTITY,
      destroy: () => instance.current?.destroy(),
    }),
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
    const pz = createPanZoom(svg, viewport, { bounds: bounds.current, duration: reduced ? 0 : PAN_ZOOM_MS, onChange: (v) => {
        follow();
        onScale?.(v.k);
      } });
    instance.current = pz;
    return () => {
      pz.destroy();
      if (instance.current === pz) instance.current = null;
    };
  }, [svgRef, viewportRef, follower, reduced, onScale]);

  useEffect(() => {
    if (target === null) return;
    target.current = handle;
    return () => {
      if (target.current === handle) target.current = null;
    };
  }, [target, handle]);

  return handle;
}
