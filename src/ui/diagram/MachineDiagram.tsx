/**
 * MachineDiagram: the main picture of the simulated machine, one SVG drawn by React from
 * computeLayout (tasks and map entries → VM objects and shadow chains → pagers; the TLB and the
 * physical frames below). It measures its container's width (ResizeObserver) and lays out for it
 * (the picture waits for the first measurement, made before the first paint: useContainerBox),
 * drawn at scale 1 so text keeps its true size (14 px); the height grows as needed and the page
 * scrolls. In presentation mode it measures the box's height too and lays out for the whole box
 * (layout/present/: the largest text that fits, 3.0–4.4vh; a big machine is scaled down to fit),
 * and the box never scrolls. usePanZoom (pan_zoom.ts) zooms and pans (Ctrl/⌘ + wheel,
 * drag, double-click, the zoom keys; a plain wheel scrolls the page) the viewport <g> only; the
 * "Zoom to fit" button (key 0; in presentation mode shown only while focused) shows the whole
 * drawing on screen. Hovering or focusing an element (every
 * element is focusable, Tab / Shift+Tab) lights up its whole path (pathFor); Enter on a map entry
 * page asks the app to read or write there (onPageClick). Two layers: the picture (DiagramPicture,
 * memoised: the layout and the step) and over it the hover layer (HoverLayer: the path, the
 * probe), a second <svg> of the same size and pan-zoom, transparent to the pointer and composited
 * on its own, so a hover re-renders and repaints only a few outlines. The event the narration is explaining
 * (activeEvent) lights up what it names, and a page it carries travels as one large chip from its
 * source to its destination, the rest dimmed (MovingCopy.tsx, drawn in the upper layer under the
 * hover outlines: a frame of its travel repaints that layer, not the picture; under reduced motion
 * the two ends are only marked). Lit elements the step changed are drawn apart from those it only touched
 * (changed), and the TLB entries it evicted leave ghosts (TlbGhost.tsx).
 * Every label is real SVG text; every group says what it is in its aria-label. A crowded machine
 * (layout/bound.ts) is drawn a window at a time: where each window starts is this component's
 * state, moved by the summaries (click, Enter or Space), so the picture's cost stays bounded.
 * A machine's layout is kept with it (layoutOf: the last one per snapshot, for the same box), so a
 * machine shown again is not laid out again.
 */
import { lazy, memo, startTransition, Suspense, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useStore } from 'zustand';
import { pointer } from './pointer';
import type { KernelEvent } from '../../kernel/events';
import type { MachineSnapshot } from '../../kernel/snapshot';
import { computeLayout } from './layout';
import type { DiagramLayout } from './layout/types';
import { shareLayout } from './layout_share';
import { DEFAULT_WIDTH } from './layout/geometry';
import { boxOf, drawnItems, refOf } from './layout/lookup';
import { pathFor } from './path';
import { compactLabel } from './CompactMarks';
import { DiagramPicture } from './DiagramPicture';
import { HoverLayer, linkClip, PATH_ARROW } from './HoverLayer';
import { RefSet, refKey, type ElementRef } from './element_ref';
import { eventFocus } from './motion';
import { MovingCopy } from './MovingCopy';
import { TlbGhosts } from './TlbGhost';
import type { TlbGhost } from './tlb_ghosts';
import { PanZoomTarget, usePanZoom } from './usePanZoom';
import { svgSize } from './svg_size';
import { IDENTITY, type PanZoom } from './pan_zoom';
import { ariaKeyShortcuts, command, keyHint } from '../commands';
import { ARROW_KINDS, DARK, FONT_SIZE, PRESENTATION, PRESENTATION_FONT_SIZE, type Theme } from './theme';
import { closeLegend, legendStore, toggleLegend } from './legend_state';
import { prefersReducedMotion } from '../reduced_motion';
import { useHeldIn } from '../use_held_in';

// the legend and the arrows' hover label (with the notation table): in the export area's lazy chunk
// (a chunk of their own would make the bundler split shared modules out of the main script)
const legendChunk = () => import('../export/lazy_views');
const Legend = lazy(() => legendChunk().then((m) => ({ default: m.Legend })));
const LinkProbe = lazy(() => legendChunk().then((m) => ({ default: m.LinkProbe })));

