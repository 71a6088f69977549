// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { deferFirstPicture, MachineDiagram, MOVE_MS } from './MachineDiagram';
import { svgSize } from './svg_size';
import { MOVE_REST_MS } from './motion';
import { CHIP_SCALE } from './MovingCopy';
import { FONT_SIZE, DARK, PRESENTATION } from './theme';
import { computeLayout } from './layout';
import { GROW_VH, stageLayout } from './layout/present/fit';
import { DEFAULT_WIDTH, type Box } from './layout/geometry';
import { elementBoxes } from './layout/lookup';
import { ref, refKey } from './element_ref';
import { finalSnapshot, firstEvent, snapshotsOf } from './test_snapshots';
import { litKeys, litOnHover } from './test_hover';
import { mockReducedMotion } from '../test_media';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const centre = (b: Box) => [b.x + b.w / 2, b.y + b.h / 2];
const translation = (el: Element) => (el.getAttribute('transform')!.match(/translate\(([-\d.e]+),([-\d.e]+)\)/) ?? []).slice(1).map(Number);

function forkCopy() {
  const snap = finalSnapshot('fork_copy');
  const P = snap.tasks.find((t) => t.name === 'P')!;
  const C = snap.tasks.find((t) => t.name === 'C')!;
  const sc = snap.objects.find((o) => o.id === C.entries[0].object)!;
  const O = snap.objects.find((o) => o.id === sc.shadow)!;
  return { snap, P, C, sc, O };
}

const hex = (n: number) => '0x' + n.toString(16);

/** What a ResizeObserver entry reports of a box (the width; the height where presentation mode reads it). */
type Observed = { width: number; height?: number };

/** A stand-in ResizeObserver: it reports `first` as soon as it observes (null: nothing until told); the function returned reports a box later. */
function stubResizeObserver(first: Observed | null): (entries: { contentRect: Observed }[]) => void {
  let report: ((entries: { contentRect: Observed }[]) => void) | null = null;
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(cb: typeof report) {
        report = cb;
      }
      observe() {
        if (first !== null) report!([{ contentRect: first }]);
      }
      disconnect() {}
    },
  );
  return (entries) => report!(entries);
}

