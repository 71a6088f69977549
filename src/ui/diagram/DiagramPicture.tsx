/**
 * DiagramPicture: the machine diagram's picture itself, everything computeLayout placed: the links,
 * the tasks and their map entries, the objects with their page cells or grids, the pagers, the TLB
 * and the frames, each element a focusable group with its data-key and aria-label, and the
 * elements the current step touched marked two ways: changed (changes.ts: thick, solid, the step
 * colour; data-step and data-changed) or only touched (thinner, dashed, the touched colour;
 * data-step). A presentation layout (its `stroke` set) outlines every box and draws every arrow at
 * that width (3 px at 1080), each kind of arrow in its own colour and dash (theme.ts
 * presentationLinkStyle). Memoised and independent of
 * the hover: hovering or probing redraws only the hover layer (HoverLayer.tsx) drawn over it, so
 * the picture's React subtree, its DOM and its paint stay as they are. A crowded machine's
 * summaries (layout/bound.ts) are buttons: a click, Enter or Space shows the next (or previous)
 * window of what they stand for (onShowMore).
 * Each element (a link, a task with its entries, an object with its cells, a pager, a TLB slot, a
 * frame) is a memoised component given its layout item and a signature of how the step marks it and
 * what it holds (litSig): a step that lays the machine out anew re-renders, and touches in the DOM,
 * only the elements whose item (compared by value: same.ts) or marks changed.
 */