/** The zoom level ("120 %"), a button back to 100 %; its own state, so a zoom re-renders only it. */
function ZoomLevel({ sink, onReset, style, presentation }: { sink: { current: ((pct: number) => void) | null }; onReset: () => void; style: object; presentation: boolean }) {
  const [pct, setPct] = useState(100);
  useEffect(() => {
    sink.current = setPct;
    return () => {
      sink.current = null;
    };
  }, [sink]);
  // presentation mode shows it only while the drawing is zoomed (it would cover the drawing)
  if (presentation && pct === 100) return null;
  return (
    <button type="button" onClick={onReset} data-testid="zoom-level" aria-label={`Zoom ${pct} %: back to 100 %`} style={style}>
      {pct} %
    </button>
  );
}

export interface MachineDiagramProps {
  snapshot: MachineSnapshot;
  /** The elements the current step touched (touches.ts): drawn with a thicker outline in a bright accent. */
  highlight?: Iterable<ElementRef>;
  /** A page of a task's map entry was clicked (or Enter was pressed on it). */
  onPageClick?: (taskName: string, address: number) => void;
  /** Projector mode: text 1.4 × larger, pure black and white. */
  presentation?: boolean;
  /** Classes of the diagram's root element (a <div> holding the SVG and the Zoom to fit button). */
  className?: string;
  /**
   * The event the narration is explaining: the elements it names light up, and a page it carries
   * (cow_copy, copy_push, page_moved, memory_object_data_supply, pageout, memory_object_data_return)
   * travels from its source to its destination.
   */
  activeEvent?: KernelEvent | null;
  /** Of the lit elements, those the step changed (changes.ts): drawn apart from those it only touched. */
  changed?: RefSet;
  /** The machine before the step: the bytes a copy carries out of a frame that is free by now. */
  before?: MachineSnapshot | null;
  /** How long the active event's copy travels (ms). */
  moveMs?: number;
  /** Ghosts of the TLB entries the step evicted (tlb_ghosts.ts), beside their slots. */
  tlbGhosts?: readonly TlbGhost[];
  /** Another theme than DARK (light_theme.ts LIGHT: the handout's pages, dark ink on white). Not with `presentation`. */
  theme?: Theme;
  /**
   * The <svg>s as tall as the drawing, not grown in coarse steps (svg_size.ts) and not clipped: a
   * diagram that does not step and is scaled by its page's CSS (the handout's printed pages, where a
   * clipping box of the drawing's size in px would not scale down and would spill onto a second page).
   */
  exactSize?: boolean;
  /**
   * The step this picture shows (the page's cursor): set as `data-drawn-step` on the drawn picture's
   * viewport, committed with the picture itself. The page's first picture comes a frame or more
   * after the step's counter (deferFirstPicture); what reads the picture waits for this mark.
   */
  step?: number;
  /**
   * Told what the picture is laid out for (its box, text size and windows) each time that changes:
   * the page lays out the step fetched ahead for the same (prepareLayout), in idle time.
   */
  layoutFor?: LayoutTarget;
}

/** Where a diagram says what it lays out for: prepareLayout(snapshot, target.current) lays a machine out as it would. */
export type LayoutTarget = { current: LayoutOptions | null };

const FONT_FAMILY = 'ui-monospace, "DejaVu Sans Mono", "Cascadia Code", Menlo, Consolas, monospace';

