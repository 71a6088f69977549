/**
 * pointer: where a mouse event happened in an element's own coordinates (an SVG element's user
 * units, through its screen transform; else pixels from its padding box), as d3-selection's
 * pointer() says it: written out here so that d3 stays out of the main script (pan_zoom_behaviour.ts).
 */
export function pointer(event: { clientX: number; clientY: number }, node: Element): [number, number] {
  const svg = ((node as SVGElement).ownerSVGElement ?? node) as SVGSVGElement;
  if (typeof svg.createSVGPoint === 'function' && typeof (node as SVGGraphicsElement).getScreenCTM === 'function') {
    let point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    point = point.matrixTransform((node as SVGGraphicsElement).getScreenCTM()!.inverse());
    return [point.x, point.y];
  }
  const rect = node.getBoundingClientRect();
  return [event.clientX - rect.left - node.clientLeft, event.clientY - rect.top - node.clientTop];
}
