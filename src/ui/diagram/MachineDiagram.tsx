/**
 * MachineDiagram: the main picture of the simulated machine, one SVG drawn by React from
 * computeLayout (tasks and map entries → VM objects and shadow chains → pagers; the TLB and the
 * physical frames below). It measures its container's width (ResizeObserver) and lays out for it,
 * drawn at scale 1 so text keeps its true size (14 px, 20 px in presentation mode); the height
 * grows as needed and the page scrolls. usePanZoom (pan_zoom.ts) zooms and pans (Ctrl/⌘ + wheel,
 * drag, double-click, the zoom keys; a plain wheel scrolls the page) the viewport <g> only; the
 * "Zoom to fit" button shows the whole drawing on screen. Hovering or focusing an element (every
 * element is focusable, Tab / Shift+Tab) lights up its whole path (pathFor); Enter on a map entry
 * page asks the app to read or write there (onPageClick). The event the narration is explaining
 * (activeEvent) lights up what it names, and a page it carries travels as a small box from its
 * source to its destination (motion.ts; under reduced motion the two ends are only marked).
 * Every label is real SVG text; every group says what it is in its aria-label.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { pointer } from 'd3';
import type { KernelEvent } from '../../kernel/events';
import type { MachineSnapshot } from '../../kernel/snapshot';
import { hex } from './format';
import { computeLayout } from './layout';
import { DEFAULT_WIDTH, textWidth, type Box } from './layout/geometry';
import { boxOf, refOf } from './layout/lookup';
import { PAGE_SWATCHES, FRAME_SWATCHES, TLB_SWATCHES, type EntryLayout, type LegendItem, type Swatch, type TextItem } from './layout/types';
import { linkOnPath, pathFor } from './path';
import { CompactGrid } from './CompactGrid';
import { CompactMarks, compactLabel, frameGridLabel, frameRefOf, pageGridLabel, pageRefOf, Probe, swatchStyle, tlbGridLabel, tlbRefOf } from './CompactMarks';
import { RefSet, type ElementRef } from './element_ref';
import { eventFocus } from './motion';
import { usePanZoom } from './usePanZoom';
import { ariaKeyShortcuts, command, keyHint } from '../commands';
import { DARK, FONT_SIZE, PRESENTATION, PRESENTATION_FONT_SIZE, type Theme } from './theme';

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
}

/** How long a moving copy travels, and how long it stays at its destination before it goes. */
export const MOVE_MS = 500;
export const MOVE_HOLD_MS = 150;

/** The width of the element, followed with a ResizeObserver; DEFAULT_WIDTH until known (or without one). */
function useContainerWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const set = (w: number) => {
      if (Number.isFinite(w) && w > 0) setWidth(Math.floor(w));
    };
    set(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) set(entry.contentRect.width);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function usePrefersReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const get = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
  const [reduced, setReduced] = useState(get);
  useEffect(() => {
    if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
    const m = window.matchMedia(query);
    const on = () => setReduced(m.matches);
    m.addEventListener?.('change', on);
    return () => m.removeEventListener?.('change', on);
  }, []);
  return reduced;
}

function Label({ t, theme }: { t: TextItem; theme: Theme }) {
  return (
    <text x={t.x} y={t.y} fontSize={t.size} textAnchor={t.anchor} fontWeight={t.bold ? 700 : 400} fill={theme.text[t.tone ?? 'normal']} pointerEvents="none">
      {t.text}
    </text>
  );
}

function Labels({ texts, theme }: { texts: TextItem[]; theme: Theme }) {
  return (
    <>
      {texts.map((t, i) => (
        <Label key={i} t={t} theme={theme} />
      ))}
    </>
  );
}