/** Presentation mode shows the Zoom to fit button only while it has the focus (key 0 fits too): it would cover the drawing. */
const VISUALLY_HIDDEN = { width: 1, height: 1, padding: 0, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap', border: 0 } as const;

/** How long a moving copy travels unless told (the Normal speed's: settings_store SPEED_MOVE_MS). */
export const MOVE_MS = 1000;
const NO_GHOSTS: readonly TlbGhost[] = [];

/** The size laid out for in presentation mode when the container's is unknown (no ResizeObserver, e.g. in tests). */
const DEFAULT_STAGE = { width: DEFAULT_WIDTH, height: 540, vh: 7.2 };

type StageBox = typeof DEFAULT_STAGE;

export type LayoutOptions = { fontSize: number; width: number; stage: StageBox | undefined; windows: ReadonlyMap<string, number> };
/** Per machine, its last layout and what it was laid out for: a machine shown again (a play's last event and its end, a step back and forth) is not laid out again. */
const layouts = new WeakMap<MachineSnapshot, { options: LayoutOptions; layout: DiagramLayout }>();

/** Per diagram (its LayoutOptions object, one per box and windows), the layout it has drawn last: what a layout made ahead is shared with. */
const drawnLayouts = new WeakMap<LayoutOptions, DiagramLayout>();

const sameOptions = (o: LayoutOptions, p: LayoutOptions) => o.fontSize === p.fontSize && o.width === p.width && o.stage === p.stage && o.windows === p.windows;

function knownLayout(snapshot: MachineSnapshot, options: LayoutOptions): DiagramLayout | undefined {
  const known = layouts.get(snapshot);
  return known !== undefined && sameOptions(known.options, options) ? known.layout : undefined;
}

/** Lays `snapshot` out for `options`, presentation mode keeping the text size of `before` (the layout on screen before it) while the machine fits at it. */
function laidOut(snapshot: MachineSnapshot, options: LayoutOptions, before: DiagramLayout | undefined): DiagramLayout {
  return computeLayout(snapshot, options.stage !== undefined && before !== undefined ? { ...options, keepFontSize: before.fontSize } : options);
}

/** The layout of `snapshot` for `options`, from the cache or made now, presentation mode keeping the text size of `before` while the machine fits at it. */
function layoutOf(snapshot: MachineSnapshot, options: LayoutOptions, before: DiagramLayout | undefined): DiagramLayout {
  const known = knownLayout(snapshot, options);
  if (known !== undefined) return known;
  const layout = laidOut(snapshot, options, before);
  layouts.set(snapshot, { options, layout });
  return layout;
}

/**
 * Lays `snapshot` out now, as the diagram that told `options` would when it draws it (the same
 * cache: the draw then finds it laid out, with its hover clip and lookup indexes made). The page
 * calls it for the step fetched ahead, in idle time.
 * The layout is shared (layout_share.ts) with the one that will be on screen just before it: the
 * layout of `shownBefore` (the machine the play shows before this one) when given and laid out,
 * else the one the diagram has drawn last; so the step's draw compares its unchanged items by reference.
 */
export function prepareLayout(snapshot: MachineSnapshot, options: LayoutOptions, shownBefore?: MachineSnapshot): void {
  if (knownLayout(snapshot, options) !== undefined) return;
  const base = (shownBefore !== undefined ? knownLayout(shownBefore, options) : undefined) ?? drawnLayouts.get(options);
  const made = laidOut(snapshot, options, base);
  const layout = base === undefined ? made : shareLayout(base, made);
  layouts.set(snapshot, { options, layout });
  // what the step's draw asks of a new layout, made now: the hover layer's clip, and the indexes the
  // play's focus, the moving copy and the compact marks look boxes up in
  linkClip(layout);
  drawnItems(layout);
}

/** Set by the page before its first render (deferFirstPicture): its first picture is measured and drawn off the first step's task. */
let firstPictureDeferred = false;

/**
 * The page's first picture (the first step's) is drawn after the task that shows the first step,
 * not in it: the diagram's box is measured by the ResizeObserver's first report (after the frame's
 * own layout: no layout forced inside React's commit) and the picture rendered in a transition
 * (React renders it in slices). On a slow laptop the first step's task was the load's longest
 * (the page's first layout forced by the measurement, then the whole picture, issue 18). The page
 * (start_page.tsx) calls this once before it renders; a diagram mounted later (presentation mode,
 * Compare, a test) is measured and drawn at once, as before.
 */
export function deferFirstPicture(): void {
  firstPictureDeferred = true;
}

/**
 * The element's box (width, and its height and the viewport's 1 vh when `withHeight`: presentation
 * mode), followed with a ResizeObserver; null until first measured, DEFAULT_STAGE when it cannot
 * be (no layout, e.g. in tests). Without `withHeight` a change of height (the drawing growing)
 * renders nothing anew. The picture waits for the first measurement (made before anything is
 * painted: the same frame shows it) rather than being laid out for a guess and again for the real
 * width, except the page's first picture (deferFirstPicture: measured after the first step's frame
 * is laid out, drawn in the next). Later sizes (a resize) are drawn in a transition: React renders them in slices.
 */
function useContainerBox(ref: RefObject<HTMLDivElement | null>, withHeight: boolean): StageBox | null {
  const [box, setBox] = useState<StageBox | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const measure = (w: number, h: number): StageBox | null => {
      if (!Number.isFinite(w) || w <= 0) return null;
      const vh = withHeight && typeof window !== 'undefined' && window.innerHeight > 0 ? window.innerHeight / 100 : DEFAULT_STAGE.vh;
      return { width: Math.floor(w), height: withHeight && Number.isFinite(h) && h > 0 ? Math.floor(h) : DEFAULT_STAGE.height, vh };
    };
    const update = (next: StageBox) => (b: StageBox | null) => (b !== null && b.width === next.width && b.height === next.height && b.vh === next.vh ? b : next);
    const set = (next: StageBox) => startTransition(() => setBox(update(next)));
    // the page's first picture: the observer's first report measures the box (a box of no size then: DEFAULT_STAGE, as below)
    let unmeasured = firstPictureDeferred && typeof ResizeObserver !== 'undefined';
    firstPictureDeferred = false;
    if (!unmeasured) setBox(update(measure(el.clientWidth, el.clientHeight) ?? DEFAULT_STAGE));
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const next = measure(entry.contentRect.width, entry.contentRect.height) ?? (unmeasured ? DEFAULT_STAGE : null);
        unmeasured = false;
        if (next !== null) set(next);
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, withHeight]);
  return box;
}

function usePrefersReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduced, setReduced] = useState(prefersReducedMotion);
  useEffect(() => {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
    const m = window.matchMedia(query);
    const on = () => setReduced(m.matches);
    m.addEventListener?.('change', on);
    return () => m.removeEventListener?.('change', on);
  }, []);
  return reduced;
}

export function MachineDiagram(props: MachineDiagramProps) {
  const { presentation = false, className } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const box = useContainerBox(rootRef, presentation);
  // until the picture is drawn (no layout to measure yet), the zoom keys reach a stand-in that keeps the last one asked for it
  const target = useContext(PanZoomTarget);
  const asked = useRef<((pz: PanZoom) => void) | null>(null);
  const drawn = box !== null;
  useEffect(() => {
    if (target === null || drawn) return;
    const keep = (f: (pz: PanZoom) => void) => void (asked.current = f);
    const standIn: PanZoom = {
      fit: (b) => keep((pz) => pz.fit(b)), reset: () => keep((pz) => pz.reset()), zoomBy: (k) => keep((pz) => pz.zoomBy(k)),
      setBounds: () => {}, view: () => IDENTITY, destroy: () => {},
    };
    target.current = standIn;
    return () => {
      if (target.current === standIn) target.current = null;
    };
  }, [target, drawn]);
  return (
    <div
      ref={rootRef} className={className} style={{ position: 'relative', width: '100%', minWidth: 0, height: presentation ? '100%' : undefined }}
      data-testid="machine-diagram" data-box={presentation && box !== null ? `${box.width}x${box.height}` : undefined}
    >
      {box !== null && <DiagramBody {...props} box={box} asked={asked} />}
    </div>
  );
}

/** An arrowhead for the links' ends (`marker-end`), in one color. */
function arrowMarker(id: string, color: string) {
  return (
    <marker id={id} key={id} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M0,0L10,5L0,10z" fill={color} />
    </marker>
  );
}

/** The arrowheads of every kind of link, in the theme's colors: rendered again only when the theme changes, not on every step. */
const ArrowMarkers = memo(function ArrowMarkers({ theme }: { theme: Theme }) {
  return <defs>{ARROW_KINDS.map((k) => arrowMarker(`md-arrow-${k}`, theme.link[k]))}</defs>;
});

/**
 * The diagram's tools: the zoom level (back to 100 %), the legend (key g), Zoom to fit (key 0). A
 * row above the picture; over its corner in presentation mode. Its own component, memoised: a step
 * does not render it again (its props are the mode and two handles that stay the same).
 */
