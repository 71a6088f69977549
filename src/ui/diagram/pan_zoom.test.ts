// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clampScale, fitView, SCALE_EXTENT, visiblePart, wheelFactor, WHEEL_STEP, type Rect, type View } from './pan_zoom';
import { createPanZoom } from './pan_zoom_behaviour';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

/** Where a drawing rectangle lands on the SVG under a view. */
const place = (b: Rect, v: View): Rect => ({ x: v.x + b.x * v.k, y: v.y + b.y * v.k, w: b.w * v.k, h: b.h * v.k });
const inside = (r: Rect, area: Rect) => r.x >= area.x - 1e-9 && r.y >= area.y - 1e-9 && r.x + r.w <= area.x + area.w + 1e-9 && r.y + r.h <= area.y + area.h + 1e-9;

describe('wheel notches', () => {
  it('one Ctrl+wheel notch zooms by 1.2×, in or out, in pixel and line units', () => {
    expect(wheelFactor(-100)).toBeCloseTo(1.2, 10); // Chromium on Windows: one notch up, 100 px
    expect(wheelFactor(100)).toBeCloseTo(1 / 1.2, 10);
    expect(wheelFactor(-3, 1)).toBeCloseTo(1.2, 10); // Firefox: 3 lines a notch
    expect(wheelFactor(-120)).toBeCloseTo(1.2, 10); // Chromium on Linux: 120 px a notch
    expect(wheelFactor(-150)).toBeCloseTo(1.2, 10); // Chromium on Windows at 150 % scaling
    expect(wheelFactor(120)).toBeCloseTo(1 / 1.2, 10);
    expect(wheelFactor(-200)).toBeCloseTo(1.2 ** 2, 10); // two notches in one event
    expect(wheelFactor(-240)).toBeCloseTo(1.2 ** 2, 10);
  });

  it('is not d3-zoom\'s default, which made one 120 px notch with Ctrl 5.3×', () => {
    const d3Default = 2 ** (120 * 0.002 * 10);
    expect(d3Default).toBeCloseTo(5.28, 2); // what the issue measured
    expect(wheelFactor(-120)).toBeLessThan(1.25);
  });

  it('a touchpad pinch (a few pixels an event) zooms by a little, and a burst counts as at most three notches', () => {
    const pinch = wheelFactor(-4);
    expect(pinch).toBeGreaterThan(1);
    expect(pinch).toBeLessThan(1.01);
    expect(wheelFactor(-5000)).toBeCloseTo(WHEEL_STEP ** 3, 10);
    expect(wheelFactor(1, 2)).toBeCloseTo(1 / WHEEL_STEP, 10); // a page counts as one notch
    expect(wheelFactor(0)).toBe(1);
  });
});

describe('fitting the drawing', () => {
  it('shows a tall drawing whole in the visible area, centred across, at the largest scale', () => {
    const drawing = { x: 0, y: 0, w: 930, h: 1300 };
    const area = { x: 0, y: 0, w: 930, h: 720 };
    const v = fitView(drawing, area);
    expect(v.k).toBeCloseTo(720 / 1300, 10);
    const shown = place(drawing, v);
    expect(inside(shown, area)).toBe(true);
    expect(shown.h).toBeCloseTo(720, 6); // height is the limit: it fills it
    expect(shown.x - area.x).toBeCloseTo(area.x + area.w - (shown.x + shown.w), 6); // centred across
  });

  it('fits into a visible area that starts lower in the SVG (the page is scrolled), and leaves padding', () => {
    const drawing = { x: 0, y: 0, w: 1200, h: 900 };
    const area = { x: 0, y: 500, w: 1200, h: 400 };
    const v = fitView(drawing, area, SCALE_EXTENT, 10);
    const shown = place(drawing, v);
    expect(inside(shown, { x: 10, y: 510, w: 1180, h: 380 })).toBe(true);
    expect(shown.h).toBeCloseTo(380, 6);
  });

  it('honours a drawing that does not start at the origin', () => {
    const drawing = { x: 200, y: -50, w: 400, h: 300 };
    const area = { x: 0, y: 0, w: 800, h: 600 };
    const v = fitView(drawing, area);
    expect(v.k).toBeCloseTo(2, 10);
    expect(place(drawing, v)).toEqual({ x: 0, y: 0, w: 800, h: 600 });
  });

  it('stops at the scale extent: a huge drawing keeps its top-left corner in view, a tiny one is not blown up past 8×', () => {
    const huge = { x: 0, y: 0, w: 1000, h: 40_000 };
    const area = { x: 0, y: 100, w: 1000, h: 700 };
    const v = fitView(huge, area);
    expect(v.k).toBe(SCALE_EXTENT[0]);
    expect(place(huge, v).y).toBe(100); // the top of the drawing at the top of the area
    const tiny = fitView({ x: 0, y: 0, w: 10, h: 10 }, area);
    expect(tiny.k).toBe(SCALE_EXTENT[1]);
    expect(inside(place({ x: 0, y: 0, w: 10, h: 10 }, tiny), area)).toBe(true);
  });

  it('clamps scales to the extent', () => {
    expect(clampScale(0.01)).toBe(SCALE_EXTENT[0]);
    expect(clampScale(100)).toBe(SCALE_EXTENT[1]);
    expect(clampScale(1.5)).toBe(1.5);
    expect(clampScale(3, [0.5, 2])).toBe(2);
  });
});