describe('MachineDiagram', () => {
  it("a diagram that does not step (exactSize: the handout's printed pages) is as tall as its drawing and not clipped, so its page's CSS scales it", () => {
    const { snap } = forkCopy();
    const { container } = render(<MachineDiagram snapshot={snap} exactSize />);
    const svg = container.querySelector('svg')!;
    const layout = computeLayout(snap, { width: DEFAULT_WIDTH });
    expect(svgSize(layout.height)).toBeGreaterThan(layout.height); // the live page's <svg> would be taller
    expect([svg.getAttribute('height'), svg.getAttribute('viewBox')]).toEqual([String(layout.height), `0 0 ${DEFAULT_WIDTH} ${layout.height}`]);
    const box = svg.parentElement!;
    expect(box.hasAttribute('data-diagram-clip')).toBe(true);
    expect([box.style.width, box.style.height, box.style.overflow]).toEqual(['', '', '']);
  });

  it('renders tasks, objects, frames and the TLB with test ids, aria-labels and real text', () => {
    const { snap, P, C, sc, O } = forkCopy();
    const { container } = render(<MachineDiagram snapshot={snap} />);
    const svg = container.querySelector('svg')!;
    // no ResizeObserver reports in happy-dom: laid out for DEFAULT_WIDTH, drawn at scale 1
    const layout = computeLayout(snap, { width: DEFAULT_WIDTH });
    // the drawing's box is the layout's size; the <svg> in it is as wide, its height (and its viewBox's) rounded up to a coarse step (svg_size.ts)
    const clip = svg.parentElement!;
    expect(clip.hasAttribute('data-diagram-clip')).toBe(true);
    expect([clip.style.width, clip.style.height, clip.style.overflow]).toEqual([`${DEFAULT_WIDTH}px`, `${layout.height}px`, 'hidden']);
    expect(svg.getAttribute('data-drawing-height')).toBe(String(layout.height));
    expect([svg.getAttribute('width'), svg.getAttribute('height')]).toEqual([String(DEFAULT_WIDTH), String(svgSize(layout.height))]);
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${DEFAULT_WIDTH} ${svgSize(layout.height)}`);

    const taskP = screen.getByTestId('task-P');
    expect(taskP.getAttribute('aria-label')).toBe('task P: 1 map entry');
    expect(taskP.textContent).toContain(`${hex(P.entries[0].start)}–${hex(P.entries[0].end)}`);
    expect(taskP.textContent).toContain('rw-/rwx copy');
    expect(screen.getByTestId('task-C').textContent).toContain(hex(C.entries[0].start));

    const child = screen.getByTestId(`object-${sc.id}`);
    expect(child.getAttribute('aria-label')).toMatch(new RegExp(`^VM object ${sc.id}: 1 resident page, shadows object ${O.id}`));
    expect(child.textContent).toContain(`object ${sc.id}`);
    expect(child.textContent).toContain(`0x0 → frame ${sc.pages[0][1]}`);
    expect(screen.getByTestId(`object-${O.id}`).getAttribute('aria-label')).toMatch(new RegExp(`^VM object ${O.id}: 3 resident pages`));

    const f0 = screen.getByTestId('frame-0');
    const owner = snap.frameOwner[0];
    expect(f0.getAttribute('aria-label')).toMatch(owner === 0 ? /^frame 0: free$/ : new RegExp(`^frame 0: object ${owner} at 0x[0-9a-f]+, (dirty|clean)`));
    expect(f0.querySelector('text')!.textContent).toBe('0');
    expect(screen.getAllByTestId(/^frame-\d+$/)).toHaveLength(snap.frameOwner.length);
    const free = snap.frameOwner.findIndex((o) => o === 0);
    expect(screen.getByTestId(`frame-${free}`).getAttribute('data-free')).toBe('true');

    const tlb = screen.getByTestId('tlb');
    expect(tlb.getAttribute('aria-label')).toMatch(/^TLB: 4 sets of 4 ways, \d+ valid entr/);
    expect(tlb.textContent).toContain(`P: ${P.tlbHits} hit`);
    expect(within(tlb).getAllByRole('group')).toHaveLength(snap.tlbEntries);

    // every label is real text, at least 14 px
    const texts = [...container.querySelectorAll('text')];
    expect(texts.length).toBeGreaterThan(50);
    for (const t of texts) expect(Number(t.getAttribute('font-size'))).toBeGreaterThanOrEqual(14);
    // every data-key group is focusable and labelled
    for (const g of container.querySelectorAll('[data-key]')) {
      expect(g.getAttribute('tabindex')).toBe('0');
      expect(g.getAttribute('aria-label')).toBeTruthy();
    }
  });

  it('hovering an entry highlights its object, its shadow chain, the frames it reads and their links', () => {
    const { snap, C, sc, O } = forkCopy();
    const { container } = render(<MachineDiagram snapshot={snap} />);
    const entry = screen.getByTestId(`entry-${C.entries[0].id}`);
    const frameSc = sc.pages[0][1];
    const frameO0 = O.pages.find(([off]) => off === 0)![1];
    const frameO1 = O.pages.find(([off]) => off === 0x1000)![1];
    expect(litOnHover(refKey(ref.object(sc.id)))).toBe(false);

    fireEvent.mouseOver(entry.querySelector('text')!);
    expect(litOnHover(entry.getAttribute('data-key')!)).toBe(true);
    expect(litOnHover(refKey(ref.object(sc.id)))).toBe(true);
    expect(litOnHover(refKey(ref.object(O.id)))).toBe(true);
    expect(litOnHover(refKey(ref.frame(frameSc)))).toBe(true);
    expect(litOnHover(refKey(ref.frame(frameO1)))).toBe(true);
    expect(litOnHover(refKey(ref.frame(frameO0)))).toBe(false); // hidden by the child's shadow
    expect(litOnHover(screen.getByTestId('task-P').getAttribute('data-key')!)).toBe(false);
    // the picture itself is not redrawn for a hover: the outlines are in the hover layer, over it
    expect(screen.getByTestId(`object-${sc.id}`).getAttribute('data-highlighted')).toBeNull();
    const lit = [...container.querySelectorAll('path[data-link][data-highlighted="true"]')].map((p) => p.getAttribute('data-link'));
    expect(lit).toContain('map');
    expect(lit).toContain('shadow');
    expect(lit).toContain('frame');
    const tlbLit = litKeys().filter((k) => k.startsWith('tlb:'));
    expect(tlbLit.length).toBe(snap.tlb.filter((t) => [frameSc, frameO1, O.pages.find(([off]) => off === 0x2000)![1]].includes(t.pfn)).length);

    fireEvent.mouseLeave(entry.closest('[data-testid="diagram-viewport"]')!.firstElementChild!);
    expect(container.querySelectorAll('[data-highlighted="true"]')).toHaveLength(0);
  });

  it('focusing an element with the keyboard highlights its path too', () => {
    const { snap, sc } = forkCopy();
    render(<MachineDiagram snapshot={snap} />);
    const frame = screen.getByTestId(`frame-${sc.pages[0][1]}`);
    fireEvent.focus(frame);
    expect(litOnHover(frame.getAttribute('data-key')!)).toBe(true);
    expect(litOnHover(refKey(ref.object(sc.id)))).toBe(true);
    expect(litOnHover(refKey(ref.page(sc.id, 0)))).toBe(true);
    fireEvent.blur(frame);
    expect(litOnHover(frame.getAttribute('data-key')!)).toBe(false);
  });

  it('calls onPageClick with the task and the page address, by mouse and by keyboard', () => {
    const { snap, C } = forkCopy();
    const onPageClick = vi.fn();
    render(<MachineDiagram snapshot={snap} onPageClick={onPageClick} />);
    const e = C.entries[0];
    const page1 = screen.getByRole('button', { name: `page ${hex(e.start + 0x1000)} of task C: read or write here` });
    fireEvent.click(page1);
    expect(onPageClick).toHaveBeenLastCalledWith('C', e.start + 0x1000);
    const page2 = screen.getByRole('button', { name: `page ${hex(e.start + 0x2000)} of task C: read or write here` });
    fireEvent.keyDown(page2, { key: 'Enter' });
    expect(onPageClick).toHaveBeenLastCalledWith('C', e.start + 0x2000);
    fireEvent.keyDown(screen.getByTestId(`entry-${e.id}`), { key: 'Enter' });
    expect(onPageClick).toHaveBeenLastCalledWith('C', e.start);
    expect(onPageClick).toHaveBeenCalledTimes(3);
  });

  it('emphasises the elements the current step touched', () => {
    const { snap, P, sc } = forkCopy();
    const frame = sc.pages[0][1];
    render(<MachineDiagram snapshot={snap} highlight={[ref.object(sc.id), ref.frame(frame), ref.entry(P.entries[0].id), ref.task(P.id)]} />);
    const obj = screen.getByTestId(`object-${sc.id}`);
    expect(obj.getAttribute('data-step')).toBe('true');
    const outline = obj.querySelector('rect')!;
    expect(outline.getAttribute('stroke')).toBe('#f0abfc');
    expect(Number(outline.getAttribute('stroke-width'))).toBeGreaterThan(3);
    expect(screen.getByTestId(`frame-${frame}`).getAttribute('data-step')).toBe('true');
    expect(screen.getByTestId(`entry-${P.entries[0].id}`).getAttribute('data-step')).toBe('true');
    expect(screen.getByTestId('task-P').getAttribute('data-step')).toBe('true');
    expect(screen.getByTestId('task-C').getAttribute('data-step')).toBeNull();
  });

  it('scales text up and uses pure black and white in presentation mode', () => {
    const { container } = render(<MachineDiagram snapshot={finalSnapshot('fork_copy')} presentation />);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('data-presentation')).toBe('true');
    expect(svg.style.background).toMatch(/#000000|rgb\(0, 0, 0\)/);
    for (const t of container.querySelectorAll('text')) expect(Number(t.getAttribute('font-size'))).toBeGreaterThanOrEqual(20);
  });

  it('re-renders a later step without losing elements that did not change', () => {
    const steps = snapshotsOf('fork_copy');
    const { rerender } = render(<MachineDiagram snapshot={steps[5]} />);
    const before = screen.getByTestId('task-P').querySelector('rect')!.getAttribute('x');
    rerender(<MachineDiagram snapshot={steps[steps.length - 1]} />);
    expect(screen.getByTestId('task-P').querySelector('rect')!.getAttribute('x')).toBe(before);
    expect(screen.getByTestId('task-C')).toBeTruthy();
  });
  it('keeps the <svg>s\' size and viewBox when a step makes the drawing a little taller: only the clipping box grows (no relayout of every text)', () => {
    const steps = snapshotsOf('copy_on_map');
    const [h3, h4] = [3, 4].map((i) => computeLayout(steps[i], { width: DEFAULT_WIDTH }).height);
    expect(h4).toBeGreaterThan(h3); // step 4 adds an entry to a task: the drawing grows
    expect(svgSize(h4)).toBe(svgSize(h3));
    const { container, rerender } = render(<MachineDiagram snapshot={steps[3]} />);
    const svgs = () => Array.from(container.querySelectorAll('svg[viewBox^="0 0 "]')).filter((e) => e.parentElement!.hasAttribute('data-diagram-clip'));
    const sizes = () => svgs().map((e) => [e.getAttribute('width'), e.getAttribute('height'), e.getAttribute('viewBox')].join(' '));
    expect(svgs()).toHaveLength(2); // the picture and the hover layer
    const before = sizes();
    const clip = svgs()[0].parentElement!;
    expect(clip.style.height).toBe(`${h3}px`);
    rerender(<MachineDiagram snapshot={steps[4]} />);
    expect(sizes()).toEqual(before);
    expect(clip.style.height).toBe(`${h4}px`);
    expect(svgs()[0].getAttribute('data-drawing-height')).toBe(String(h4));
  });

  it('lays out for the width of its container (ResizeObserver) and keeps text at its true size', () => {
    const report = stubResizeObserver({ width: 1400.6 });
    const snap = finalSnapshot('fork_copy');
    const { container } = render(<MachineDiagram snapshot={snap} />);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('data-drawing-height')).toBe(String(computeLayout(snap, { width: 1400 }).height));
    expect(svg.getAttribute('viewBox')).toMatch(/^0 0 1400 /);
    expect(Number(svg.getAttribute('viewBox')!.split(' ')[3])).toBeGreaterThanOrEqual(computeLayout(snap, { width: 1400 }).height);
    expect(svg.getAttribute('width')).toBe('1400');
    act(() => report([{ contentRect: { width: 880 } }]));
    expect(svg.getAttribute('viewBox')).toMatch(/^0 0 880 /);
    expect(svg.getAttribute('width')).toBe('880');
    for (const t of container.querySelectorAll('text')) expect(Number(t.getAttribute('font-size'))).toBeGreaterThanOrEqual(14);
  });

  it("the page's first picture waits for the ResizeObserver's first report (nothing measured in the step's commit) and marks the step it shows; a later diagram is drawn at once", () => {
    const report = stubResizeObserver(null);
    const snap = finalSnapshot('fork_copy');
    deferFirstPicture();
    const first = render(<MachineDiagram snapshot={snap} step={16} />);
    // the step's commit: the diagram's box, no picture yet (the counter and the buttons do not wait for it)
    expect(first.container.querySelector('svg')).toBeNull();
    act(() => report([{ contentRect: { width: 1000, height: 0 } }]));
    const viewport = first.container.querySelector('[data-testid="diagram-viewport"]')!;
    expect(viewport.getAttribute('data-drawn-step')).toBe('16');
    expect(first.container.querySelector('svg')!.getAttribute('viewBox')).toMatch(/^0 0 1000 /);
    first.rerender(<MachineDiagram snapshot={snap} step={17} />);
    expect(first.container.querySelector('[data-testid="diagram-viewport"]')!.getAttribute('data-drawn-step')).toBe('17');
    // only the page's first picture waits: the next diagram (presentation mode, Compare) is drawn in its first commit
    const next = render(<MachineDiagram snapshot={snap} step={3} />);
    expect(next.container.querySelector('[data-testid="diagram-viewport"]')!.getAttribute('data-drawn-step')).toBe('3');
  });

  it('in presentation mode lays out for its whole box: text of 3.0–4.4vh, the drawing inside the box, only the frames in use', () => {
    const report = stubResizeObserver({ width: 1894, height: 780 });
    vi.stubGlobal('innerHeight', 1080);
    const snap = finalSnapshot('fork_copy');
    const { container } = render(<MachineDiagram snapshot={snap} presentation />);
    const svg = container.querySelector('svg')!;
    // presentation mode's <svg> is as big as its box, at scale 1 (its viewport stays put from step to step); the drawing's box clips it to the drawing
    expect([svg.getAttribute('width'), svg.getAttribute('height'), svg.getAttribute('viewBox')]).toEqual(['1894', '780', '0 0 1894 780']);
    const clip = svg.parentElement!;
    expect(parseFloat(clip.style.width)).toBeLessThanOrEqual(1894.5);
    expect(parseFloat(clip.style.height)).toBeCloseTo(Number(svg.getAttribute('data-drawing-height')), 3);
    expect(parseFloat(clip.style.height)).toBeLessThanOrEqual(780);
    const sizes = [...container.querySelectorAll('[data-presentation] text')].map((t) => Number(t.getAttribute('font-size')));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(3.0 * 10.8 - 0.01);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4.4 * 10.8 + 0.01);
    const used = [...snap.frameOwner].filter((o) => o !== 0).length;
    expect(screen.getAllByTestId(/^frame-\d+$/)).toHaveLength(used);
    // a smaller box: the text gets smaller, never below the floor
    act(() => report([{ contentRect: { width: 1262, height: 420 } }]));
    const smaller = [...container.querySelectorAll('[data-presentation] text')].map((t) => Number(t.getAttribute('font-size')));
    expect(Math.max(...smaller)).toBeLessThan(Math.max(...sizes));
    expect(Number(svg.getAttribute('height'))).toBeLessThanOrEqual(420);
  });

  it('in presentation mode keeps the <svg>s\' size and viewBox when a step makes the drawing taller, and the text size while the machine fits at it', () => {
    stubResizeObserver({ width: 1894, height: 780 });
    vi.stubGlobal('innerHeight', 1080);
    const steps = snapshotsOf('pageout_pagein');
    const box = { width: 1894, height: 780, vh: 10.8 };
    // two steps, the second of which alone would take a size a little larger (less than GROW_VH)
    const alone = steps.map((s) => stageLayout(s, box).fontSize / box.vh);
    const stepped = alone.findIndex((v, i) => i > 0 && v > alone[i - 1] && v < alone[i - 1] + GROW_VH);
    expect(stepped).toBeGreaterThan(0);
    const [a, b] = [steps[stepped - 1], steps[stepped]];
    const kept = stageLayout(a, box);
    const next = stageLayout(b, box, kept.fontSize);
    expect(next.fontSize).toBe(kept.fontSize); // the fit keeps the size (fit.test.ts: it grows only by GROW_VH or more)
    expect(next.height).not.toBe(kept.height);
    const { container, rerender } = render(<MachineDiagram snapshot={a} presentation />);
    const svgs = () => Array.from(container.querySelectorAll('svg[viewBox^="0 0 "]')).filter((e) => e.parentElement!.hasAttribute('data-diagram-clip'));
    const sizes = () => svgs().map((e) => [e.getAttribute('width'), e.getAttribute('height'), e.getAttribute('viewBox')].join(' '));
    const fontSizes = () => new Set([...container.querySelectorAll('[data-presentation] text')].map((t) => Number(t.getAttribute('font-size'))));
    expect(svgs()).toHaveLength(2); // the picture and the hover layer
    const before = sizes();
    expect(before[0]).toBe('1894 780 0 0 1894 780');
    expect(fontSizes()).toEqual(new Set([kept.fontSize]));
    rerender(<MachineDiagram snapshot={b} presentation />);
    expect(sizes()).toEqual(before);
    expect(fontSizes()).toEqual(new Set([kept.fontSize]));
    expect(parseFloat(svgs()[0].parentElement!.style.height)).toBeCloseTo(next.height, 3);
  });

  it('moves ONE large chip of the page from its source to its destination for a cow_copy, the rest dimmed, then removes it', () => {
    mockReducedMotion(false);
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'setTimeout', 'clearTimeout', 'Date'] });
    const { event, snap } = firstEvent('fork_copy', 'cow_copy');
    const boxes = elementBoxes(computeLayout(snap, { width: DEFAULT_WIDTH }));
    const from = centre(boxes.get(refKey(ref.page(event.from, event.fromOffset)))!);
    const to = centre(boxes.get(refKey(ref.page(event.to, event.toOffset)))!);
    const { rerender } = render(<MachineDiagram snapshot={snap} activeEvent={event} />);
    const moving = screen.getAllByTestId('moving-page');
    expect(moving).toHaveLength(1); // one copy at a time: the page, object to object (the two frames are lit)
    const page = moving[0];
    expect(page.closest('svg')).not.toBeNull();
    // big, in its own colour, carrying the page's first bytes
    const chipRect = page.querySelector('rect')!;
    expect(chipRect.getAttribute('fill')).toBe(DARK.chip);
    expect(DARK.chip).not.toBe(DARK.step);
    const text = page.querySelector('text')!;
    expect(Number(text.getAttribute('font-size'))).toBeGreaterThanOrEqual(1.6 * FONT_SIZE);
    expect(Number(text.getAttribute('font-size'))).toBe(Math.round(FONT_SIZE * CHIP_SCALE));
    expect(Number(chipRect.getAttribute('height'))).toBeGreaterThanOrEqual(1.5 * Number(text.getAttribute('font-size')));
    expect(text.textContent).toBe('"parent d"');
    expect(translation(page)).toEqual(from);
    for (const f of [event.fromFrame, event.frame]) expect(screen.getByTestId(`frame-${f}`).getAttribute('data-step')).toBe('true');
    // the rest is dimmed: a veil with holes at the pages, objects and frames of the copy only
    const veil = screen.getByTestId('dim-overlay');
    expect(veil.getAttribute('data-involved')!.split(' ').sort()).toEqual(['frame:0', 'frame:3', 'object:1', 'object:2', 'page:1:0', 'page:2:0']);
    // the destination is drawn empty until the chip arrives
    expect(screen.getByTestId('copy-destination-empty')).toBeTruthy();
    act(() => vi.advanceTimersByTime(MOVE_MS / 2));
    const [x, y] = translation(page);
    expect(x).toBeLessThan(Math.max(from[0], to[0]));
    expect(x).toBeGreaterThan(Math.min(from[0], to[0]));
    expect(y).toBeCloseTo(from[1] + (to[1] - from[1]) * ((x - from[0]) / (to[0] - from[0])), 5);
    act(() => vi.advanceTimersByTime(MOVE_MS / 2 + 40)); // rAF runs every 16 ms: past the end of the move
    const [x2, y2] = translation(screen.getAllByTestId('moving-page')[0]);
    expect(x2).toBeCloseTo(to[0], 5);
    expect(y2).toBeCloseTo(to[1], 5);
    expect(screen.queryByTestId('copy-destination-empty')).toBeNull(); // arrived: the copy is there
    expect(screen.getByTestId('dim-overlay')).toBeTruthy(); // it rests, the rest still dimmed
    act(() => vi.advanceTimersByTime(MOVE_REST_MS + 40));
    expect(screen.queryByTestId('moving-page')).toBeNull();
    expect(screen.queryByTestId('dim-overlay')).toBeNull();
    // the ends stay lit while the narration is on this event
    expect(screen.getByTestId(`page-${event.to}-${event.toOffset}`).getAttribute('data-step')).toBe('true');
    // the narration moves on, then comes back to the same event: it moves again
    rerender(<MachineDiagram snapshot={snap} activeEvent={null} />);
    expect(screen.getByTestId(`page-${event.to}-${event.toOffset}`).getAttribute('data-step')).toBeNull();
    rerender(<MachineDiagram snapshot={snap} activeEvent={event} />);
    expect(screen.getAllByTestId('moving-page')).toHaveLength(1);
    expect(translation(screen.getAllByTestId('moving-page')[0])).toEqual(from);
  });

  it("the chip's colours: unlike the step's and the touched outline's, its text ≥ 7:1 on it, in both themes", () => {
    const lum = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
    for (const theme of [DARK, PRESENTATION]) {
      expect(contrast(theme.chip, theme.chipText)).toBeGreaterThanOrEqual(7);
      expect(new Set([theme.chip, theme.step, theme.touched, theme.path]).size).toBe(4);
      // the touched outline stands out of the background as a border must (≥ 4.5:1)
      expect(contrast(theme.touched, theme.background)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('the chip travels as long as it is told (the speed)', () => {
    mockReducedMotion(false);
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'setTimeout', 'clearTimeout', 'Date'] });
    const { event, snap } = firstEvent('fork_copy', 'cow_copy');
    render(<MachineDiagram snapshot={snap} activeEvent={event} moveMs={1800} />);
    act(() => vi.advanceTimersByTime(1800 + MOVE_REST_MS - 100));
    expect(screen.getAllByTestId('moving-page')).toHaveLength(1);
    act(() => vi.advanceTimersByTime(200));
    expect(screen.queryByTestId('moving-page')).toBeNull();
  });

  it('under reduced motion, moves nothing and marks the source and the destination', () => {
    mockReducedMotion(true);
    const supply = firstEvent('pageout_pagein', 'memory_object_data_supply');
    const { rerender } = render(<MachineDiagram snapshot={supply.snap} activeEvent={supply.event} />);
    expect(screen.queryByTestId('moving-page')).toBeNull();
    expect(screen.getByTestId(supply.event.pager === 'default pager' ? 'pager-default' : `pager-${supply.event.pager}`).getAttribute('data-step')).toBe('true');
    expect(screen.getByTestId(`page-${supply.event.object}-${supply.event.offset}`).getAttribute('data-step')).toBe('true');
    const cow = firstEvent('fork_copy', 'cow_copy');
    rerender(<MachineDiagram snapshot={cow.snap} activeEvent={cow.event} />);
    expect(screen.queryByTestId('moving-page')).toBeNull();
    for (const id of [`page-${cow.event.from}-${cow.event.fromOffset}`, `page-${cow.event.to}-${cow.event.toOffset}`, `frame-${cow.event.fromFrame}`, `frame-${cow.event.frame}`]) {
      expect(screen.getByTestId(id).getAttribute('data-step'), id).toBe('true');
    }
  });

  it('lights up the elements the active event names, with or without a highlight', () => {
    mockReducedMotion(false);
    const { event, snap } = firstEvent('fork_copy', 'zero_fill');
    render(<MachineDiagram snapshot={snap} activeEvent={event} />);
    expect(screen.queryByTestId('moving-page')).toBeNull(); // a zero fill carries no page
    const task = snap.tasks.find((t) => t.id === event.task)!;
    expect(screen.getByTestId(`task-${task.name}`).getAttribute('data-step')).toBe('true');
    expect(screen.getByTestId(`object-${event.object}`).getAttribute('data-step')).toBe('true');
    expect(screen.getByTestId(`page-${event.object}-${event.offset}`).getAttribute('data-step')).toBe('true');
    expect(screen.getByTestId(`frame-${event.frame}`).getAttribute('data-step')).toBe('true');
    const other = snap.frameOwner.findIndex((o, i) => o === 0 && i !== event.frame);
    expect(screen.getByTestId(`frame-${other}`).getAttribute('data-step')).toBeNull();
  });

  it('has a Zoom to fit button (HTML, in the tools row above the drawing, key 0) that fits the whole drawing into the part of the window that shows it', async () => {
    mockReducedMotion(true); // no animation: the fit is there at once
    const { container } = render(<MachineDiagram snapshot={finalSnapshot('fork_copy')} />);
    const button = screen.getByRole('button', { name: 'Zoom to fit' });
    expect(button.tagName).toBe('BUTTON');
    expect(button.closest('svg')).toBeNull();
    expect(button.getAttribute('aria-keyshortcuts')).toBe('0');
    const svg = container.querySelector('svg')!;
    // above the drawing, not over it (it hid the pagers' heading), beside the zoom level and the Legend button
    expect(button.compareDocumentPosition(svg) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(button.parentElement!.style.position).not.toBe('absolute');
    expect(screen.getByRole('button', { name: 'Legend' }).getAttribute('aria-keyshortcuts')).toBe('g G');
    expect(screen.getByTestId('zoom-level').textContent).toBe('100 %');
    const [w, h] = [Number(svg.getAttribute('width')), Number(svg.getAttribute('data-drawing-height'))];
    // the window shows the diagram's first 400 px (happy-dom has no layout: the boxes are given); the <svg> is taller than the drawing, its box clips it
    vi.spyOn(svg, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 300, w, Number(svg.getAttribute('height'))));
    vi.spyOn(svg.parentElement!, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 300, w, h));
    vi.spyOn(svg.parentElement!.parentElement!, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 300, w, h));
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(700);
    vi.spyOn(window, 'innerWidth', 'get').mockReturnValue(w);
    const viewport = container.querySelector('[data-testid="diagram-viewport"]')!;
    // clicked at once: the pan-zoom behaviour (a lazy chunk) fits when it arrives
    fireEvent.click(button);
    await act(() => vi.waitFor(() => expect(viewport.getAttribute('transform')).not.toBeNull(), { timeout: 10_000 }));
    const m = /translate\(([-\d.e]+),([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(viewport.getAttribute('transform') ?? '')!;
    const [x, y, k] = m.slice(1).map(Number);
    expect(k).toBeCloseTo(400 / h, 6); // the height is the limit
    expect(y).toBeCloseTo(0, 6);
    expect(y + h * k).toBeCloseTo(400, 6);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x + w * k).toBeLessThanOrEqual(w + 1e-6);
    // the hover layer over the picture follows the pan-zoom
    const hover = screen.getByTestId('diagram-hover').parentElement!;
    expect(hover.getAttribute('transform')).toBe(viewport.getAttribute('transform'));
    // the zoom level follows the scale
    expect(screen.getByTestId('zoom-level').textContent).toBe(`${Math.round(k * 100)} %`);
  });

  it('draws the hover path in a layer of its own: a hover or a probe changes nothing in the picture under it', async () => {
    const { snap, C } = forkCopy();
    const { container } = render(<MachineDiagram snapshot={snap} />);
    const [picture, layer] = container.querySelectorAll('svg');
    expect(layer.getAttribute('aria-hidden')).toBe('true');
    expect(layer.style.pointerEvents).toBe('none');
    expect(layer.style.willChange).toBe('transform');
    expect(layer.getAttribute('viewBox')).toBe(picture.getAttribute('viewBox'));
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(picture, { subtree: true, attributes: true, childList: true, characterData: true });
    const entry = screen.getByTestId(`entry-${C.entries[0].id}`);
    fireEvent.mouseOver(entry.querySelector('text')!);
    expect(litOnHover(entry.getAttribute('data-key')!)).toBe(true);
    // the lit links are clipped to pass under the picture's filled boxes (as its own links do)
    const clipped = layer.querySelectorAll('g[clip-path] path[data-link][data-highlighted="true"]');
    expect(clipped.length).toBe(layer.querySelectorAll('path[data-link]').length);
    expect(clipped.length).toBeGreaterThan(0);
    fireEvent.focus(screen.getByTestId('task-P'));
    expect(litOnHover(screen.getByTestId('task-P').getAttribute('data-key')!)).toBe(true);
    fireEvent.mouseLeave(entry.closest('[data-testid="diagram-viewport"]')!.firstElementChild!);
    expect(litKeys()).toEqual([]);
    await new Promise((r) => setTimeout(r, 0)); // the observer's records
    observer.disconnect();
    expect(changes).toEqual([]);
  });
});