const DiagramTools = memo(function DiagramTools({ presentation, panZoom, scaleSink }: { presentation: boolean; panZoom: PanZoom; scaleSink: RefObject<((pct: number) => void) | null> }) {
  const fitCommand = command('zoom-fit');
  const legendCommand = command('legend');
  const legendOpen = useStore(legendStore, (s) => s.open);
  const [fitFocused, setFitFocused] = useState(false);
  const button = presentation
    ? { background: '#000000', color: '#ffffff', border: '1px solid #ffffff' }
    : { background: '#1e293b', color: '#f1f5f9', border: '1px solid #64748b' };
  // presentation mode's tool buttons: text 3vh (32 px at 1080p), as the rest of its text
  const tool = {
    ...button, borderRadius: 4, cursor: 'pointer', opacity: 0.9,
    ...(presentation ? { fontSize: '3vh', lineHeight: 1.2, padding: '0.2vh 0.8vh', borderWidth: '0.3vh' } : { fontSize: 13, lineHeight: '20px', padding: '2px 8px' }),
  };
  return (
    <div style={presentation ? { position: 'absolute', top: 6, right: 6, display: 'flex', gap: 6, zIndex: 4 } : { display: 'flex', justifyContent: 'flex-end', gap: 6, padding: '4px 6px' }}>
      <ZoomLevel sink={scaleSink} onReset={() => panZoom.reset()} style={tool} presentation={presentation} />
      <button
        type="button" onClick={toggleLegend} aria-pressed={legendOpen} aria-keyshortcuts={ariaKeyShortcuts(legendCommand)}
        title={`${legendCommand.label}: ${keyHint(legendCommand).toLowerCase()}`} style={tool}
      >
        {legendCommand.short}
      </button>
      <button
        type="button"
        onClick={() => panZoom.fit()}
        onFocus={() => setFitFocused(true)}
        onBlur={() => setFitFocused(false)}
        aria-keyshortcuts={ariaKeyShortcuts(fitCommand)}
        title={`${keyHint(fitCommand)}. Zoom: Ctrl (⌘) + wheel, ${command('zoom-in').keys[0]} / ${command('zoom-out').keys[0]}, or double-click; pan: drag`}
        style={{ ...tool, ...(presentation && !fitFocused ? VISUALLY_HIDDEN : {}) }}
      >
        {fitCommand.label}
      </button>
    </div>
  );
});