describe('the visible part of the SVG', () => {
  const win = { left: 0, top: 0, width: 1280, height: 720 };
  const viewBox = { x: 0, y: 0, w: 930, h: 1300 };

  it('is the part of the SVG inside the window, in its user units', () => {
    // the diagram starts 390 px down the window: its first 330 px show
    expect(visiblePart({ left: 330, top: 390, width: 930, height: 1300 }, [win], viewBox)).toEqual({ x: 0, y: 0, w: 930, h: 330 });
    // scrolled 500 px into the diagram: 720 px of it from y = 500
    expect(visiblePart({ left: 330, top: -500, width: 930, height: 1300 }, [win], viewBox)).toEqual({ x: 0, y: 500, w: 930, h: 720 });
  });

  it('maps through the viewBox when the SVG is drawn at another size, and is null off screen', () => {
    const half = visiblePart({ left: 0, top: 0, width: 465, height: 650 }, [win], viewBox)!;
    expect(half).toEqual({ x: 0, y: 0, w: 930, h: 1300 });
    expect(visiblePart({ left: 0, top: 800, width: 930, height: 1300 }, [win], viewBox)).toBeNull();
    expect(visiblePart({ left: 0, top: 0, width: 0, height: 0 }, [win], viewBox)).toBeNull();
  });
});

