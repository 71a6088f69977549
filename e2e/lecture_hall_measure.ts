/**
 * lecture_hall_measure: the in-page check of the presentation diagram's goals (issue 14), run by
 * lecture_hall.spec.ts in ONE page.evaluate per step. It returns the failures, each saying what and
 * where with the numbers; none when the step passes:
 * - every diagram text's rendered height (font size × its screen scale) ≥ 3.0vh, median ≥ 3.7vh;
 * - text contrast ≥ 7:1 against the box behind it; arrows and box borders ≥ 4.5:1 against the
 *   background, ≥ 0.278vh wide (3 px at 1080, 2 px at 720), at full opacity;
 * - everything inside the viewport (no scrolling) and inside the diagram's box, under the header
 *   and the narration band; no text overlaps another; a text in an element's box stays inside it.
 * Self-contained (it is serialised into the page): no imports, no closures.
 */
export interface Measured {
  failures: string[];
  texts: number;
  medianVh: number;
}

export function measureLectureHall(): Measured {
  const failures: string[] = [];
  const vh = window.innerHeight / 100;
  const MIN_TEXT = 3.0 * vh;
  const MEDIAN_TEXT = 3.7 * vh;
  const MIN_STROKE = 0.278 * vh * 0.98;
  const say = (s: string) => {
    if (failures.length < 40) failures.push(s);
  };
  const parse = (c: string): [number, number, number, number] | null => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
    if (m === null) return null;
    return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  };
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const contrast = (a: number[], b: number[]) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const styles = new Map<Element, CSSStyleDeclaration>();
  const style = (el: Element) => {
    let st = styles.get(el);
    if (st === undefined) styles.set(el, (st = getComputedStyle(el)));
    return st;
  };
  const opacities = new Map<Element, number>();
  /** The element's opacity with its ancestors'. */
  const opacityOf = (el: Element | null): number => {
    if (el === null) return 1;
    let o = opacities.get(el);
    if (o === undefined) opacities.set(el, (o = Number(style(el).opacity) * opacityOf(el.parentElement)));
    return o;
  };
  const blend = (fg: number[], alpha: number, bg: number[]) => fg.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha));
  const box = document.querySelector('[data-testid="diagram-box"]');
  const svg = box?.querySelector('svg[data-presentation="true"]') as SVGSVGElement | null;
  if (box === null || box === undefined || svg === null) return { failures: ['no presentation diagram'], texts: 0, medianVh: 0 };
  const bgRgb = parse(getComputedStyle(svg).backgroundColor) ?? [0, 0, 0, 1];
  const boxR = box.getBoundingClientRect();
  const svgR = svg.getBoundingClientRect();
  const inside = (r: DOMRect, o: DOMRect, tol = 1) => r.left >= o.left - tol && r.top >= o.top - tol && r.right <= o.right + tol && r.bottom <= o.bottom + tol;
  const vp = new DOMRect(0, 0, window.innerWidth, window.innerHeight);
  if (document.documentElement.scrollHeight > window.innerHeight + 1) say(`the page scrolls: ${document.documentElement.scrollHeight} px > ${window.innerHeight}`);
  if (!inside(svgR, boxR, 1.5)) say(`the drawing ${svgR.width.toFixed(0)}×${svgR.height.toFixed(0)} at ${svgR.left.toFixed(0)},${svgR.top.toFixed(0)} is not inside the diagram box ${boxR.width.toFixed(0)}×${boxR.height.toFixed(0)}`);
  for (const sel of ['header', '[data-testid="narration-band"]']) {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    if (r !== undefined && r.bottom > svgR.top + 0.5 && r.top < svgR.bottom) say(`the drawing (top ${svgR.top.toFixed(0)}) overlaps ${sel} (bottom ${r.bottom.toFixed(0)})`);
  }
  // texts: size, contrast, place
  const texts = [...svg.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '');
  const heights: number[] = [];
  const rects: { t: string; r: DOMRect }[] = [];
  for (const t of texts) {
    const label = t.textContent ?? '';
    const ctm = t.getScreenCTM();
    const size = parseFloat(t.getAttribute('font-size') ?? style(t).fontSize);
    const h = size * (ctm === null ? 1 : Math.hypot(ctm.a, ctm.b));
    heights.push(h);
    if (h < MIN_TEXT - 0.05) say(`text "${label}" renders ${h.toFixed(1)} px < ${MIN_TEXT.toFixed(1)} (3.0vh)`);
    const r = t.getBoundingClientRect();
    rects.push({ t: label, r });
    if (!inside(r, vp)) say(`text "${label}" is outside the viewport (${r.left.toFixed(0)},${r.top.toFixed(0)}–${r.right.toFixed(0)},${r.bottom.toFixed(0)})`);
    else if (!inside(r, boxR)) say(`text "${label}" sticks out of the diagram box`);
    // the element it labels: its box must hold it
    const owner = t.closest('g[data-key]');
    const ownerRect = owner?.querySelector(':scope > rect');
    if (ownerRect !== null && ownerRect !== undefined && !inside(r, ownerRect.getBoundingClientRect(), 1.5)) {
      const o = ownerRect.getBoundingClientRect();
      say(`text "${label}" sticks out of its box ${owner?.getAttribute('data-key')} (text ${r.left.toFixed(0)}–${r.right.toFixed(0)} × ${r.top.toFixed(0)}–${r.bottom.toFixed(0)}, box ${o.left.toFixed(0)}–${o.right.toFixed(0)} × ${o.top.toFixed(0)}–${o.bottom.toFixed(0)})`);
    }
    // contrast against what is behind it: the filled box of the element it labels, else the background
    const fill = parse(style(t).fill);
    if (fill !== null) {
      let behind: number[] = bgRgb;
      for (let g = t.parentElement; g !== null && g !== (svg as Element); g = g.parentElement) {
        const r0 = g.querySelector(':scope > rect');
        const f = r0 === null ? null : parse(style(r0).fill);
        const a = f === null ? 0 : f[3] * Number(style(r0!).fillOpacity) * opacityOf(r0);
        if (f !== null && a > 0.01) {
          behind = blend(f, a, bgRgb);
          break;
        }
      }
      const fg = blend(fill, fill[3] * Number(style(t).fillOpacity) * opacityOf(t), behind);
      const c = contrast(fg, behind);
      if (c < 7) say(`text "${label}" contrast ${c.toFixed(2)}:1 < 7:1 (fill ${style(t).fill})`);
    }
  }
  const sorted = [...heights].sort((a, b) => a - b);
  const median = sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)];
  if (sorted.length > 0 && median < MEDIAN_TEXT - 0.05) say(`median text height ${median.toFixed(1)} px < ${MEDIAN_TEXT.toFixed(1)} (3.7vh)`);
  // no text overlaps another (their glyph boxes, trimmed of the line's empty ascent and descent)
  const trim = (r: DOMRect) => ({ l: r.left + 0.5, r: r.right - 0.5, t: r.top + r.height * 0.12, b: r.bottom - r.height * 0.12 });
  for (let i = 0; i < rects.length; i++) {
    const a = trim(rects[i].r);
    for (let j = i + 1; j < rects.length; j++) {
      const b = trim(rects[j].r);
      if (a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) say(`text "${rects[i].t}" overlaps "${rects[j].t}"`);
    }
  }
  // arrows and borders: wide enough, contrasted, opaque
  const strokes = [...svg.querySelectorAll('path[data-link], rect')].filter((el) => {
    const s = style(el).stroke;
    return s !== 'none' && parse(s)?.[3] !== 0 && (el.getAttribute('stroke-width') ?? '') !== '0';
  });
  for (const el of strokes) {
    const what = el.getAttribute('data-link') !== null ? `arrow ${el.getAttribute('data-link')} ${el.getAttribute('data-from')}→${el.getAttribute('data-to')}` : `border of ${el.closest('[data-key]')?.getAttribute('data-key') ?? el.closest('[data-testid]')?.getAttribute('data-testid') ?? 'a box'}`;
    const ctm = (el as SVGGraphicsElement).getScreenCTM();
    const w = parseFloat(style(el).strokeWidth) * (ctm === null ? 1 : Math.hypot(ctm.a, ctm.b));
    if (w < MIN_STROKE) say(`${what} is ${w.toFixed(2)} px wide < ${MIN_STROKE.toFixed(2)}`);
    const s = parse(style(el).stroke)!;
    const a = s[3] * Number(style(el).strokeOpacity) * opacityOf(el);
    if (a < 0.99) say(`${what} is at ${(a * 100).toFixed(0)}% opacity`);
    const c = contrast(blend(s, a, bgRgb), bgRgb);
    if (c < 4.5) say(`${what} contrast ${c.toFixed(2)}:1 < 4.5:1`);
    const r = el.getBoundingClientRect();
    if (r.width > 0 && !inside(r, boxR, 2)) say(`${what} is cut: outside the diagram box`);
  }
  return { failures, texts: texts.length, medianVh: median / vh };
}