/** The diagram's tools and its two layers, laid out for the measured box. */
function DiagramBody({
  snapshot, highlight, onPageClick, presentation = false, activeEvent = null, changed, before = null, moveMs = MOVE_MS, tlbGhosts = NO_GHOSTS, theme: given, exactSize = false, box, asked, step: drawnStep, layoutFor,
}: MachineDiagramProps & { box: StageBox; asked: RefObject<((pz: PanZoom) => void) | null> }) {
  const theme = presentation ? PRESENTATION : (given ?? DARK);
  const fontSize = presentation ? PRESENTATION_FONT_SIZE : FONT_SIZE;
  const containerWidth = box.width;
  // presentation: laid out for the diagram's whole box (layout/present/: text as large as fits)
  const stage = presentation ? box : undefined;
  // where the windows of a crowded machine start (layout/bound.ts): moved by its summaries, kept from step to step
  const [windows, setWindows] = useState<ReadonlyMap<string, number>>(() => new Map());
  const showMore = useCallback((window: string, to: number) => setWindows((w) => new Map(w).set(window, to)), []);
  const layoutOptions = useMemo(() => ({ fontSize, width: containerWidth, stage, windows }), [fontSize, containerWidth, stage, windows]);
  // the layout drawn last, whatever its box: presentation mode keeps its text size, in a new box too (the narration band grew),
  // while the machine fits at it; a lesson's start (step 0: a load, Home) takes the largest size that fits afresh
  const drawnHere = useRef<DiagramLayout | undefined>(undefined);
  const lessonStart = drawnStep === 0;
  const layout = useMemo(
    () => layoutOf(snapshot, layoutOptions, lessonStart ? undefined : (drawnLayouts.get(layoutOptions) ?? drawnHere.current)),
    [snapshot, layoutOptions, lessonStart],
  );
  useEffect(() => {
    drawnLayouts.set(layoutOptions, layout);
    drawnHere.current = layout;
  }, [layoutOptions, layout]);
  useHeldIn(layoutFor, layoutOptions);
  const [focused, setFocused] = useState<ElementRef | null>(null);
  const path = useMemo(() => (focused === null ? new RefSet() : pathFor(snapshot, focused)), [snapshot, focused]);
  const reduced = usePrefersReducedMotion();
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const hoverViewportRef = useRef<SVGGElement>(null);
  const { width, height } = layout;
  // presentation: a drawing that fits the box (the fit's half-pixel slack) is drawn in <svg>s of the box's size, so their
  // viewport stays put from step to step (a new size or viewBox lays every text of the <svg> out again, steplayout round 7);
  // a drawing bigger than the box (a big machine) is shown scaled down to fit it, in <svg>s of its scaled size
  const inBox = presentation && width <= box.width + 0.5 && height <= box.height + 0.5;
  const scale = presentation && !inBox ? Math.min(1, box.width / width, box.height / height) : 1;
  // Normal mode: the <svg>s' height (and their viewBox's, at the same scale) changes in coarse steps only; a box of the drawing's true size clips them
  const [keptH, keepH] = useState(0);
  const svgW = inBox ? box.width : width * scale;
  const svgH = inBox ? box.height : presentation || exactSize ? height * scale : svgSize(height * scale, keptH);
  // the clipping box has the drawing's size only when the <svg>s are bigger (else it is a plain box: the handout's CSS scales the <svg>)
  const clip = svgH > height * scale || svgW > width * scale ? { width: width * scale, height: height * scale, overflow: 'hidden' as const } : {};
  if (svgH !== keptH) keepH(svgH);
  const u = layout.fontSize / FONT_SIZE;

  const focus = useMemo(() => (activeEvent === null ? null : eventFocus(activeEvent, snapshot, (r) => boxOf(layout, r) !== null)), [activeEvent, snapshot, layout]);
  const step = useMemo(() => {
    const s = new RefSet(focus?.refs ?? []);
    for (const r of highlight ?? []) s.add(r);
    return s;
  }, [highlight, focus]);

  const scaleSink = useRef<((pct: number) => void) | null>(null);
  const onScale = useCallback((k: number) => scaleSink.current?.(Math.round(k * 100)), []);
  const panZoom = usePanZoom(svgRef, viewportRef, { width, height, reduced, follower: hoverViewportRef, onScale });
  useEffect(() => {
    // what was asked of the stand-in before the picture was drawn
    const f = asked.current;
    asked.current = null;
    f?.(panZoom);
  }, [asked, panZoom]);
  const legendOpen = useStore(legendStore, (s) => s.open);
  // the arrow under the pointer (its key, and where the pointer met it, in drawing units): labelled by LinkProbe
  const [hoverLink, setHoverLink] = useState<{ key: string; x: number; y: number } | null>(null);
  const linkHover = (target: EventTarget | null, e: { clientX: number; clientY: number }) => {
    const key = target instanceof Element ? target.getAttribute('data-link-hit') : null;
    if (key === null) return false;
    const [x, y] = viewportRef.current === null ? [0, 0] : pointer(e, viewportRef.current);
    setHoverLink((h) => (h?.key === key ? h : { key, x, y }));
    return true;
  };

  /** The element under the pointer or with the focus, by its data-key (the layout knows which element has it). */
  const elementOf = (target: EventTarget | null): ElementRef | null => {
    const key = target instanceof Element ? target.closest('[data-key]')?.getAttribute('data-key') : null;
    return key === null || key === undefined ? null : refOf(layout, key);
  };
  /** A compact grid names its cells itself (onProbe), from the pointer or the arrow keys. */
  const inGrid = (target: EventTarget | null) => target instanceof Element && target.closest('[data-grid]') !== null;
  // a probed compact cell: its label, announced and drawn beside it
  const probe = useMemo(() => {
    const label = focused === null ? null : compactLabel(layout, snapshot, focused);
    const box = label === null || focused === null ? null : boxOf(layout, focused);
    return label === null || box === null ? null : { box, label };
  }, [layout, snapshot, focused]);
  // with a fade, a new element's outlines fade in anew (a new layer); without, the layer is updated in place
  const focusKey = focused === null ? '' : refKey(focused);
  // outlines fade in 120 ms, except on a big machine (compact grids): there every frame of a fade
  // repaints a large picture, and a step's events would keep the main thread painting
  const big = layout.framesGrid !== null || layout.tlb.grid !== null || layout.objects.some((o) => o.grid !== null);
  const fade = !reduced && !big;
  // the picture's page clicks go through a ref: a new onPageClick from the parent does not redraw the picture
  const pageClickRef = useRef(onPageClick);
  useLayoutEffect(() => {
    pageClickRef.current = onPageClick;
  }, [onPageClick]);
  const hasPageClick = onPageClick !== undefined;
  const pageClick = useCallback((taskName: string, address: number) => pageClickRef.current?.(taskName, address), []);

  return (
    <>
      <DiagramTools presentation={presentation} panZoom={panZoom} scaleSink={scaleSink} />
      <div style={{ overflowX: presentation ? 'hidden' : 'auto', position: 'relative' }}>
        {/* the drawing's true box: it clips the <svg>s, which may be bigger (svgSize; presentation: the box's size) */}
        <div data-diagram-clip="" style={{ position: 'relative', ...clip }}>
        <svg
          ref={svgRef}
          viewBox={`0 0 ${svgW / scale} ${svgH / scale}`}
          width={svgW}
          height={svgH}
          data-drawing-height={height}
          role="group"
          aria-label="Machine diagram: tasks and their map entries, VM objects and shadow chains, pagers, the TLB and physical memory"
          fontFamily={FONT_FAMILY}
          style={{ background: theme.background, display: 'block', touchAction: 'none' }}
          data-presentation={presentation ? 'true' : undefined}
        >
          <ArrowMarkers theme={theme} />
          <rect x={0} y={0} width={width} height={height} fill={theme.background} />
          <g ref={viewportRef} data-testid="diagram-viewport" data-drawn-step={drawnStep}>
            <g
              onMouseOver={(e) => {
                if (linkHover(e.target, e.nativeEvent)) return;
                setHoverLink(null);
                if (!inGrid(e.target)) setFocused(elementOf(e.target));
              }}
              onMouseLeave={() => {
                setFocused(null);
                setHoverLink(null);
              }}
              onFocus={(e) => {
                if (!inGrid(e.target)) setFocused(elementOf(e.target));
              }}
              onBlur={() => setFocused(null)}
            >
              <DiagramPicture layout={layout} snapshot={snapshot} step={step} changed={changed} theme={theme} u={u} fade={fade} onPageClick={hasPageClick ? pageClick : null} onProbe={setFocused} onShowMore={showMore} />
            </g>
            <TlbGhosts layout={layout} ghosts={tlbGhosts} theme={theme} u={u} />
          </g>
        </svg>
        {/* the upper layer (the moving copy, the hover outlines): the same drawing size and pan-zoom, on top, its own compositing layer, transparent to the pointer */}
        <svg
          viewBox={`0 0 ${svgW / scale} ${svgH / scale}`}
          width={svgW}
          height={svgH}
          aria-hidden="true"
          fontFamily={FONT_FAMILY}
          style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none', willChange: 'transform' }}
          data-testid="diagram-hover-layer"
        >
          <defs>{arrowMarker(PATH_ARROW, theme.path)}</defs>
          <g ref={hoverViewportRef}>
            {/* the travelling copy and its veil: here, off the picture, so that each of its frames repaints this layer only (not the whole machine) */}
            <MovingCopy layout={layout} snapshot={snapshot} earlier={before} focus={focus} event={activeEvent} theme={theme} u={u} moveMs={moveMs} reduced={reduced} />
            <HoverLayer key={fade ? focusKey : undefined} layout={layout} path={path} theme={theme} u={u} fontSize={fontSize} probe={probe} fade={fade} />
            {hoverLink !== null && (
              <Suspense fallback={null}>
                <LinkProbe layout={layout} link={hoverLink.key} x={hoverLink.x} y={hoverLink.y} theme={theme} />
              </Suspense>
            )}
          </g>
        </svg>
        </div>
      </div>
      <div aria-live="polite" className="sr-only" data-testid="diagram-probe-status">
        {probe?.label ?? ''}
      </div>
      {legendOpen && (
        <Suspense fallback={null}>
          <Legend theme={theme} presentation={presentation} onClose={closeLegend} />
        </Suspense>
      )}
    </>
  );
}