describe('createPanZoom on an SVG', () => {
  const svgNS = 'http://www.w3.org/2000/svg';
  function mount(w = 800, h = 1200) {
    const host = document.createElement('div');
    const svg = document.createElementNS(svgNS, 'svg') as SVGSVGElement;
    svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
    svg.setAttribute('width', String(w));
    svg.setAttribute('height', String(h));
    const g = document.createElementNS(svgNS, 'g') as SVGGElement;
    svg.appendChild(g);
    // happy-dom's SVGPoint cannot matrixTransform: d3's pointer() then measures the box instead
    Object.defineProperties(svg, { createSVGPoint: { value: undefined }, clientLeft: { value: 0 }, clientTop: { value: 0 } });
    host.appendChild(svg);
    document.body.appendChild(host);
    return { svg, g, bounds: { x: 0, y: 0, w, h } };
  }
  const scaleOf = (g: SVGGElement) => Number(/scale\(([-\d.e]+)\)/.exec(g.getAttribute('transform') ?? '')?.[1] ?? NaN);
  /** A wheel event as a browser sends it (happy-dom's WheelEvent drops the mouse fields of its init). */
  const wheelEvent = (deltaY: number, ctrlKey: boolean) => {
    const e = new WheelEvent('wheel', { deltaY, deltaMode: 0, bubbles: true, cancelable: true });
    Object.defineProperties(e, { ctrlKey: { value: ctrlKey }, clientX: { value: 100 }, clientY: { value: 100 } });
    return e;
  };
  const wheel = (svg: SVGSVGElement, deltaY: number) => svg.dispatchEvent(wheelEvent(deltaY, true));

  it('Ctrl+wheel zooms one step a notch within the scale extent; a plain wheel leaves the page to scroll', () => {
    const { svg, g, bounds } = mount();
    const pz = createPanZoom(svg, g, { bounds });
    const plain = wheelEvent(-100, false);
    svg.dispatchEvent(plain);
    expect(g.getAttribute('transform')).toBeNull();
    expect(plain.defaultPrevented).toBe(false);
    wheel(svg, -100);
    expect(scaleOf(g)).toBeCloseTo(1.2, 6);
    expect(pz.view().k).toBeCloseTo(1.2, 6);
    for (let i = 0; i < 30; i++) wheel(svg, -100);
    expect(pz.view().k).toBe(SCALE_EXTENT[1]);
    for (let i = 0; i < 60; i++) wheel(svg, 100);
    expect(pz.view().k).toBe(SCALE_EXTENT[0]);
    pz.destroy();
  });

  it('zoomBy steps about the centre, reset goes back to 1:1, destroy stops listening', () => {
    const { svg, g, bounds } = mount();
    const pz = createPanZoom(svg, g, { bounds });
    pz.zoomBy(1.25);
    expect(pz.view().k).toBeCloseTo(1.25, 6);
    // the centre of the SVG (happy-dom has no layout: the visible area is the whole SVG) stays put
    const v = pz.view();
    expect(v.x + 400 * v.k).toBeCloseTo(400, 6);
    expect(v.y + 600 * v.k).toBeCloseTo(600, 6);
    pz.zoomBy(100);
    expect(pz.view().k).toBe(SCALE_EXTENT[1]);
    pz.reset();
    expect(g.getAttribute('transform')).toBe('translate(0,0) scale(1)');
    pz.destroy();
    wheel(svg, -100);
    expect(pz.view().k).toBe(1);
  });

  it('animated, zoom steps pressed quickly add up (each from where the last is heading)', async () => {
    const { svg, g, bounds } = mount();
    const pz = createPanZoom(svg, g, { bounds, duration: 40 });
    pz.zoomBy(WHEEL_STEP);
    pz.zoomBy(WHEEL_STEP);
    pz.zoomBy(WHEEL_STEP);
    await vi.waitFor(() => expect(pz.view().k).toBeCloseTo(WHEEL_STEP ** 3, 6), { timeout: 2000, interval: 20 });
    pz.reset();
    await vi.waitFor(() => expect(g.getAttribute('transform')).toBe('translate(0,0) scale(1)'), { timeout: 2000, interval: 20 });
    pz.destroy();
  });

  it('fit shows the whole drawing in the part of the SVG the window shows', () => {
    const { svg, g, bounds } = mount(800, 1200);
    // the SVG starts 100 px down a 1024×700 window: 600 px of it show
    vi.spyOn(svg, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 100, 800, 1200));
    vi.spyOn(svg.parentElement!, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 100, 800, 1200));
    vi.spyOn(window, 'innerWidth', 'get').mockReturnValue(1024);
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(700);
    const changes: View[] = [];
    const pz = createPanZoom(svg, g, { bounds, onChange: (v) => changes.push(v) });
    pz.fit();
    const v = pz.view();
    expect(v.k).toBeCloseTo(600 / 1200, 6);
    const shown = place(bounds, v);
    expect(inside(shown, { x: 0, y: 0, w: 800, h: 600 })).toBe(true);
    expect(g.getAttribute('transform')).toBe(`translate(${v.x},${v.y}) scale(${v.k})`);
    expect(changes.at(-1)).toEqual(v);
    pz.destroy();
  });

  it('fit scrolls the diagram up first when less than half the window shows it', () => {
    const { svg, g, bounds } = mount(800, 1200);
    let top = 600; // only 100 px of a 700 px window show the diagram, until it is scrolled
    vi.spyOn(svg, 'getBoundingClientRect').mockImplementation(() => new DOMRect(0, top, 800, 1200));
    vi.spyOn(svg.parentElement!, 'getBoundingClientRect').mockImplementation(() => new DOMRect(0, top, 800, 1200));
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(700);
    const scroll = vi.fn(() => {
      top = 0;
    });
    svg.scrollIntoView = scroll;
    const pz = createPanZoom(svg, g, { bounds });
    pz.fit();
    expect(scroll).toHaveBeenCalledOnce();
    expect(pz.view().k).toBeCloseTo(700 / 1200, 6);
    pz.destroy();
  });
});