import { memo, useMemo, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { pointer } from './pointer';
import type { MachineSnapshot } from '../../kernel/snapshot';
import { hex } from './format';
import type { Box } from './layout/geometry';
import {
  FRAME_SWATCHES, PAGE_SWATCHES, TLB_SWATCHES, type DiagramLayout, type EntryLayout, type FrameLayout, type LegendItem, type LinkLayout, type ObjectLayout, type PagerLayout,
  type SummaryLayout, type Swatch, type TaskLayout, type TextItem, type TlbCellLayout,
} from './layout/types';
import { CompactGrid } from './CompactGrid';
import { CompactMarks, frameGridLabel, frameRefOf, pageGridLabel, pageRefOf, swatchStyle, tlbGridLabel, tlbRefOf } from './CompactMarks';
import { RefSet, type ElementRef } from './element_ref';
import { OUTLINE, OUTLINE_FADE, TOUCHED_DASH } from './outline_style';
import { ARROW_KINDS, linkStyle, type Theme } from './theme';
import { same } from './same';

/** How wide (px at 14 px text) the pointer finds an arrow. */
const LINK_HIT = 10;

export interface DiagramPictureProps {
  layout: DiagramLayout;
  snapshot: MachineSnapshot;
  /** The elements the current step touched (or the active event names): outlined. */
  step: RefSet;
  /**
   * Of those, the ones that changed (changes.ts): thick and solid in the step colour; the rest thin,
   * dashed, in the touched colour. Unknown (undefined): all of them drawn as changed, unmarked.
   */
  changed?: RefSet;
  theme: Theme;
  /** One px at 14 px text. */
  u: number;
  /** Outlines change colour with a short transition (small machines, motion allowed). */
  fade: boolean;
  /** A page of a map entry was clicked (or Enter pressed on it); null: pages are not clickable. */
  onPageClick: ((taskName: string, address: number) => void) | null;
  /** A cell of a compact grid was probed (or the probe left it). */
  onProbe: (r: ElementRef | null) => void;
  /** A summary was activated: move window `window` (layout/bound.ts) to start at `to`. */
  onShowMore?: (window: string, to: number) => void;
}

/**
 * The boxes the picture fills (their fill hides the links under them): map entries, objects (and
 * their cells), pagers, frames in use and TLB slots in use. The hover layer draws the lit links
 * over the picture, clipped to the rest, so that they pass under these boxes as the picture's do.
 * Keep in step with the fills below.
 */
export function filledBoxes(layout: DiagramLayout): (Box & { ref: ElementRef })[] {
  return [
    ...layout.tasks.flatMap((t) => t.entries),
    ...layout.objects,
    ...layout.pagers,
    ...layout.frames.filter((f) => f.owner !== 0),
    ...layout.tlb.cells.filter((c) => c.entry !== null),
  ];
}

/** Nothing on the hover path: the picture's compact marks are the step's only. */
const NO_PATH = new RefSet();
const ACTIVATE = new Set(['Enter', ' ']);

/**
 * A band of the picture drawn relative to its own corner, its group placed with a translate (issue
 * 18, framecost): the TLB and the frames sit under everything else, and a step that makes what is
 * above them taller (a task gains an entry, an object appears) moves them down. Drawn at absolute
 * positions, that changed the y of each of their boxes and texts (80–90 texts, 80 boxes on
 * shared_mapping), and Chromium lays out again every SVG text whose position changes (25–70 ms at
 * 4× CPU); relative to the band's corner, nothing in it changes but the group's transform, and the
 * memoised cells (compared by value) are not even re-rendered. Boxes and texts only: a band drawn
 * as a compact grid (a big machine) keeps absolute positions (its pointer maths reads them).
 */
interface Band<T> {
  /** The translate of the band's group ('' at the origin). */
  at: string;
  texts: TextItem[];
  legend: LegendItem[];
  items: T[];
}

const movedText = (t: TextItem, dx: number, dy: number): TextItem => ({ ...t, x: t.x - dx, y: t.y - dy });

/**
 * Per layout part, its copy moved to a band's corner (the last one made, and for which corner): a
 * part the next layout shares with this one (layout_share.ts) keeps its very copy, so the memoised
 * element's comparison stops at the reference.
 */
const movedCopies = new WeakMap<object, { dx: number; dy: number; copy: unknown }>();

function movedOnce<T extends object>(part: T, dx: number, dy: number, move: (p: T) => T): T {
  const known = movedCopies.get(part);
  if (known !== undefined && known.dx === dx && known.dy === dy) return known.copy as T;
  const copy = move(part);
  movedCopies.set(part, { dx, dy, copy });
  return copy;
}

function band<T extends Box & { texts: TextItem[] }>(corner: Box | null, texts: TextItem[], legend: LegendItem[], items: T[]): Band<T> {
  // a whole-pixel translate (the fraction stays in the positions): each glyph lands on the same pixels as drawn absolute
  const [dx, dy] = corner === null ? [0, 0] : [Math.floor(corner.x), Math.floor(corner.y)];
  if (dx === 0 && dy === 0) return { at: '', texts, legend, items };
  return {
    at: `translate(${dx},${dy})`,
    texts: movedOnce(texts, dx, dy, (ts) => ts.map((t) => movedText(t, dx, dy))),
    legend: movedOnce(legend, dx, dy, (ls) => ls.map((l) => ({ ...l, x: l.x - dx, y: l.y - dy, text: movedText(l.text, dx, dy) }))),
    items: items.map((item) => movedOnce(item, dx, dy, (i) => ({ ...i, x: i.x - dx, y: i.y - dy, texts: i.texts.map((t) => movedText(t, dx, dy)) }))),
  };
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

type Fills = { fills: string[]; opacities: number[] };
const themeFills = new WeakMap<Theme, { swatches: Record<Swatch, { fill: string; opacity: number }>; frames: Fills; tlb: Fills; pages: Fills }>();

/** A theme's swatches, and the fills and opacities of each grid's classes of cells: the same arrays for a theme, so CompactGrid's memo holds. */
function gridFills(theme: Theme) {
  let f = themeFills.get(theme);
  if (f === undefined) {
    const swatches = swatchStyle(theme);
    const of = (order: Swatch[]): Fills => ({ fills: order.map((k) => swatches[k].fill), opacities: order.map((k) => swatches[k].opacity) });
    f = { swatches, frames: of(FRAME_SWATCHES), tlb: of(TLB_SWATCHES), pages: of(PAGE_SWATCHES) };
    themeFills.set(theme, f);
  }
  return f;
}

/** What every element of one picture draws with: one object per picture (memoised), so an element's memo holds from step to step. */
interface Look {
  theme: Theme;
  u: number;
  stroke: number | undefined;
  touchedDash: string;
  transition: typeof OUTLINE_FADE | undefined;
  pageSize: number;
  onPageClick: ((taskName: string, address: number) => void) | null;
  onProbe: (r: ElementRef | null) => void;
  onShowMore?: (window: string, to: number) => void;
}

/** How the step marks one element: not at all, touched, changed (known), or lit while what changed is unknown. */
function litOf(step: RefSet, changed: RefSet | undefined, r: ElementRef): string {
  if (!step.has(r)) return '0';
  if (changed === undefined) return 'u';
  return changed.has(r) ? '2' : '1';
}

/** The marks of an element and of what it holds, as one string: an element re-renders when it changes. */
function litSig(step: RefSet, changed: RefSet | undefined, refs: Iterable<ElementRef>): string {
  let sig = '';
  for (const r of refs) sig += litOf(step, changed, r);
  return sig;
}

/** An element's props: its layout item, its marks' signature (the sets are read in its render, compared through `sig`), the picture's look. */
interface ElementProps<T> {
  item: T;
  sig: string;
  step: RefSet;
  changed: RefSet | undefined;
  look: Look;
}

/** Memoised on the item's value, the marks' signature and the look: the sets themselves are new every step. */
function elementMemo<T>(render: (p: ElementProps<T>) => ReactNode) {
  return memo(render, (a, b) => a.sig === b.sig && a.look === b.look && same(a.item, b.item));
}

function marksOf(step: RefSet, changed: RefSet | undefined, item: { key: string; ref: ElementRef }) {
  const lit = step.has(item.ref);
  return { 'data-key': item.key, 'data-step': lit ? 'true' : undefined, 'data-changed': lit && changed?.has(item.ref) === true ? 'true' : undefined, tabIndex: 0 };
}

/**
 * An element's box, its outline thick in the step colour when the step changed it, thinner and
 * dashed in the touched colour when it only touched it (the hover layer draws the path's over it).
 */
function Outline({ b, r, fill, base, extra = {}, step, changed, look }: { b: Box; r: ElementRef; fill: string; base: string; extra?: { dash?: string; width?: number }; step: RefSet; changed: RefSet | undefined; look: Look }) {
  const { stroke, theme, u, touchedDash, transition } = look;
  const lit = step.has(r);
  const o = OUTLINE[r.kind];
  const isChanged = lit && (changed === undefined || changed.has(r));
  // a presentation layout outlines every box at its stroke (3 px at 1080), lit ones thicker
  const width = stroke === undefined ? (extra.width ?? o.width) : stroke;
  const litWidth = stroke === undefined ? o.litWidth : Math.max(o.litWidth, 1.6 * stroke);
  const touchedWidth = stroke === undefined ? o.touchedWidth : stroke;
  return (
    <rect
      x={b.x} y={b.y} width={b.w} height={b.h} rx={stroke === undefined ? o.rx : o.rx * u} fill={fill}
      stroke={isChanged ? theme.step : lit ? theme.touched : base}
      strokeWidth={isChanged ? litWidth : lit ? touchedWidth : width}
      strokeDasharray={isChanged ? undefined : lit ? touchedDash : extra.dash}
      style={transition}
    />
  );
}

const LinkG = memo(
  function LinkG({ l, look }: { l: LinkLayout; look: Look }) {
    const { theme, stroke, u } = look;
    const style = linkStyle(l.kind, stroke);
    return (
      <g>
        <path
          d={l.d} fill="none" stroke={theme.link[l.kind]} strokeOpacity={theme.linkOpacity[l.kind]}
          strokeWidth={style.width} strokeDasharray={style.dash}
          markerEnd={ARROW_KINDS.includes(l.kind) ? `url(#md-arrow-${l.kind})` : undefined}
          data-link={l.kind} data-from={l.from} data-to={l.to} aria-hidden="true"
        />
        {/* a wider invisible stroke the pointer can find: hovering it labels the arrow (MachineDiagram, LinkProbe) */}
        <path d={l.d} fill="none" stroke="transparent" strokeWidth={LINK_HIT * u} pointerEvents="stroke" data-link-hit={l.key} data-export="skip" />
      </g>
    );
  },
  (a, b) => a.look === b.look && same(a.l, b.l),
);

const TextsG = memo(Labels, (a, b) => a.theme === b.theme && same(a.texts, b.texts));

const TaskG = elementMemo<TaskLayout>(function TaskG({ item: t, step, changed, look }) {
  const { theme, stroke, touchedDash, onPageClick, pageSize } = look;
  const o = OUTLINE.task;
  const clickPage = (e: EntryLayout, address: number) => onPageClick?.(e.taskName, address);
  const onEntryClick = (e: EntryLayout) => (event: MouseEvent<SVGGElement>) => {
    if (onPageClick === null || e.pages.length > 0) return;
    const [, y] = pointer(event.nativeEvent, event.currentTarget);
    const page = Math.min(e.pageCount - 1, Math.max(0, Math.floor(((y - e.y) / e.h) * e.pageCount)));
    clickPage(e, e.entry.start + page * pageSize);
  };
  const onEntryKey = (e: EntryLayout) => (event: KeyboardEvent<SVGGElement>) => {
    if (!ACTIVATE.has(event.key) || event.target !== event.currentTarget || onPageClick === null) return;
    event.preventDefault();
    // the entry's Enter / Space: the what-if menu, not also the page's step forward (as a button keeps them)
    event.stopPropagation();
    clickPage(e, e.entry.start);
  };
  return (
    <g data-testid={`task-${t.task.name}`} aria-label={t.label} role="group" {...marksOf(step, changed, t)}>
      <rect
        x={t.x - o.pad} y={t.y - o.pad} width={t.w + 2 * o.pad} height={t.h + 2 * o.pad} rx={o.rx} fill="transparent"
        stroke={!step.has(t.ref) ? 'none' : changed === undefined || changed.has(t.ref) ? theme.step : theme.touched} strokeWidth={stroke ?? o.width}
        strokeDasharray={step.has(t.ref) && changed !== undefined && !changed.has(t.ref) ? touchedDash : undefined}
      />
      <Labels texts={t.texts} theme={theme} />
      {t.gaps.map((g, i) => (
        <g key={`gap${i}`} aria-label={g.label} role="note">
          <line x1={g.x + 8} x2={g.x + 8} y1={g.y + 2} y2={g.y + g.h - 2} stroke={theme.faint} strokeWidth={2} strokeDasharray="2 3" />
          <Labels texts={g.texts} theme={theme} />
        </g>
      ))}
      {t.entries.map((e) => (
        <g key={e.key} data-testid={`entry-${e.entry.id}`} aria-label={e.label} role="group" {...marksOf(step, changed, e)} onClick={onEntryClick(e)} onKeyDown={onEntryKey(e)} style={{ cursor: onPageClick ? 'pointer' : undefined }}>
          <Outline b={e} r={e.ref} fill={theme.box} base={theme.stroke} extra={{ dash: e.entry.object === 0 ? '5 3' : undefined }} step={step} changed={changed} look={look} />
          {e.pages.map((p, i) => (
            <g key={p.address}>
              {i > 0 && <path d={`M${p.x + 1},${p.y}h${5 * look.u}M${p.x + p.w - 1 - 5 * look.u},${p.y}h${5 * look.u}`} stroke={theme.stroke} strokeWidth={1.5} aria-hidden="true" />}
              {onPageClick !== null && (
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
  );
});

const SummaryG = memo(
  function SummaryG({ s, look }: { s: SummaryLayout; look: Look }) {
    const { theme, u, onShowMore } = look;
    return (
      <g
        data-testid={`summary-${s.key}`} data-count={s.count} role="button" tabIndex={0} aria-label={s.label}
        style={{ cursor: onShowMore ? 'pointer' : undefined }}
        onClick={() => onShowMore?.(s.window, s.to)}
        onKeyDown={(ev) => {
          if (!ACTIVATE.has(ev.key)) return;
          ev.preventDefault();
          onShowMore?.(s.window, s.to);
        }}
      >
        <rect x={s.x} y={s.y} width={s.w} height={s.h} rx={4 * u} fill={theme.panel} stroke={theme.text.accent} strokeWidth={1.25} strokeDasharray="5 3" />
        <Labels texts={s.texts} theme={theme} />
      </g>
    );
  },
  (a, b) => a.look === b.look && same(a.s, b.s),
);

const ObjectG = elementMemo<ObjectLayout>(function ObjectG({ item: o, step, changed, look }) {
  const { theme, onProbe } = look;
  const pageFills = gridFills(theme).pages;
  return (
    <g data-testid={`object-${o.object.id}`} aria-label={o.label} role="group" {...marksOf(step, changed, o)}>
      <Outline b={o} r={o.ref} fill={theme.panel} base={theme.stroke} extra={{ dash: o.object.cached ? '6 3' : undefined }} step={step} changed={changed} look={look} />
      <Labels texts={o.texts} theme={theme} />
      {o.grid !== null && (
        <CompactGrid
          testId={`object-${o.object.id}-grid`} grid={o.grid} fills={pageFills.fills} opacities={pageFills.opacities} background={theme.panel}
          label={pageGridLabel(o.grid)} refOf={pageRefOf} onProbe={onProbe}
        />
      )}
      {o.cells.map((c) => (
        <g key={c.key} data-testid={`page-${o.object.id}-${c.offset}`} aria-label={c.label} role="group" {...marksOf(step, changed, c)}>
          <Outline
            b={c} r={c.ref} fill={c.frame !== null ? theme.boxAlt : 'transparent'} base={c.frame !== null ? theme.stroke : c.swapped ? theme.text.warn : theme.faint}
            extra={{ dash: c.frame === null ? '4 3' : undefined }} step={step} changed={changed} look={look}
          />
          <Labels texts={c.texts} theme={theme} />
        </g>
      ))}
    </g>
  );
});

const PagerG = elementMemo<PagerLayout>(function PagerG({ item: p, step, changed, look }) {
  const { theme } = look;
  return (
    <g data-testid={p.name === null ? 'pager-default' : `pager-${p.name}`} aria-label={p.label} role="group" {...marksOf(step, changed, p)}>
      <Outline b={p} r={p.ref} fill={theme.panel} base={p.name === null ? theme.text.warn : theme.text.accent} step={step} changed={changed} look={look} />
      <Labels texts={p.texts} theme={theme} />
    </g>
  );
});

const TlbCellG = elementMemo<TlbCellLayout>(function TlbCellG({ item: c, step, changed, look }) {
  const { theme } = look;
  return (
    <g aria-label={c.label} role="group" {...marksOf(step, changed, c)}>
      <Outline b={c} r={c.ref} fill={c.entry !== null ? theme.boxAlt : 'transparent'} base={c.entry !== null ? theme.stroke : theme.faint} extra={{ dash: c.entry === null ? '4 3' : undefined }} step={step} changed={changed} look={look} />
      <Labels texts={c.texts} theme={theme} />
    </g>
  );
});

const FrameG = elementMemo<FrameLayout>(function FrameG({ item: f, step, changed, look }) {
  const { theme, u } = look;
  return (
    <g data-testid={`frame-${f.index}`} aria-label={f.label} role="group" {...marksOf(step, changed, f)} data-free={f.owner === 0 ? 'true' : undefined}>
      <Outline
        b={f} r={f.ref} fill={f.owner !== 0 ? theme.box : 'transparent'} base={f.owner !== 0 ? theme.stroke : theme.faint}
        extra={{ width: f.owner !== 0 ? 1.5 : 1, dash: f.owner === 0 ? '3 3' : undefined }} step={step} changed={changed} look={look}
      />
      {f.dirty && <rect x={f.x + 1} y={f.y + 1} width={4 * u} height={f.h - 2} fill={theme.dirty} aria-hidden="true" />}
      <Labels texts={f.texts} theme={theme} />
    </g>
  );
});

function DiagramPictureImpl({ layout, snapshot, step, changed, theme, u, fade, onPageClick, onProbe, onShowMore }: DiagramPictureProps) {
  const { swatches, frames: frameFills, tlb: tlbFills } = gridFills(theme);
  const stroke = layout.stroke;
  const look = useMemo<Look>(
    () => ({
      theme, u, stroke, onPageClick, onProbe, onShowMore, pageSize: snapshot.pageSize,
      transition: fade ? OUTLINE_FADE : undefined,
      // what the step only touched: dashed, at the presentation stroke when there is one (its dash scaled)
      touchedDash: stroke === undefined ? TOUCHED_DASH : `${6 * u} ${4 * u}`,
    }),
    [theme, u, stroke, onPageClick, onProbe, onShowMore, snapshot.pageSize, fade],
  );
  const el = { step, changed, look };
  const tlb = useMemo(() => band(layout.tlb.grid === null ? layout.tlb : null, layout.tlb.texts, layout.tlb.legend, layout.tlb.cells), [layout.tlb]);
  const frames = useMemo(
    () => band(layout.framesGrid === null ? layout.framesBox : null, layout.framesBox.texts, layout.framesBox.legend, layout.frames),
    [layout.framesGrid, layout.framesBox, layout.frames],
  );

  return (
    <>
      <g aria-hidden="true">
        {layout.links.map((l) => (
          <LinkG key={l.key} l={l} look={look} />
        ))}
      </g>
      <TextsG texts={layout.texts} theme={theme} />

      {layout.tasks.map((t) => (
        <TaskG key={t.key} item={t} sig={litSig(step, changed, [t.ref, ...t.entries.map((e) => e.ref)])} {...el} />
      ))}

      {(layout.summaries ?? []).map((s) => (
        <SummaryG key={s.key} s={s} look={look} />
      ))}

      {layout.objects.map((o) => (
        <ObjectG key={o.key} item={o} sig={litSig(step, changed, [o.ref, ...o.cells.map((c) => c.ref)])} {...el} />
      ))}

      {layout.pagers.map((p) => (
        <PagerG key={p.key} item={p} sig={litOf(step, changed, p.ref)} {...el} />
      ))}

      <g data-testid="tlb" aria-label={layout.tlb.label} role="group" data-compact={layout.tlb.grid !== null ? 'true' : undefined} transform={tlb.at || undefined}>
        <TextsG texts={tlb.texts} theme={theme} />
        <Legend items={tlb.legend} swatches={swatches} theme={theme} />
        {layout.tlb.grid !== null && (
          <CompactGrid
            testId="tlb-grid" grid={layout.tlb.grid} fills={tlbFills.fills} opacities={tlbFills.opacities} background={theme.background}
            label={tlbGridLabel(snapshot, layout.tlb.grid)} refOf={tlbRefOf} onProbe={onProbe}
          />
        )}
        {tlb.items.map((c) => (
          <TlbCellG key={c.key} item={c} sig={litOf(step, changed, c.ref)} {...el} />
        ))}
      </g>

      <g
        data-testid="frames" aria-label={layout.framesLabel ?? `physical memory: ${snapshot.frameOwner.length} frames`} role="group"
        data-compact={layout.framesGrid !== null ? 'true' : undefined} transform={frames.at || undefined}
      >
        <TextsG texts={frames.texts} theme={theme} />
        <Legend items={frames.legend} swatches={swatches} theme={theme} />
        {layout.framesGrid !== null && (
          <CompactGrid
            testId="frames-grid" grid={layout.framesGrid} fills={frameFills.fills} opacities={frameFills.opacities} background={theme.background}
            label={frameGridLabel(snapshot, layout.framesGrid)} refOf={frameRefOf} onProbe={onProbe}
          />
        )}
        {frames.items.map((f) => (
          <FrameG key={f.key} item={f} sig={litOf(step, changed, f.ref)} {...el} />
        ))}
      </g>
      <CompactMarks layout={layout} path={NO_PATH} step={step} theme={theme} u={u} />
    </>
  );
}

/** Memoised: a render of the diagram that changes none of these (a hover, a probe) does not redraw the picture. */
export const DiagramPicture = memo(DiagramPictureImpl);