/** The key of a compact grid's colours: a square of each and its name. */
function Legend({ items, swatches, theme }: { items: LegendItem[]; swatches: Record<Swatch, { fill: string; opacity: number }>; theme: Theme }) {
  return (
    <>
      {items.map((item) => (
        <g key={item.swatch} aria-hidden="true">
          <rect x={item.x} y={item.y} width={item.w} height={item.h} fill={swatches[item.swatch].fill} fillOpacity={swatches[item.swatch].opacity} />
          <Label t={item.text} theme={theme} />
        </g>
      ))}
    </>
  );
}

const ACTIVATE = new Set(['Enter', ' ']);

export function MachineDiagram({ snapshot, highlight, onPageClick, presentation = false, className, activeEvent = null }: MachineDiagramProps) {
  const theme = presentation ? PRESENTATION : DARK;
  const fontSize = presentation ? PRESENTATION_FONT_SIZE : FONT_SIZE;
  const rootRef = useRef<HTMLDivElement>(null);
  const containerWidth = useContainerWidth(rootRef);
  const layout = useMemo(() => computeLayout(snapshot, { fontSize, width: containerWidth }), [snapshot, fontSize, containerWidth]);
  const [focused, setFocused] = useState<ElementRef | null>(null);
  const path = useMemo(() => (focused === null ? new RefSet() : pathFor(snapshot, focused)), [snapshot, focused]);
  const reduced = usePrefersReducedMotion();
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const { width, height } = layout;
  const u = fontSize / FONT_SIZE;

  const focus = useMemo(() => (activeEvent === null ? null : eventFocus(activeEvent, snapshot, (r) => boxOf(layout, r) !== null)), [activeEvent, snapshot, layout]);
  const step = useMemo(() => {
    const s = new RefSet(focus?.refs ?? []);
    for (const r of highlight ?? []) s.add(r);
    return s;
  }, [highlight, focus]);

  // the moving copies of the active event: from the centre of the source to the centre of the destination
  const moves = useMemo(() => {
    const out: { label: string; x1: number; y1: number; x2: number; y2: number; w: number; h: number }[] = [];
    for (const m of focus?.moves ?? []) {
      const to = boxOf(layout, m.to);
      const from = m.from === null ? null : boxOf(layout, m.from);
      if (to === null || (m.from !== null && from === null)) continue;
      const w = textWidth(m.label, fontSize) + 16 * u;
      const [x2, y2] = [to.x + to.w / 2, to.y + to.h / 2];
      const [x1, y1] = from === null ? [Math.min(to.x + to.w + 60 * u, layout.width - w / 2 - 2), y2] : [from.x + from.w / 2, from.y + from.h / 2];
      out.push({ label: m.label, x1, y1, x2, y2, w, h: fontSize + 10 * u });
    }
    return out;
  }, [focus, layout, fontSize, u]);
  // the event whose copies have arrived (they are no longer drawn); forgotten when the event changes,
  // so that the same event shown again moves again
  const [doneFor, setDoneFor] = useState<KernelEvent | null>(null);
  const [shownEvent, setShownEvent] = useState<KernelEvent | null>(activeEvent);
  if (shownEvent !== activeEvent) {
    setShownEvent(activeEvent);
    setDoneFor(null);
  }
  const moving = !reduced && moves.length > 0 && doneFor !== activeEvent;
  const movingRefs = useRef<(SVGGElement | null)[]>([]);
  // requestAnimationFrame moves the boxes (their transform attribute, no React render per frame);
  // a layout effect so that a box reused from the previous event starts at its source before paint
  useLayoutEffect(() => {
    if (!moving) return;
    let raf = 0;
    let start: number | null = null;
    const ease = (t: number) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);
    const place = (k: number) =>
      moves.forEach((m, i) => movingRefs.current[i]?.setAttribute('transform', `translate(${m.x1 + (m.x2 - m.x1) * k},${m.y1 + (m.y2 - m.y1) * k})`));
    const tick = (now: number) => {
      start ??= now;
      place(ease(Math.min(1, (now - start) / MOVE_MS)));
      if (now - start < MOVE_MS + MOVE_HOLD_MS) raf = requestAnimationFrame(tick);
      else setDoneFor(activeEvent);
    };
    place(0);
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [moving, moves, activeEvent]);

  const panZoom = usePanZoom(svgRef, viewportRef, { width, height, reduced });
  const fitCommand = command('zoom-fit');

  /** The element under the pointer or with the focus, by its data-key (the layout knows which element has it). */
  const elementOf = (target: EventTarget | null): ElementRef | null => {
    const key = target instanceof Element ? target.closest('[data-key]')?.getAttribute('data-key') : null;
    return key === null || key === undefined ? null : refOf(layout, key);
  };
  /** A compact grid names its cells itself (onProbe), from the pointer or the arrow keys. */
  const inGrid = (target: EventTarget | null) => target instanceof Element && target.closest('[data-grid]') !== null;
  const swatches = useMemo(() => swatchStyle(theme), [theme]);
  // counted over every cell: once per picture, not on every hover
  const gridLabels = useMemo(
    () => ({
      frames: layout.framesGrid === null ? '' : frameGridLabel(snapshot, layout.framesGrid),
      tlb: layout.tlb.grid === null ? '' : tlbGridLabel(snapshot, layout.tlb.grid),
    }),
    [snapshot, layout],
  );
  const frameFills = useMemo(() => ({ fills: FRAME_SWATCHES.map((k) => swatches[k].fill), opacities: FRAME_SWATCHES.map((k) => swatches[k].opacity) }), [swatches]);
  const tlbFills = useMemo(() => ({ fills: TLB_SWATCHES.map((k) => swatches[k].fill), opacities: TLB_SWATCHES.map((k) => swatches[k].opacity) }), [swatches]);
  const pageFills = useMemo(() => ({ fills: PAGE_SWATCHES.map((k) => swatches[k].fill), opacities: PAGE_SWATCHES.map((k) => swatches[k].opacity) }), [swatches]);
  const probeLabel = focused === null ? null : compactLabel(layout, snapshot, focused);
  const probeBox = probeLabel === null || focused === null ? null : boxOf(layout, focused);
  const lit = (r: ElementRef) => path.has(r) || step.has(r);
  const stroke = (r: ElementRef, base: string) => (path.has(r) ? theme.path : step.has(r) ? theme.step : base);
  const strokeWidth = (r: ElementRef, base = 1.5) => (lit(r) ? 3.5 : base);
  const marks = (item: { key: string; ref: ElementRef }) => ({
    'data-key': item.key,
    'data-highlighted': path.has(item.ref) ? 'true' : undefined,
    'data-step': step.has(item.ref) ? 'true' : undefined,
    tabIndex: 0,
  });
  // outlines fade in 120 ms, except on a big machine (compact grids): there every frame of a fade
  // repaints a large picture, and a step's events would keep the main thread painting
  const big = layout.framesGrid !== null || layout.tlb.grid !== null || layout.objects.some((o) => o.grid !== null);
  const transition = reduced || big ? undefined : { transition: 'stroke 120ms, stroke-width 120ms' };

  const clickPage = (e: EntryLayout, address: number) => onPageClick?.(e.taskName, address);
  const onEntryClick = (e: EntryLayout) => (event: MouseEvent<SVGGElement>) => {
    if (onPageClick === undefined || e.pages.length > 0) return;
    const [, y] = pointer(event.nativeEvent, event.currentTarget);
    const page = Math.min(e.pageCount - 1, Math.max(0, Math.floor(((y - e.y) / e.h) * e.pageCount)));
    clickPage(e, e.entry.start + page * snapshot.pageSize);
  };
  const onEntryKey = (e: EntryLayout) => (event: KeyboardEvent<SVGGElement>) => {
    if (!ACTIVATE.has(event.key) || event.target !== event.currentTarget || onPageClick === undefined) return;
    event.preventDefault();
    clickPage(e, e.entry.start);
  };

  const rect = (b: Box, r: ElementRef, fill: string, base: string, extra: { dash?: string; rx?: number; width?: number } = {}) => (
    <rect
      x={b.x} y={b.y} width={b.w} height={b.h} rx={extra.rx ?? 4} fill={fill}
      stroke={stroke(r, base)} strokeWidth={strokeWidth(r, extra.width)} strokeDasharray={lit(r) ? undefined : extra.dash}
      style={transition}
    />
  );

  const links: ReactNode[] = layout.links.map((l) => {
    const on = linkOnPath(l, path);
    const color = on ? theme.path : theme.link[l.kind];
    const arrow = l.kind === 'map' || l.kind === 'shadow' || l.kind === 'pager' || l.kind === 'copy';
    return (
      <path
        key={l.key} d={l.d} fill="none" stroke={color} strokeOpacity={on ? 1 : theme.linkOpacity[l.kind]}
        strokeWidth={on ? 3 : l.kind === 'frame' ? 1 : 1.75} strokeDasharray={l.kind === 'copy' || l.kind === 'swap' ? '6 4' : undefined}
        markerEnd={arrow ? (on ? 'url(#md-arrow-path)' : `url(#md-arrow-${l.kind})`) : undefined}
        data-link={l.kind} data-from={l.from} data-to={l.to} data-highlighted={on ? 'true' : undefined} aria-hidden="true"
      />
    );
  });

  const marker = (id: string, color: string) => (
    <marker id={id} key={id} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M0,0L10,5L0,10z" fill={color} />
    </marker>
  );

  const button = presentation
    ? { background: '#000000', color: '#ffffff', border: '1px solid #ffffff' }
    : { background: '#1e293b', color: '#f1f5f9', border: '1px solid #64748b' };

  return (
    <div ref={rootRef} className={className} style={{ position: 'relative', width: '100%', minWidth: 0 }}>
      <div style={{ overflowX: 'auto' }}>
        <svg
          ref={svgRef}
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="group"
          aria-label="Machine diagram: tasks and their map entries, VM objects and shadow chains, pagers, the TLB and physical memory"
          fontFamily='ui-monospace, "DejaVu Sans Mono", "Cascadia Code", Menlo, Consolas, monospace'
          style={{ background: theme.background, display: 'block', touchAction: 'none' }}
          data-presentation={presentation ? 'true' : undefined}
        >
          <defs>
            {marker('md-arrow-path', theme.path)}
            {(['map', 'shadow', 'pager', 'copy'] as const).map((k) => marker(`md-arrow-${k}`, theme.link[k]))}
          </defs>
          <rect x={0} y={0} width={width} height={height} fill={theme.background} />
          <g ref={viewportRef} data-testid="diagram-viewport">
            <g
              onMouseOver={(e) => {
                if (!inGrid(e.target)) setFocused(elementOf(e.target));
              }}
              onMouseLeave={() => setFocused(null)}
              onFocus={(e) => {
                if (!inGrid(e.target)) setFocused(elementOf(e.target));
              }}
              onBlur={() => setFocused(null)}
            >
              <g aria-hidden="true">{links}</g>
              <Labels texts={layout.texts} theme={theme} />

              {layout.tasks.map((t) => (
                <g key={t.key} data-testid={`task-${t.task.name}`} aria-label={t.label} role="group" {...marks(t)}>
                  <rect x={t.x - 4} y={t.y - 4} width={t.w + 8} height={t.h + 8} rx={6} fill="transparent" stroke={stroke(t.ref, 'none')} strokeWidth={2} />
                  <Labels texts={t.texts} theme={theme} />
                  {t.gaps.map((g, i) => (
                    <g key={`gap${i}`} aria-label={g.label} role="note">
                      <line x1={g.x + 8} x2={g.x + 8} y1={g.y + 2} y2={g.y + g.h - 2} stroke={theme.faint} strokeWidth={2} strokeDasharray="2 3" />
                      <Labels texts={g.texts} theme={theme} />
                    </g>
                  ))}
                  {t.entries.map((e) => (
                    <g key={e.key} data-testid={`entry-${e.entry.id}`} aria-label={e.label} role="group" {...marks(e)} onClick={onEntryClick(e)} onKeyDown={onEntryKey(e)} style={{ cursor: onPageClick ? 'pointer' : undefined }}>
                      {rect(e, e.ref, theme.box, theme.stroke, { dash: e.entry.object === 0 ? '5 3' : undefined })}
                      {e.pages.map((p, i) => (
                        <g key={p.address}>
                          {i > 0 && <path d={`M${p.x + 1},${p.y}h${5 * u}M${p.x + p.w - 1 - 5 * u},${p.y}h${5 * u}`} stroke={theme.stroke} strokeWidth={1.5} aria-hidden="true" />}
                          {onPageClick !== undefined && (
                            <rect
                              x={p.x} y={p.y} width={p.w} height={p.h} fill="transparent" role="button" tabIndex={0}
                              aria-label={`page ${hex(p.address)} of task ${e.taskName}: read or write here`}
                              onClick={(ev) => {
                                ev.stopPropagation();
                                clickPage(e, p.address);
                              }}
                              onKeyDown={(ev) => {
                                if (!ACTIVATE.has(ev.key)) return;
                                ev.preventDefault();
                                ev.stopPropagation();
                                clickPage(e, p.address);
                              }}
                            />
                          )}
                        </g>
                      ))}
                      <Labels texts={e.texts} theme={theme} />
                    </g>
                  ))}
                </g>
              ))}

              {layout.objects.map((o) => (
                <g key={o.key} data-testid={`object-${o.object.id}`} aria-label={o.label} role="group" {...marks(o)}>
                  {rect(o, o.ref, theme.panel, theme.stroke, { rx: 6, width: 2, dash: o.object.cached ? '6 3' : undefined })}
                  <Labels texts={o.texts} theme={theme} />
                  {o.grid !== null && (
                    <CompactGrid
                      testId={`object-${o.object.id}-grid`} grid={o.grid} fills={pageFills.fills} opacities={pageFills.opacities} background={theme.panel}
                      label={pageGridLabel(o.grid)} refOf={pageRefOf} onProbe={setFocused}
                    />
                  )}
                  {o.cells.map((c) => (
                    <g key={c.key} data-testid={`page-${o.object.id}-${c.offset}`} aria-label={c.label} role="group" {...marks(c)}>
                      {rect(c, c.ref, c.frame !== null ? theme.boxAlt : 'transparent', c.frame !== null ? theme.stroke : c.swapped ? theme.text.warn : theme.faint, {
                        rx: 3, width: 1, dash: c.frame === null ? '4 3' : undefined,
                      })}
                      <Labels texts={c.texts} theme={theme} />
                    </g>
                  ))}
                </g>
              ))}

              {layout.pagers.map((p) => (
                <g key={p.key} data-testid={p.name === null ? 'pager-default' : `pager-${p.name}`} aria-label={p.label} role="group" {...marks(p)}>
                  {rect(p, p.ref, theme.panel, p.name === null ? theme.text.warn : theme.text.accent, { rx: 8, width: 2 })}
                  <Labels texts={p.texts} theme={theme} />
                </g>
              ))}

              <g data-testid="tlb" aria-label={layout.tlb.label} role="group" data-compact={layout.tlb.grid !== null ? 'true' : undefined}>
                <Labels texts={layout.tlb.texts} theme={theme} />
                <Legend items={layout.tlb.legend} swatches={swatches} theme={theme} />
                {layout.tlb.grid !== null && (
                  <CompactGrid
                    testId="tlb-grid" grid={layout.tlb.grid} fills={tlbFills.fills} opacities={tlbFills.opacities} background={theme.background}
                    label={gridLabels.tlb} refOf={tlbRefOf} onProbe={setFocused}
                  />
                )}
                {layout.tlb.cells.map((c) => (
                  <g key={c.key} aria-label={c.label} role="group" {...marks(c)}>
                    {rect(c, c.ref, c.entry !== null ? theme.boxAlt : 'transparent', c.entry !== null ? theme.stroke : theme.faint, { rx: 3, dash: c.entry === null ? '4 3' : undefined })}
                    <Labels texts={c.texts} theme={theme} />
                  </g>
                ))}
              </g>

              <g data-testid="frames" aria-label={`physical memory: ${snapshot.frameOwner.length} frames`} role="group" data-compact={layout.framesGrid !== null ? 'true' : undefined}>
                <Labels texts={layout.framesBox.texts} theme={theme} />
                <Legend items={layout.framesBox.legend} swatches={swatches} theme={theme} />
                {layout.framesGrid !== null && (
                  <CompactGrid
                    testId="frames-grid" grid={layout.framesGrid} fills={frameFills.fills} opacities={frameFills.opacities} background={theme.background}
                    label={gridLabels.frames} refOf={frameRefOf} onProbe={setFocused}
                  />
                )}
                {layout.frames.map((f) => (
                  <g key={f.key} data-testid={`frame-${f.index}`} aria-label={f.label} role="group" {...marks(f)} data-free={f.owner === 0 ? 'true' : undefined}>
                    {rect(f, f.ref, f.owner !== 0 ? theme.box : 'transparent', f.owner !== 0 ? theme.stroke : theme.faint, { rx: 3, width: f.owner !== 0 ? 1.5 : 1, dash: f.owner === 0 ? '3 3' : undefined })}
                    {f.dirty && <rect x={f.x + 1} y={f.y + 1} width={4} height={f.h - 2} fill={theme.dirty} aria-hidden="true" />}
                    <Labels texts={f.texts} theme={theme} />
                  </g>
                ))}
              </g>
              <CompactMarks layout={layout} path={path} step={step} theme={theme} u={u} />
            </g>
            {moving &&
              moves.map((m, i) => (
                <g
                  key={`${i}:${m.x1},${m.y1}>${m.x2},${m.y2}`}
                  ref={(el) => {
                    movingRefs.current[i] = el;
                  }}
                  data-testid="moving-page"
                  data-export="skip"
                  transform={`translate(${m.x1},${m.y1})`}
                  pointerEvents="none"
                  aria-hidden="true"
                >
                  <rect x={-m.w / 2} y={-m.h / 2} width={m.w} height={m.h} rx={4 * u} fill={theme.step} stroke={theme.background} strokeWidth={2} />
                  <text x={0} y={fontSize * 0.35} fontSize={fontSize} textAnchor="middle" fontWeight={700} fill={theme.background}>
                    {m.label}
                  </text>
                </g>
              ))}
            {probeBox !== null && probeLabel !== null && <Probe box={probeBox} label={probeLabel} theme={theme} fontSize={fontSize} width={width} />}
          </g>
        </svg>
      </div>
      <div aria-live="polite" className="sr-only" data-testid="diagram-probe-status">
        {probeLabel ?? ''}
      </div>
      <button
        type="button"
        onClick={() => panZoom.fit()}
        aria-keyshortcuts={ariaKeyShortcuts(fitCommand)}
        title={`${keyHint(fitCommand)}. Zoom: Ctrl (⌘) + wheel, ${command('zoom-in').keys[0]} / ${command('zoom-out').keys[0]}, or double-click; pan: drag`}
        style={{ position: 'absolute', top: 6, right: 6, ...button, borderRadius: 4, padding: '2px 8px', fontSize: presentation ? 16 : 13, lineHeight: presentation ? '24px' : '20px', cursor: 'pointer', opacity: 0.9 }}
      >
        {fitCommand.label}
      </button>
    </div>
  );
}
